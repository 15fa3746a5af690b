/**
 * The store fields a file column can be mapped to. Names are the `Store` property names
 * (PRODUCT.md), except `accountManager`, which holds a person's NAME as written in the file
 * (people are matched or created at commit).
 */

/** Every mappable field, in the order the mapping step lists them. */
export const STORE_FIELDS = [
  'name',
  'externalId',
  'lat',
  'lng',
  'zip',
  'address',
  'city',
  'state',
  'status',
  'channel',
  'revenue',
  'priorRevenue',
  'potential',
  'customerSince',
  'satisfaction',
  'renewalDate',
  'keyAccount',
  'accountManager',
  /** Optional: lets the app's own stores export round-trip `exact` vs `zip-centroid`. */
  'geocodePrecision',
] as const;
export type StoreField = (typeof STORE_FIELDS)[number];

/**
 * field → index of the file column it is read from. A field that is absent is not in the
 * file (defaults apply, see `validateRows`). Keys are our field names, never header text,
 * so a header called `__proto__` cannot reach this object's prototype.
 */
export type ColumnMapping = Partial<Record<StoreField, number>>;

/** The label users read for each field (mapping step, messages). */
export const STORE_FIELD_LABELS: Readonly<Record<StoreField, string>> = {
  name: 'Name',
  externalId: 'External ID',
  lat: 'Latitude',
  lng: 'Longitude',
  zip: 'ZIP / postal code',
  address: 'Address',
  city: 'City',
  state: 'State',
  status: 'Status',
  channel: 'Channel',
  revenue: 'Revenue (T12M)',
  priorRevenue: 'Prior revenue',
  potential: 'Potential',
  customerSince: 'Customer since',
  satisfaction: 'Satisfaction',
  renewalDate: 'Renewal date',
  keyAccount: 'Key account',
  accountManager: 'Account manager',
  geocodePrecision: 'Geocode precision',
};
