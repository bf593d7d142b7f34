import type { LegacyMessage } from '../presenters.js';

/**
 * The legacy chat socket protocol, pure: what a client may send (validated from `unknown`), what the
 * server sends (built with keys in contract order), and the close codes. No sockets, no services.
 */
export type ClientFrame =
  | { type: 'chat_message'; message: string; clientId: string | null }
  | { type: 'typing'; typing: boolean }
  | { type: 'read_messages' }
  /** new: a fresh access token before the socket's own expires (both sockets) */
  | { type: 'authenticate'; token: string };

export interface FrameError {
  error: { code: string; msg: string };
}

export const CLOSE = {
  /** no, bad, expired or refresh token */
  authFailed: 4001,
  notParticipant: 4003,
  /** malformed room name or unknown user */
  badRoom: 4004,
  goingAway: 1001,
  /** only when the connect sequence itself fails on the server's side */
  serverError: 1011,
} as const;

export const AUTH_MESSAGES = {
  unauthenticated: 'You are not authenticated user',
  expired: 'the token is expired',
} as const;

const fail = (code: string, msg: string): FrameError => ({ error: { code, msg } });

export const isFrameError = (v: ClientFrame | FrameError): v is FrameError => 'error' in v;

/** Text frame → client frame, or the error to answer with. */
export function parseFrame(text: string): ClientFrame | FrameError {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail('invalid_json', 'Frames must be JSON text.');
  }
  return validate(value);
}

export function validate(value: unknown): ClientFrame | FrameError {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('invalid_json', 'A frame must be a JSON object.');
  const frame = value as Record<string, unknown>;
  if (frame.type === undefined) return fail('missing_type', 'The frame has no "type".');
  if (typeof frame.type !== 'string') return fail('invalid_type', '"type" must be a string.');
  switch (frame.type) {
    case 'chat_message': {
      if (typeof frame.message !== 'string') return fail('invalid_message', '"message" must be a string.');
      const clientId = frame.client_id ?? null;
      if (clientId !== null && typeof clientId !== 'string') return fail('invalid_client_id', '"client_id" must be a string.');
      return { type: 'chat_message', message: frame.message, clientId };
    }
    case 'typing': {
      const typing = toBoolean(frame.typing);
      if (typing === undefined) return fail('invalid_typing', '"typing" must be true or false.');
      return { type: 'typing', typing };
    }
    case 'read_messages':
      return { type: 'read_messages' };
    case 'authenticate':
      if (typeof frame.token !== 'string' || frame.token === '') return fail('invalid_token', '"token" must be an access token.');
      return { type: 'authenticate', token: frame.token };
    default:
      return fail('unknown_type', `Unknown frame type "${frame.type.slice(0, 64)}".`);
  }
}

/** true/false, and the strings Python clients send ("True"/"False", any case). */
function toBoolean(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v !== 'string') return undefined;
  const s = v.toLowerCase();
  return s === 'true' ? true : s === 'false' ? false : undefined;
}

/** Server frames, keys in contract order. */
export const frames = {
  onlineUserList: (users: string[]) => ({ type: 'online_user_list', users }),
  last50Messages: (messages: LegacyMessage[], hasMore: boolean) => ({ type: 'last_50_messages', messages, has_more: hasMore }),
  userJoin: (user: { id: number; username: string }) => ({ type: 'user_join', user: user.username, user_id: user.id }),
  userLeave: (user: { id: number; username: string }) => ({ type: 'user_leave', user: user.username, user_id: user.id }),
  chatMessageEcho: (sender: string, message: LegacyMessage) => ({ type: 'chat_message_echo', name: sender, message }),
  newMessageNotification: (sender: string, message: LegacyMessage) => ({ type: 'new_message_notification', name: sender, message }),
  unreadCount: (count: number) => ({ type: 'unread_count', unread_count: count }),
  typing: (user: string, typing: boolean) => ({ type: 'typing', user, typing }),
  readReceipt: (user: string, conversationId: string, lastRead: string | null) => ({
    type: 'read_receipt',
    user,
    conversation: conversationId,
    last_read: lastRead,
  }),
  error: (code: string, msg: string) => ({ type: 'error', code, msg }),
  /** new: a message of the room was edited (its text now) */
  messageEdited: (id: string, conversationId: string, content: string, editedAt: string | null) => ({
    type: 'message_edited',
    id,
    conversation: conversationId,
    content,
    edited_at: editedAt,
  }),
  /** new: a message of the room was deleted (it leaves the history) */
  messageDeleted: (id: string, conversationId: string, deletedAt: string | null) => ({ type: 'message_deleted', id, conversation: conversationId, deleted_at: deletedAt }),
  /** new: a message's reactions as they are now, one entry per emoji in first-used order */
  reactionsChanged: (id: string, conversationId: string, reactions: { emoji: string; count: number; users: string[] }[]) => ({
    type: 'reactions_changed',
    id,
    conversation: conversationId,
    reactions,
  }),
  /** new: a named group's members changed (ADR 026) */
  membersChanged: (conversationId: string, added: string[], removed: string[]) => ({ type: 'members_changed', conversation: conversationId, added, removed }),
  /** new: a named group's title or admins changed: as they are now */
  conversationUpdated: (conversationId: string, title: string | null, admins: string[]) => ({ type: 'conversation_updated', conversation: conversationId, title, admins }),
  /** new: the answer to an `authenticate` frame */
  tokenRenewed: (expires: string) => ({ type: 'token_renewed', expires }),
  /** the one frame before a 4001 close */
  authFailure: (msg: string) => ({ msg }),
} as const;
