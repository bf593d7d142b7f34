import { encodeConversationCursor, decodeConversationCursor } from '../modules/cursors.js';
import type { ConversationStub, ConversationView } from '../modules/types.js';
import type { GraphQLContext } from './context.js';
import { builder, shareable } from './builder.js';
import { Message } from './message.js';
import { defineConnection, toConnection } from './page-info.js';
import { User } from './user.js';
import { conversationKind } from '../modules/conversations/room-name.js';

const ConversationKind = builder.enumType('ConversationKind', {
  description: 'DIRECT: two people (name: their sorted usernames). GROUP: an id-group (name: sorted ids) or a named group (name: `g-…`, from createGroup).',
  values: { DIRECT: {}, GROUP: {} } as const,
});

/** A loaded view, or the stub an event carries (its other fields read when selected). */
export type ConversationSource = ConversationView | ConversationStub;

const summary = (c: ConversationStub, ctx: GraphQLContext) => ctx.services.conversations.summary(c.id);

export const Conversation = builder.objectRef<ConversationSource>('Conversation').implement({
  description:
    'A conversation: a participant set (a DM, name: sorted usernames; an id-group, name: sorted ids), or a named group (name: `g-…`) whose members change (createGroup).',
  fields: (t) => ({
    id: t.exposeID('id', shareable),
    name: t.exposeString('name', shareable),
    isGroup: t.exposeBoolean('isGroup', shareable),
    kind: t.field({ type: ConversationKind, resolve: (c) => ('kind' in c ? c.kind : conversationKind(c.name, c.participants.length)), ...shareable }),
    title: t.string({
      nullable: true,
      description: "A named group's title; null for DMs and id-groups.",
      resolve: async (c, _args, ctx) => ('stub' in c ? (await summary(c, ctx)).title : c.title),
      ...shareable,
    }),
    admins: t.field({
      type: [User],
      description: "A named group's admins (who may change its title and members); none for DMs and id-groups.",
      resolve: async (c, _args, ctx) => ('stub' in c ? (await summary(c, ctx)).admins : c.admins),
      ...shareable,
    }),
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
  createGroup: t.field({
    type: Conversation,
    description:
      'A named group of the viewer (its first admin) and the named users: its `name` (`g-…`) is its own, whoever joins or leaves, and works wherever a conversation name does (the legacy socket route too).',
    args: { title: t.arg.string({ required: true }), usernames: t.arg.stringList({ required: true }) },
    resolve: async (_root, args, ctx) => ctx.services.groups.create(await ctx.viewer(), { title: args.title, usernames: args.usernames }),
  }),
  updateConversation: t.field({
    type: Conversation,
    description: "A named group's new title (admins).",
    args: { conversation: t.arg.string({ required: true }), title: t.arg.string() },
    resolve: async (_root, args, ctx) => ctx.services.groups.update(await ctx.viewer(), { conversation: args.conversation, title: args.title }),
  }),
  addParticipants: t.field({
    type: Conversation,
    description: 'Adds users to a named group (admins). They can read its whole history, send and subscribe at once; their unread count starts at 0.',
    args: { conversation: t.arg.string({ required: true }), usernames: t.arg.stringList({ required: true }) },
    resolve: async (_root, args, ctx) => ctx.services.groups.add(await ctx.viewer(), { conversation: args.conversation, usernames: args.usernames }),
  }),
  removeParticipant: t.field({
    type: Conversation,
    description: "Removes a member from a named group (admins): their subscriptions to it end and their sockets in it close, on every node; it leaves their unread total.",
    args: { conversation: t.arg.string({ required: true }), username: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => ctx.services.groups.remove(await ctx.viewer(), { conversation: args.conversation, username: args.username }),
  }),
  setAdmin: t.field({
    type: Conversation,
    description: 'Makes a member of a named group an admin, or not (admins). A group keeps at least one admin.',
    args: { conversation: t.arg.string({ required: true }), username: t.arg.string({ required: true }), admin: t.arg.boolean({ required: true }) },
    resolve: async (_root, args, ctx) => ctx.services.groups.setAdmin(await ctx.viewer(), { conversation: args.conversation, username: args.username, admin: args.admin }),
  }),
  leaveConversation: t.boolean({
    description:
      'The viewer leaves a named group (DMs and id-groups cannot be left: mute or block instead). If they were its last admin, the longest-standing member becomes admin; the last member to leave closes it.',
    args: { conversation: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => ctx.services.groups.leave(await ctx.viewer(), { conversation: args.conversation }),
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
