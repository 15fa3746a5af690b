import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { kmlColor, territoriesToKml } from '../../../src/domain/export';
import { rewindRfc7946 } from '../../../src/domain/geometry';
import { readTerritoryFile } from '../../../src/domain/territoryFiles';
import type { PlanId, Territory, TerritoryGeometry, TerritoryId } from '../../../src/domain/types';

function territory(id: string, name: string, color: string, geometry: TerritoryGeometry, rank = 0): Territory {
  return { id: id as TerritoryId, planId: 'plan-1' as PlanId, name, color, geometry, managerId: null, regionId: null, locked: false, rank };
}

// Clockwise outer ring with a hole, non-round coordinates (full precision must survive).
const withHole: TerritoryGeometry = {
  type: 'Polygon',
  coordinates: [
    [[-87.123456789012, 41.1], [-87.123456789012, 42.30000000000001], [-86.1, 42.30000000000001], [-86.1, 41.1], [-87.123456789012, 41.1]],
    [[-86.9, 41.5], [-86.5, 41.5], [-86.5, 41.9], [-86.9, 41.9], [-86.9, 41.5]],
  ],
};
const twoParts: TerritoryGeometry = {
  type: 'MultiPolygon',
  coordinates: [
    [[[0.1, 0.2], [0.30000000000000004, 0.2], [0.30000000000000004, 0.7], [0.1, 0.2]]],
    [[[5, 5], [6, 5], [6, 6], [5, 6], [5, 5]]],
  ],
};

const parse = (xml: string) => {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, msg) => { if (level !== 'warning') errors.push(msg); } }).parseFromString(xml, 'text/xml');
  expect(errors).toEqual([]);
  return doc;
};
type HasElements = { getElementsByTagName(tag: string): ArrayLike<{ textContent: string | null }> };
const texts = (node: HasElements, tag: string): string[] => Array.from(node.getElementsByTagName(tag)).map((e) => e.textContent ?? '');

describe('territoriesToKml', () => {
  it('converts CSS colors to KML aabbggrr', () => {
    expect(kmlColor('#1f77b4', 'ff')).toBe('ffb4771f');
    expect(kmlColor('#ABC', '66')).toBe('66ccbbaa');
    expect(kmlColor('red', 'ff')).toBe('ff888888'); // not a hex color: neutral gray
  });

  it('writes a KML 2.2 Document named after the plan, one styled Placemark per territory', () => {
    const kml = territoriesToKml(
      [territory('t-1', 'North', '#1f77b4', withHole), territory('t-2', 'Islands', '#ff7f0e', twoParts)],
      { planName: 'FY27 plan', describe: (t) => [{ label: 'Stores', value: t.name === 'North' ? '12' : '3' }] },
    );
    expect(kml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">')).toBe(true);
    const doc = parse(kml);
    expect(doc.getElementsByTagName('Document')[0]!.getElementsByTagName('name')[0]!.textContent).toBe('FY27 plan');
    expect(doc.getElementsByTagName('Placemark')).toHaveLength(2);
    expect(texts(doc, 'styleUrl')).toEqual(['#territory-1', '#territory-2']);
    const styles = Array.from(doc.getElementsByTagName('Style'));
    expect(styles.map((s) => s.getAttribute('id'))).toEqual(['territory-1', 'territory-2']);
    expect(texts(styles[0]!, 'color')).toEqual(['ffb4771f', '66b4771f']); // line opaque, fill 40 %
    expect(doc.getElementsByTagName('innerBoundaryIs')).toHaveLength(1);
    expect(doc.getElementsByTagName('MultiGeometry')).toHaveLength(1);
    expect(texts(doc, 'value').slice(0, 2)).toEqual(['t-1', '12']);
    // Outer ring written counter-clockwise (RFC 7946), "lng,lat" pairs.
    expect(texts(doc, 'coordinates')[0]).toBe('-87.123456789012,41.1 -86.1,41.1 -86.1,42.30000000000001 -87.123456789012,42.30000000000001 -87.123456789012,41.1');
  });

  it('escapes every text: names, ids, KPI labels and values cannot inject markup', () => {
    const evil = `A & <B> "C" 'D' ]]></name><script>x</script>\u0001`;
    const kml = territoriesToKml([territory('id"<&>', evil, '#000000', twoParts)], {
      planName: '</name><Folder>',
      describe: () => [{ label: '<b>Revenue</b>', value: '</td></tr></table><img src=x onerror=alert(1)>' }],
    });
    expect(kml).not.toContain('<script');
    expect(kml).not.toContain('<img');
    expect(kml).not.toContain('\u0001');
    const doc = parse(kml);
    expect(doc.getElementsByTagName('Folder')).toHaveLength(0);
    expect(doc.getElementsByTagName('Placemark')[0]!.getElementsByTagName('name')[0]!.textContent).toBe(evil.replace('\u0001', ''));
    // The description is an HTML table as text; its cells are HTML-escaped inside it.
    const description = texts(doc, 'description')[0]!;
    expect(description).toBe('<table><tr><th align="left">&lt;b&gt;Revenue&lt;/b&gt;</th><td>&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;img src=x onerror=alert(1)&gt;</td></tr></table>');
    expect(texts(doc, 'Data').length).toBe(2);
  });

  it('round-trips through readTerritoryFile: same geometries and names', async () => {
    const territories = [
      territory('t-1', "O'Hare & Co", '#1f77b4', withHole),
      territory('t-2', 'Islands', '#ff7f0e', twoParts),
      territory('t-3', 'Zürich Süd', '#2ca02c', { type: 'Polygon', coordinates: [[[8.5, 47.3], [8.6, 47.3], [8.55, 47.35], [8.5, 47.3]]] }),
    ];
    const kml = territoriesToKml(territories, { planName: 'Round trip' });
    const r = await readTerritoryFile(new TextEncoder().encode(kml), 'plan.kml');
    if (!r.ok) throw new Error(r.message);
    expect(r.value.suggestedNameField).toBe('name');
    expect(r.value.features.map((f) => f.properties.name)).toEqual(territories.map((t) => t.name));
    expect(r.value.features.map((f) => f.properties.territoryId)).toEqual(['t-1', 't-2', 't-3']);
    r.value.features.forEach((f, i) => {
      expect(f.note).toBeUndefined();
      expect(f.geometry).toEqual(rewindRfc7946(territories[i]!.geometry));
    });
  });
});
