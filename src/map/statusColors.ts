import type { StoreStatus } from '../domain/types';

/** Store point colors by status, shared by the map layer and the legend. */
export const STATUS_COLORS: Record<StoreStatus, string> = {
  customer: '#1a7f37',
  prospect: '#e08a00',
  lost: '#9a3b3b',
};
