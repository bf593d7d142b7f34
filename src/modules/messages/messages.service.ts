import type { Readable } from 'node:stream';
import type { Limits } from '../../config.js';
import { isUniqueViolation } from '../../db/errors.js';
import { DomainError, badInput, notFound } from '../../errors.js';
import type { ConversationsService } from '../conversations/conversations.service.js';
import type { EventBus } from '../events.js';
import type { FilesService } from '../files/files.service.js';
import type { RateLimits } from '../limits/rate-limits.js';
import { pageSize } from '../paging.js';
import { plainText } from '../text.js';
import { checkedContent } from './content-rules.js';
import { Batched } from '../batched.js';
import { publishChange } from './change-events.js';
import { noTelemetry, type Telemetry } from '../telemetry.js';
import type { ChatMessage, ConversationView, MessageWithReads, Page, ReadMarks, StoredFile, Viewer } from '../types.js';
import type { MessageStore } from './message-store.js';
import { toChatMessage, type ConversationRef, type MessageRow } from './message.mapper.js';
import { forwardOnly, movedOrThrow, unreadBumps, unreadFor } from './read-state.js';
import { SendBatcher, type StoredSend } from './send-batch.js';

export interface SendInput {
  conversation: string;
  content: string;
  clientId?: string | null;
  /** the id of the message this one answers (of the same conversation) */
  replyTo?: string | null;
}

/** A file as every transport hands it over: its bytes (streamed to storage) and the client's name for it. */
export interface Upload {
  body: Readable;
  /** the client's file name, kept as metadata only */
  filename: string;
}

export interface FileSendInput {
  conversation: string;
  /** the text; a promise when it is known only after the file (a multipart part that follows it) */
  content?: string | null | Promise<string | null>;
  clientId?: string | null;
  replyTo?: string | null;
  file: Upload;
}

/** A numbered page of history (the legacy `page`/`page_size` pagination). */
export interface HistoryPage {
  items: MessageWithReads[];
  /** messages in the whole conversation */
  count: number;
  page: number;
  pageSize: number;
}

export interface SendResult extends MessageWithReads {
  message: ChatMessage;
  /** false when a retry with the same clientId returned the first message */
  created: boolean;
}

/** Messages: send (store, count unread, publish), history, read marks. The live side is MessageFeeds. */
export class MessagesService {
  readonly #batcher: SendBatcher;
  /** a page's replies ask for their parents together: one query */
  readonly #parents = new Batched<number, MessageRow>(async (seqs) => new Map((await this.store.bySeqs(seqs)).map((row) => [row.seq, row])));

