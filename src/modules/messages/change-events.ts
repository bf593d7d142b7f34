import type { ChangeEvent, ChangeKind, EventBus } from '../events.js';
import type { ChatMessage } from '../types.js';
import type { EventPosition, StoredChange } from './message-store.js';
import { toChatMessage, type ConversationRef } from './message.mapper.js';
import { parseMembersDetail } from '../conversations/group-store.js';

/** Conversations by id, as change events name them (participants in id order). */
export type ConversationRefs = (ids: string[]) => Promise<Map<string, { ref: ConversationRef }>>;

/** Change-log rows read back → the events a live stream would have carried (the message as it is now). */
export async function changeEvents(changes: StoredChange[], refs: ConversationRefs): Promise<ChangeEvent[]> {
  const conversationOf = (c: StoredChange) => ('row' in c ? c.row.conversationId : c.conversationId);
  const known = await refs([...new Set(changes.map(conversationOf))]);
  return changes.flatMap((c): ChangeEvent[] => {
    const ref = known.get(conversationOf(c))?.ref;
    if (!ref) return [];
    const at = c.at.toISOString();
    if ('row' in c) return [{ kind: 'change', seq: c.seq, previousSeq: null, change: c.change, message: toChatMessage(c.row, ref), at }];
    // a group's own change: the group as it is now, and who came and went then
    const { added, removed } = parseMembersDetail(c.detail);
    return [{ kind: 'change', seq: c.seq, previousSeq: null, change: c.change, conversation: ref, added, removed, at }];
  });
}

/**
 * A committed change, told: on the change log's topic (the `events` subscription, every node), and an
 * edit, delete or reaction also to the conversation's room (legacy sockets show it).
 */
export function publishChange(bus: EventBus, change: ChangeKind, message: ChatMessage, event: EventPosition, at: string): void {
  bus.publish('events', 'all', { kind: 'change', seq: event.seq, previousSeq: event.previousSeq, change, message, at });
  if (change !== 'added') bus.publish('conversation', message.conversationId, { kind: 'changed', change, message });
}
