import { selectColorBy, selectLabelKpi } from '../../store/selectors';
import type { LabelKpi } from '../../store/types';
import { useAppStore, useAppStoreApi } from '../common/storeContext';

/** How territories look on the map: colored by territory or region; which KPI labels show. */
export function MapOptions() {
  const colorBy = useAppStore(selectColorBy);
  const labelKpi = useAppStore(selectLabelKpi);
  const api = useAppStoreApi();
  return (
    <div className="map-options" role="group" aria-label="Map options">
      <label>
        Color by
        <select value={colorBy} onChange={(e) => api.getState().setColorBy(e.target.value as 'territory' | 'region')}>
          <option value="territory">Territory</option>
          <option value="region">Region</option>
        </select>
      </label>
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
