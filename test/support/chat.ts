import { gqlOk, type TestUser } from './graphql.js';
import { StartConversationDocument } from './documents/conversations.js';
import { MessagesPageDocument, SendMessageDocument } from './documents/messages.js';
import type { MessagesPageQuery } from '../gql/graphql.js';
import type { Endpoint } from './server.js';

/** What the realtime and file tests select on a message. */
export interface SentMessage {
  id: string;
  cursor: string;
  content: string;
}

export async function startConversation(server: Endpoint, user: TestUser, others: TestUser[]): Promise<{ id: string; name: string }> {
  const data = await gqlOk(server, StartConversationDocument, { usernames: others.map((o) => o.username) }, user.access);
  return data.startConversation;
}

export async function sendText(server: Endpoint, user: TestUser, conversation: string, content: string): Promise<SentMessage> {
  const data = await gqlOk(server, SendMessageDocument, { conversation, content }, user.access);
  return data.sendMessage;
}

/** The viewer's history of a conversation, oldest first (the server pages newest first). */
export async function historyOldestFirst(server: Endpoint, user: TestUser, conversation: string): Promise<SentMessage[]> {
  const all: SentMessage[] = [];
  let after: string | null = null;
  for (;;) {
    const data: MessagesPageQuery = await gqlOk(server, MessagesPageDocument, { conversation, after }, user.access);
    all.push(...data.messages.edges.map((e) => e.node));
    if (!data.messages.pageInfo.hasNextPage) return all.reverse();
    after = data.messages.pageInfo.endCursor ?? null;
  }
}
