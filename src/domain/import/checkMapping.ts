/**
 * Problems with a column mapping as a whole, shown in the mapping step before the user
 * validates 100k rows that would all fail the same way. An empty list means the mapping
 * can be used; every issue has a code from MAPPING_ISSUES and a sentence for the user.
 *  - 'no-name-column': without a name every row is rejected 'missing-name';
 *  - 'no-location-columns': neither latitude+longitude nor ZIP is mapped;
 *  - 'lat-without-lng' / 'lng-without-lat': half a coordinate pair (and no ZIP to fall back on);
 *  - 'column-out-of-range': a field points at a column the file does not have.
 */
import { STORE_FIELD_LABELS, STORE_FIELDS, type ColumnMapping, type StoreField } from './fields';
import type { MappingIssueCode } from './reasons';

export interface MappingIssue {
  code: MappingIssueCode;
  message: string;
  field?: StoreField;
}

/** Problems with `mapping` for a file with this header; empty when it can be used. */
export function checkMapping(header: readonly string[], mapping: ColumnMapping): MappingIssue[] {
  const issues: MappingIssue[] = [];
  const has = (f: StoreField) => {
    const c = mapping[f];
    return c !== undefined && Number.isInteger(c) && c >= 0 && c < header.length;
  };
  for (const field of STORE_FIELDS) {
    const c = mapping[field];
    if (c !== undefined && !has(field)) {
      issues.push({ code: 'column-out-of-range', field, message: `${STORE_FIELD_LABELS[field]} points at column ${c + 1}, but the file has ${header.length} columns.` });
    }
  }
  if (!has('name')) issues.push({ code: 'no-name-column', field: 'name', message: 'Choose the column with the store name: every store needs one.' });
  const lat = has('lat');
  const lng = has('lng');
  const zip = has('zip');
  if (!lat && !lng && !zip) {
    issues.push({ code: 'no-location-columns', message: 'Choose the latitude and longitude columns, or a ZIP column to place stores at their ZIP centroid.' });
  } else if (lat && !lng && !zip) {
    issues.push({ code: 'lat-without-lng', field: 'lng', message: 'Latitude is chosen but longitude is not: choose the longitude column too.' });
  } else if (lng && !lat && !zip) {
    issues.push({ code: 'lng-without-lat', field: 'lat', message: 'Longitude is chosen but latitude is not: choose the latitude column too.' });
  }
  return issues;
}
