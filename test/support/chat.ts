import { gqlOk, type TestUser } from './graphql.js';
import type { Endpoint } from './server.js';

/** What the realtime and file tests select on a message. */
export interface SentMessage {
  id: string;
  cursor: string;
  content: string;
}

export async function startConversation(server: Endpoint, user: TestUser, others: TestUser[]): Promise<{ id: string; name: string }> {
  const data = await gqlOk<{ startConversation: { id: string; name: string } }>(
    server,
    `mutation S($u: [String!]) { startConversation(usernames: $u) { id name } }`,
    { u: others.map((o) => o.username) },
    user.access,
  );
  return data.startConversation;
}

export async function sendText(server: Endpoint, user: TestUser, conversation: string, content: string): Promise<SentMessage> {
  const data = await gqlOk<{ sendMessage: SentMessage }>(
    server,
    `mutation M($c: String!, $t: String!) { sendMessage(conversation: $c, content: $t) { id cursor content } }`,
    { c: conversation, t: content },
    user.access,
  );
  return data.sendMessage;
}

/** The viewer's history of a conversation, oldest first (the server pages newest first). */
export async function historyOldestFirst(server: Endpoint, user: TestUser, conversation: string): Promise<SentMessage[]> {
  const all: SentMessage[] = [];
  let after: string | null = null;
  for (;;) {
    const data: { messages: { edges: { node: SentMessage }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await gqlOk(
      server,
      `query H($c: String!, $a: String) { messages(conversation: $c, first: 100, after: $a) {
        edges { node { id cursor content } } pageInfo { hasNextPage endCursor } } }`,
      { c: conversation, a: after },
      user.access,
    );
    all.push(...data.messages.edges.map((e) => e.node));
    if (!data.messages.pageInfo.hasNextPage) return all.reverse();
    after = data.messages.pageInfo.endCursor;
  }
}
