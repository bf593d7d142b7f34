import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendText } from './support/chat.js';
import { errorCode, gql, gqlOk, registerUser, subscribe, wsClient, type TestUser } from './support/graphql.js';
import { startServer, type TestServer } from './support/server.js';

interface Ref {
  id: string;
  username: string;
}
interface ConversationNode {
  id: string;
  name: string;
  isGroup: boolean;
  participants: Ref[];
  online: Ref[];
  unreadCount: number;
  lastMessage: { content: string; sender: { username: string } } | null;
}
interface Connection {
  edges: { cursor: string; node: ConversationNode }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const FIELDS = `id name isGroup participants { id username } online { id username } unreadCount lastMessage { content sender { username } }`;
const START = `mutation S($u: [String!], $i: [ID!]) { startConversation(usernames: $u, userIds: $i) { ${FIELDS} } }`;
const ONE = `query C($n: String!) { conversation(name: $n) { ${FIELDS} } }`;
const LIST = `query L($first: Int, $after: String) { conversations(first: $first, after: $after) {
  edges { cursor node { ${FIELDS} } } pageInfo { hasNextPage endCursor } } }`;

let server: TestServer;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let dave: TestUser;
let erin: TestUser;

const ref = (u: TestUser): Ref => ({ id: u.id, username: u.username });
const byId = (users: TestUser[]) => [...users].sort((a, b) => Number(a.id) - Number(b.id)).map(ref);
const dmName = (a: TestUser, b: TestUser) => [a.username, b.username].sort().join('_');

beforeAll(async () => {
  server = await startServer();
  alice = await registerUser(server, 'alice');
  bob = await registerUser(server, 'bob');
  // fillers, so that ids reach two digits and numeric and string order differ for the group below
  for (let i = 0; i < 8; i += 1) await registerUser(server, 'filler');
  carol = await registerUser(server, 'carol');
  dave = await registerUser(server, 'dave');
  erin = await registerUser(server, 'erin');
  expect(Number(carol.id)).toBeGreaterThanOrEqual(10);
});
afterAll(async () => {
  await server.close();
});

const start = async (viewer: TestUser, vars: { u?: string[]; i?: string[] }) =>
  (await gqlOk<{ startConversation: ConversationNode }>(server, START, vars, viewer.access)).startConversation;
const one = async (viewer: TestUser, name: string) =>
  (await gqlOk<{ conversation: ConversationNode | null }>(server, ONE, { n: name }, viewer.access)).conversation;
const list = async (viewer: TestUser, vars: { first?: number; after?: string | null } = {}) =>
  (await gqlOk<{ conversations: Connection }>(server, LIST, vars, viewer.access)).conversations;

describe('startConversation', () => {
  it('opens one DM per pair, however it is named: usernames or ids, from either side', async () => {
    const byName = await start(alice, { u: [bob.username] });
    expect(byName.name).toBe(dmName(alice, bob));
    expect(byName.isGroup).toBe(false);
    expect(byName.participants).toEqual(byId([alice, bob]));
    expect(byName.lastMessage).toBeNull();
    expect(byName.unreadCount).toBe(0);
    expect((await start(bob, { u: [alice.username] })).id).toBe(byName.id);
    expect((await start(alice, { i: [bob.id] })).id).toBe(byName.id);
    // naming yourself too changes nothing
    expect((await start(bob, { u: [bob.username, alice.username], i: [alice.id, bob.id] })).id).toBe(byName.id);
  });

  it('opens a group of three named by its sorted ids (numerically), the same from any member', async () => {
    const group = await start(carol, { u: [alice.username, bob.username] });
    const expected = [alice.id, bob.id, carol.id].map(Number).sort((a, b) => a - b).join('_');
    expect(group.name).toBe(expected);
    expect(group.isGroup).toBe(true);
    expect(group.participants).toEqual(byId([alice, bob, carol]));
    expect((await start(bob, { i: [carol.id, alice.id] })).id).toBe(group.id);
    expect((await start(alice, { u: [carol.username], i: [bob.id] })).id).toBe(group.id);
  });

  it.each([
    ['no one else', {}],
    ['an empty list', { u: [] }],
    ['only myself', { u: ['$self'] }],
    ['an unknown username', { u: ['nobody-here'] }],
    ['an unknown user id', { i: ['987654'] }],
    ['a user id that is not a number', { i: ['abc'] }],
  ])('refuses %s with BAD_USER_INPUT', async (_what, vars: { u?: string[]; i?: string[] }) => {
    const u = vars.u?.map((n) => (n === '$self' ? alice.username : n));
    const before = (await list(alice, { first: 100 })).edges.length;
    const res = await gql(server, START, { ...vars, ...(u ? { u } : {}) }, alice.access);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect((await list(alice, { first: 100 })).edges.length).toBe(before);
  });
});

describe('conversation(name)', () => {
  it('finds mine under any spelling of its participant set and answers with the canonical name', async () => {
    const dm = await start(alice, { u: [bob.username] });
    for (const spelling of [dmName(alice, bob), [bob.username, alice.username].join('_'), `${bob.id}_${alice.id}`, `${alice.id}_${bob.id}`]) {
      const found = await one(alice, spelling);
      expect(found?.id, spelling).toBe(dm.id);
      expect(found?.name, spelling).toBe(dmName(alice, bob));
    }
    const group = await start(alice, { u: [bob.username, carol.username] });
    const reversed = [carol.id, bob.id, alice.id].join('_');
    expect((await one(bob, reversed))?.id).toBe(group.id);
    expect((await one(bob, [carol.username, alice.username, bob.username].join('_')))?.id).toBe(group.id);
  });

  it('is null for a conversation nobody opened and for one that is not mine', async () => {
    expect(await one(alice, dmName(alice, erin))).toBeNull();
    await start(alice, { u: [bob.username] });
    expect(await one(erin, dmName(alice, bob))).toBeNull();
    expect(await one(erin, `${alice.id}_${bob.id}`)).toBeNull();
    // and asking did not open it
    expect((await list(erin)).edges).toEqual([]);
  });

  it.each([
    ['empty', ''],
    ['a doubled separator', 'a__b'],
    ['a leading separator', '_alice'],
    ['usernames mixed with ids', `${'$alice'}_1`],
    ['an unknown username', '$alice_nobody-here'],
    ['an unknown user id', '$aliceId_987654'],
    ['an id out of range', '$aliceId_99999999999999999999'],
  ])('refuses a name that is %s with BAD_USER_INPUT', async (_what, template) => {
    const name = template.replace('$aliceId', alice.id).replace('$alice', alice.username);
    expect(errorCode(await gql(server, ONE, { n: name }, alice.access))).toBe('BAD_USER_INPUT');
    const send = await gql(server, `mutation M($c: String!) { sendMessage(conversation: $c, content: "x") { id } }`, { c: name }, alice.access);
    expect(errorCode(send)).toBe('BAD_USER_INPUT');
  });
});

describe('conversations (my list)', () => {
  it('lists mine, most recent activity first, with last message, my unread count, participants and who is online', async () => {
    const dave2 = await registerUser(server, 'dave');
    const frank = await registerUser(server, 'frank');
    const withDave = await start(dave2, { u: [dave.username] });
    const withFrank = await start(dave2, { u: [frank.username] });
    const group = await start(frank, { u: [dave.username, dave2.username] });
    expect((await list(dave2)).edges.map((e) => e.node.id)).toEqual([group.id, withFrank.id, withDave.id]);

    await sendText(server, dave, withDave.name, 'one from dave');
    await sendText(server, dave, withDave.name, 'two from dave');
    await sendText(server, dave2, group.name, 'hello group');
    await sendText(server, frank, group.name, 'frank here');

    // frank is online in the group (a presence subscription is a connection to it)
    const client = wsClient(server, frank.access);
    const presence = subscribe(client, `subscription P($c: String!) { presence(conversation: $c) { kind } }`, { c: group.name });
    expect((await presence.next()).data).toEqual({ presence: { kind: 'SNAPSHOT' } });

    const nodes = (await list(dave2)).edges.map((e) => e.node);
    expect(nodes.map((n) => n.id)).toEqual([group.id, withDave.id, withFrank.id]);
    const [g, d, f] = nodes;
    expect(g).toMatchObject({ name: group.name, unreadCount: 1, lastMessage: { content: 'frank here', sender: { username: frank.username } } });
    expect(g?.participants).toEqual(byId([dave, dave2, frank]));
    expect(g?.online).toEqual([ref(frank)]);
    expect(d).toMatchObject({ unreadCount: 2, online: [], lastMessage: { content: 'two from dave', sender: { username: dave.username } } });
    expect(f).toMatchObject({ unreadCount: 0, online: [], lastMessage: null });
    // from frank's side: dave2's message is unread, his own is not
    expect((await list(frank)).edges.map((e) => [e.node.id, e.node.unreadCount])).toEqual([
      [group.id, 1],
      [withFrank.id, 0],
    ]);

    await presence.close();
    await client.dispose();
  });

  it('pages with first/after, covering every conversation once, in order', async () => {
    const pager = await registerUser(server, 'pager');
    const others = await Promise.all(Array.from({ length: 5 }, () => registerUser(server, 'peer')));
    const opened: string[] = [];
    for (const other of others) opened.push((await start(pager, { u: [other.username] })).id);
    // activity reorders them: the first one opened becomes the most recent
    await sendText(server, pager, (await one(pager, dmName(pager, others[0]!)))!.name, 'bump');
    const expected = [opened[0], ...opened.slice(1).reverse()];

    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: Connection = await list(pager, { first: 2, after });
      pages += 1;
      expect(page.edges.length).toBeLessThanOrEqual(2);
      seen.push(...page.edges.map((e) => e.node.id));
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(expected);
    expect(errorCode(await gql(server, LIST, { first: 2, after: 'not-a-cursor' }, pager.access))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(server, LIST, { first: 0 }, pager.access))).toBe('BAD_USER_INPUT');
  });
});
