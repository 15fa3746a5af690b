import { STORE_STATUSES } from '../../domain/types';
import { STATUS_COLORS } from '../../map/statusColors';

/** Store point colors, as drawn on the map. */
export function Legend({ counts }: { counts: Record<string, number> }) {
  return (
    <ul className="legend" aria-label="Store status legend">
      {STORE_STATUSES.map((s) => (
        <li key={s}>
          <span className="dot" style={{ background: STATUS_COLORS[s] }} aria-hidden="true" />
          {s[0]!.toUpperCase() + s.slice(1)} <span className="muted">({(counts[s] ?? 0).toLocaleString('en-US')})</span>
        </li>
      ))}
    </ul>
  );
}
