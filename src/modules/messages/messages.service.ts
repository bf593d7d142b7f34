import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Repeater } from 'graphql-yoga';
import type { FilesService } from '../files/files.service.js';
import type { Limits } from '../../config.js';
import { DomainError, badInput, notFound } from '../../errors.js';
import type { Bus } from '../../realtime/bus.js';
import type { ConversationEvent } from '../../realtime/events.js';
import type { ConversationsService, Membership } from '../conversations/conversations.service.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { ChatMessage, ConversationView, MessageWithReads, Page, ReadMarks, StoredFile, UserRef, Viewer } from '../types.js';
import { topicFeed } from '../../realtime/feed.js';
import { withSharedLive } from '../../realtime/shared-live.js';
import type { RateLimits } from '../limits/rate-limits.js';
import { pageSize } from '../paging.js';
import { SendBatcher } from './send-batch.js';
import type { MessageStore, StoredSend } from './message-store.js';
import { LiveOrder } from './live-order.js';
import { toChatMessage, type ConversationRef } from './message.mapper.js';

export interface SendInput {
  conversation: string;
  content: string;
  clientId?: string | null;
}

export interface FileSendInput {
  conversation: string;
  /** the text; a function when the transport learns it only after the file (a multipart part order) */
  content?: string | null | (() => Promise<string | null>);
  clientId?: string | null;
  /** the upload's bytes, streamed to storage */
  body: Readable;
  /** the client's file name, kept as metadata only */
  filename: string;
}

export interface UnreadUpdate {
  total: number;
  /** the conversation whose count changed; null on the first (snapshot) update */
  conversationId: string | null;
  conversationUnread: number | null;
}

export interface ReadReceipt {
  conversationId: string;
  conversationName: string;
  user: UserRef;
  lastReadMessageId: string | null;
  at: string;
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

/** Messages: send (store, count unread, publish), history, replay, read state. */
export class MessagesService {
  readonly #liveItems = new WeakMap<ChatMessage, MessageWithReads>();
  readonly #batcher: SendBatcher;

  constructor(
    private readonly store: MessageStore,
    private readonly bus: Bus,
    private readonly conversations: ConversationsService,
    private readonly files: FilesService,
    private readonly limits: Limits,
    private readonly rateLimits: RateLimits,
  ) {
    this.#batcher = new SendBatcher((items) => store.writeBatch(items), limits.sendBatchMax);
  }

  async send(viewer: Viewer, input: SendInput): Promise<SendResult> {
    const { conv, content, clientId, first } = await this.prepare(viewer, input, false);
    if (first) return this.retried(first);
    return this.commit(viewer, conv, content, clientId, null);
  }

  /**
   * A file message: the policy and the clientId are checked before the upload is stored, and the
   * stored file is removed again if the message is not created.
   */
  async sendFile(viewer: Viewer, input: FileSendInput): Promise<SendResult> {
    const late = typeof input.content === 'function' ? input.content : null;
    const early = typeof input.content === 'function' ? null : input.content;
    const { conv, content, clientId, first } = await this.prepare(viewer, { ...input, content: early }, true).catch((e: unknown) => {
      input.body.resume();
      throw e;
    });
    if (first) {
      input.body.resume();
      return this.retried(first);
    }
    const file = await this.files.store(input.body, input.filename);
    try {
      const text = late ? this.validateContent((await late()) ?? '', true) : content;
      const result = await this.commit(viewer, conv, text, clientId, file);
      if (!result.created) await this.files.remove(file.key);
      return result;
    } catch (e) {
      await this.files.remove(file.key);
      throw e;
    }
  }

  private async prepare(viewer: Viewer, input: { conversation: string; content?: string | null; clientId?: string | null }, hasFile: boolean) {
    const content = this.validateContent(input.content ?? '', hasFile);
    const clientId = this.validateClientId(input.clientId);
    const conv = await this.conversations.open(viewer, input.conversation);
    const first = clientId ? await this.findByClientId(viewer, clientId, conv) : null;
    // a retry of a stored message is an answer, not a new send: only new messages count
    if (!first) await this.rateLimits.consume('messages', viewer.id);
    return { conv, content, clientId, first };
  }

