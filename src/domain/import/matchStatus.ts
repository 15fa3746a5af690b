/**
 * Status cells → `StoreStatus`. CRMs name the three states many ways; the synonyms below
 * are matched case-, space- and punctuation-insensitively (`Closed - Won`, `closed_won`).
 * Anything else is NOT guessed: the row is rejected 'unknown-status' naming the value,
 * because a wrong status silently changes penetration and retention.
 */
import type { StoreStatus } from '../types';
import { normalizeWord } from './normalizeWord';

const STATUS_SYNONYMS: ReadonlyMap<string, StoreStatus> = new Map<string, StoreStatus>([
  ...['customer', 'customers', 'active', 'activecustomer', 'client', 'current', 'currentcustomer', 'existing', 'existingcustomer', 'won', 'closedwon', 'buying'].map(
    (w) => [w, 'customer'] as const,
  ),
  ...['prospect', 'prospects', 'lead', 'leads', 'target', 'prospective', 'opportunity', 'suspect', 'notyetcustomer', 'noncustomer'].map((w) => [w, 'prospect'] as const),
  ...['lost', 'churned', 'churn', 'inactive', 'former', 'formercustomer', 'exclient', 'excustomer', 'lapsed', 'dormant', 'closedlost', 'cancelled', 'canceled'].map(
    (w) => [w, 'lost'] as const,
  ),
]);

/** The status a (non-empty) cell names, or null when it is not a known status word. */
export function matchStatus(text: string): StoreStatus | null {
  return STATUS_SYNONYMS.get(normalizeWord(text)) ?? null;
}

/** The accepted spellings (normalised), for help text. */
export function statusSynonyms(): ReadonlyMap<string, StoreStatus> {
  return STATUS_SYNONYMS;
}
