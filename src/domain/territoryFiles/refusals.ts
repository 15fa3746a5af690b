/** Small builders for file-level refusals shared by the format readers (internal). */
import type { TerritoryFileReason } from './reasons';

export type FileFailure = { ok: false; reason: TerritoryFileReason; message: string };

export function fileFailure(reason: TerritoryFileReason, message: string): FileFailure {
  return { ok: false, reason, message };
}

const count = (n: number): string => n.toLocaleString('en-US');

/** 'too-many-features', decided before any feature is converted. */
export function tooManyFeatures(found: number, max: number): FileFailure {
  return fileFailure(
    'too-many-features',
    `The file has ${count(found)} features; at most ${count(max)} can be imported at once. ` +
      'Split it, or keep only the areas you need as territories.',
  );
}

/** 'file-too-large', for the file itself or what a zip would unpack to. */
export function tooLarge(what: string, bytes: number, max: number): FileFailure {
  const mb = (b: number): string => `${(b / (1024 * 1024)).toFixed(b < 10 * 1024 * 1024 ? 1 : 0)} MB`;
  return fileFailure('file-too-large', `${what} is ${mb(bytes)}; files up to ${mb(max)} can be imported.`);
}