  /** Stores the message (one transaction with the unread counters), then publishes it once. */
  private async commit(viewer: Viewer, conv: ConversationRef, content: string, clientId: string | null, file: StoredFile | null): Promise<SendResult> {
    let stored: StoredSend;
    try {
      stored = await this.#batcher.send({ sender: viewer, conversation: conv, content, clientId, file });
    } catch (e) {
      // A concurrent retry with the same clientId committed first: answer with its message.
      const first = clientId && isUniqueViolation(e) ? await this.findByClientId(viewer, clientId, conv) : null;
      if (first) return this.retried(first);
      throw e;
    }
    const { unread } = stored;
    const message = toChatMessage(stored.row, conv);
    this.bus.publish('conversation', conv.id, { kind: 'message', message, previousSeq: stored.previousSeq });
    for (const u of unread) {
      this.bus.publish('user', u.userId, { kind: 'notification', message });
      this.bus.publish('user', u.userId, {
        kind: 'unread',
        userId: u.userId,
        total: u.total,
        conversationId: conv.id,
        conversationUnread: u.conversationUnread,
      });
    }
    // a new message: nobody but its sender has read it
    return { message, reads: {}, created: true };
  }

  /** The answer to a retried clientId: the first message, with its read state as of now. */
  private async retried(first: ChatMessage): Promise<SendResult> {
    return { message: first, reads: await this.readMarks(first.conversationId), created: false };
  }

  /** Newest first; `before` is an exclusive seq bound (from a cursor). */
  async history(viewer: Viewer, input: { conversation: string; first?: number | null; before?: number | null }): Promise<Page<MessageWithReads>> {
    const conv = await this.conversations.resolve(viewer, input.conversation);
    if (!conv.exists) return { items: [], hasMore: false };
    const first = pageSize(input.first, this.limits);
    const rows = await this.store.newest(conv.id, input.before ?? null, first + 1);
    const reads = await this.readMarks(conv.id);
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
    const reads = await this.readMarks(conv.id);
    return { items: rows.map((row) => ({ message: toChatMessage(row, conv), reads })), count, page, pageSize: size };
  }

  /**
   * New messages of a conversation as they are published. With `afterSeq`, first every stored message
   * after it (oldest first), then live ones, with no gap and no duplicate: the listener is attached
   * before the database is read, and what it heard meanwhile is delivered after the replay, minus
   * what the replay already gave.
   */
  follow(conv: Membership, afterSeq: number | null): Repeater<MessageWithReads> {
    const feed = new Repeater<MessageWithReads>(async (push, stop) => {
      // Live messages go out in the conversation's order, also when published on several nodes; a
      // message the replay already gave (a publish can trail its commit) is dropped there by its seq.
      // A new message: nobody but its sender has read it.
      const order = new LiveOrder(afterSeq, (message) => void push(this.live(message)), (after, upTo) => this.storedBetween(conv, after, upTo), this.limits.liveOrderWaitMs);
      let backlog: Extract<ConversationEvent, { kind: 'message' }>[] | null = afterSeq == null ? null : [];
      const off = this.bus.listen('conversation', conv.id, (event) => {
        if (event.kind !== 'message') return;
        if (backlog) backlog.push(event);
        else order.offer(event.message, event.previousSeq);
      });
      const end = () => {
        off();
        order.close();
      };
      stop.then(end, end);
      if (afterSeq != null) {
        await this.bus.whenListening('conversation', conv.id);
        for await (const item of this.replay(conv, afterSeq)) {
          order.advance(item.message.seq);
          await push(item);
        }
        const heard = backlog ?? [];
        backlog = null;
        for (const event of heard) order.offer(event.message, event.previousSeq);
      }
      await stop;
    });
    // Without a cursor the stream is live only: one listener can serve every follower of the conversation.
    return afterSeq == null ? withSharedLive(feed, { key: `conversation:${conv.id}`, attach: (deliver) => this.attachLive(conv, deliver) }) : feed;
  }

  /** One listener delivering the conversation's live messages in order (what `follow` does without a cursor). */
  private attachLive(conv: ConversationRef, deliver: (item: MessageWithReads) => void): () => void {
    const order = new LiveOrder(null, (message) => deliver(this.live(message)), (after, upTo) => this.storedBetween(conv, after, upTo), this.limits.liveOrderWaitMs);
    const off = this.bus.listen('conversation', conv.id, (event) => {
      if (event.kind === 'message') order.offer(event.message, event.previousSeq);
    });
    return () => {
      off();
      order.close();
    };
  }

