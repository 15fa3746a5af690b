/**
 * Bytes → text for the text formats (GeoJSON, KML). GeoJSON is UTF-8 by definition
 * (RFC 8259), but Windows tools still write a byte-order mark or UTF-16; KML declares its
 * encoding in the XML declaration (`<?xml version="1.0" encoding="ISO-8859-1"?>`), which
 * older exporters use. A wrong guess would garble names (Zürich → ZÃ¼rich), so the BOM
 * wins, then the declaration, then UTF-8. Undecodable bytes become U+FFFD, never an error.
 */

function decoderFor(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label.trim().toLowerCase());
  } catch {
    return null; // unknown label
  }
}

/** The encoding named by a byte-order mark, and the BOM's length. */
function bomEncoding(bytes: Uint8Array): { label: string; skip: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { label: 'utf-8', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { label: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { label: 'utf-16be', skip: 2 };
  return null;
}

/**
 * Decodes file bytes. `xml`: also honour an `encoding="…"` in the XML declaration.
 * The returned text never starts with a BOM.
 */
export function decodeText(bytes: Uint8Array, xml = false): string {
  const bom = bomEncoding(bytes);
  if (bom) return (decoderFor(bom.label) ?? new TextDecoder()).decode(bytes.subarray(bom.skip));
  if (xml) {
    // The declaration is ASCII in every ASCII-compatible encoding: read it as latin1.
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
    const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
    const decoder = declared ? decoderFor(declared) : null;
    if (decoder && !/^utf-16/i.test(declared ?? '')) return decoder.decode(bytes);
  }
  return new TextDecoder().decode(bytes);
}
