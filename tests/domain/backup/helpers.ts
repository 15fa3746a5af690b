/** A realistic backup content for the backup tests. */
import type { Polygon } from 'geojson';
import type { BackupContent } from '../../../src/domain/backup';
import { duplicatePlan } from '../../../src/domain/plans';
import type { PlanId, Store, StoreId, Workspace } from '../../../src/domain/types';
import { PEOPLE, PLAN_A, randomStores, sampleBundle, WS } from '../plans/helpers';

/** A workspace with two plans (one a duplicate with an edit), histories and settings. */
export function sampleContent(storeCount = 3000): BackupContent {
  const a = sampleBundle();
  const b = duplicatePlan(a, { newPlanId: 'plan-B' as PlanId, name: 'FY27 — option B', now: 1_700_000_900_000 });
  (b.territories[2]!.geometry as Polygon).coordinates[0]![0]![0] = -97.25;
  (b.territories[2]!.geometry as Polygon).coordinates[0]![4]![0] = -97.25;
  b.territories[0]!.targetRevenue = null;
  delete b.plan.overlapMode;
  const stores: Store[] = randomStores(storeCount);
  stores.push(
    { ...stores[0]!, id: 'S-zz-edge-1' as StoreId, externalId: '', name: '"Quoted", comma\nnewline ☃ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢', address: '', revenue: Number.MAX_SAFE_INTEGER, priorRevenue: 1e300, potential: 5e-324, lat: -90, lng: 180, satisfaction: 4.5 },
    { ...stores[1]!, id: 'S-zz-edge-2' as StoreId, externalId: null, revenue: -1234.5678, priorRevenue: 0, potential: 0.1 + 0.2, lat: 90, lng: -180, customerSince: null, renewalDate: null, accountManagerId: 'P-deleted' as Store['accountManagerId'] },
  );
  const workspace: Workspace = { id: WS, name: 'Prairie Pet Supply', activePlanId: PLAN_A, createdAt: 1_690_000_000_000 };
  return {
    workspace,
    stores,
    people: PEOPLE.slice(),
    plans: [
      { bundle: a, history: { undo: [{ label: 'Moved North', before: [a.territories[0]], after: [b.territories[0]], extra: { nested: [1, null, 'x'] } }], redo: [] } },
      { bundle: b },
    ],
    settings: { theme: 'dark', map: { basemap: 'streets', zoom: 6.5 }, recent: ['a', 'b'], flag: true, none: null },
    createdAt: 1_701_234_567_890,
  };
}

