import type { AppState } from '../../store/types';

/**
 * Reads a file the user picked as text, refusing it first when it is larger than `maxBytes`
 * (`what` names the kind of file in the message: "a plan file"). On failure the user gets
 * a notice that names the file and says nothing changed, and the result is null.
 */
export async function readTextFile(st: Pick<AppState, 'notify'>, file: File, maxBytes: number, what: string): Promise<string | null> {
  if (file.size > maxBytes) {
    st.notify('error', `${file.name} is ${Math.round(file.size / 1048576)} MB; ${what} is at most ${maxBytes / 1048576} MB. Nothing was changed.`);
    return null;
  }
  try {
    return await file.text();
  } catch (err) {
    st.notify('error', `Could not read ${file.name}: ${err instanceof Error ? err.message : String(err)}. Nothing was changed.`);
    return null;
  }
}
