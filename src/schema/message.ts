import { Readable } from 'node:stream';
import { decodeMessageCursor, encodeMessageCursor } from '../modules/cursors.js';
import { readByAll, readForViewer, toChatMessage, type ConversationRef } from '../modules/messages/message.mapper.js';
import type { ChatMessage, MessageWithReads, ReactionSummary, StoredFile } from '../modules/types.js';
import { DomainError, badInput } from '../errors.js';
import { builder, shareable, type Upload } from './builder.js';
import { withViewer } from './context.js';
import { defineConnection, toConnection } from './page-info.js';
import { User } from './user.js';

const FileInfo = builder.objectRef<StoredFile>('FileInfo').implement({
  fields: (t) => ({
    url: t.string({
      description: 'A signed download URL; it expires (FILE_URL_TTL_SECONDS) and works without a header, e.g. in <img src>.',
      // the origin is part of every render key: the same link for everyone who asked this host
      resolve: (f, _args, ctx) => ctx.origin + ctx.services.files.signedPath(f),
      ...shareable,
    }),
    name: t.exposeString('name', { description: "The uploader's file name (metadata only).", ...shareable }),
    size: t.exposeInt('size', shareable),
    mimeType: t.exposeString('mimeType', { description: 'Detected from the content, not from the client.', ...shareable }),
  }),
});

const Reaction = builder.objectRef<{ summary: ReactionSummary }>('Reaction').implement({
  description: 'One emoji on a message: how many used it, and whether the viewer did.',
  fields: (t) => ({
    emoji: t.string({ resolve: (r) => r.summary.emoji, ...shareable }),
    count: t.int({ resolve: (r) => r.summary.userIds.length, ...shareable }),
    // per viewer (not shareable)
    mine: t.boolean({ description: 'The viewer used it.', resolve: (r, _args, ctx) => withViewer(ctx, (viewer) => r.summary.userIds.includes(viewer.id)) }),
  }),
});

/** The conversation of a message as a message names it (its participants), for the message it answers. */
const refOf = (m: ChatMessage): ConversationRef => ({
  id: m.conversationId,
  name: m.conversationName,
  participants: [m.sender, ...m.recipients].sort((a, b) => a.id - b.id),
});

export const Message = builder.objectRef<MessageWithReads>('Message');

Message.implement({
  fields: (t) => ({
    id: t.id({ resolve: (m) => m.message.id, ...shareable }),
    cursor: t.string({
      description: 'Pass as `after` to `messages` (older pages) or to `messageAdded` (resume after this message).',
      resolve: (m) => encodeMessageCursor(m.message.seq),
      ...shareable,
    }),
    clientId: t.string({ nullable: true, resolve: (m) => m.message.clientId, ...shareable }),
    conversation: t.string({ description: 'The canonical conversation name.', resolve: (m) => m.message.conversationName, ...shareable }),
    conversationId: t.id({ resolve: (m) => m.message.conversationId, ...shareable }),
    sender: t.field({ type: User, resolve: (m) => m.message.sender, ...shareable }),
    content: t.string({ resolve: (m) => m.message.content, ...shareable }),
    file: t.field({ type: FileInfo, nullable: true, resolve: (m) => m.message.file, ...shareable }),
    createdAt: t.field({ type: 'DateTime', resolve: (m) => m.message.createdAt, ...shareable }),
    editedAt: t.field({ type: 'DateTime', nullable: true, description: 'When it was last edited; null unless edited.', resolve: (m) => m.message.editedAt, ...shareable }),
    deletedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was deleted: a deleted message stays in history as a tombstone (content "", file null).',
      resolve: (m) => m.message.deletedAt,
      ...shareable,
    }),
    replyTo: t.field({
      type: Message,
      nullable: true,
      description: 'The message this one answers (its tombstone if it was deleted); null when it answers none.',
      resolve: async (m, _args, ctx) => {
        if (m.message.replyToSeq === null) return null;
        const parent = await ctx.services.messages.parentOf(m.message.replyToSeq);
        // the same conversation: the same read marks
        return parent ? { message: toChatMessage(parent, refOf(m.message)), reads: m.reads } : null;
      },
      ...shareable,
    }),
    reactions: t.field({
      type: [Reaction],
      description: 'One entry per emoji, in the order each was first used (of the reactions still there).',
      resolve: async (m, _args, ctx) => (m.message.reactions ?? (await ctx.services.reactions.of(m.message.seq))).map((summary) => ({ summary })),
      ...shareable,
    }),
    readByAll: t.boolean({ description: 'Every recipient has read it.', resolve: (m) => readByAll(m.message, m.reads), ...shareable }),
    // per viewer (not shareable):
    mine: t.boolean({
      description: 'The viewer sent it.',
      resolve: (m, _args, ctx) => withViewer(ctx, (viewer) => m.message.sender.id === viewer.id),
    }),
    read: t.boolean({
      description: 'For a message to the viewer: the viewer read it. For one the viewer sent: every recipient read it.',
      resolve: (m, _args, ctx) => withViewer(ctx, (viewer) => readForViewer(m.message, m.reads, viewer.id)),
    }),
  }),
});

