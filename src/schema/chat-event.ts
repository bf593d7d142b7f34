import type { ChangeEvent, ChangeKind } from '../modules/events.js';
import { decodeEventCursor, encodeEventCursor } from '../modules/cursors.js';
import { mapOnce } from '../modules/live-events.js';
import type { ConversationStub, MessageWithReads } from '../modules/types.js';
import { builder, shareable } from './builder.js';
import { Conversation } from './conversation.js';
import { Message } from './message.js';

/** One change as a subscriber receives it: the same object for every subscriber of the node (rendered once where it can be). */
interface EventView {
  event: ChangeEvent;
  message: MessageWithReads;
  conversation: ConversationStub;
}

const view = mapOnce(
  (event: ChangeEvent): EventView => ({
    event,
    // read state is not carried by the change log: a change says what the message is, not who read it
    message: { message: event.message, reads: {} },
    conversation: {
      stub: true,
      id: event.message.conversationId,
      name: event.message.conversationName,
      participants: [event.message.sender, ...event.message.recipients].sort((a, b) => a.id - b.id),
      isGroup: event.message.recipients.length > 1,
    },
  }),
);

const TYPE_OF: Record<ChangeKind, string> = {
  added: 'MessageAddedEvent',
  edited: 'MessageEditedEvent',
  deleted: 'MessageDeletedEvent',
  reactions: 'ReactionsChangedEvent',
};

const ChatEvent = builder.interfaceRef<EventView>('ChatEvent').implement({
  description: 'A change of a message, from the durable change log: pass its `cursor` as `after` to `events` to resume after it.',
  fields: (t) => ({
    cursor: t.string({ resolve: (e) => encodeEventCursor(e.event.seq), ...shareable }),
    conversation: t.field({ type: Conversation, resolve: (e) => e.conversation, ...shareable }),
  }),
  resolveType: (e) => TYPE_OF[e.event.change],
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
    fields: (t) => ({ message: t.field({ type: Message, resolve: (e) => e.message, ...shareable }) }),
  });
}

builder.subscriptionField('events', (t) =>
  t.field({
    type: ChatEvent,
    description:
      "Every change of a message the viewer can see (sent, edited, deleted, reactions), in one conversation or all of the viewer's, in the order they happened. With `after` (an event's cursor), first every change after it from the database, then live ones: no gap and no duplicate, across disconnects and restarts.",
    args: { conversation: t.arg.string(), after: t.arg.string() },
    subscribe: async (_root, args, ctx) => {
      const viewer = await ctx.viewer();
      const after = args.after ? decodeEventCursor(args.after) : null;
      const conv = args.conversation != null ? await ctx.services.conversations.open(viewer, args.conversation) : null;
      const changes = ctx.services.messageFeeds.changes(viewer, conv, after);
      return conv ? ctx.services.conversations.whileMember(viewer, conv, changes) : changes;
    },
    resolve: (event) => view(event),
    ...shareable,
  }),
);
