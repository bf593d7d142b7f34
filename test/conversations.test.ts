import { describe, expect } from 'vitest';
import type { ConversationFieldsFragment } from './gql/graphql.js';
import { sendText } from './support/chat.js';
import {
  ConversationDetailedDocument,
  ConversationsPageDocument,
  PresenceKindDocument,
  SendMessageDocument,
  StartConversationDetailedDocument,
} from './support/documents.js';
import { dmName, test } from './support/fixtures.js';
import { errorCode, gql, gqlOk, subscribe, type TestUser } from './support/graphql.js';
import type { TestServer } from './support/server.js';

interface Ref {
  id: string;
  username: string;
}
type ConversationNode = ConversationFieldsFragment;
interface Connection {
  edges: { cursor: string; node: ConversationNode }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let dave: TestUser;
let erin: TestUser;

const ref = (u: TestUser): Ref => ({ id: u.id, username: u.username });
const byId = (users: TestUser[]) => [...users].sort((a, b) => Number(a.id) - Number(b.id)).map(ref);

test.beforeAll(async ({ server, make }) => {
  alice = await make.user('alice');
  bob = await make.user('bob');
  // fillers, so that ids reach two digits and numeric and string order differ for the group below
  for (let i = 0; i < 8; i += 1) await make.user('filler');
  carol = await make.user('carol');
  dave = await make.user('dave');
  erin = await make.user('erin');
  expect(Number(carol.id)).toBeGreaterThanOrEqual(10);
});
const start = async (server: TestServer, viewer: TestUser, vars: { u?: string[]; i?: string[] }) =>
  (await gqlOk(server, StartConversationDetailedDocument, { usernames: vars.u, userIds: vars.i }, viewer.access)).startConversation;
const one = async (server: TestServer, viewer: TestUser, name: string) =>
  (await gqlOk(server, ConversationDetailedDocument, { name }, viewer.access)).conversation;
const list = async (server: TestServer, viewer: TestUser, vars: { first?: number; after?: string | null } = {}): Promise<Connection> =>
  (await gqlOk(server, ConversationsPageDocument, vars, viewer.access)).conversations;

describe('startConversation', () => {
  test('opens one DM per pair, however it is named: usernames or ids, from either side', async ({ server }) => {
    const byName = await start(server, alice, { u: [bob.username] });
    expect(byName.name).toBe(dmName(alice, bob));
    expect(byName.isGroup).toBe(false);
    expect(byName.participants).toEqual(byId([alice, bob]));
    expect(byName.lastMessage).toBeNull();
    expect(byName.unreadCount).toBe(0);
    expect((await start(server, bob, { u: [alice.username] })).id).toBe(byName.id);
    expect((await start(server, alice, { i: [bob.id] })).id).toBe(byName.id);
    // naming yourself too changes nothing
    expect((await start(server, bob, { u: [bob.username, alice.username], i: [alice.id, bob.id] })).id).toBe(byName.id);
  });

  test('opens a group of three named by its sorted ids (numerically), the same from any member', async ({ server }) => {
    const group = await start(server, carol, { u: [alice.username, bob.username] });
    const expected = [alice.id, bob.id, carol.id].map(Number).sort((a, b) => a - b).join('_');
    expect(group.name).toBe(expected);
    expect(group.isGroup).toBe(true);
    expect(group.participants).toEqual(byId([alice, bob, carol]));
    expect((await start(server, bob, { i: [carol.id, alice.id] })).id).toBe(group.id);
    expect((await start(server, alice, { u: [carol.username], i: [bob.id] })).id).toBe(group.id);
  });

  test.for([
    ['no one else', {}],
    ['an empty list', { u: [] }],
    ['only myself', { u: ['$self'] }],
    ['an unknown username', { u: ['nobody-here'] }],
    ['an unknown user id', { i: ['987654'] }],
    ['a user id that is not a number', { i: ['abc'] }],
  ] as [string, { u?: string[]; i?: string[] }][])('refuses %s with BAD_USER_INPUT', async ([_what, vars], { server }) => {
    const u = vars.u?.map((n) => (n === '$self' ? alice.username : n));
    const before = (await list(server, alice, { first: 100 })).edges.length;
    const res = await gql(server, StartConversationDetailedDocument, { usernames: u ?? vars.u, userIds: vars.i }, alice.access);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect((await list(server, alice, { first: 100 })).edges.length).toBe(before);
  });
});

describe('conversation(name)', () => {
  test('finds mine under any spelling of its participant set and answers with the canonical name', async ({ server }) => {
    const dm = await start(server, alice, { u: [bob.username] });
    for (const spelling of [dmName(alice, bob), [bob.username, alice.username].join('_'), `${bob.id}_${alice.id}`, `${alice.id}_${bob.id}`]) {
      const found = await one(server, alice, spelling);
      expect(found?.id, spelling).toBe(dm.id);
      expect(found?.name, spelling).toBe(dmName(alice, bob));
    }
    const group = await start(server, alice, { u: [bob.username, carol.username] });
    const reversed = [carol.id, bob.id, alice.id].join('_');
    expect((await one(server, bob, reversed))?.id).toBe(group.id);
    expect((await one(server, bob, [carol.username, alice.username, bob.username].join('_')))?.id).toBe(group.id);
  });

  test('is null for a conversation nobody opened and for one that is not mine', async ({ server }) => {
    expect(await one(server, alice, dmName(alice, erin))).toBeNull();
    await start(server, alice, { u: [bob.username] });
    expect(await one(server, erin, dmName(alice, bob))).toBeNull();
    expect(await one(server, erin, `${alice.id}_${bob.id}`)).toBeNull();
    // and asking did not open it
    expect((await list(server, erin)).edges).toEqual([]);
  });

  test.for([
    ['empty', ''],
    ['a doubled separator', 'a__b'],
    ['a leading separator', '_alice'],
    ['usernames mixed with ids', `${'$alice'}_1`],
    ['an unknown username', '$alice_nobody-here'],
    ['an unknown user id', '$aliceId_987654'],
    ['an id out of range', '$aliceId_99999999999999999999'],
  ] as [string, string][])('refuses a name that is %s with BAD_USER_INPUT', async ([_what, template], { server }) => {
    const name = template.replace('$aliceId', alice.id).replace('$alice', alice.username);
    expect(errorCode(await gql(server, ConversationDetailedDocument, { name }, alice.access))).toBe('BAD_USER_INPUT');
    const send = await gql(server, SendMessageDocument, { conversation: name, content: 'x' }, alice.access);
    expect(errorCode(send)).toBe('BAD_USER_INPUT');
  });
});

describe('conversations (my list)', () => {
  test('lists mine, most recent activity first, with last message, my unread count, participants and who is online', async ({ server, sockets, make }) => {
    const dave2 = await make.user('dave');
    const frank = await make.user('frank');
    const withDave = await start(server, dave2, { u: [dave.username] });
    const withFrank = await start(server, dave2, { u: [frank.username] });
    const group = await start(server, frank, { u: [dave.username, dave2.username] });
    expect((await list(server, dave2)).edges.map((e) => e.node.id)).toEqual([group.id, withFrank.id, withDave.id]);

    await sendText(server, dave, withDave.name, 'one from dave');
    await sendText(server, dave, withDave.name, 'two from dave');
    await sendText(server, dave2, group.name, 'hello group');
    await sendText(server, frank, group.name, 'frank here');

    // frank is online in the group (a presence subscription is a connection to it)
    const client = sockets.graphql(frank.access);
    const presence = subscribe(client, PresenceKindDocument, { conversation: group.name });
    expect((await presence.next()).data).toEqual({ presence: { kind: 'SNAPSHOT' } });

    const nodes = (await list(server, dave2)).edges.map((e) => e.node);
    expect(nodes.map((n) => n.id)).toEqual([group.id, withDave.id, withFrank.id]);
    const [g, d, f] = nodes;
    expect(g).toMatchObject({ name: group.name, unreadCount: 1, lastMessage: { content: 'frank here', sender: { username: frank.username } } });
    expect(g?.participants).toEqual(byId([dave, dave2, frank]));
    expect(g?.online).toEqual([ref(frank)]);
    expect(d).toMatchObject({ unreadCount: 2, online: [], lastMessage: { content: 'two from dave', sender: { username: dave.username } } });
    expect(f).toMatchObject({ unreadCount: 0, online: [], lastMessage: null });
    // from frank's side: dave2's message is unread, his own is not
    expect((await list(server, frank)).edges.map((e) => [e.node.id, e.node.unreadCount])).toEqual([
      [group.id, 1],
      [withFrank.id, 0],
    ]);

    await presence.close();
    await client.dispose();
  });

  test('pages with first/after, covering every conversation once, in order', async ({ server, make }) => {
    const pager = await make.user('pager');
    const others = await Promise.all(Array.from({ length: 5 }, () => make.user('peer')));
    const opened: string[] = [];
    for (const other of others) opened.push((await start(server, pager, { u: [other.username] })).id);
    // activity reorders them: the first one opened becomes the most recent
    await sendText(server, pager, (await one(server, pager, dmName(pager, others[0]!)))!.name, 'bump');
    const expected = [opened[0], ...opened.slice(1).reverse()];

    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: Connection = await list(server, pager, { first: 2, after });
      pages += 1;
      expect(page.edges.length).toBeLessThanOrEqual(2);
      seen.push(...page.edges.map((e) => e.node.id));
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor ?? null;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(expected);
    expect(errorCode(await gql(server, ConversationsPageDocument, { first: 2, after: 'not-a-cursor' }, pager.access))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(server, ConversationsPageDocument, { first: 0 }, pager.access))).toBe('BAD_USER_INPUT');
  });
});