  constructor(
    private readonly store: MessageStore,
    private readonly bus: EventBus,
    private readonly conversations: ConversationsService,
    private readonly files: FilesService,
    private readonly limits: Limits,
    private readonly rateLimits: RateLimits,
    telemetry: Telemetry = noTelemetry,
  ) {
    this.#batcher = new SendBatcher(
      async (items) => {
        const batch = await store.insertBatch(items, unreadBumps(items));
        return items.map((item, i) => ({ ...batch.rows[i]!, unread: unreadFor(item, batch) }));
      },
      limits.sendBatchMax,
      (waited) => telemetry.stored(waited),
    );
  }

  async send(viewer: Viewer, input: SendInput): Promise<SendResult> {
    const { conv, content, clientId, first, replyToSeq } = await this.prepare(viewer, input, input.content, false);
    if (first) return this.retried(first);
    return this.commit(viewer, conv, content, clientId, null, replyToSeq);
  }

  /**
   * A file message: the policy and the clientId are checked before the upload is stored, and the
   * stored file is removed again if the message is not created. An upload refused before it is read
   * is left for the transport to discard.
   */
  async sendFile(viewer: Viewer, input: FileSendInput): Promise<SendResult> {
    const known = typeof input.content === 'string' || input.content == null ? (input.content ?? null) : null;
    const { conv, content, clientId, first, replyToSeq } = await this.prepare(viewer, input, known, true);
    if (first) return this.retried(first);
    const file = await this.files.store(input.file.body, input.file.filename);
    try {
      const text = input.content instanceof Promise ? checkedContent((await input.content) ?? '', true, this.limits) : content;
      const result = await this.commit(viewer, conv, text, clientId, file, replyToSeq);
      if (!result.created) await this.files.remove(file.key);
      return result;
    } catch (e) {
      await this.files.remove(file.key);
      throw e;
    }
  }

  private async prepare(viewer: Viewer, input: { conversation: string; clientId?: string | null; replyTo?: string | null }, rawContent: string | null, hasFile: boolean) {
    const content = checkedContent(rawContent ?? '', hasFile, this.limits);
    const clientId = this.validateClientId(input.clientId);
    const conv = await this.conversations.open(viewer, input.conversation);
    const first = clientId ? await this.findByClientId(viewer, clientId, conv) : null;
    const replyToSeq = input.replyTo != null && !first ? await this.replyTarget(input.replyTo, conv) : null;
    // a retry of a stored message is an answer, not a new send: only new messages count
    if (!first) await this.rateLimits.consume('messages', viewer.id);
    return { conv, content, clientId, first, replyToSeq };
  }

  /** The seq of the message answered: one of this conversation (a tombstone too); anything else is the same refusal. */
  private async replyTarget(id: string, conv: ConversationRef): Promise<number> {
    plainText(id, 'replyTo');
    const parent = await this.store.byId(id);
    if (!parent || parent.conversationId !== conv.id) throw badInput('replyTo must be a message of this conversation.', 'replyTo', 'invalid_reply');
    return parent.seq;
  }

  /** The message a message answers (batched with the others asked for meanwhile). */
  async parentOf(seq: number): Promise<MessageRow | undefined> {
    return this.#parents.get(seq);
  }

  /** Stores the message (one transaction with the unread counters), then publishes it once. */
  private async commit(viewer: Viewer, conv: ConversationRef, content: string, clientId: string | null, file: StoredFile | null, replyToSeq: number | null): Promise<SendResult> {
    let stored: StoredSend;
    try {
      stored = await this.#batcher.send({ sender: viewer, conversation: conv, content, clientId, file, replyToSeq });
    } catch (e) {
      // A concurrent retry with the same clientId committed first: answer with its message.
      const first = clientId && isUniqueViolation(e) ? await this.findByClientId(viewer, clientId, conv) : null;
      if (first) return this.retried(first);
      throw e;
    }
    const message = toChatMessage(stored.row, conv);
    this.bus.publish('conversation', conv.id, { kind: 'message', message, previousSeq: stored.previousSeq });
    publishChange(this.bus, 'added', message, stored.event, message.createdAt);
    for (const u of stored.unread) {
      // a DM that blocked the recipient tells them nothing; a muted conversation: its count moves (every device shows it), nothing is notified
      if (u.hidden) continue;
      if (!u.quiet) this.bus.publish('user', u.userId, { kind: 'notification', message });
      this.bus.publish('user', u.userId, { kind: 'unread', userId: u.userId, total: u.total, conversationId: conv.id, conversationUnread: u.conversationUnread, quiet: u.quiet });
    }
    // a new message: nobody but its sender has read it
    return { message, reads: {}, created: true };
  }

  /** The answer to a retried clientId: the first message, with its read state as of now. */
  private async retried(first: ChatMessage): Promise<SendResult> {
    return { message: first, reads: await this.store.readMarks(first.conversationId), created: false };
  }

  /** Newest first; `before` is an exclusive seq bound (from a cursor); `standing`: deleted messages left out (the legacy dialect). */
  async history(viewer: Viewer, input: { conversation: string; first?: number | null; before?: number | null; standing?: boolean }): Promise<Page<MessageWithReads>> {
    const conv = await this.conversations.resolve(viewer, input.conversation);
    if (!conv.exists) return { items: [], hasMore: false };
    const first = pageSize(input.first, this.limits);
    const rows = await this.store.newest(conv.id, input.before ?? null, first + 1, input.standing ?? false);
    const reads = await this.store.readMarks(conv.id);
    return {
      items: rows.slice(0, first).map((row) => ({ message: toChatMessage(row, conv), reads })),
      hasMore: rows.length > first,
    };
  }

  /**
   * Newest first, by page number (1-based) or 'last'. A page past the end (other than an empty first
   * page) is NOT_FOUND with reason invalid_page.
   */
  async historyPage(viewer: Viewer, input: { conversation: string; page: number | 'last'; pageSize?: number | null }): Promise<HistoryPage> {
    const conv = await this.conversations.resolve(viewer, input.conversation);
    const size = pageSize(input.pageSize, this.limits);
    // a maintained counter: COUNT(*) over a long conversation's index took ~100 ms a page
    const count = conv.exists ? await this.store.messageCount(conv.id) : 0;
    const pages = Math.max(1, Math.ceil(count / size));
    const page = input.page === 'last' ? pages : input.page;
    if (!Number.isInteger(page) || page < 1 || page > pages) throw new DomainError('NOT_FOUND', 'Invalid page.', { reason: 'invalid_page' });
    if (count === 0) return { items: [], count, page, pageSize: size };
    const rows = await this.store.newestFrom(conv.id, (page - 1) * size, size);
    const reads = await this.store.readMarks(conv.id);
    return { items: rows.map((row) => ({ message: toChatMessage(row, conv), reads })), count, page, pageSize: size };
  }

  /**
   * Marks the conversation read for the viewer up to `upTo` (a message id; default: everything).
   * The unread count is recomputed in the same transaction; the viewer's devices get the new counts
   * and the room gets a read receipt.
   */
  async markRead(viewer: Viewer, input: { conversation: string; upTo?: string | null }): Promise<ConversationView> {
    const conv = await this.conversations.resolve(viewer, input.conversation);
    if (!conv.exists) throw notFound('Conversation not found.');
    await this.rateLimits.consume('signals', viewer.id);
    if (input.upTo) plainText(input.upTo, 'upTo');
    const result = movedOrThrow(await this.store.markRead(conv.id, viewer.id, input.upTo ? { messageId: input.upTo } : 'latest', forwardOnly));
    this.bus.publish('user', viewer.id, { kind: 'unread', userId: viewer.id, total: result.total, conversationId: conv.id, conversationUnread: result.unreadCount, quiet: result.muted });
    if (result.lastReadSeq !== result.before) {
      this.bus.publish('conversation', conv.id, {
        kind: 'read',
        conversationId: conv.id,
        conversationName: conv.name,
        user: viewer,
        lastReadSeq: result.lastReadSeq,
        lastReadMessageId: result.lastReadMessageId,
        at: new Date().toISOString(),
      });
    }
    return this.conversations.viewFor(viewer, conv.id);
  }

  /**
   * Mutes (or unmutes) the conversation for the viewer: its own unread count goes on, but it leaves the
   * total and the notifications (GraphQL and the legacy notification socket). Every device of the
   * viewer gets the new total at once.
   */
  async setMuted(viewer: Viewer, input: { conversation: string; muted: boolean }): Promise<ConversationView> {
    const conv = await this.conversations.resolve(viewer, input.conversation);
    if (!conv.exists) throw notFound('Conversation not found.');
    await this.rateLimits.consume('signals', viewer.id);
    const counts = await this.store.setMuted(conv.id, viewer.id, input.muted);
    if (!counts) throw notFound('Conversation not found.');
    // the total moved (or stayed): every device hears it, the legacy notification socket included
    this.bus.publish('user', viewer.id, { kind: 'unread', userId: viewer.id, total: counts.total, conversationId: conv.id, conversationUnread: counts.unreadCount, quiet: false });
    return this.conversations.viewFor(viewer, conv.id);
  }

  /** Resolves once every send already taken is stored (and answered): what a draining server waits for. */
  drained(): Promise<void> {
    return this.#batcher.idle();
  }

  unreadTotal(viewer: Viewer): Promise<number> {
    return this.store.unreadTotal(viewer.id);
  }

  readMarks(conversationId: string): Promise<ReadMarks> {
    return this.store.readMarks(conversationId);
  }

  private async findByClientId(viewer: Viewer, clientId: string, conv: ConversationRef): Promise<ChatMessage | null> {
    const row = await this.store.byClientId(viewer.id, clientId);
    if (!row) return null;
    if (row.conversationId !== conv.id) {
      throw new DomainError('CONFLICT', 'This clientId was already used for a message in another conversation.', { field: 'clientId', reason: 'client_id_reused' });
    }
    return toChatMessage(row, conv);
  }

  private validateClientId(clientId: string | null | undefined): string | null {
    if (clientId == null || clientId === '') return null;
    plainText(clientId, 'clientId');
    if (clientId.length > this.limits.clientIdMaxLength) {
      throw badInput(`clientId is longer than ${this.limits.clientIdMaxLength} characters.`, 'clientId', 'invalid_client_id');
    }
    return clientId;
  }
}