/**
 * The upload's bytes. graphql-upload-minimal throws from createReadStream() when it already cut the file
 * at FILE_MAX_BYTES (a small request is parsed before the resolver runs); the service then gets an empty
 * stream marked truncated, as busboy marks a file it cuts while it is read, so both cases pass the same
 * policy checks first and end in the same PAYLOAD_TOO_LARGE.
 */
function uploadBody(upload: Upload): Readable {
  try {
    return upload.createReadStream() as Readable;
  } catch (e) {
    if ((e as { status?: unknown }).status !== 413) throw uploadError(e);
    return Object.assign(Readable.from([]), { truncated: true });
  }
}

/** The upload the multipart request promised, or the parser's refusal (a missing file part...) as the client's error. */
async function uploaded(file: Promise<Upload>): Promise<Upload> {
  try {
    return await file;
  } catch (e) {
    throw uploadError(e);
  }
}

/** What the multipart parser refuses is the request's fault (a 4xx status, or a malformed part with none). */
function uploadError(e: unknown): unknown {
  const status = (e as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 500) return e;
  const message = e instanceof Error ? e.message : 'The upload could not be read.';
  return status === 413 ? new DomainError('PAYLOAD_TOO_LARGE', message, { field: 'file', reason: 'file_too_large' }) : badInput(message, 'file', 'invalid_upload');
}

const MessageConnection = defineConnection('Message', Message);

builder.queryFields((t) => ({
  messages: t.field({
    type: MessageConnection,
    description: 'History, newest first. `after` is a cursor from a previous page (older messages follow).',
    args: { conversation: t.arg.string({ required: true }), first: t.arg.int(), after: t.arg.string() },
    resolve: async (_root, args, ctx) => {
      const before = args.after ? decodeMessageCursor(args.after) : null;
      const page = await ctx.services.messages.history(await ctx.viewer(), { conversation: args.conversation, first: args.first, before });
      return toConnection(page.items, page.hasMore, (m) => encodeMessageCursor(m.message.seq), before != null);
    },
  }),
  searchMessages: t.field({
    type: MessageConnection,
    description:
      "The viewer's messages that contain every word of `query` (anywhere in the text: whole words, prefixes and parts of words, in any script), newest first, from all of the viewer's conversations or the one named. `after` is a cursor from a previous page. At most 200 characters and 8 words.",
    args: { query: t.arg.string({ required: true }), conversation: t.arg.string(), first: t.arg.int(), after: t.arg.string() },
    resolve: async (_root, args, ctx) => {
      const before = args.after ? decodeMessageCursor(args.after) : null;
      const page = await ctx.services.search.search(await ctx.viewer(), { query: args.query, conversation: args.conversation, first: args.first, before });
      return toConnection(page.items, page.hasMore, (m) => encodeMessageCursor(m.message.seq), before != null);
    },
  }),
  unreadCount: t.int({
    description: "The viewer's unread messages over all conversations.",
    resolve: async (_root, _args, ctx) => ctx.services.messages.unreadTotal(await ctx.viewer()),
  }),
}));

