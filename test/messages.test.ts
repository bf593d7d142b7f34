import { describe, expect } from 'vitest';
import type { MessageFieldsFragment, MessagesPageDetailedQuery } from './gql/graphql.js';
import { sendText } from './support/chat.js';
import { MarkReadDocument, MessagesPageDetailedDocument, SendMessageDetailedDocument, UnreadCountDocument } from './support/documents.js';
import { serverTest, test, type Factories } from './support/fixtures.js';
import { errorCode, gql, gqlOk, type TestUser } from './support/graphql.js';
import type { TestServer } from './support/server.js';

type MessageNode = MessageFieldsFragment;
type History = MessagesPageDetailedQuery['messages'];

let alice: TestUser;
let bob: TestUser;

test.beforeAll(async ({ make }) => {
  [alice, bob] = await make.users('alice', 'bob');
});

/** A server of its own with MESSAGE_MAX_LENGTH=10. */
const smallTest = serverTest({ MESSAGE_MAX_LENGTH: '10' });

/** A fresh conversation of alice and a new partner, so each test counts only its own messages. */
async function freshRoom(make: Factories): Promise<{ name: string; partner: TestUser }> {
  const partner = await make.user('partner');
  return { name: (await make.conversation(alice, partner)).name, partner };
}

const send = (server: TestServer, user: TestUser, c: string, t: string, k?: string) =>
  gql(server, SendMessageDetailedDocument, { conversation: c, content: t, clientId: k }, user.access);
const sendOk = async (server: TestServer, user: TestUser, c: string, t: string, k?: string): Promise<MessageNode> =>
  (await gqlOk(server, SendMessageDetailedDocument, { conversation: c, content: t, clientId: k }, user.access)).sendMessage;
const page = async (server: TestServer, user: TestUser, c: string, first?: number, after?: string | null): Promise<History> =>
  (await gqlOk(server, MessagesPageDetailedDocument, { conversation: c, first, after }, user.access)).messages;
const unread = async (server: TestServer, user: TestUser) => (await gqlOk(server, UnreadCountDocument, {}, user.access)).unreadCount;

/** Every message of the conversation, newest first, walking the pages. */
async function everything(server: TestServer, user: TestUser, c: string, first = 100): Promise<MessageNode[]> {
  const all: MessageNode[] = [];
  let after: string | null = null;
  for (;;) {
    const p: History = await page(server, user, c, first, after);
    all.push(...p.edges.map((e) => e.node));
    if (!p.pageInfo.hasNextPage) return all;
    after = p.pageInfo.endCursor ?? null;
  }
}

describe('sendMessage', () => {
  test('stores the message and returns it; the other participant reads it from history', async ({ server, make }) => {
    const { name, partner } = await freshRoom(make);
    const before = Date.now();
    const sent = await sendOk(server, alice, name, 'hello there', 'c-1');
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
    expect(await everything(server, partner, name)).toEqual([sent]);
    expect(await unread(server, partner)).toBe(1);
    // no clientId: stored with null
    expect((await sendOk(server, alice, name, 'second')).clientId).toBeNull();
  });

  test('is idempotent per clientId: a retry returns the first message and creates nothing', async ({ server, make }) => {
    const { name, partner } = await freshRoom(make);
    const first = await sendOk(server, alice, name, 'only once', 'retry-1');
    const again = await sendOk(server, alice, name, 'only once', 'retry-1');
    expect(again.id).toBe(first.id);
    expect(again.createdAt).toBe(first.createdAt);
    // a burst of concurrent retries (a flaky network) still makes one message
    const burst = await Promise.all(Array.from({ length: 5 }, () => sendOk(server, alice, name, 'burst', 'retry-2')));
    expect(new Set(burst.map((m) => m.id)).size).toBe(1);
    const history = await everything(server, partner, name);
    expect(history.map((m) => m.content)).toEqual(['burst', 'only once']);
    expect(await unread(server, partner)).toBe(2);
    // a retry after the recipient has read it answers with the read state of now
    expect(first.readByAll).toBe(false);
    await gqlOk(server, MarkReadDocument, { conversation: name }, partner.access);
    expect((await sendOk(server, alice, name, 'only once', 'retry-1')).readByAll).toBe(true);
  });

  test('scopes clientId to its sender, and refuses reuse in another conversation with CONFLICT', async ({ server, make }) => {
    const { name, partner } = await freshRoom(make);
    const mine = await sendOk(server, alice, name, 'from alice', 'shared-key');
    const theirs = await sendOk(server, partner, name, 'from partner', 'shared-key');
    expect(theirs.id).not.toBe(mine.id);
    const other = await make.conversation(alice, bob);
    const before = (await everything(server, bob, other.name)).length;
    const res = await send(server, alice, other.name, 'elsewhere', 'shared-key');
    expect(errorCode(res)).toBe('CONFLICT');
    expect(res.data).toBeNull();
    expect((await everything(server, bob, other.name)).length).toBe(before);
  });

  test('refuses content over 4096 characters with PAYLOAD_TOO_LARGE and stores nothing; 4096 fit', async ({ server, make }) => {
    const { name, partner } = await freshRoom(make);
    const res = await send(server, alice, name, 'x'.repeat(4097));
    expect(errorCode(res)).toBe('PAYLOAD_TOO_LARGE');
    expect(await everything(server, partner, name)).toEqual([]);
    expect(await unread(server, partner)).toBe(0);
    expect((await sendOk(server, alice, name, 'y'.repeat(4096))).content).toHaveLength(4096);
  });

  test('counts characters, not UTF-16 units: 4096 emoji fit, 4097 do not', async ({ server, make }) => {
    const { name, partner } = await freshRoom(make);
    expect(errorCode(await send(server, alice, name, '😀'.repeat(4097)))).toBe('PAYLOAD_TOO_LARGE');
    const sent = await sendOk(server, alice, name, '😀'.repeat(4096));
    expect([...sent.content]).toHaveLength(4096);
    expect((await everything(server, partner, name)).map((m) => m.id)).toEqual([sent.id]);
  });

  test.for([
    ['empty', ''],
    ['only whitespace', '  \n\t '],
  ] as [string, string][])('refuses %s content with BAD_USER_INPUT and stores nothing', async ([_what, content], { server, make }) => {
    const { name, partner } = await freshRoom(make);
    const res = await send(server, alice, name, content);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.field).toBe('content');
    expect(await everything(server, partner, name)).toEqual([]);
  });

  smallTest('honours MESSAGE_MAX_LENGTH from the environment', async ({ server: small, make }) => {
    const [a, b] = await make.users('alice', 'bob');
    const { name } = await make.conversation(a, b);
    const tooLong = await gql(small, SendMessageDetailedDocument, { conversation: name, content: '12345678901' }, a.access);
    expect(errorCode(tooLong)).toBe('PAYLOAD_TOO_LARGE');
    expect((await gqlOk(small, SendMessageDetailedDocument, { conversation: name, content: '1234567890' }, a.access)).sendMessage.content).toBe('1234567890');
  });
});

