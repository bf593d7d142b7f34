import type { ChangeEvent, ChangeKind, ConversationChange, MessageChange } from '../modules/events.js';
import { conversationKind } from '../modules/conversations/room-name.js';
import { decodeEventCursor, encodeEventCursor } from '../modules/cursors.js';
import { mapOnce } from '../modules/live-events.js';
import type { ConversationStub, MessageWithReads, UserRef } from '../modules/types.js';
import { builder, shareable } from './builder.js';
import { Conversation } from './conversation.js';
import { Message } from './message.js';
import { User } from './user.js';

/** One change as a subscriber receives it: the same object for every subscriber of the node (rendered once where it can be). */
type EventView =
  | { event: MessageChange; message: MessageWithReads; conversation: ConversationStub }
  | { event: ConversationChange; conversation: ConversationStub };

const stub = (id: string, name: string, participants: UserRef[]): ConversationStub => ({
  stub: true,
  id,
  name,
  participants,
  isGroup: conversationKind(name, participants.length) === 'GROUP',
});

const view = mapOnce(
  (event: ChangeEvent): EventView =>
    'message' in event
      ? {
          event,
          // read state is not carried by the change log: a change says what the message is, not who read it
          message: { message: event.message, reads: {} },
          conversation: stub(event.message.conversationId, event.message.conversationName, [event.message.sender, ...event.message.recipients].sort((a, b) => a.id - b.id)),
        }
      : { event, conversation: stub(event.conversation.id, event.conversation.name, event.conversation.participants) },
);

const TYPE_OF: Record<ChangeKind, string> = {
  added: 'MessageAddedEvent',
  edited: 'MessageEditedEvent',
  deleted: 'MessageDeletedEvent',
  reactions: 'ReactionsChangedEvent',
};

const typeOf = (e: EventView): string =>
  'message' in e.event ? TYPE_OF[e.event.change] : e.event.change === 'members' ? 'MembershipChangedEvent' : 'ConversationUpdatedEvent';

const ChatEvent = builder.interfaceRef<EventView>('ChatEvent').implement({
  description:
    "A change of a message or of a named group, from the durable change log: pass its `cursor` as `after` to `events` to resume after it.",
  fields: (t) => ({
    cursor: t.string({ resolve: (e) => encodeEventCursor(e.event.seq), ...shareable }),
    conversation: t.field({ type: Conversation, resolve: (e) => e.conversation, ...shareable }),
  }),
  resolveType: typeOf,
});

const DESCRIPTIONS: Record<ChangeKind, string> = {
  added: 'A message was sent.',
  edited: 'A message was edited: `message` as it is now (`editedAt` set).',
  deleted: 'A message was deleted: `message` is its tombstone (`deletedAt` set, content "", no file).',
  reactions: "A message's reactions changed: `message.reactions` as they are now.",
};

for (const change of Object.keys(TYPE_OF) as ChangeKind[]) {
  builder.objectRef<EventView>(TYPE_OF[change]).implement({
    description: DESCRIPTIONS[change],
    interfaces: [ChatEvent],
    fields: (t) => ({ message: t.field({ type: Message, resolve: (e) => ('message' in e ? e.message : unreachable()), ...shareable }) }),
  });
}

/** who came and went, from a group's own change */
const members = (e: EventView): ConversationChange => ('message' in e ? unreachable() : e.event);

builder.objectRef<EventView>('MembershipChangedEvent').implement({
  description:
    "A named group's members changed (created, added, removed, left): who came and who went. A removed member gets it too, as their last event of that conversation.",
  interfaces: [ChatEvent],
  fields: (t) => ({
    added: t.field({ type: [User], resolve: (e) => members(e).added, ...shareable }),
    removed: t.field({ type: [User], resolve: (e) => members(e).removed, ...shareable }),
  }),
});

builder.objectRef<EventView>('ConversationUpdatedEvent').implement({
  description: "A named group's title or admins changed: read them from `conversation`.",
  interfaces: [ChatEvent],
  fields: () => ({}),
});

function unreachable(): never {
  throw new Error('An event resolved to the wrong type.');
}

builder.subscriptionField('events', (t) =>
  t.field({
    type: ChatEvent,
    description:
      "Every change of a message the viewer can see (sent, edited, deleted, reactions) and of their named groups (members, title, admins), in one conversation or all of the viewer's, in the order they happened. A member removed from a group gets that change as their last event of it (with `conversation`, the subscription then ends with NOT_FOUND). With `after` (an event's cursor), first every change after it from the database, then live ones: no gap and no duplicate, across disconnects and restarts.",
    args: { conversation: t.arg.string(), after: t.arg.string() },
    subscribe: async (_root, args, ctx) => {
      const viewer = await ctx.viewer();
      const after = args.after ? decodeEventCursor(args.after) : null;
      const conv = args.conversation != null ? await ctx.services.conversations.open(viewer, args.conversation) : null;
      const changes = ctx.services.messageFeeds.changes(viewer, conv, after);
      // a removal ends the feed by itself, after it has told the removed member
      return conv ? ctx.services.conversations.whileMember(viewer, conv, changes, ['blocked']) : changes;
    },
    resolve: (event) => view(event),
    ...shareable,
  }),
);
