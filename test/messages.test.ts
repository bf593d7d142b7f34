import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendText, startConversation } from './support/chat.js';
import { errorCode, gql, gqlOk, registerUser, type TestUser } from './support/graphql.js';
import { startServer, type TestServer } from './support/server.js';

interface MessageNode {
  id: string;
  clientId: string | null;
  conversation: string;
  sender: { id: string; username: string };
  content: string;
  createdAt: string;
  readByAll: boolean;
  cursor: string;
}
interface History {
  edges: { cursor: string; node: MessageNode }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const FIELDS = `id clientId conversation sender { id username } content createdAt readByAll cursor`;
const SEND = `mutation M($c: String!, $t: String!, $k: String) { sendMessage(conversation: $c, content: $t, clientId: $k) { ${FIELDS} } }`;
const HISTORY = `query H($c: String!, $first: Int, $after: String) { messages(conversation: $c, first: $first, after: $after) {
  edges { cursor node { ${FIELDS} } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
const UNREAD = `query { unreadCount }`;

let server: TestServer;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  server = await startServer();
  alice = await registerUser(server, 'alice');
  bob = await registerUser(server, 'bob');
});
afterAll(async () => {
  await server.close();
});

/** A fresh conversation of alice and a new partner, so each test counts only its own messages. */
async function freshRoom(): Promise<{ name: string; partner: TestUser }> {
  const partner = await registerUser(server, 'partner');
  return { name: (await startConversation(server, alice, [partner])).name, partner };
}

const send = (user: TestUser, c: string, t: string, k?: string) => gql<{ sendMessage: MessageNode }>(server, SEND, { c, t, k }, user.access);
const sendOk = async (user: TestUser, c: string, t: string, k?: string) =>
  (await gqlOk<{ sendMessage: MessageNode }>(server, SEND, { c, t, k }, user.access)).sendMessage;
const page = async (user: TestUser, c: string, first?: number, after?: string | null) =>
  (await gqlOk<{ messages: History }>(server, HISTORY, { c, first, after }, user.access)).messages;
const unread = async (user: TestUser) => (await gqlOk<{ unreadCount: number }>(server, UNREAD, {}, user.access)).unreadCount;

/** Every message of the conversation, newest first, walking the pages. */
async function everything(user: TestUser, c: string, first = 100): Promise<MessageNode[]> {
  const all: MessageNode[] = [];
  let after: string | null = null;
  for (;;) {
    const p: History = await page(user, c, first, after);
    all.push(...p.edges.map((e) => e.node));
    if (!p.pageInfo.hasNextPage) return all;
    after = p.pageInfo.endCursor;
  }
}

describe('sendMessage', () => {
  it('stores the message and returns it; the other participant reads it from history', async () => {
    const { name, partner } = await freshRoom();
    const before = Date.now();
    const sent = await sendOk(alice, name, 'hello there', 'c-1');
    expect(sent).toMatchObject({
      clientId: 'c-1',
      conversation: name,
      sender: { id: alice.id, username: alice.username },
      content: 'hello there',
      readByAll: false,
    });
    expect(sent.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(sent.createdAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(sent.createdAt)).toBeLessThanOrEqual(Date.now() + 1000);
    expect(await everything(partner, name)).toEqual([sent]);
    expect(await unread(partner)).toBe(1);
    // no clientId: stored with null
    expect((await sendOk(alice, name, 'second')).clientId).toBeNull();
  });

  it('is idempotent per clientId: a retry returns the first message and creates nothing', async () => {
    const { name, partner } = await freshRoom();
    const first = await sendOk(alice, name, 'only once', 'retry-1');
    const again = await sendOk(alice, name, 'only once', 'retry-1');
    expect(again.id).toBe(first.id);
    expect(again.createdAt).toBe(first.createdAt);
    // a burst of concurrent retries (a flaky network) still makes one message
    const burst = await Promise.all(Array.from({ length: 5 }, () => sendOk(alice, name, 'burst', 'retry-2')));
    expect(new Set(burst.map((m) => m.id)).size).toBe(1);
    const history = await everything(partner, name);
    expect(history.map((m) => m.content)).toEqual(['burst', 'only once']);
    expect(await unread(partner)).toBe(2);
    // a retry after the recipient has read it answers with the read state of now
    expect(first.readByAll).toBe(false);
    await gqlOk(server, `mutation($c: String!) { markRead(conversation: $c) { unreadCount } }`, { c: name }, partner.access);
    expect((await sendOk(alice, name, 'only once', 'retry-1')).readByAll).toBe(true);
  });

  it('scopes clientId to its sender, and refuses reuse in another conversation with CONFLICT', async () => {
    const { name, partner } = await freshRoom();
    const mine = await sendOk(alice, name, 'from alice', 'shared-key');
    const theirs = await sendOk(partner, name, 'from partner', 'shared-key');
    expect(theirs.id).not.toBe(mine.id);
    const other = await startConversation(server, alice, [bob]);
    const before = (await everything(bob, other.name)).length;
    const res = await send(alice, other.name, 'elsewhere', 'shared-key');
    expect(errorCode(res)).toBe('CONFLICT');
    expect(res.data).toBeNull();
    expect((await everything(bob, other.name)).length).toBe(before);
  });

  it('refuses content over 4096 characters with PAYLOAD_TOO_LARGE and stores nothing; 4096 fit', async () => {
    const { name, partner } = await freshRoom();
    const res = await send(alice, name, 'x'.repeat(4097));
    expect(errorCode(res)).toBe('PAYLOAD_TOO_LARGE');
    expect(await everything(partner, name)).toEqual([]);
    expect(await unread(partner)).toBe(0);
    expect((await sendOk(alice, name, 'y'.repeat(4096))).content).toHaveLength(4096);
  });

  it('counts characters, not UTF-16 units: 4096 emoji fit, 4097 do not', async () => {
    const { name, partner } = await freshRoom();
    expect(errorCode(await send(alice, name, '😀'.repeat(4097)))).toBe('PAYLOAD_TOO_LARGE');
    const sent = await sendOk(alice, name, '😀'.repeat(4096));
    expect([...sent.content]).toHaveLength(4096);
    expect((await everything(partner, name)).map((m) => m.id)).toEqual([sent.id]);
  });

  it.each([
    ['empty', ''],
    ['only whitespace', '  \n\t '],
  ])('refuses %s content with BAD_USER_INPUT and stores nothing', async (_what, content) => {
    const { name, partner } = await freshRoom();
    const res = await send(alice, name, content);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.field).toBe('content');
    expect(await everything(partner, name)).toEqual([]);
  });

  it('honours MESSAGE_MAX_LENGTH from the environment', async () => {
    const small = await startServer({ MESSAGE_MAX_LENGTH: '10' });
    try {
      const a = await registerUser(small, 'alice');
      const b = await registerUser(small, 'bob');
      const { name } = await startConversation(small, a, [b]);
      const tooLong = await gql(small, SEND, { c: name, t: '12345678901' }, a.access);
      expect(errorCode(tooLong)).toBe('PAYLOAD_TOO_LARGE');
      expect((await gqlOk<{ sendMessage: MessageNode }>(small, SEND, { c: name, t: '1234567890' }, a.access)).sendMessage.content).toBe('1234567890');
    } finally {
      await small.close();
    }
  });
});

describe('messages (history)', () => {
  it('is newest first and walks every page with no gap and no duplicate', async () => {
    const { name, partner } = await freshRoom();
    const sent: string[] = [];
    for (let i = 0; i < 23; i += 1) sent.push((await sendText(server, i % 2 ? partner : alice, name, `m${i}`)).id);
    const newestFirst = [...sent].reverse();
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const p: History = await page(alice, name, 5, after);
      pages += 1;
      expect(p.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(p.pageInfo.startCursor).toBe(p.edges[0]?.cursor ?? null);
      expect(p.pageInfo.endCursor).toBe(p.edges.at(-1)?.cursor ?? null);
      expect(p.edges.every((e) => e.cursor === e.node.cursor)).toBe(true);
      seen.push(...p.edges.map((e) => e.node.id));
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(pages).toBe(5);
    expect(seen).toEqual(newestFirst);
    // the default page holds them all
    expect((await page(partner, name)).edges.map((e) => e.node.id)).toEqual(newestFirst);
  });

  it('stays stable when messages arrive between page fetches', async () => {
    const { name, partner } = await freshRoom();
    const original: string[] = [];
    for (let i = 0; i < 12; i += 1) original.push((await sendText(server, alice, name, `old${i}`)).id);
    const first = await page(partner, name, 4);
    const seen = first.edges.map((e) => e.node.id);
    let after = first.pageInfo.endCursor;
    let inserted = 0;
    while (after) {
      // someone keeps talking while the reader scrolls back
      await sendText(server, inserted % 2 ? partner : alice, name, `new${inserted++}`);
      const p = await page(partner, name, 4, after);
      seen.push(...p.edges.map((e) => e.node.id));
      after = p.pageInfo.hasNextPage ? p.pageInfo.endCursor : null;
    }
    expect(inserted).toBe(2);
    expect(seen).toEqual([...original].reverse());
  });

  it('refuses a bad cursor or page size with BAD_USER_INPUT', async () => {
    const { name } = await freshRoom();
    expect(errorCode(await gql(server, HISTORY, { c: name, after: 'garbage' }, alice.access))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(server, HISTORY, { c: name, first: 0 }, alice.access))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(server, HISTORY, { c: name, first: -3 }, alice.access))).toBe('BAD_USER_INPUT');
  });
});

describe('unreadCount', () => {
  it('sums my unread messages over all my conversations; my own messages never count', async () => {
    const reader = await registerUser(server, 'reader');
    const one = await startConversation(server, alice, [reader]);
    const two = await startConversation(server, bob, [reader]);
    expect(await unread(reader)).toBe(0);
    await sendText(server, alice, one.name, 'a1');
    await sendText(server, alice, one.name, 'a2');
    await sendText(server, bob, two.name, 'b1');
    await sendText(server, reader, two.name, 'mine');
    expect(await unread(reader)).toBe(3);
    await gqlOk(server, `mutation R($c: String!) { markRead(conversation: $c) { unreadCount } }`, { c: one.name }, reader.access);
    expect(await unread(reader)).toBe(1);
  });
});
