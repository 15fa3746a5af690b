/**
 * KML (and the KML inside a KMZ) → raw features (internal to readTerritoryFile).
 *
 * The XML is parsed with @xmldom/xmldom, which runs in node and in a Web Worker (a worker
 * has no DOMParser); it never expands entities or fetches anything. The document is then
 * walked here rather than converted with @tmcw/togeojson, because togeojson drops what
 * this import needs to report: it skips unparseable coordinates silently (a ring loses a
 * vertex instead of the feature being refused), stores ExtendedData on plain objects
 * (a `<Data name="__proto__">` is lost), matches qualified tag names (a `kml:` prefix
 * reads as nothing) and has no folder path on flat output.
 *
 * What a feature gets: `name` and `description` (the text, CDATA HTML included, kept as a
 * string and never interpreted), `folder` ("Layer 1 / Sub-folder", Google My Maps layers),
 * then every ExtendedData `<Data name>` value and `<SchemaData><SimpleData name>` value
 * (typed by its `<SimpleField type>`: numbers and booleans). A name only in ExtendedData
 * therefore shows up as an ordinary field for suggestNameField to pick.
 */
import { DOMParser, type Element as XmlElement } from '@xmldom/xmldom';
import type { Result } from '../types';
import { child, childElements, placemarkGeometry } from './kmlGeometry';
import { propertyBagBuilder } from './propertyBag';
import type { TerritoryFileReason } from './reasons';
import { fileFailure, tooManyFeatures } from './refusals';
import type { RawFeature, RawTerritoryFile } from './types';

const NUMERIC = new Set(['int', 'uint', 'short', 'ushort', 'float', 'double']);

function text(el: XmlElement | null): string {
  return (el?.textContent ?? '').trim();
}

/** SimpleField name → type, from every <Schema> of the document. */
function schemaTypes(root: XmlElement): Map<string, string> {
  const types = new Map<string, string>();
  const fields = root.getElementsByTagNameNS('*', 'SimpleField');
  for (let i = 0; i < fields.length; i++) {
    const f = fields.item(i)!;
    const name = f.getAttribute('name');
    if (name) types.set(name, (f.getAttribute('type') ?? 'string').toLowerCase());
  }
  return types;
}

function typed(value: string, type: string | undefined): string | number | boolean {
  if (type && NUMERIC.has(type) && value !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : value;
  }
  if (type === 'bool') return ['true', '1'].includes(value.toLowerCase());
  return value;
}

/** Placemarks in document order with their folder path (iterative: no recursion limit). */
function placemarks(root: XmlElement): { el: XmlElement; path: string[] }[] {
  const out: { el: XmlElement; path: string[] }[] = [];
  const stack: { el: XmlElement; path: string[]; top: boolean }[] = [{ el: root, path: [], top: true }];
  while (stack.length > 0) {
    const { el, path, top } = stack.pop()!;
    const kids = childElements(el);
    for (let i = kids.length - 1; i >= 0; i--) {
      const k = kids[i]!;
      if (k.localName === 'Placemark') stack.push({ el: k, path, top: false });
      else if (k.localName === 'Folder' || (k.localName === 'Document' && !top)) {
        stack.push({ el: k, path: [...path, text(child(k, 'name')) || 'Untitled folder'], top: false });
      } else if (k.localName === 'Document') stack.push({ el: k, path, top: false });
    }
    if (el.localName === 'Placemark') out.push({ el, path });
  }
  return out;
}

function featureOf(el: XmlElement, path: string[], types: Map<string, string>): RawFeature {
  const props = propertyBagBuilder();
  const name = text(child(el, 'name'));
  if (name) props.set('name', name);
  const description = text(child(el, 'description'));
  if (description) props.set('description', description);
  if (path.length > 0) props.set('folder', path.join(' / '));
  const extended = child(el, 'ExtendedData');
  if (extended) {
    for (const item of childElements(extended)) {
      if (item.localName === 'Data') {
        const key = item.getAttribute('name');
        if (key) props.set(key, text(child(item, 'value')));
      } else if (item.localName === 'SchemaData') {
        for (const simple of childElements(item)) {
          const key = simple.localName === 'SimpleData' ? simple.getAttribute('name') : null;
          if (key) props.set(key, typed(text(simple), types.get(key)));
        }
      }
    }
  }
  const geometry = placemarkGeometry(el);
  const notes: string[] = [];
  if (geometry.polygons.length > 0 && geometry.points + geometry.lines > 0) {
    const what = [geometry.points ? `${geometry.points} point(s)` : '', geometry.lines ? `${geometry.lines} line(s)` : '']
      .filter(Boolean)
      .join(' and ');
    notes.push(`${what} beside the polygons dropped`);
  }
  const kind = geometry.polygons.length > 0 ? 'polygon' : geometry.points > 0 ? 'point' : geometry.lines > 0 ? 'line' : 'empty';
  return { properties: props.bag, kind, polygons: geometry.polygons, notes };
}

/** Parses KML text into raw features, or refuses: 'invalid-xml', 'not-kml', 'too-many-features'. */
export function readKml(text: string, format: 'kml' | 'kmz', maxFeatures: number): Result<RawTerritoryFile, TerritoryFileReason> {
  let fatal: string | null = null;
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level === 'fatalError' && fatal === null) fatal = message;
      // 'error' (e.g. an unknown HTML entity such as &nbsp;) and 'warning' are tolerated
    },
  });
  let root: XmlElement | null = null;
  try {
    root = parser.parseFromString(text, 'text/xml').documentElement;
  } catch (error) {
    fatal ??= error instanceof Error ? error.message : String(error);
  }
  if (fatal !== null || !root) {
    const detail = String(fatal ?? 'no root element').split('\n')[0]!.slice(0, 160);
    return fileFailure(
      'invalid-xml',
      `The KML file is not well-formed XML, so it cannot be read (${detail}). It may be damaged or cut short; ` +
        'export it again from the tool that made it.',
    );
  }
  if (root.localName !== 'kml') {
    return fileFailure('not-kml', `The file is XML but not KML: its main element is <${root.localName ?? root.nodeName}>, not <kml>.`);
  }
  const found = placemarks(root);
  if (found.length > maxFeatures) return tooManyFeatures(found.length, maxFeatures);
  const types = schemaTypes(root);
  const features = found.map(({ el, path }) => featureOf(el, path, types));
  return { ok: true, value: { format, features, crs: { kind: 'lonlat' }, notices: [] } };
}
