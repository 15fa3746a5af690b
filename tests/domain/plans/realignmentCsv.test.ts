import { describe, expect, it } from 'vitest';
import { REALIGNMENT_CSV_HEADER, realignmentToCsv } from '../../../src/domain/export';
import { parseDelimited } from '../../../src/domain/import';
import { comparePlans } from '../../../src/domain/plans';
import { baseStore, squareTerritory } from '../../fixtures/market';
import { assign, randomStores, sampleBundle } from './helpers';
import { duplicatePlan } from '../../../src/domain/plans';
import type { PlanId, Store } from '../../../src/domain/types';

function parse(csv: string): string[][] {
  const table = parseDelimited(csv, { delimiter: ',' });
  return [table.header, ...table.rows];
}

describe('realignmentToCsv', () => {
  const A = [squareTerritory('ta', 0, 0, 1, 0, { name: '+x' }), squareTerritory('tb', 0, 0, 1, 1, { name: 'Plain, "quoted"' })];
  const B = [squareTerritory('ta', 0, 0, 1, 0, { name: '+x' }), squareTerritory('tb', 0, 0, 1, 1, { name: 'Plain, "quoted"' })];
  const stores: Store[] = [
    baseStore({ id: 's1' as Store['id'], name: '=HYPERLINK("http://evil","click")', revenue: 1234.5, status: 'customer' }),
    baseStore({ id: 's2' as Store['id'], name: 'Stays', revenue: 1 }),
    baseStore({ id: 's3' as Store['id'], name: 'Line\nbreak', revenue: -0.25, status: 'lost' }),
    baseStore({ id: 's4' as Store['id'], name: '@mention', revenue: 99 }),
  ];
  const c = comparePlans({
    stores,
    assignmentA: Int32Array.from([0, 1, -1, 1]),
    territoriesA: A,
    assignmentB: Int32Array.from([1, 1, 0, -1]),
    territoriesB: B,
  });
  const csv = realignmentToCsv(stores, c, A, B);

  it('has the exact header and one LF-terminated line per moved store, in store order', () => {
    expect(csv.split('\n')[0]).toBe('store_id,store_name,from_territory_id,from_territory,to_territory_id,to_territory,revenue,status');
    expect(REALIGNMENT_CSV_HEADER.join(',')).toBe(csv.split('\n')[0]);
    expect(csv.endsWith('\n')).toBe(true);
    expect(csv).not.toContain('\r');
    const rows = parse(csv).slice(1);
    expect(rows.map((r) => r[0])).toEqual(['s1', 's3', 's4']);
  });

  it('neutralises formulas in names and quotes per RFC 4180; empty cells for unassigned; numbers plain', () => {
    const lines = csv.split('\n');
    // s1: a formula in the store name, "+x" as the from territory.
    expect(lines[1]).toBe(`s1,"'=HYPERLINK(""http://evil"",""click"")",ta,'+x,tb,"Plain, ""quoted""",1234.5,customer`);
    // s3: from unassigned (empty id and name), a newline inside quotes, a negative number kept.
    expect(csv).toContain(`s3,"Line\nbreak",,,ta,'+x,-0.25,lost`);
    // s4: to unassigned; "@" neutralised.
    expect(csv).toContain(`s4,'@mention,tb,"Plain, ""quoted""",,,99,prospect`);
  });

  it('parses back to exactly the moved stores with their from/to territories', () => {
    const rows = parse(csv).slice(1);
    expect(rows).toEqual([
      ['s1', `'=HYPERLINK("http://evil","click")`, 'ta', "'+x", 'tb', 'Plain, "quoted"', '1234.5', 'customer'],
      ['s3', 'Line\nbreak', '', '', 'ta', "'+x", '-0.25', 'lost'],
      ['s4', "'@mention", 'tb', 'Plain, "quoted"', '', '', '99', 'prospect'],
    ]);
  });

  it('an edit of a duplicated plan: the CSV lists exactly the stores the comparison moved', () => {
    const market = randomStores(2000, 5);
    const planA = sampleBundle();
    const planB = duplicatePlan(planA, { newPlanId: 'plan-B' as PlanId, name: 'B', now: 1 });
    planB.territories.splice(1, 1); // delete T-south: its stores become unassigned
    const aA = assign(market, planA);
    const aB = assign(market, planB);
    const cmp = comparePlans({ stores: market, assignmentA: aA, territoriesA: planA.territories, assignmentB: aB, territoriesB: planB.territories });
    const rows = parse(realignmentToCsv(market, cmp, planA.territories, planB.territories)).slice(1);
    expect(rows.length).toBe(cmp.summary.storesMoved);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r[0])).toEqual(Array.from(cmp.moved, (i) => market[i]!.id));
    expect(rows.every((r) => r[2] === 'T-south' && r[3] === 'South Plains' && r[4] === '' && r[5] === '')).toBe(true);
  });

  it('no moves → the header line only', () => {
    const none = comparePlans({ stores, assignmentA: new Int32Array(4), territoriesA: A, assignmentB: new Int32Array(4), territoriesB: B });
    expect(realignmentToCsv(stores, none, A, B)).toBe(`${REALIGNMENT_CSV_HEADER.join(',')}\n`);
  });
});
