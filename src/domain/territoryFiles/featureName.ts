import type { PropertyBag } from './types';

/** The name a feature gets from `field`: its value as text, trimmed, at most 120 characters. */
export function featureName(properties: PropertyBag, field: string | null, index: number): string {
  const v = field === null ? null : properties[field];
  const text = v === null || v === undefined ? '' : String(v).replace(/\s+/g, ' ').trim().slice(0, 120);
  return text || `Territory ${index}`;
}
