import { badInput, notFound } from '../../errors.js';
import { groupBy, type InsertedBatch, type PendingSend, type ReadOutcome, type UnreadBump, type UnreadChange } from './message-store.js';

/**
 * The read-state rules (ADR 004), in one place for every store: a message counts as unread for every
 * participant but its sender; a read mark only moves forward; a participant's count is the messages
 * from others past their mark.
 */

/** How a batch moves each conversation's counters: everyone +n, each sender back by their own. */
export function unreadBumps(items: PendingSend[]): UnreadBump[] {
  return [...groupBy(items, (i) => i.conversation.id)].map(([conversationId, sent]) => ({
    conversationId,
    count: sent.length,
    own: [...groupBy(sent, (i) => i.sender.id)].map(([userId, mine]) => ({ userId, count: mine.length })),
  }));
}

/** A read mark never moves backwards. */
export const forwardOnly = (current: number, target: number): number => Math.max(current, target);

/** The counts to publish for one stored message: one entry per recipient, as of the batch's commit. */
export function unreadFor(item: PendingSend, batch: InsertedBatch): UnreadChange[] {
  return item.conversation.participants
    .filter((p) => p.id !== item.sender.id)
    .map((p) => {
      const key = `${item.conversation.id}:${p.id}`;
      const hidden = batch.hidden.has(key);
      return { userId: p.id, total: batch.totals.get(p.id) ?? 0, conversationUnread: batch.unread.get(key) ?? 0, quiet: hidden || batch.muted.has(key), hidden };
    });
}

/** A read mark's outcome, or the error the client gets. */
export function movedOrThrow(outcome: ReadOutcome): Extract<ReadOutcome, { status: 'moved' }> {
  if (outcome.status === 'not_participant') throw notFound('Conversation not found.');
  if (outcome.status === 'unknown_message') throw badInput('That message is not in this conversation.', 'upTo', 'unknown_message');
  return outcome;
}
