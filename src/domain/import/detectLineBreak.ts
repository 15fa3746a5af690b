/**
 * The file's line break (`\r\n` Windows, `\n` Unix, `\r` old Mac): the first one outside
 * double quotes in the first 64 KB. Given to papaparse explicitly because its own guess
 * looks only at the first chunk — in a chunked parse whose first chunk holds no complete
 * line it guesses `\n` for a CRLF file and leaves a `\r` on every last cell — and because
 * its guess copies up to 1 MB of text through a regular expression. `undefined` when the
 * sample has no line break outside quotes (let papaparse guess).
 */
const SAMPLE_CHARS = 65_536;

/** The first line break outside quotes in the first 64 KB, or undefined. */
export function detectLineBreak(text: string): '\r\n' | '\n' | '\r' | undefined {
  const end = Math.min(text.length, SAMPLE_CHARS);
  let inQuotes = false;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes; // "" inside quotes toggles twice: no effect
    else if (!inQuotes) {
      if (c === 10) return '\n';
      if (c === 13) return text.charCodeAt(i + 1) === 10 ? '\r\n' : '\r';
    }
  }
  return undefined;
}
