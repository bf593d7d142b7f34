import type { ConversationEvent } from '../../modules/events.js';
import type { FilesService } from '../../modules/files/files.service.js';
import type { ChatMessage } from '../../modules/types.js';
import { presentMessage } from '../presenters.js';
import { frames } from './protocol.js';

/**
 * The frames of live events, rendered once per event (a message's once per origin: its file link is
 * absolute) and shared, as bytes, by every socket that gets them. A live message reads the same for
 * everyone: nobody but its sender has read it.
 */
export class LiveFrames {
  readonly #messages = new WeakMap<ChatMessage, Map<string, Buffer>>();
  readonly #others = new WeakMap<ConversationEvent, Buffer>();

  constructor(private readonly files: FilesService) {}

  /** chat_message_echo / new_message_notification of a just-published message. */
  message(kind: 'echo' | 'notification', message: ChatMessage, origin: string): Buffer {
    let byKey = this.#messages.get(message);
    if (!byKey) this.#messages.set(message, (byKey = new Map()));
    const key = `${kind} ${origin}`;
    let bytes = byKey.get(key);
    if (bytes === undefined) {
      const body = presentMessage(message, false, (f) => origin + this.files.signedPath(f));
      const frame = kind === 'echo' ? frames.chatMessageEcho(message.sender.username, body) : frames.newMessageNotification(message.sender.username, body);
      byKey.set(key, (bytes = Buffer.from(JSON.stringify(frame))));
    }
    return bytes;
  }

  /** typing, user_join / user_leave, read_receipt, message_edited / message_deleted / reactions_changed, members_changed, conversation_updated. */
  other(e: Exclude<ConversationEvent, { kind: 'message' | 'lost' }>): Buffer {
    let bytes = this.#others.get(e);
    if (!bytes) this.#others.set(e, (bytes = Buffer.from(JSON.stringify(otherFrame(e)))));
    return bytes;
  }
}

function otherFrame(e: Exclude<ConversationEvent, { kind: 'message' | 'lost' }>): object {
  switch (e.kind) {
    case 'typing':
      return frames.typing(e.user.username, e.typing);
    case 'presence':
      return e.action === 'join' ? frames.userJoin(e.user) : frames.userLeave(e.user);
    case 'read':
      return frames.readReceipt(e.user.username, e.conversationId, e.lastReadMessageId);
    case 'changed':
      return changedFrame(e.change, e.message);
    case 'members':
      return frames.membersChanged(e.conversationId, e.added.map((u) => u.username), e.removed.map((u) => u.username));
    case 'updated':
      return frames.conversationUpdated(e.conversationId, e.title, e.admins.map((u) => u.username));
  }
}

function changedFrame(change: 'edited' | 'deleted' | 'reactions', m: ChatMessage): object {
  if (change === 'edited') return frames.messageEdited(m.id, m.conversationId, m.content, m.editedAt);
  if (change === 'deleted') return frames.messageDeleted(m.id, m.conversationId, m.deletedAt);
  const names = new Map([m.sender, ...m.recipients].map((u) => [u.id, u.username]));
  return frames.reactionsChanged(
    m.id,
    m.conversationId,
    (m.reactions ?? []).map((r) => ({ emoji: r.emoji, count: r.userIds.length, users: r.userIds.map((id) => names.get(id) ?? '') })),
  );
}
