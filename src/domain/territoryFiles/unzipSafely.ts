/**
 * Zip → the members a reader needs (internal), with the checks a zip from the internet
 * needs before anything is inflated:
 * - the central directory is listed first without inflating anything;
 * - macOS resource forks (`__MACOSX/…`), dot-files (`._x.shp`, `.DS_Store`) and folders
 *   are ignored, so a zip made by "Compress" in the Finder reads like any other;
 * - the declared uncompressed sizes of the wanted members must add up to at most
 *   `maxBytes` (zip bombs declare their real size or get a buffer of the declared size:
 *   fflate inflates into a buffer of exactly the declared length, so a member that lies
 *   about its size is cut there, never grown).
 */
import { unzipSync } from 'fflate';
import type { Result } from '../types';
import type { TerritoryFileReason } from './reasons';
import { fileFailure, tooLarge } from './refusals';

export interface ZipMember {
  /** Path inside the zip, as stored ("senate/Senate.SHP"). */
  path: string;
  bytes: Uint8Array;
}

/** True for members no reader should see (Finder metadata, hidden files, folders). */
export function isJunkMember(path: string): boolean {
  if (path.endsWith('/')) return true;
  const parts = path.split(/[\\/]/);
  if (parts.some((p) => p === '__MACOSX')) return true;
  return (parts[parts.length - 1] ?? '').startsWith('.');
}

function damaged(error: unknown): ReturnType<typeof fileFailure> {
  const detail = error instanceof Error ? error.message : String(error);
  return fileFailure(
    'invalid-zip',
    `The zip file cannot be opened (${detail.slice(0, 120)}). It may be damaged, cut short, password-protected ` +
      'or use a compression this app does not support; zip it again with a standard zip tool.',
  );
}

/** Every member name that is not junk (nothing is inflated). */
export function listZip(bytes: Uint8Array): Result<string[], TerritoryFileReason> {
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (file) => {
        if (!isJunkMember(file.name)) names.push(file.name);
        return false;
      },
    });
  } catch (error) {
    return damaged(error);
  }
  return { ok: true, value: names };
}

/** Inflates the members whose path `wanted` accepts, within `maxBytes` in total. */
export function unzipSafely(
  bytes: Uint8Array,
  wanted: (path: string) => boolean,
  maxBytes: number,
): Result<ZipMember[], TerritoryFileReason> {
  let declared = 0;
  try {
    unzipSync(bytes, {
      filter: (file) => {
        if (!isJunkMember(file.name) && wanted(file.name)) declared += file.originalSize;
        return false;
      },
    });
  } catch (error) {
    return damaged(error);
  }
  if (declared > maxBytes) return tooLarge('Unpacked, the zip file', declared, maxBytes);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (file) => !isJunkMember(file.name) && wanted(file.name) });
  } catch (error) {
    return damaged(error);
  }
  // fflate returns a plain object keyed by member name; read it with Object.keys only.
  const members = Object.keys(files).map((path) => ({ path, bytes: files[path]! }));
  return { ok: true, value: members };
}
