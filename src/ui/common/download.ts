/** Offers a string to the user as a file download (no server involved). */
export function downloadText(filename: string, text: string, mime: string): void {
  downloadBlob(filename, new Blob([text], { type: mime }));
}

/** Work done between two yields to the page, so that a long export never freezes it. */
const SLICE_MS = 30;

/**
 * Offers a large text file built piece by piece: the pieces (e.g. `csvChunks` of an
 * export's lines) go into a Blob as they come, so no single string holds the whole file
 * (a million stores are 60–150 MB of CSV), and the page gets the main thread back every
 * few tens of milliseconds. `onProgress` gets the number of pieces written so far.
 */
export async function downloadPieces(filename: string, pieces: Iterable<string>, mime: string, onProgress?: (pieces: number) => void): Promise<void> {
  const parts: string[] = [];
  let sliceStart = performance.now();
  for (const piece of pieces) {
    parts.push(piece);
    if (performance.now() - sliceStart > SLICE_MS) {
      onProgress?.(parts.length);
      await new Promise((resolve) => setTimeout(resolve, 0));
      sliceStart = performance.now();
    }
  }
  downloadBlob(filename, new Blob(parts, { type: mime }));
}

function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file-name-safe slug of a plan name: "Demo plan — 10 regions" → "demo-plan-10-regions". */
export function slug(s: string): string {
  return s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'plan';
}
