/**
 * A plan's territories as KML 2.2, for Google Earth, Google My Maps and GIS tools that take
 * KML but not GeoJSON (and for field reps who open territories on a phone).
 *
 * One Document named after the plan; per territory a shared <Style> (outline in the
 * territory's color, fill in the same color at 40 % opacity: KML colors are aabbggrr) and
 * a Placemark with the name, a description, ExtendedData (the territory id, then each
 * described KPI) and the outline: a Polygon, or a MultiGeometry of Polygons, with outer
 * and inner boundaries, "lng,lat" coordinates at full stored precision (so that reading
 * the file back gives the same numbers) and RFC 7946 winding (outer rings counter-
 * clockwise, as KML readers expect).
 *
 * Injection: every text from the plan (names, ids, KPI labels and values) is XML-escaped,
 * and characters XML 1.0 forbids (control characters, lone surrogates) are dropped, so the
 * output is always well-formed. The description is a small HTML table, because Google Earth
 * renders descriptions as HTML: the cells are HTML-escaped first and the whole table is
 * then XML-escaped as text (no CDATA), so a territory named `<script>` shows as text.
 */
import type { Position } from 'geojson';
import { rewindRfc7946 } from '../geometry';
import type { Territory } from '../types';

export interface TerritoriesKmlOptions {
  /** The Document's name (what Google Earth shows in "Places"). */
  planName: string;
  /** KPI rows for each territory's description and ExtendedData, e.g. revenue, stores. */
  describe?: (t: Territory) => { label: string; value: string }[];
}

/** Opacity of the fill (hex alpha): 0x66 ≈ 40 %, so the base map stays readable. */
export const KML_FILL_ALPHA = '66';
const FALLBACK_COLOR = '#888888';

// XML 1.0 Char: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD and paired surrogates.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text → XML character data / attribute value (quotes escaped too). */
export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** CSS "#rrggbb" or "#rgb" → KML "aabbggrr" with the given alpha; unknown → gray. */
export function kmlColor(css: string, alpha: string): string {
  let hex = /^#?([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(css.trim())?.[1] ?? FALLBACK_COLOR.slice(1);
  if (hex.length === 3) hex = hex.replace(/./g, (c) => c + c);
  hex = hex.toLowerCase();
  return `${alpha}${hex.slice(4, 6)}${hex.slice(2, 4)}${hex.slice(0, 2)}`;
}

function description(rows: readonly { label: string; value: string }[]): string {
  const cells = rows.map((r) => `<tr><th align="left">${escapeXml(r.label)}</th><td>${escapeXml(r.value)}</td></tr>`);
  return escapeXml(`<table>${cells.join('')}</table>`);
}

function ring(positions: readonly Position[]): string {
  return `<LinearRing><coordinates>${positions.map((p) => `${p[0]},${p[1]}`).join(' ')}</coordinates></LinearRing>`;
}

function polygon(rings: readonly (readonly Position[])[]): string {
  const [outer, ...holes] = rings;
  if (!outer) return '';
  const inner = holes.map((h) => `<innerBoundaryIs>${ring(h)}</innerBoundaryIs>`).join('');
  return `<Polygon><outerBoundaryIs>${ring(outer)}</outerBoundaryIs>${inner}</Polygon>`;
}

function data(name: string, value: string): string {
  return `<Data name="${escapeXml(name)}"><value>${escapeXml(value)}</value></Data>`;
}

/**
 * Writes the territories as a KML 2.2 document (see the module comment). Returns the text;
 * the caller saves it as `<plan>.kml` (MIME type application/vnd.google-earth.kml+xml).
 */
export function territoriesToKml(territories: readonly Territory[], opts: TerritoriesKmlOptions): string {
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<kml xmlns="http://www.opengis.net/kml/2.2">',
    '<Document>',
    `<name>${escapeXml(opts.planName)}</name>`,
  ];
  territories.forEach((t, i) => {
    lines.push(
      `<Style id="territory-${i + 1}"><LineStyle><color>${kmlColor(t.color, 'ff')}</color><width>2</width></LineStyle>` +
        `<PolyStyle><color>${kmlColor(t.color, KML_FILL_ALPHA)}</color></PolyStyle></Style>`,
    );
  });
  territories.forEach((t, i) => {
    const rows = opts.describe?.(t) ?? [];
    const g = rewindRfc7946(t.geometry);
    const shape =
      g.type === 'Polygon' ? polygon(g.coordinates) : `<MultiGeometry>${g.coordinates.map((p) => polygon(p)).join('')}</MultiGeometry>`;
    lines.push(
      '<Placemark>',
      `<name>${escapeXml(t.name)}</name>`,
      ...(rows.length > 0 ? [`<description>${description(rows)}</description>`] : []),
      `<styleUrl>#territory-${i + 1}</styleUrl>`,
      `<ExtendedData>${data('territoryId', t.id)}${rows.map((r) => data(r.label, r.value)).join('')}</ExtendedData>`,
      shape,
      '</Placemark>',
    );
  });
  lines.push('</Document>', '</kml>', '');
  return lines.join('\n');
}
