import type { ConversationsQuery } from '@chat-backend/client/gql';

export type ConversationNode = ConversationsQuery['conversations']['edges'][number]['node'];
export interface Me {
  id: string;
  username: string;
}

/** A group made with createGroup: it has a title, admins, and members who come and go (ADR 026). */
export function isNamedGroup(conversation: Pick<ConversationNode, 'kind' | 'title'>): boolean {
  return conversation.kind === 'GROUP' && conversation.title != null;
}

/** What a person calls a conversation: a named group's title, the other participant, or the group's members. */
export function conversationTitle(conversation: Pick<ConversationNode, 'participants' | 'kind' | 'title'>, me: Me): string {
  if (isNamedGroup(conversation)) return conversation.title!;
  const others = conversation.participants.filter((p) => p.id !== me.id).map((p) => p.username);
  return others.length === 0 ? 'Just you' : others.join(', ');
}

/** "bob, carol" (commas or spaces) as usernames, without the viewer's own. */
export function splitUsernames(text: string, me: Me): string[] {
  return text.split(/[\s,]+/).map((n) => n.trim()).filter((n) => n && n !== me.username);
}

export function timeOf(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export function sizeOf(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The first message of a GraphQL (or network) error, for a person. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (Array.isArray(error)) return error.map((e: { message?: string }) => e.message ?? 'Error').join('; ');
  return 'Something went wrong.';
}
