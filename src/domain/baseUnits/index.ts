/**
 * Base units (issue 4, "Building from base units"): states, counties and H3 hexagons a
 * territory can be painted from, the way Districtr and DistrictBuilder work. Units carry
 * their TopoJSON reference (states/counties) or H3 cell so `unionOfUnits` (domain/editing)
 * can dissolve them exactly; the unit index answers clicks, brushes and store → unit.
 */
export { BASE_UNIT_LEVELS, type BaseUnit, type BaseUnitLevel, type TopologyRef, type UnitShape } from './types';
export { BASE_UNITS_REASONS, type BaseUnitsReason } from './reasons';
export { loadUsUnits, type UsUnitLevel } from './loadUsUnits';
export { hexUnit, hexUnits, hexUnitsForPoints, MAX_HEX_CELLS, type HexOptions } from './hexUnits';
export { buildUnitIndex, type UnitIndex } from './buildUnitIndex';
export { unitAt } from './unitAt';
export { unitsInCircle } from './unitsInCircle';
export { paintableUnits } from './paintableUnits';
export { unitOwners } from './unitOwners';
export { interiorPoint } from './interiorPoint';
