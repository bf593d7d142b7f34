import { badInput } from '../errors.js';

/** Opaque history cursors: base64url("m:<seq>"). */
export function encodeMessageCursor(seq: number): string {
  return Buffer.from(`m:${seq}`).toString('base64url');
}

export function decodeMessageCursor(cursor: string): number {
  const m = /^m:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m?.[1]) throw badInput('Invalid cursor.', 'after', 'invalid_cursor');
  return Number(m[1]);
}

/** Change-log cursors (the `events` subscription): base64url("e:<event seq>"). */
export function encodeEventCursor(seq: number): string {
  return Buffer.from(`e:${seq}`).toString('base64url');
}

export function decodeEventCursor(cursor: string): number {
  const m = /^e:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m?.[1]) throw badInput('Invalid cursor: pass the cursor of an event.', 'after', 'invalid_cursor');
  return Number(m[1]);
}

/** Conversation list cursors: base64url("c:<lastActivityAt ms>:<id>"). */
export function encodeConversationCursor(c: { lastActivityAt: string; id: string }): string {
  return Buffer.from(`c:${Date.parse(c.lastActivityAt)}:${c.id}`).toString('base64url');
}

export function decodeConversationCursor(cursor: string): { at: Date; id: string } {
  const m = /^c:(\d{1,15}):([0-9a-f-]{36})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m?.[1] || !m[2]) throw badInput('Invalid cursor.', 'after', 'invalid_cursor');
  return { at: new Date(Number(m[1])), id: m[2] };
}
