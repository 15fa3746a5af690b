/**
 * Reading a JSON file a user picked (plan file, backup) as hostile input: it may be huge,
 * cut short by a failed download, not JSON at all, or crafted. Shared by
 * readPlanFile and readBackup so both refuse the same way.
 *
 * Prototype pollution: `JSON.parse` itself is safe — a `"__proto__"` key becomes an own
 * data property, never the object's prototype. The danger is code that later copies
 * parsed keys into plain objects (deep merge, `Object.assign`, `obj[key] = …`). The
 * readers therefore only ever read KNOWN keys into new objects; the few free-form bags
 * that are passed through (backup settings, undo history) go through `copyWithoutUnsafeKeys`,
 * which drops `__proto__`, `constructor` and `prototype` keys at every depth.
 */

/** Why a text is not usable JSON at all. */
export const JSON_TEXT_REASONS = ['too-large', 'not-json', 'truncated'] as const;
export type JsonTextReason = (typeof JSON_TEXT_REASONS)[number];

export type JsonTextResult =
  | { ok: true; value: unknown }
  | { ok: false; reason: JsonTextReason; message: string };

/** "1.5 MB", "120 MB": sizes in the words of the refusal messages. */
export function formatSize(chars: number): string {
  if (chars >= 1e6) return `${Math.round(chars / 1e5) / 10} MB`;
  if (chars >= 1e3) return `${Math.round(chars / 1e2) / 10} kB`;
  return `${chars} bytes`;
}

/**
 * Parses `text` as JSON after checking its size FIRST (so a 2 GB file costs nothing).
 * The size is the string length (UTF-16 code units), which equals the byte size for
 * ASCII files and is never more than it. A leading byte-order mark is ignored.
 *
 * @param what the document in the user's words, e.g. "plan file".
 */
export function parseJsonText(text: string, maxChars: number, what: string): JsonTextResult {
  if (text.length > maxChars) {
    return {
      ok: false,
      reason: 'too-large',
      message: `This ${what} is ${formatSize(text.length)}; the limit is ${formatSize(maxChars)}. Check that it is the right file.`,
    };
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { ok: false, reason: 'not-json', message: `The ${what} is empty.` };
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    if (looksTruncated(body, detail)) {
      return {
        ok: false,
        reason: 'truncated',
        message: `The ${what} ends too early: it was probably cut short while downloading or copying. Save or export it again.`,
      };
    }
    return {
      ok: false,
      reason: 'not-json',
      message: `This is not a ${what}: the file is not valid JSON (${detail.slice(0, 200)}).`,
    };
  }
}

/**
 * True when a JSON parse failure happened at the very end of the text (V8: "Unexpected end
 * of JSON input", or an error position at the end), or — for engines whose messages give
 * no position — when an object, array or string is still open at the end.
 */
function looksTruncated(body: string, detail: string): boolean {
  const start = body.trimStart().charCodeAt(0);
  if (start !== 123 && start !== 91) return false; // not even the start of an object/array
  if (/end of (JSON )?(input|data)/i.test(detail)) return true;
  const at = /position (\d+)/.exec(detail);
  if (at) return Number(at[1]) >= body.trimEnd().length;
  return openAtEnd(body);
}

function openAtEnd(s: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped char
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) depth++;
    else if (c === 125 || c === 93) depth--;
  }
  return inString || depth > 0;
}

/** Keys never copied from a file into an object (see the module comment). */
const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** True for an own key that must not be copied (`__proto__`, `constructor`, `prototype`). */
export function isUnsafeKey(key: string): boolean {
  return UNSAFE_KEYS.has(key);
}

/**
 * A deep copy of parsed JSON without `__proto__`/`constructor`/`prototype` keys, made of
 * fresh plain objects and arrays. Null when nesting is deeper than `maxDepth` (a crafted
 * file cannot overflow the stack of whoever walks the value later).
 */
export function copyWithoutUnsafeKeys(value: unknown, maxDepth = 64): { value: unknown } | null {
  const tooDeep = {};
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    if (depth > maxDepth) throw tooDeep;
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) {
      if (UNSAFE_KEYS.has(key)) continue;
      out[key] = walk((v as Record<string, unknown>)[key], depth + 1);
    }
    return out;
  };
  try {
    return { value: walk(value, 0) };
  } catch (e) {
    if (e === tooDeep) return null;
    throw e;
  }
}

/** A JSON object (not null, not an array). */
export function isJsonObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * `s` cut to at most `max` UTF-16 units without splitting a surrogate pair (so an emoji
 * at the cut is dropped whole, never left as half a character).
 */
export function capText(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max;
  const last = s.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return s.slice(0, end);
}

/** A short, printable form of a value from a file for a message (never the whole value). */
export function describeValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(capText(v, 40));
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  if (Array.isArray(v)) return 'a list';
  return v === undefined ? 'nothing' : 'an object';
}