  /**
   * A just-published message as every follower sees it (nobody but its sender has read it yet). One
   * object per published message, shared by all followers, so the GraphQL fan-out can render it once.
   */
  private live(message: ChatMessage): MessageWithReads {
    let item = this.#liveItems.get(message);
    if (!item) this.#liveItems.set(message, (item = { message, reads: {} }));
    return item;
  }

  /** Stored messages with after < seq <= upTo, oldest first (a gap in what the bus delivered). */
  private async storedBetween(conv: ConversationRef, after: number, upTo: number): Promise<ChatMessage[]> {
    const rows = await this.store.oldestAfter(conv.id, after, upTo, Number.MAX_SAFE_INTEGER);
    return rows.map((row) => toChatMessage(row, conv));
  }

  /** Oldest first, every message after `afterSeq`, in batches. */
  private async *replay(conv: ConversationRef, afterSeq: number): AsyncGenerator<MessageWithReads> {
    let cursor = afterSeq;
    for (;;) {
      const rows = await this.store.oldestAfter(conv.id, cursor, null, this.limits.replayBatchSize);
      const reads = rows.length > 0 ? await this.readMarks(conv.id) : {};
      for (const row of rows) yield { message: toChatMessage(row, conv), reads };
      const last = rows.at(-1);
      if (!last || rows.length < this.limits.replayBatchSize) return;
      cursor = last.seq;
    }
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
    const result = await this.store.markRead(conv.id, viewer.id, input.upTo ?? null);
    this.bus.publish('user', viewer.id, {
      kind: 'unread',
      userId: viewer.id,
      total: result.total,
      conversationId: conv.id,
      conversationUnread: result.unreadCount,
    });
    if (result.moved) {
      this.bus.publish('conversation', conv.id, {
        kind: 'read',
        conversationId: conv.id,
        user: viewer,
        lastReadSeq: result.lastReadSeq,
        lastReadMessageId: result.lastReadMessageId,
        at: new Date().toISOString(),
      });
    }
    return this.conversations.viewFor(viewer, conv.id);
  }

  /** New messages to the viewer in any conversation. */
  notifications(viewer: Viewer): AsyncIterableIterator<ChatMessage> {
    return topicFeed(this.bus, 'user', viewer.id, (e) => (e.kind === 'notification' ? e.message : undefined));
  }

  /**
   * The viewer's unread counts: the current total first, then every change (from any device or node).
   * Changes heard while the first total was read may predate it, so a fresh total follows them.
   */
  unreadUpdates(viewer: Viewer): AsyncIterableIterator<UnreadUpdate> {
    const snapshot = async (): Promise<UnreadUpdate[]> => [{ total: await this.unreadTotal(viewer), conversationId: null, conversationUnread: null }];
    return topicFeed<'user', UnreadUpdate>(
      this.bus,
      'user',
      viewer.id,
      (e) => (e.kind === 'unread' ? { total: e.total, conversationId: e.conversationId, conversationUnread: e.conversationUnread } : undefined),
      { start: snapshot, settle: snapshot },
    );
  }

  /** Read receipts of a conversation the viewer belongs to. */
  readReceipts(conv: Membership): AsyncIterableIterator<ReadReceipt> {
    return topicFeed(this.bus, 'conversation', conv.id, (e) =>
      e.kind === 'read'
        ? { conversationId: e.conversationId, conversationName: conv.name, user: e.user, lastReadMessageId: e.lastReadMessageId, at: e.at }
        : undefined,
    );
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

  private validateContent(content: string, hasFile: boolean): string {
    if (characterCount(content, this.limits.messageMaxLength) > this.limits.messageMaxLength) {
      throw new DomainError('PAYLOAD_TOO_LARGE', `Message is longer than ${this.limits.messageMaxLength} characters.`, { field: 'content', reason: 'message_too_long' });
    }
    if (!hasFile && content.trim().length === 0) throw badInput('Message content may not be empty.', 'content', 'empty_message');
    return content;
  }

  private validateClientId(clientId: string | null | undefined): string | null {
    if (clientId == null || clientId === '') return null;
    if (clientId.length > this.limits.clientIdMaxLength) {
      throw badInput(`clientId is longer than ${this.limits.clientIdMaxLength} characters.`, 'clientId', 'invalid_client_id');
    }
    return clientId;
  }
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
