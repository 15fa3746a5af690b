/** Exports to open formats (CSV, GeoJSON, KML). Pure: return strings/objects, never download. */
export {
  territoriesToGeoJson,
  type TerritoryFeature,
  type TerritoryFeatureCollection,
  type TerritoryFeatureProperties,
} from './territoriesGeoJson';
export { assignmentsToCsv, assignmentsCsvLines, ASSIGNMENTS_CSV_HEADER } from './assignmentsCsv';
export {
  csvTextCell,
  csvNumberCell,
  csvCell,
  csvRow,
  toCsv,
  csvLineBuffer,
  csvChunks,
  joinCsvLines,
  type CsvLineBuffer,
  CSV_LINE_ENDING,
  type CsvValue,
} from './csv';
export { storesToCsv, storesCsvLines, STORES_CSV_HEADER } from './storesCsv';
export { realignmentToCsv, REALIGNMENT_CSV_HEADER } from './realignmentCsv';
export { kpiTableToCsv, KPI_TABLE_CSV_HEADER } from './kpiTableCsv';
export { territoriesToKml, escapeXml, kmlColor, KML_FILL_ALPHA, type TerritoriesKmlOptions } from './territoriesKml';
export { zipListToCsv, ZIP_LIST_CSV_HEADER } from './zipListCsv';
export { balanceChartToCsv, channelPenetrationToCsv, targetsToCsv, measureColumn } from './chartCsv';
