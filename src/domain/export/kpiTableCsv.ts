/**
 * The KPI table as CSV (issue 14, "Export KPI table"): the statistics table of a plan for a
 * spreadsheet, finance or a BI tool, from the plan report, so it holds the numbers the table
 * shows.
 *
 * Format (encoded by csv.ts: RFC 4180 quoting, LF line endings, formula prefixes
 * neutralised in text cells):
 * - Header, in this order: `territory_id,territory,region,stores,customers,prospects,
 *   penetration,revenue,potential,whitespace,new_customers,growth,share_of_wallet,balance,
 *   deviation,parts,compactness,manager,row_type`.
 * - Rows: one per territory in plan order (`row_type` territory), then one per region in
 *   the plan's order (`region`; territory_id and territory empty, region filled; territories
 *   without a region roll up in a row whose region is "No region"), then `unassigned` (the
 *   stores outside every territory) and `total` (every store once), whose territory cell
 *   says "Unassigned" / "Total" as the table does. Summing a column over all rows counts
 *   stores several times: filter on `row_type`.
 * - Numbers are plain: no thousands separators, no currency or percent signs, a point as
 *   the decimal mark. Counts are whole numbers. Money (revenue, potential, whitespace) is
 *   in US dollars rounded to the cent.
 * - Ratios are FRACTIONS, not percents: penetration 0.25 is 25 %. Penetration (customers /
 *   stores), growth ((revenue − prior) / prior), share_of_wallet (revenue / potential),
 *   balance (revenue deviation from the average territory; for a region row, from the
 *   average region) and deviation (from the ideal territory on the measure chosen for
 *   balancing, stores by default; territory rows only) are rounded to 6 decimals, so a
 *   spreadsheet's percent format shows them to 4 decimals. A fraction keeps the file
 *   unit-free and is what a spreadsheet formula expects.
 * - An empty cell means "not defined": growth without prior revenue, share of wallet
 *   without potential, a deviation whose ideal is 0, and figures that do not apply to the
 *   row (balance on Unassigned and Total; deviation, parts and compactness off territory rows).
 * - parts = the territory's connected pieces (1 = contiguous); compactness = Polsby–Popper
 *   0–100, rounded to 2 decimals.
 * - manager = the territory's (or region's) manager by name.
 */
import type { PlanReport, PlanReportRow } from '../report';
import { rounded, toCsv, type CsvValue } from './csv';

/** Columns of the KPI table export, in order (the header line is exactly these). */
export const KPI_TABLE_CSV_HEADER = [
  'territory_id',
  'territory',
  'region',
  'stores',
  'customers',
  'prospects',
  'penetration',
  'revenue',
  'potential',
  'whitespace',
  'new_customers',
  'growth',
  'share_of_wallet',
  'balance',
  'deviation',
  'parts',
  'compactness',
  'manager',
  'row_type',
] as const;

/** Decimals kept for ratios (fractions), money and compactness (see the module comment). */
const RATIO_DECIMALS = 6;
const MONEY_DECIMALS = 2;
const COMPACTNESS_DECIMALS = 2;


function cells(r: PlanReportRow): CsvValue[] {
  const s = r.stats;
  const territory = r.kind === 'territory' || r.kind === 'unassigned' || r.kind === 'total';
  return [
    r.territoryId ?? '',
    territory ? r.name : '',
    r.region,
    s.stores,
    s.customers,
    s.prospects,
    rounded(s.penetration, RATIO_DECIMALS),
    rounded(s.revenue, MONEY_DECIMALS),
    rounded(s.potential, MONEY_DECIMALS),
    rounded(s.whitespace, MONEY_DECIMALS),
    s.newCustomers,
    rounded(s.revenueGrowth, RATIO_DECIMALS),
    rounded(s.shareOfWallet, RATIO_DECIMALS),
    rounded(s.balanceDeviation, RATIO_DECIMALS),
    rounded(r.deviation, RATIO_DECIMALS),
    r.shape?.parts ?? null,
    rounded(r.shape?.compactness ?? null, COMPACTNESS_DECIMALS),
    r.manager,
    r.kind,
  ];
}

/**
 * The plan's KPI table as a CSV document (format in the module comment): territories,
 * regions, Unassigned, Total. A line per territory and region, so one string.
 */
export function kpiTableToCsv(report: PlanReport): string {
  const rows = [...report.territories, ...report.regions, report.unassigned, report.total];
  return toCsv(KPI_TABLE_CSV_HEADER, rows.map(cells));
}