builder.mutationFields((t) => ({
  sendMessage: t.field({
    type: Message,
    description: 'Stores then delivers a text message. A retry with the same clientId returns the first message.',
    args: {
      conversation: t.arg.string({ required: true }),
      content: t.arg.string({ required: true }),
      clientId: t.arg.string(),
      replyTo: t.arg.id({ description: 'The id of the message this one answers (of the same conversation).' }),
    },
    resolve: async (_root, args, ctx) =>
      ctx.services.messages.send(await ctx.viewer(), { ...args, replyTo: args.replyTo == null ? null : String(args.replyTo) }),
  }),
  addReaction: t.field({
    type: Message,
    description: 'Puts one emoji of the viewer on a message of one of their conversations (again: nothing changes).',
    args: { messageId: t.arg.id({ required: true }), emoji: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => ctx.services.reactions.add(await ctx.viewer(), { messageId: String(args.messageId), emoji: args.emoji }),
  }),
  removeReaction: t.field({
    type: Message,
    description: "Takes the viewer's emoji off a message (not there: nothing changes).",
    args: { messageId: t.arg.id({ required: true }), emoji: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => ctx.services.reactions.remove(await ctx.viewer(), { messageId: String(args.messageId), emoji: args.emoji }),
  }),
  editMessage: t.field({
    type: Message,
    description: "Changes the text of one of the viewer's messages (or a file's caption): the same limits as a send. Anyone else's message, or one that does not exist, is NOT_FOUND.",
    args: { id: t.arg.id({ required: true }), content: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => ctx.services.changes.edit(await ctx.viewer(), { id: String(args.id), content: args.content }),
  }),
  deleteMessage: t.field({
    type: Message,
    description:
      "Deletes one of the viewer's messages: it stays in history as a tombstone (content \"\", file null, deletedAt set), its file is removed, and unread counts it leaves are lowered. Returns the tombstone (again, if it is deleted already).",
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => ctx.services.changes.remove(await ctx.viewer(), { id: String(args.id) }),
  }),
  sendFile: t.field({
    type: Message,
    description: 'Stores a file (multipart request) with optional text, then delivers it like any message.',
    args: {
      conversation: t.arg.string({ required: true }),
      file: t.arg({ type: 'File', required: true }),
      content: t.arg.string(),
      clientId: t.arg.string(),
      replyTo: t.arg.id({ description: 'The id of the message this one answers (of the same conversation).' }),
    },
    resolve: async (_root, args, ctx) => {
      const viewer = await ctx.viewer();
      const upload = await uploaded(args.file);
      return ctx.services.messages.sendFile(viewer, {
        conversation: args.conversation,
        content: args.content,
        clientId: args.clientId,
        replyTo: args.replyTo == null ? null : String(args.replyTo),
        file: { body: uploadBody(upload), filename: upload.filename },
      });
    },
  }),
}));

builder.subscriptionFields((t) => ({
  messageAdded: t.field({
    type: Message,
    description: 'New messages in a conversation. With `after` (a message cursor), first every message after it, then live ones: no gap, no duplicate.',
    args: { conversation: t.arg.string({ required: true }), after: t.arg.string() },
    subscribe: async (_root, args, ctx) => {
      const viewer = await ctx.viewer();
      const afterSeq = args.after ? decodeMessageCursor(args.after) : null;
      const conv = await ctx.services.conversations.open(viewer, args.conversation);
      return ctx.services.conversations.whileMember(viewer, conv, ctx.services.messageFeeds.follow(conv, afterSeq));
    },
    resolve: (m) => m,
    ...shareable,
  }),
  notifications: t.field({
    type: Message,
    description: "New messages to the viewer in any of the viewer's conversations.",
    subscribe: async (_root, _args, ctx) => ctx.services.messageFeeds.notifications(await ctx.viewer()),
    resolve: (message) => ({ message, reads: {} }),
    ...shareable,
  }),
}));
