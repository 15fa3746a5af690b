/**
 * Which property holds each territory's name, so that the import can offer it pre-selected
 * (the user can still pick another). Files from other tools spell it many ways: `name`
 * (KML, GeoJSON), `NAME` (Census, USGS), `DISTRICT_NAME`, `SCHOOL_DISTRICT`, `SEN_DIST`…
 *
 * Only text fields count: at least half of the features have a non-empty string there.
 * Tiers, first match wins, fields in first-seen order within a tier:
 *  1. the field is called name (any case);
 *  2. it ends in "name" (`DIST_NAME`, `COUNTYNAME`), then contains it (`NAMELSAD`);
 *  3. one of its words is territory, title, label, district, dist, region, zone, area,
 *     sector, county or city (`SCHOOL_DISTRICT`, `SEN_DIST`);
 *  4. the first text field whose values are at least 90 % distinct and short (not
 *     descriptions, links or folder paths).
 */
import type { PropertyBag } from './types';

const WORDS = ['territory', 'title', 'label', 'district', 'dist', 'region', 'zone', 'area', 'sector', 'county', 'city'];
const NOT_NAMES = new Set(['description', 'folder', 'layer', 'styleurl', 'url', 'link', 'href']);

interface FieldStats {
  texts: number;
  distinct: number;
  longOrLink: number;
}

function stats(field: string, bags: readonly PropertyBag[]): FieldStats {
  const seen = new Set<string>();
  let texts = 0;
  let longOrLink = 0;
  for (const bag of bags) {
    const v = bag[field];
    if (typeof v !== 'string' || v.trim() === '') continue;
    texts++;
    seen.add(v.trim().toLowerCase());
    if (v.length > 100 || /^(https?:|www\.)/i.test(v) || v.includes('<')) longOrLink++;
  }
  return { texts, distinct: seen.size, longOrLink };
}

/** Lower-case words of a field name: "SCHOOL_DISTRICT" → school, district; "districtName" → district, name. */
function words(field: string): string[] {
  return field
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The suggested name field (see the module comment), or null when no field fits. */
export function suggestNameField(fields: readonly string[], bags: readonly PropertyBag[]): string | null {
  if (bags.length === 0) return null;
  const text = new Map<string, FieldStats>();
  for (const f of fields) {
    const s = stats(f, bags);
    if (s.texts * 2 >= bags.length && s.texts > 0) text.set(f, s);
  }
  const candidates = [...text.keys()];
  const tiers: ((f: string) => boolean)[] = [
    (f) => f.toLowerCase() === 'name',
    (f) => f.toLowerCase().endsWith('name'),
    (f) => f.toLowerCase().includes('name'),
    (f) => words(f).some((w) => WORDS.includes(w)),
  ];
  for (const tier of tiers) {
    const hit = candidates.find(tier);
    if (hit !== undefined) return hit;
  }
  for (const f of candidates) {
    const s = text.get(f)!;
    if (NOT_NAMES.has(f.toLowerCase()) || s.longOrLink * 2 > s.texts) continue;
    if (s.distinct >= 0.9 * s.texts) return f;
  }
  return null;
}