describe('messages (history)', () => {
  test('is newest first and walks every page with no gap and no duplicate', async ({ server, make }) => {
    const { name, partner } = await freshRoom(make);
    const sent: string[] = [];
    for (let i = 0; i < 23; i += 1) sent.push((await sendText(server, i % 2 ? partner : alice, name, `m${i}`)).id);
    const newestFirst = [...sent].reverse();
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const p: History = await page(server, alice, name, 5, after);
      pages += 1;
      expect(p.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(p.pageInfo.startCursor).toBe(p.edges[0]?.cursor ?? null);
      expect(p.pageInfo.endCursor).toBe(p.edges.at(-1)?.cursor ?? null);
      expect(p.edges.every((e) => e.cursor === e.node.cursor)).toBe(true);
      seen.push(...p.edges.map((e) => e.node.id));
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor ?? null;
    }
    expect(pages).toBe(5);
    expect(seen).toEqual(newestFirst);
    // the default page holds them all
    expect((await page(server, partner, name)).edges.map((e) => e.node.id)).toEqual(newestFirst);
  });

  test('stays stable when messages arrive between page fetches', async ({ server, make }) => {
    const { name, partner } = await freshRoom(make);
    const original: string[] = [];
    for (let i = 0; i < 12; i += 1) original.push((await sendText(server, alice, name, `old${i}`)).id);
    const first = await page(server, partner, name, 4);
    const seen = first.edges.map((e) => e.node.id);
    let after = first.pageInfo.endCursor;
    let inserted = 0;
    while (after) {
      // someone keeps talking while the reader scrolls back
      await sendText(server, inserted % 2 ? partner : alice, name, `new${inserted++}`);
      const p = await page(server, partner, name, 4, after);
      seen.push(...p.edges.map((e) => e.node.id));
      after = p.pageInfo.hasNextPage ? p.pageInfo.endCursor : null;
    }
    expect(inserted).toBe(2);
    expect(seen).toEqual([...original].reverse());
  });

  test('refuses a bad cursor or page size with BAD_USER_INPUT', async ({ server, make }) => {
    const { name } = await freshRoom(make);
    expect(errorCode(await gql(server, MessagesPageDetailedDocument, { conversation: name, after: 'garbage' }, alice.access))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(server, MessagesPageDetailedDocument, { conversation: name, first: 0 }, alice.access))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(server, MessagesPageDetailedDocument, { conversation: name, first: -3 }, alice.access))).toBe('BAD_USER_INPUT');
  });
});

describe('unreadCount', () => {
  test('sums my unread messages over all my conversations; my own messages never count', async ({ server, make }) => {
    const reader = await make.user('reader');
    const one = await make.conversation(alice, reader);
    const two = await make.conversation(bob, reader);
    expect(await unread(server, reader)).toBe(0);
    await sendText(server, alice, one.name, 'a1');
    await sendText(server, alice, one.name, 'a2');
    await sendText(server, bob, two.name, 'b1');
    await sendText(server, reader, two.name, 'mine');
    expect(await unread(server, reader)).toBe(3);
    await gqlOk(server, MarkReadDocument, { conversation: one.name }, reader.access);
    expect(await unread(server, reader)).toBe(1);
  });
});
