/**
 * The attribute table of a Shapefile (.dbf, dBASE III+) → one property bag per record
 * (internal to readShapefileZip).
 *
 * Written here rather than taken from shpjs/parsedbf because attribute tables come from
 * anywhere: parsedbf trusts the record count in the header (a damaged header claiming four
 * billion records loops four billion times), builds plain objects keyed by field name
 * (a field called `__proto__` of type D would set the prototype), and turns blank numbers
 * into NaN. Here the record count is capped by the bytes actually present, bags are safe
 * (propertyBag), blank numbers, dates and logicals are null, and dates are "YYYY-MM-DD".
 *
 * Text encoding: the .cpg when it names one (UTF-8, 1252, "ANSI 1252", 65001, ISO-8859-1);
 * otherwise UTF-8 when the table decodes as UTF-8 without errors, else Windows-1252 (Latin-1),
 * the ESRI "ANSI" default.
 */
import { propertyBagBuilder } from './propertyBag';
import type { PropertyBag, PropertyValue } from './types';

export interface DbfTable {
  fields: string[];
  records: PropertyBag[];
  /** The header promised more records than the file holds. */
  truncated: boolean;
  /** The encoding the text was decoded with. */
  encoding: string;
}

interface DbfField {
  name: string;
  type: string;
  offset: number;
  length: number;
}

/** Spellings a .cpg uses → WHATWG encoding labels to try, best first. */
function labelsFor(label: string): string[] {
  const codePage = /^(?:ansi\s*|cp\s*|windows-)?(\d+)$/.exec(label)?.[1];
  if (!codePage) return [label === 'utf8' ? 'utf-8' : label];
  if (codePage === '65001') return ['utf-8'];
  const iso = /^8859(\d{1,2})$/.exec(codePage)?.[1]; // ESRI writes ISO 8859-1 as "88591"
  if (iso) return [`iso-8859-${iso}`];
  return [`windows-${codePage}`, `ibm${codePage}`];
}

/** .cpg content → a TextDecoder label, or null when it names nothing usable. */
export function cpgEncoding(cpg: string | undefined): string | null {
  const label = (cpg ?? '').trim().toLowerCase();
  if (!label) return null;
  for (const candidate of labelsFor(label)) {
    try {
      return new TextDecoder(candidate).encoding;
    } catch {
      // not a label this runtime knows; try the next spelling
    }
  }
  return null;
}

function pickEncoding(bytes: Uint8Array, start: number, cpg: string | undefined): string {
  const named = cpgEncoding(cpg);
  if (named) return named;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start));
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

function value(field: DbfField, view: DataView, bytes: Uint8Array, at: number, decoder: TextDecoder): PropertyValue {
  const raw = bytes.subarray(at, at + field.length);
  if (field.type === 'I' && field.length === 4) return view.getInt32(at, true);
  if ((field.type === 'O' || field.type === 'B') && field.length === 8) return view.getFloat64(at, true);
  const text = decoder.decode(raw).replace(/\u0000/g, '').trim();
  switch (field.type) {
    case 'N':
    case 'F': {
      if (text === '' || /^\*+$/.test(text)) return null;
      const n = Number(text);
      return Number.isFinite(n) ? n : text;
    }
    case 'L':
      return /^[TtYy]$/.test(text) ? true : /^[FfNn]$/.test(text) ? false : null;
    case 'D':
      if (/^\d{8}$/.test(text)) return `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}`;
      return text === '' ? null : text;
    default:
      return text;
  }
}

/**
 * Reads a .dbf. Throws a plain Error with a readable message when the header is not a
 * dBASE table (the caller turns it into 'invalid-shapefile').
 */
export function readDbf(bytes: Uint8Array, cpg?: string): DbfTable {
  if (bytes.length < 33) throw new Error('the attribute table (.dbf) is too short to be a dBASE file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const declared = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  if (headerLength < 33 || recordLength < 1) throw new Error('the attribute table (.dbf) has a damaged header');
  const encoding = pickEncoding(bytes, Math.min(headerLength, bytes.length), cpg);
  const decoder = new TextDecoder(encoding);
  const fields: DbfField[] = [];
  let offset = 1; // byte 0 of a record is the deletion flag
  for (let at = 32; at + 32 <= Math.min(headerLength, bytes.length) && bytes[at] !== 0x0d; at += 32) {
    const nameBytes = bytes.subarray(at, at + 11);
    const end = nameBytes.indexOf(0);
    const name = decoder.decode(end < 0 ? nameBytes : nameBytes.subarray(0, end)).trim();
    const length = bytes[at + 16]!;
    fields.push({ name: name || `FIELD${fields.length + 1}`, type: String.fromCharCode(bytes[at + 11]!), offset, length });
    offset += length;
  }
  if (offset > recordLength) throw new Error('the attribute table (.dbf) has fields longer than its records');
  const available = Math.max(0, Math.floor((bytes.length - headerLength) / recordLength));
  const count = Math.min(declared, available);
  const records: PropertyBag[] = [];
  for (let r = 0; r < count; r++) {
    const start = headerLength + r * recordLength;
    const props = propertyBagBuilder();
    for (const f of fields) props.set(f.name, value(f, view, bytes, start + f.offset, decoder));
    records.push(props.bag);
  }
  return { fields: fields.map((f) => f.name), records, truncated: count < declared, encoding };
}
