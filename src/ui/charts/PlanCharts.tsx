import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { selectChannelPenetration, selectPlan, selectPlanReport, selectSelectedId, selectTerritories } from '../../store/selectors';
import type { TerritoryId } from '../../domain/types';
import { slug } from '../common/download';
import { useAppStore, useAppStoreApi } from '../common/storeContext';
import { BalanceChart } from './BalanceChart';
import { ChannelPenetrationChart } from './ChannelPenetrationChart';
import { TargetChart } from './TargetChart';

/**
 * The plan's charts beside the statistics table (issue 14): the balance chart,
 * penetration by channel and revenue against target, all read from the plan report (the
 * channel split from `selectChannelPenetration`, computed only while this is on screen).
 */
export function PlanCharts() {
  const api = useAppStoreApi();
  const [ref, width] = useContentWidth(420);
  const report = useAppStore(selectPlanReport);
  const selectedId = useAppStore(selectSelectedId);
  const territories = useAppStore(selectTerritories);
  const byChannel = useAppStore(selectChannelPenetration);
  const planName = useAppStore(selectPlan)?.name ?? 'plan';
  const territoryIds = useMemo(() => territories.map((t) => t.id), [territories]);
  const fileStem = `${slug(planName)}-${new Date().toISOString().slice(0, 10)}`;
  const onSelect = useCallback((id: TerritoryId) => {
    api.getState().selectTerritory(id);
  }, [api]);

  let body;
  if (!report) body = <p className="empty-note">Computing the figures…</p>;
  else if (report.territories.length === 0) body = <p className="empty-note">No territories yet: draw or import territories to see the charts.</p>;
  else if (report.total.stats.stores === 0) body = <p className="empty-note">No stores in the market: import stores to see the charts.</p>;
  else
    body = (
      <>
        <BalanceChart width={width} report={report} selectedId={selectedId} fileStem={fileStem} onSelect={onSelect} />
        <ChannelPenetrationChart width={width} report={report} territoryIds={territoryIds} byChannel={byChannel} fileStem={fileStem} />
        <TargetChart width={width} report={report} fileStem={fileStem} />
      </>
    );
  return (
    <section className="plan-charts" aria-label="Charts" ref={ref}>
      {body}
    </section>
  );
}

/**
 * The content width of an element, followed with a ResizeObserver (the charts fit their
 * column and scroll sideways only when the bars reach their minimum width); `fallback`
 * where there is no layout (jsdom) or before the first measure.
 */
function useContentWidth(fallback: number) {
  const ref = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const measure = () => {
      const style = getComputedStyle(el);
      const w = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (w > 0) setWidth(Math.floor(w));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width] as const;
}
