import { badInput } from '../errors.js';

/**
 * Text a client gives that is stored or looked up: PostgreSQL's text cannot hold U+0000 and no chat text
 * needs it, so it is refused the same way on both databases (BAD_USER_INPUT), not met as a driver error.
 */
export function plainText(value: string, field: string): string {
  if (value.includes('\u0000')) throw badInput(`"${field}" may not contain the NUL character.`, field, 'invalid_text');
  return value;
}
