import type { Limits } from '../../config.js';
import { notFound } from '../../errors.js';
import type { ConversationsService } from '../conversations/conversations.service.js';
import type { EventBus } from '../events.js';
import type { FilesService } from '../files/files.service.js';
import type { RateLimits } from '../limits/rate-limits.js';
import { plainText } from '../text.js';
import type { MessageWithReads, Viewer } from '../types.js';
import { publishChange } from './change-events.js';
import { checkedContent } from './content-rules.js';
import type { ChangedMessage, MessageStore } from './message-store.js';
import { toChatMessage } from './message.mapper.js';

/** The one answer for a message that is not the viewer's to change, or does not exist: nothing told apart. */
const noSuchMessage = () => notFound('Message not found.');

/**
 * Changing sent messages: edits and deletes, by their author only (anyone else is told the message
 * does not exist). Each change is one transaction with its change-log event (ADR 023), told after it
 * commits; a delete also lowers the unread counts it leaves wrong, pushed to every device.
 */
export class MessageChanges {
  constructor(
    private readonly store: MessageStore,
    private readonly bus: EventBus,
    private readonly conversations: Pick<ConversationsService, 'membersOf'>,
    private readonly files: Pick<FilesService, 'remove'>,
    private readonly rateLimits: RateLimits,
    private readonly limits: Limits,
  ) {}

  /** The new text (or a file's caption); content limits as for sends. The same text changes nothing. */
  async edit(viewer: Viewer, input: { id: string; content: string }): Promise<MessageWithReads> {
    plainText(input.id, 'id');
    const current = await this.store.byId(input.id);
    if (!current || current.senderId !== viewer.id || current.deletedAt) throw noSuchMessage();
    const content = checkedContent(input.content, current.fileKey !== null, this.limits);
    await this.rateLimits.consume('messages', viewer.id);
    const changed = await this.store.edit(input.id, viewer.id, content);
    if (!changed) throw noSuchMessage();
    return this.told('edited', changed);
  }

  /**
   * The message becomes a tombstone (content "", no file, no reactions: it stays in history, and replies
   * still point at it); its stored file is removed. Deleting it again answers the tombstone.
   */
  async remove(viewer: Viewer, input: { id: string }): Promise<MessageWithReads> {
    plainText(input.id, 'id');
    await this.rateLimits.consume('messages', viewer.id);
    const removed = await this.store.remove(input.id, viewer.id);
    if (!removed) throw noSuchMessage();
    const result = await this.told('deleted', removed);
    if (removed.event) {
      for (const u of removed.unread) {
        if (u.hidden) continue;
        this.bus.publish('user', u.userId, { kind: 'unread', userId: u.userId, total: u.total, conversationId: removed.row.conversationId, conversationUnread: u.conversationUnread, quiet: u.quiet });
      }
    }
    if (removed.fileKey) await this.files.remove(removed.fileKey);
    return result;
  }

  /** The changed message as the caller gets it back; published when it changed. */
  private async told(change: 'edited' | 'deleted', changed: ChangedMessage): Promise<MessageWithReads> {
    const conversationId = changed.row.conversationId;
    const of = (await this.conversations.membersOf([conversationId])).get(conversationId);
    if (!of) throw noSuchMessage();
    const message = toChatMessage(changed.row, of.ref);
    if (changed.event) publishChange(this.bus, change, message, changed.event, new Date().toISOString());
    return { message, reads: of.reads };
  }
}
