/**
 * The browser's storage for this site: how much is used and available, and whether it is
 * persistent (kept under storage pressure; without it a browser may evict the whole
 * database of a site the user has not visited for a while).
 */
export interface StorageInfo {
  /** null when the browser cannot say (no StorageManager). */
  persisted: boolean | null;
  usage: number | null;
  quota: number | null;
}

function manager(): StorageManager | null {
  return typeof navigator !== 'undefined' && navigator.storage && typeof navigator.storage.estimate === 'function' ? navigator.storage : null;
}

export async function readStorageInfo(): Promise<StorageInfo> {
  const m = manager();
  if (!m) return { persisted: null, usage: null, quota: null };
  const [persisted, estimate] = await Promise.all([m.persisted?.().catch(() => null) ?? null, m.estimate().catch(() => null)]);
  return { persisted, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null };
}

/** Asks for persistent storage; the browser decides (Chrome by site engagement, Firefox asks the user). */
export async function requestPersistentStorage(): Promise<boolean | null> {
  const m = manager();
  if (!m || typeof m.persist !== 'function') return null;
  return m.persist().catch(() => null);
}
