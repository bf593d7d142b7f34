import { badInput } from '../../errors.js';
import { plainText } from '../text.js';

/** The longest search text, and the most words in it (each word is one more index lookup). */
export const SEARCH_MAX_LENGTH = 200;
export const SEARCH_MAX_TERMS = 8;

/**
 * A search text → its words: split on white space, NFC-normalized, each found anywhere in a message
 * (a word, a prefix or any part of one, in any script), all of them in the same message. Duplicates
 * are dropped. No word at all, too long a text or too many words: BAD_USER_INPUT on `query`.
 */
export function searchTerms(query: string): string[] {
  plainText(query, 'query');
  if (query.length > SEARCH_MAX_LENGTH) throw badInput(`Search for at most ${SEARCH_MAX_LENGTH} characters.`, 'query', 'query_too_long');
  const terms = [...new Set(query.normalize('NFC').split(/\s+/u).filter((t) => t.length > 0))];
  if (terms.length === 0) throw badInput('Search for at least one character.', 'query', 'empty_query');
  if (terms.length > SEARCH_MAX_TERMS) throw badInput(`Search for at most ${SEARCH_MAX_TERMS} words.`, 'query', 'too_many_terms');
  return terms;
}

/** Whether a trigram index can find the term (three characters or more); shorter ones are matched by a scan. */
export function indexable(term: string): boolean {
  let n = 0;
  for (const _ of term) if (++n >= 3) return true;
  return false;
}

/** The term as one FTS5 string (matched as a substring by the trigram tokenizer): double quotes doubled. */
export function ftsString(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

/** A LIKE pattern that finds the term anywhere, `\` escaping LIKE's own `%`, `_` and `\`. */
export function likeAnywhere(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
