import type { Limits } from '../../config.js';
import { DomainError, badInput } from '../../errors.js';
import { plainText } from '../text.js';

/**
 * A message's text as sends and edits take it: plain text (no NUL), at most MESSAGE_MAX_LENGTH
 * characters, and not empty unless the message has a file (then it is the caption).
 */
export function checkedContent(content: string, hasFile: boolean, limits: Limits): string {
  plainText(content, 'content');
  if (characterCount(content, limits.messageMaxLength) > limits.messageMaxLength) {
    throw new DomainError('PAYLOAD_TOO_LARGE', `Message is longer than ${limits.messageMaxLength} characters.`, { field: 'content', reason: 'message_too_long' });
  }
  if (!hasFile && content.trim().length === 0) throw badInput('Message content may not be empty.', 'content', 'empty_message');
  return content;
}

/**
 * Characters as a user counts them (code points, as Django's max_length does), not UTF-16 units: an
 * emoji is one. Stops counting past `limit`, so a huge string costs no more than the limit.
 */
function characterCount(text: string, limit: number): number {
  if (text.length <= limit) return text.length;
  let n = 0;
  for (const _ of text) if (++n > limit) break;
  return n;
}
