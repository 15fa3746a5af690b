/**
 * The geometry of one KML Placemark (internal to readKml): polygons as coordinate arrays,
 * plus counts of the points and lines found beside them. Works on any namespace version
 * (KML 2.0/2.1/2.2, `http://earth.google.com/kml/2.x`, a `kml:` prefix) because elements
 * are matched by local name.
 */
import type { Element as XmlElement } from '@xmldom/xmldom';

export interface PlacemarkGeometry {
  polygons: number[][][][];
  points: number;
  lines: number;
}

/** Element children of `el` (document order). */
export function childElements(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (let node = el.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1) out.push(node as XmlElement);
  }
  return out;
}

/** First element child with this local name, or null. */
export function child(el: XmlElement, localName: string): XmlElement | null {
  for (let node = el.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1 && (node as XmlElement).localName === localName) return node as XmlElement;
  }
  return null;
}

const coordinate = (s: string | undefined): number => (s === undefined || s.trim() === '' ? NaN : Number(s));

/**
 * `<coordinates>` text → positions. Tuples are `lng,lat[,alt]` separated by white space;
 * spaces around commas (written by some tools) are tolerated. A zero altitude is dropped
 * (it is how nearly every KML writer says "on the ground"); a real altitude is kept so
 * that normalisation notes it. Unparseable numbers stay NaN, so the feature is refused
 * with the point that is broken instead of silently losing a vertex.
 */
export function parseCoordinates(text: string): number[][] {
  const out: number[][] = [];
  const tuples = text.trim().replace(/\s*,\s*/g, ',').split(/\s+/);
  for (const tuple of tuples) {
    if (tuple === '') continue;
    const parts = tuple.split(',');
    const x = coordinate(parts[0]);
    const y = coordinate(parts[1]);
    const z = coordinate(parts[2]);
    out.push(parts.length > 2 && z !== 0 ? [x, y, z] : [x, y]);
  }
  return out;
}

function ringOf(linearRing: XmlElement | null): number[][] | null {
  const coords = linearRing ? child(linearRing, 'coordinates') : null;
  if (!coords) return null;
  const ring = parseCoordinates(coords.textContent ?? '');
  return ring.length > 0 ? ring : null;
}

function polygonOf(el: XmlElement): number[][][] | null {
  const outerBoundary = child(el, 'outerBoundaryIs');
  const outer = ringOf(outerBoundary ? child(outerBoundary, 'LinearRing') : child(el, 'LinearRing'));
  if (!outer) return null;
  const rings = [outer];
  for (const boundary of childElements(el)) {
    if (boundary.localName !== 'innerBoundaryIs') continue;
    // KML 2.2 has one LinearRing per innerBoundaryIs; older writers put several in one.
    for (const ring of childElements(boundary)) {
      if (ring.localName !== 'LinearRing') continue;
      const hole = ringOf(ring);
      if (hole) rings.push(hole);
    }
  }
  return rings;
}

const LINES = new Set(['LineString', 'LinearRing', 'Track', 'MultiTrack']);

/** Collects the geometry of a Placemark, walking MultiGeometry nesting iteratively. */
export function placemarkGeometry(placemark: XmlElement): PlacemarkGeometry {
  const result: PlacemarkGeometry = { polygons: [], points: 0, lines: 0 };
  const stack: XmlElement[] = [];
  const pushChildren = (el: XmlElement): void => {
    const kids = childElements(el);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  };
  pushChildren(placemark);
  while (stack.length > 0) {
    const el = stack.pop()!;
    const name = el.localName;
    if (name === 'MultiGeometry') pushChildren(el);
    else if (name === 'Polygon') {
      const polygon = polygonOf(el);
      if (polygon) result.polygons.push(polygon);
    } else if (name === 'Point' || name === 'Model') result.points++;
    else if (name !== null && LINES.has(name)) result.lines++;
  }
  return result;
}
