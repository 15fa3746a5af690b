import { PLAN_FILE_EXTENSION } from './planFileFormat';

// Characters Windows, macOS or Linux refuse in a file name, and control characters.
const ILLEGAL = /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f]/g;
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;
const MAX_NAME = 120;

/**
 * The file name a plan is saved under: `<plan name>.plan.geojson`, e.g.
 * "2027 realignment – West.plan.geojson". The name stays readable (spaces, accents,
 * dashes, emoji kept); only what a file system refuses is replaced: characters illegal on
 * Windows/macOS/Linux (`< > : " / \ | ? *`) and control characters become a space, runs
 * of spaces collapse, leading/trailing dots and spaces go (Windows drops trailing dots),
 * Windows device names (CON, NUL…) get a suffix, and the name is cut at 120 characters.
 * Nothing left → "plan".
 */
export function planFileName(planName: string): string {
  let name = planName.normalize('NFC').replace(ILLEGAL, ' ').replace(/\s+/g, ' ');
  name = name.replace(/^[\s.]+|[\s.]+$/g, '');
  if (name.length > MAX_NAME) {
    let end = MAX_NAME;
    const c = name.charCodeAt(end - 1);
    if (c >= 0xd800 && c <= 0xdbff) end--;
    name = name.slice(0, end).replace(/[\s.]+$/, '');
  }
  if (name === '') name = 'plan';
  if (RESERVED.test(name)) name = `${name} plan`;
  return name + PLAN_FILE_EXTENSION;
}
