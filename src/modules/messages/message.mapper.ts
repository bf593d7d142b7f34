import type { ChatMessage, ReadMarks, UserRef } from '../types.js';

/** The columns of a Message row that a ChatMessage needs. */
export interface MessageRow {
  seq: number;
  id: string;
  conversationId: string;
  senderId: number;
  content: string;
  clientId: string | null;
  fileKey: string | null;
  fileName: string | null;
  fileSize: number | null;
  fileMime: string | null;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  replyToSeq: number | null;
}

export interface ConversationRef {
  id: string;
  name: string;
  participants: UserRef[];
}

/** participant list → sender id → (sender, everyone else): a page of 50 messages from a group of 1,000 looks each up once */
const sides = new WeakMap<UserRef[], Map<number, { sender: UserRef; recipients: UserRef[] }>>();

function sidesOf(participants: UserRef[], senderId: number): { sender: UserRef; recipients: UserRef[] } {
  let bySender = sides.get(participants);
  if (!bySender) sides.set(participants, (bySender = new Map()));
  let found = bySender.get(senderId);
  if (!found) {
    const sender = participants.find((p) => p.id === senderId) ?? { id: senderId, username: '' };
    bySender.set(senderId, (found = { sender, recipients: participants.filter((p) => p.id !== senderId) }));
  }
  return found;
}

export function toChatMessage(row: MessageRow, conversation: ConversationRef): ChatMessage {
  const { sender, recipients } = sidesOf(conversation.participants, row.senderId);
  return {
    id: row.id,
    seq: row.seq,
    conversationId: row.conversationId,
    conversationName: conversation.name,
    sender,
    recipients,
    content: row.content,
    clientId: row.clientId,
    file:
      row.fileKey && row.fileName != null && row.fileSize != null && row.fileMime
        ? { key: row.fileKey, name: row.fileName, size: row.fileSize, mimeType: row.fileMime }
        : null,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    deletedAt: row.deletedAt?.toISOString() ?? null,
    replyToSeq: row.replyToSeq,
  };
}

/** True once every recipient has read the message. */
export function readByAll(message: ChatMessage, reads: ReadMarks): boolean {
  return message.recipients.every((r) => (reads[r.id] ?? 0) >= message.seq);
}

/**
 * The legacy/viewer `read` flag: for a message the viewer received, whether the viewer read it; for one
 * the viewer sent, whether every recipient read it.
 */
export function readForViewer(message: ChatMessage, reads: ReadMarks, viewerId: number): boolean {
  return message.sender.id === viewerId ? readByAll(message, reads) : (reads[viewerId] ?? 0) >= message.seq;
}
