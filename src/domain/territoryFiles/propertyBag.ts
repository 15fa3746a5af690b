/**
 * Safe property bags for imported features (ARCHITECTURE rule 12). Property names come
 * from the file: `__proto__`, `constructor` or `prototype` must stay ordinary data. So the
 * bag is a null-prototype object and every key is written with `Object.defineProperty`
 * (never `bag[key] = value` on a plain `{}`, which for `__proto__` would replace the
 * prototype instead of storing a value). Values are flattened: nested objects and arrays
 * become JSON text, and strings are cut at MAX_PROPERTY_CHARS.
 */
import { MAX_PROPERTIES_PER_FEATURE, MAX_PROPERTY_CHARS, MAX_PROPERTY_NAME_CHARS } from './limits';
import type { PropertyBag, PropertyValue } from './types';

/** A bag being filled by a reader; `bag` is what ends up in the feature. */
export interface PropertyBagBuilder {
  readonly bag: PropertyBag;
  /** Stores `value` under `key`; an existing non-empty value wins unless `overwrite`. */
  set(key: string, value: unknown, overwrite?: boolean): void;
}

/** Cuts a long string (the 1,000-character cap, with "…" so the cut is visible). */
export function truncateText(text: string, max = MAX_PROPERTY_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Any parsed value → a flat property value (objects as JSON text, strings capped). */
export function toPropertyValue(value: unknown): PropertyValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return truncateText(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return truncateText(value.toString());
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    try {
      return truncateText(JSON.stringify(value) ?? '');
    } catch {
      return '[nested value]'; // cycles cannot occur in parsed JSON; depth overflow can
    }
  }
  return null; // functions and symbols never come out of a parser
}

const isEmpty = (v: PropertyValue | undefined): boolean => v === undefined || v === null || v === '';

/** A new, empty bag (see the module comment for why it is built this way). */
export function propertyBagBuilder(): PropertyBagBuilder {
  const bag = Object.create(null) as Record<string, PropertyValue>;
  let count = 0;
  return {
    bag,
    set(rawKey: string, value: unknown, overwrite = false): void {
      const key = truncateText(rawKey, MAX_PROPERTY_NAME_CHARS);
      const exists = Object.prototype.hasOwnProperty.call(bag, key);
      if (exists && !overwrite && !isEmpty(bag[key])) return;
      if (!exists && count >= MAX_PROPERTIES_PER_FEATURE) return;
      if (!exists) count++;
      Object.defineProperty(bag, key, { value: toPropertyValue(value), enumerable: true, writable: true, configurable: true });
    },
  };
}

/** A parsed JSON `properties` object (or anything) → a safe bag; non-objects give an empty bag. */
export function propertiesFromObject(source: unknown): PropertyBag {
  const builder = propertyBagBuilder();
  if (source !== null && typeof source === 'object' && !Array.isArray(source)) {
    // Object.keys sees an own "__proto__" key that JSON.parse created; it is copied as data.
    for (const key of Object.keys(source)) builder.set(key, (source as Record<string, unknown>)[key], true);
  }
  return builder.bag;
}
