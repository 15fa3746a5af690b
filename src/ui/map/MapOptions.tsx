import { CHOROPLETH_KPIS, CLASS_METHODS, isChoroplethKpi, MAX_CLASSES, MIN_CLASSES, type ClassMethod } from '../../domain/report';
import { selectClassCount, selectClassMethod, selectColorBy, selectLabelKpi } from '../../store/selectors';
import type { ColorBy, LabelKpi } from '../../store/types';
import { useAppStore, useAppStoreApi } from '../common/storeContext';
import { CHOROPLETH_LABELS } from './ChoroplethLegend';

const METHOD_LABELS: Record<ClassMethod, string> = { quantile: 'Quantiles', equal: 'Equal interval', jenks: 'Natural breaks' };

/** How territories look on the map: colored by territory, region or a KPI's classes; which KPI labels show. */
export function MapOptions() {
  const colorBy = useAppStore(selectColorBy);
  const labelKpi = useAppStore(selectLabelKpi);
  const method = useAppStore(selectClassMethod);
  const classCount = useAppStore(selectClassCount);
  const api = useAppStoreApi();
  return (
    <div className="map-options" role="group" aria-label="Map options">
      <label>
        Color by
        <select value={colorBy} onChange={(e) => api.getState().setColorBy(e.target.value as ColorBy)}>
          <option value="territory">Territory</option>
          <option value="region">Region</option>
          {CHOROPLETH_KPIS.map((k) => (
            <option key={k} value={k}>{CHOROPLETH_LABELS[k]}</option>
          ))}
        </select>
      </label>
      {isChoroplethKpi(colorBy) && (
        <>
          <label>
            Classification
            <select value={method} onChange={(e) => api.getState().setClassMethod(e.target.value as ClassMethod)}>
              {CLASS_METHODS.map((m) => (
                <option key={m} value={m}>{METHOD_LABELS[m]}</option>
              ))}
            </select>
          </label>
          <label>
            Classes
            <select value={classCount} onChange={(e) => api.getState().setClassCount(Number(e.target.value))}>
              {Array.from({ length: MAX_CLASSES - MIN_CLASSES + 1 }, (_, i) => MIN_CLASSES + i).map((n) => (
                <option key={n} value={n}>{n}</option>
              ))}
            </select>
          </label>
        </>
      )}
      <label>
        Label KPI
        <select value={labelKpi} onChange={(e) => api.getState().setLabelKpi(e.target.value as LabelKpi)}>
          <option value="none">None</option>
          <option value="stores">Stores</option>
          <option value="revenue">Revenue</option>
          <option value="penetration">Penetration</option>
          <option value="balance">Balance</option>
        </select>
      </label>
    </div>
  );
}
