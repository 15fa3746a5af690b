/**
 * Guesses which file column holds which store field from the header, so the mapping step
 * starts filled in for the usual CRM/ERP/GIS exports (Salesforce, HubSpot, Dynamics, a
 * spreadsheet someone made). Header cells are compared case-, space-, underscore- and
 * punctuation-insensitively (`Postal Code`, `postal_code`, `POSTALCODE`), `#` reads as
 * "number" (`Account #` is an id, `Account` a name).
 *
 * Rules:
 *  - each field takes the FIRST column whose header is one of its synonyms; a duplicate
 *    header later in the file is ignored (the user can still pick it by hand);
 *  - each column maps to at most one field (the synonym lists do not overlap);
 *  - header text is only ever a lookup key into a Map: a column named `__proto__` or
 *    `constructor` matches nothing and cannot reach any object's prototype.
 */
import { STORE_FIELDS, type ColumnMapping, type StoreField } from './fields';
import { normalizeWord } from './normalizeWord';

/** Normalised header spellings per field (see `normalizeWord`). */
export const HEADER_SYNONYMS: Readonly<Record<StoreField, readonly string[]>> = {
  externalId: [
    'externalid', 'id', 'accountid', 'crmid', 'storeid', 'customerid', 'locationid', 'outletid', 'erpid', 'sfid', 'salesforceid',
    'accountnumber', 'accountno', 'acctnumber', 'acctno', 'customernumber', 'customerno', 'custno', 'storenumber', 'storeno', 'shiptoid', 'shipto', 'recordid',
  ],
  name: [
    'name', 'storename', 'accountname', 'customername', 'businessname', 'company', 'companyname', 'account', 'outlet', 'outletname',
    'store', 'locationname', 'dba', 'tradingname', 'practicename', 'clinicname',
  ],
  address: ['address', 'street', 'streetaddress', 'address1', 'addressline1', 'addr', 'street1', 'billingstreet', 'shippingstreet', 'mailingstreet'],
  city: ['city', 'town', 'locality', 'billingcity', 'shippingcity', 'mailingcity', 'municipality'],
  state: ['state', 'st', 'province', 'stateprovince', 'stateorprovince', 'statecode', 'billingstate', 'shippingstate', 'mailingstate', 'billingstateprovince', 'shippingstateprovince'],
  zip: [
    'zip', 'zipcode', 'zip5', 'postalcode', 'postcode', 'postal', 'zippostalcode', 'zippostal', 'billingzip', 'billingpostalcode', 'shippingzip',
    'shippingpostalcode', 'mailingzip', 'mailingpostalcode', 'zipcode5',
  ],
  lat: ['lat', 'latitude', 'y', 'ycoord', 'ycoordinate', 'geolat', 'geolatitude', 'latdd', 'billinglatitude', 'shippinglatitude', 'pointy'],
  lng: [
    'lng', 'lon', 'long', 'longitude', 'x', 'xcoord', 'xcoordinate', 'geolng', 'geolon', 'geolong', 'geolongitude', 'londd', 'billinglongitude',
    'shippinglongitude', 'pointx',
  ],
  status: ['status', 'accountstatus', 'customerstatus', 'storestatus', 'lifecyclestage', 'lifecycle', 'stage'],
  channel: ['channel', 'storetype', 'segment', 'tradechannel', 'channeltype', 'classoftrade', 'type', 'storecategory', 'category', 'businesstype'],
  revenue: [
    'revenue', 'sales', 't12mrevenue', 'ttmrevenue', 'ltmrevenue', 'revenuet12m', 'revenuettm', 't12m', 'ttm', 'trailing12monthrevenue', 'trailing12monthsrevenue',
    'annualrevenue', 'currentrevenue', 'cyrevenue', 'revenuecy', 't12msales', 'ttmsales', 'ltmsales', 'sales12m', 'netsales', 'totalsales', 'revenue12m',
  ],
  priorRevenue: [
    'priorrevenue', 'prioryearrevenue', 'pyrevenue', 'revenuepy', 'lastyearrevenue', 'lyrevenue', 'revenuely', 'previousrevenue', 'previousyearrevenue',
    'priorsales', 'prioryearsales', 'pysales', 'lysales', 'lastyearsales', 'prior12mrevenue', 'priort12mrevenue',
  ],
  potential: [
    'potential', 'wallet', 'walletsize', 'estimatedpotential', 'annualpotential', 'marketpotential', 'salespotential', 'potentialrevenue', 'estimatedwallet',
    'revenuepotential', 'estpotential',
  ],
  customerSince: [
    'customersince', 'since', 'firstorderdate', 'firstorder', 'firstpurchasedate', 'firstpurchase', 'customerstartdate', 'startdate', 'accountsince',
    'onboarded', 'onboardingdate', 'onboarddate', 'acquireddate', 'acquisitiondate', 'becamecustomer', 'becamecustomerdate',
  ],
  satisfaction: ['satisfaction', 'csat', 'satisfactionscore', 'csatscore', 'customersatisfaction', 'satisfaction15'],
  renewalDate: [
    'renewaldate', 'renewal', 'nextrenewal', 'nextrenewaldate', 'contractrenewal', 'contractrenewaldate', 'contractend', 'contractenddate', 'renewson',
    'renewalon', 'renewaldue',
  ],
  keyAccount: ['keyaccount', 'iskeyaccount', 'key', 'keyacct', 'ka', 'strategicaccount', 'keyaccountflag'],
  accountManager: [
    'accountmanager', 'am', 'accountmanagername', 'accountowner', 'owner', 'ownername', 'kam', 'keyaccountmanager', 'salesrep', 'rep', 'repname',
    'accountexecutive', 'ae', 'accountrep',
  ],
  geocodePrecision: ['geocodeprecision', 'precision', 'geocodequality', 'geocodeaccuracy', 'locationprecision'],
};

const FIELD_BY_HEADER: ReadonlyMap<string, StoreField> = (() => {
  const m = new Map<string, StoreField>();
  for (const field of STORE_FIELDS) {
    for (const w of HEADER_SYNONYMS[field]) {
      if (m.has(w)) throw new Error(`detectColumns: header synonym "${w}" is listed for two fields`);
      m.set(w, field);
    }
  }
  return m;
})();

/** The field a header cell names, or null. */
export function fieldForHeader(header: string): StoreField | null {
  return FIELD_BY_HEADER.get(normalizeWord(header)) ?? null;
}

/** field → column index for every field recognised in `header` (first column wins). */
export function detectColumns(header: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (let i = 0; i < header.length; i++) {
    const field = fieldForHeader(header[i] ?? '');
    if (field !== null && mapping[field] === undefined) mapping[field] = i;
  }
  return mapping;
}
