/**
 * Channel cells → `Channel`. Unlike status, an unrecognised channel does not reject the
 * row: the channel only colours the map and filters tables, and refusing a paying customer
 * over "Pet Boutique" would be harsh. So:
 *  1. exact names and synonyms (case/space/punctuation-insensitive) → that channel, silently;
 *  2. otherwise the closest channel by keyword (`vet`/`animal hospital` → vet-clinic,
 *     `groom` → groomer, `feed`/`farm`/`ranch` → farm-feed, `grocer`/`supermarket` →
 *     grocery, `pet` → independent-pet), and
 *  3. otherwise `independent-pet`, the reference wholesaler's core channel.
 * Cases 2 and 3 are reported (`exact: false`) so the import summary can list each such
 * value with the channel it became, and the user can fix the file if that is wrong.
 */
import type { Channel } from '../types';
import { normalizeWord } from './normalizeWord';

/** The channel used when a value matches nothing (and for an empty cell). */
export const FALLBACK_CHANNEL: Channel = 'independent-pet';

const CHANNEL_SYNONYMS: ReadonlyMap<string, Channel> = new Map<string, Channel>([
  ...['independentpet', 'independent', 'indie', 'pet', 'petstore', 'petshop', 'petspecialty', 'petspecialtyretail', 'petretail', 'petretailer', 'petsupply', 'petsupplies', 'independentpetstore', 'independentpetretailer', 'ipr'].map(
    (w) => [w, 'independent-pet'] as const,
  ),
  ...['vetclinic', 'vet', 'vets', 'veterinary', 'veterinarian', 'veterinaryclinic', 'vetpractice', 'veterinarypractice', 'animalhospital', 'clinic', 'vethospital'].map(
    (w) => [w, 'vet-clinic'] as const,
  ),
  ...['groomer', 'groomers', 'grooming', 'petgrooming', 'groomingsalon', 'petsalon', 'doggrooming'].map((w) => [w, 'groomer'] as const),
  ...['farmfeed', 'farmandfeed', 'farm', 'feed', 'feedstore', 'farmstore', 'farmsupply', 'feedandseed', 'agretail', 'ruralretail', 'farmandranch', 'farmranch'].map(
    (w) => [w, 'farm-feed'] as const,
  ),
  ...['grocery', 'groceries', 'grocer', 'grocerystore', 'supermarket', 'supermarkets', 'food', 'foodretail', 'fooddrug', 'fdm'].map((w) => [w, 'grocery'] as const),
]);

/** Keyword → channel for values that are not synonyms, tried in this order. */
const CHANNEL_KEYWORDS: readonly (readonly [string, Channel])[] = [
  ['veterin', 'vet-clinic'],
  ['animalhosp', 'vet-clinic'],
  ['vet', 'vet-clinic'],
  ['groom', 'groomer'],
  ['feed', 'farm-feed'],
  ['farm', 'farm-feed'],
  ['ranch', 'farm-feed'],
  ['grocer', 'grocery'],
  ['supermarket', 'grocery'],
  ['pet', 'independent-pet'],
];

/** The channel for a non-empty cell; `exact` false when it was a keyword guess or the fallback. */
export function matchChannel(text: string): { channel: Channel; exact: boolean } {
  const w = normalizeWord(text);
  const exact = CHANNEL_SYNONYMS.get(w);
  if (exact) return { channel: exact, exact: true };
  for (const [key, channel] of CHANNEL_KEYWORDS) if (w.includes(key)) return { channel, exact: false };
  return { channel: FALLBACK_CHANNEL, exact: false };
}
