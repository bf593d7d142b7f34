import { encodeConversationCursor, decodeConversationCursor } from '../modules/cursors.js';
import type { ConversationStub, ConversationView } from '../modules/types.js';
import type { GraphQLContext } from './context.js';
import { builder, shareable } from './builder.js';
import { Message } from './message.js';
import { defineConnection, toConnection } from './page-info.js';
import { User } from './user.js';

/** A loaded view, or the stub an event carries (its other fields read when selected). */
export type ConversationSource = ConversationView | ConversationStub;

const summary = (c: ConversationStub, ctx: GraphQLContext) => ctx.services.conversations.summary(c.id);

export const Conversation = builder.objectRef<ConversationSource>('Conversation').implement({
  description: 'A participant set: a two-person conversation (name: sorted usernames) or a group (name: sorted ids).',
  fields: (t) => ({
    id: t.exposeID('id', shareable),
    name: t.exposeString('name', shareable),
    isGroup: t.exposeBoolean('isGroup', shareable),
    participants: t.field({ type: [User], resolve: (c) => c.participants, ...shareable }),
    lastMessage: t.field({
      type: Message,
      nullable: true,
      resolve: async (c, _args, ctx) => ('stub' in c ? (await summary(c, ctx)).lastMessage : c.lastMessage),
      ...shareable,
    }),
    // per viewer (not shareable)
    unreadCount: t.int({
      description: "The viewer's unread messages here.",
      resolve: async (c, _args, ctx) => ('stub' in c ? (await ctx.services.conversations.viewFor(await ctx.viewer(), c.id)).unreadCount : c.unreadCount),
    }),
    // per viewer (not shareable)
    muted: t.boolean({
      description: "Muted by the viewer (setMuted): its unread count goes on, but it is left out of the viewer's total (the `unreadCount` query, the `unreadCount` subscription's `total`) and of notifications.",
      resolve: async (c, _args, ctx) => ('stub' in c ? (await ctx.services.conversations.viewFor(await ctx.viewer(), c.id)).muted : c.muted),
    }),
    // per viewer (not shareable): users the viewer has blocked are left out
    online: t.field({
      type: [User],
      description: 'Participants with at least one live connection to this conversation (but users the viewer has blocked).',
      resolve: async (c, _args, ctx) => ctx.services.presence.onlineFor(await ctx.viewer(), c.id),
    }),
    createdAt: t.field({ type: 'DateTime', resolve: async (c, _args, ctx) => ('stub' in c ? (await summary(c, ctx)).createdAt : c.createdAt), ...shareable }),
    lastActivityAt: t.field({
      type: 'DateTime',
      resolve: async (c, _args, ctx) => ('stub' in c ? (await summary(c, ctx)).lastActivityAt : c.lastActivityAt),
      ...shareable,
    }),
  }),
});

const ConversationConnection = defineConnection('Conversation', Conversation);

builder.queryFields((t) => ({
  conversations: t.field({
    type: ConversationConnection,
    description: "The viewer's conversations, most recent activity first.",
    args: { first: t.arg.int(), after: t.arg.string() },
    resolve: async (_root, args, ctx) => {
      const viewer = await ctx.viewer();
      const after = args.after ? decodeConversationCursor(args.after) : null;
      const page = await ctx.services.conversations.list(viewer, { first: args.first, after });
      return toConnection(page.items, page.hasMore, encodeConversationCursor, after != null);
    },
  }),
  conversation: t.field({
    type: Conversation,
    nullable: true,
    description: 'null when the conversation does not exist or the viewer is not a participant.',
    args: { name: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => ctx.services.conversations.find(await ctx.viewer(), args.name),
  }),
}));

builder.mutationFields((t) => ({
  startConversation: t.field({
    type: Conversation,
    description: 'Opens (or returns the existing) conversation of the viewer and the named users.',
    args: { usernames: t.arg.stringList(), userIds: t.arg.idList() },
    resolve: async (_root, args, ctx) =>
      ctx.services.conversations.start(await ctx.viewer(), { usernames: args.usernames, userIds: args.userIds?.map(Number) }),
  }),
  setMuted: t.field({
    type: Conversation,
    description: "Mutes (or unmutes) the conversation for the viewer: it keeps its own unread count, but leaves the viewer's total and `notifications` (and the legacy notification socket). Every device of the viewer gets the new total.",
    args: { conversation: t.arg.string({ required: true }), muted: t.arg.boolean({ required: true }) },
    resolve: async (_root, args, ctx) => ctx.services.messages.setMuted(await ctx.viewer(), { conversation: args.conversation, muted: args.muted }),
  }),
  markRead: t.field({
    type: Conversation,
    description: 'Marks messages read up to `upTo` (default: all) for the viewer.',
    args: { conversation: t.arg.string({ required: true }), upTo: t.arg.id() },
    resolve: async (_root, args, ctx) =>
      ctx.services.messages.markRead(await ctx.viewer(), { conversation: args.conversation, upTo: args.upTo }),
  }),
}));
