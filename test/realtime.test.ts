import type { Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sendText, startConversation } from './support/chat.js';
import { gqlOk, registerUser, subscribe, wsClient, type Subscription, type TestUser } from './support/graphql.js';
import { dataOf, skipUntil, untilListening } from './support/live.js';
import { startServer, type TestServer } from './support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

/** Every client a test opens, disposed after it (subscriptions end with their socket). */
const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
});
function client(user: TestUser): Client {
  const c = wsClient(server, user.access);
  clients.push(c);
  return c;
}

type Ref = { username: string };
const refs = (...users: TestUser[]) => users.map((u) => ({ username: u.username }));

async function users(...prefixes: string[]): Promise<TestUser[]> {
  const out: TestUser[] = [];
  for (const p of prefixes) out.push(await registerUser(server, p));
  return out;
}

const setTyping = (user: TestUser, c: string, typing: boolean) =>
  gqlOk(server, `mutation T($c: String!, $t: Boolean!) { setTyping(conversation: $c, typing: $t) }`, { c, t: typing }, user.access);

const markRead = async (user: TestUser, c: string, upTo?: string) =>
  (
    await gqlOk<{ markRead: { unreadCount: number } }>(
      server,
      `mutation R($c: String!, $u: ID) { markRead(conversation: $c, upTo: $u) { unreadCount } }`,
      { c, u: upTo ?? null },
      user.access,
    )
  ).markRead;

const onlineIn = async (user: TestUser, name: string) =>
  (await gqlOk<{ conversation: { online: Ref[] } }>(server, `query C($n: String!) { conversation(name: $n) { online { username } } }`, { n: name }, user.access))
    .conversation.online;

describe('two users chatting live', () => {
  it('delivers every message to both participants, in order, with sender and id', async () => {
    const [alice, bob] = await users('alice', 'bob');
    const { name } = await startConversation(server, alice!, [bob!]);
    const opening = await sendText(server, alice!, name, 'opening');
    const query = `subscription M($c: String!, $a: String) { messageAdded(conversation: $c, after: $a) { id content conversation sender { username } } }`;
    // `after` the opening message: subscribed from there on, whatever the server's timing
    const aliceFeed = subscribe<{ messageAdded: unknown }>(client(alice!), query, { c: name, a: opening.cursor });
    const bobFeed = subscribe<{ messageAdded: unknown }>(client(bob!), query, { c: name, a: opening.cursor });

    const sent = [
      await sendText(server, alice!, name, 'hi bob'),
      await sendText(server, bob!, name, 'hi alice'),
      await sendText(server, alice!, name, 'how are you?'),
    ];
    const senders = [alice!, bob!, alice!];
    const expected = sent.map((m, i) => ({ id: m.id, content: m.content, conversation: name, sender: { username: senders[i]!.username } }));
    for (const feed of [aliceFeed, bobFeed]) {
      const got = [];
      for (let i = 0; i < expected.length; i += 1) got.push(dataOf(await feed.next()).messageAdded);
      expect(got).toEqual(expected);
      expect(await feed.quiet(200)).toBe(true);
    }
  });
});

describe('typing', () => {
  it("reaches the other participant as {user, typing}; the typer does not hear their own", async () => {
    const [alice, bob] = await users('alice', 'bob');
    const { name } = await startConversation(server, alice!, [bob!]);
    const query = `subscription T($c: String!) { typing(conversation: $c) { conversation user { username } typing } }`;
    type Typing = { typing: { conversation: string; user: Ref; typing: boolean } };

    // Each side listens; the other side's typing:true probes show it, a typing:false marks the end of the probes.
    const bobHears = subscribe<Typing>(client(bob!), query, { c: name });
    await untilListening(bobHears, () => setTyping(alice!, name, true));
    await setTyping(alice!, name, false);
    await skipUntil(bobHears, (d) => !d.typing.typing);
    const aliceHears = subscribe<Typing>(client(alice!), query, { c: name });
    await untilListening(aliceHears, () => setTyping(bob!, name, true));
    await setTyping(bob!, name, false);
    await skipUntil(aliceHears, (d) => !d.typing.typing);

    // bob's own true/false above must not have reached bob: his next event is alice's
    expect(await setTyping(alice!, name, true)).toEqual({ setTyping: true });
    expect(dataOf(await bobHears.next())).toEqual({ typing: { conversation: name, user: { username: alice!.username }, typing: true } });
    expect(await aliceHears.quiet(300)).toBe(true);

    expect(await setTyping(alice!, name, false)).toEqual({ setTyping: false });
    expect(dataOf(await bobHears.next())).toEqual({ typing: { conversation: name, user: { username: alice!.username }, typing: false } });
    expect(await aliceHears.quiet(200)).toBe(true);
  });
});

describe('presence', () => {
  type Presence = { presence: { kind: string; conversation: string; user: Ref | null; online: Ref[] } };
  const query = `subscription P($c: String!) { presence(conversation: $c) { kind conversation user { username } online { username } } }`;
  const watch = (c: Client, name: string) => subscribe<Presence>(c, query, { c: name });
  const event = async (sub: Subscription<Presence>) => dataOf(await sub.next()).presence;

  it('counts tabs: a second tab keeps the user online, LEAVE comes when the last one closes', async () => {
    const [alice, bob, carol] = await users('alice', 'bob', 'carol');
    const ab = (await startConversation(server, alice!, [bob!])).name;
    const bc = (await startConversation(server, bob!, [carol!])).name;

    const aliceSees = watch(client(alice!), ab);
    expect(await event(aliceSees)).toEqual({ kind: 'SNAPSHOT', conversation: ab, user: null, online: refs(alice!) });
    const carolSees = watch(client(carol!), bc);
    expect(await event(carolSees)).toEqual({ kind: 'SNAPSHOT', conversation: bc, user: null, online: refs(carol!) });

    // bob's first tab: in ab (alice watching) and in bc (carol watching, which later shows when the tab is gone)
    const tab1 = wsClient(server, bob!.access);
    const tab2 = wsClient(server, bob!.access);
    clients.push(tab1, tab2);
    expect(await event(watch(tab1, ab))).toEqual({ kind: 'SNAPSHOT', conversation: ab, user: null, online: refs(alice!, bob!) });
    expect(await event(aliceSees)).toEqual({ kind: 'JOIN', conversation: ab, user: refs(bob!)[0], online: refs(alice!, bob!) });
    expect(await event(watch(tab1, bc))).toMatchObject({ kind: 'SNAPSHOT', online: refs(bob!, carol!) });
    expect(await event(carolSees)).toMatchObject({ kind: 'JOIN', user: refs(bob!)[0] });

    // the second tab: already online, so no second JOIN
    expect(await event(watch(tab2, ab))).toEqual({ kind: 'SNAPSHOT', conversation: ab, user: null, online: refs(alice!, bob!) });
    expect(await aliceSees.quiet(300)).toBe(true);
    expect(await onlineIn(alice!, ab)).toEqual(refs(alice!, bob!));

    // closing tab 1: carol sees bob leave bc (so the server has handled the close), alice sees nothing in ab
    await tab1.dispose();
    expect(await event(carolSees)).toEqual({ kind: 'LEAVE', conversation: bc, user: refs(bob!)[0], online: refs(carol!) });
    expect(await aliceSees.quiet(300)).toBe(true);
    expect(await onlineIn(alice!, ab)).toEqual(refs(alice!, bob!));
    expect(await onlineIn(carol!, bc)).toEqual(refs(carol!));

    // closing the last tab
    await tab2.dispose();
    expect(await event(aliceSees)).toEqual({ kind: 'LEAVE', conversation: ab, user: refs(bob!)[0], online: refs(alice!) });
    expect(await onlineIn(alice!, ab)).toEqual(refs(alice!));
    expect(await aliceSees.quiet(200)).toBe(true);
  });
});

describe('read receipts', () => {
  it('tell the sender how far the reader has read, only when the mark moves', async () => {
    const [alice, bob] = await users('alice', 'bob');
    const { name } = await startConversation(server, alice!, [bob!]);
    type Receipt = { readReceipts: { conversation: string; user: Ref; lastReadMessageId: string | null } };
    const receipts = subscribe<Receipt>(client(alice!), `subscription R($c: String!) { readReceipts(conversation: $c) { conversation user { username } lastReadMessageId } }`, {
      c: name,
    });
    const probes: string[] = [];
    await untilListening(receipts, async (i) => {
      const probe = await sendText(server, alice!, name, `probe ${i}`);
      probes.push(probe.id);
      await markRead(bob!, name, probe.id);
    });
    await skipUntil(receipts, (d) => d.readReceipts.lastReadMessageId === probes.at(-1));

    const [m1, m2, m3] = [await sendText(server, alice!, name, 'one'), await sendText(server, alice!, name, 'two'), await sendText(server, alice!, name, 'three')];
    expect(await markRead(bob!, name, m2!.id)).toEqual({ unreadCount: 1 });
    expect(dataOf(await receipts.next())).toEqual({ readReceipts: { conversation: name, user: { username: bob!.username }, lastReadMessageId: m2!.id } });
    const history = await gqlOk<{ messages: { edges: { node: { content: string; readByAll: boolean } }[] } }>(
      server,
      `query H($c: String!) { messages(conversation: $c, first: 3) { edges { node { content readByAll } } } }`,
      { c: name },
      alice!.access,
    );
    expect(history.messages.edges.map((e) => e.node)).toEqual([
      { content: 'three', readByAll: false },
      { content: 'two', readByAll: true },
      { content: 'one', readByAll: true },
    ]);

    // reading back to an older message, or again to where the mark already is, moves nothing
    expect(await markRead(bob!, name, m1!.id)).toEqual({ unreadCount: 1 });
    expect(await receipts.quiet(300)).toBe(true);
    expect(await markRead(bob!, name)).toEqual({ unreadCount: 0 });
    expect(dataOf(await receipts.next()).readReceipts.lastReadMessageId).toBe(m3!.id);
    await markRead(bob!, name);
    expect(await receipts.quiet(300)).toBe(true);
  });
});

describe('unread counts', () => {
  type Unread = { unreadCount: { total: number; conversationId: string | null; conversationUnread: number | null } };
  const query = `subscription { unreadCount { total conversationId conversationUnread } }`;
  const counts = (total: number, conversationId: string | null, conversationUnread: number | null): Unread => ({
    unreadCount: { total, conversationId, conversationUnread },
  });
  const queried = async (user: TestUser) => {
    const data = await gqlOk<{ unreadCount: number; conversations: { edges: { node: { name: string; unreadCount: number } }[] } }>(
      server,
      `{ unreadCount conversations(first: 10) { edges { node { name unreadCount } } } }`,
      {},
      user.access,
    );
    return { total: data.unreadCount, byName: Object.fromEntries(data.conversations.edges.map((e) => [e.node.name, e.node.unreadCount])) };
  };

  it('starts with the total, then follows sends and reads (also partial ones) on every device', async () => {
    const [alice, bob, carol] = await users('alice', 'bob', 'carol');
    const ab = await startConversation(server, alice!, [bob!]);
    const bc = await startConversation(server, carol!, [bob!]);
    const phone = subscribe<Unread>(client(bob!), query);
    const laptop = subscribe<Unread>(client(bob!), query);
    const both = async (expected: Unread) => {
      expect(dataOf(await phone.next())).toEqual(expected);
      expect(dataOf(await laptop.next())).toEqual(expected);
    };
    await both(counts(0, null, null));

    const fromAlice = [];
    for (let i = 1; i <= 3; i += 1) {
      fromAlice.push(await sendText(server, alice!, ab.name, `a${i}`));
      await both(counts(i, ab.id, i));
    }
    for (let i = 1; i <= 2; i += 1) {
      await sendText(server, carol!, bc.name, `c${i}`);
      await both(counts(3 + i, bc.id, i));
    }
    expect(await queried(bob!)).toEqual({ total: 5, byName: { [ab.name]: 3, [bc.name]: 2 } });

    // read ab up to alice's second message: one left there
    expect(await markRead(bob!, ab.name, fromAlice[1]!.id)).toEqual({ unreadCount: 1 });
    await both(counts(3, ab.id, 1));
    expect(await queried(bob!)).toEqual({ total: 3, byName: { [ab.name]: 1, [bc.name]: 2 } });

    // bob's own message counts for nobody but alice
    await sendText(server, bob!, ab.name, 'my reply');
    expect(await phone.quiet(300)).toBe(true);
    expect(await queried(bob!)).toEqual({ total: 3, byName: { [ab.name]: 1, [bc.name]: 2 } });
    expect((await queried(alice!)).byName[ab.name]).toBe(1);

    expect(await markRead(bob!, bc.name)).toEqual({ unreadCount: 0 });
    await both(counts(1, bc.id, 0));
    expect(await queried(bob!)).toEqual({ total: 1, byName: { [ab.name]: 1, [bc.name]: 0 } });

    // a device that connects now starts from the current total
    const tablet = subscribe<Unread>(client(bob!), query);
    expect(dataOf(await tablet.next())).toEqual(counts(1, null, null));
    expect(await laptop.quiet(200)).toBe(true);
  });
});

describe('notifications', () => {
  it("bring new messages from any of my conversations, not my own and not other people's", async () => {
    const [alice, bob, carol, dave] = await users('alice', 'bob', 'carol', 'dave');
    const ab = (await startConversation(server, alice!, [bob!])).name;
    const bc = (await startConversation(server, carol!, [bob!])).name;
    const cd = (await startConversation(server, carol!, [dave!])).name;
    type Note = { notifications: { content: string; conversation: string; sender: Ref } };
    const notes = subscribe<Note>(client(bob!), `subscription { notifications { content conversation sender { username } } }`);
    const probes = await untilListening(notes, (i) => sendText(server, alice!, ab, `probe ${i}`));
    await skipUntil(notes, (d) => d.notifications.content === `probe ${probes}`);

    await sendText(server, carol!, bc, 'from carol');
    await sendText(server, dave!, cd, 'not for bob');
    await sendText(server, bob!, ab, 'from bob himself');
    await sendText(server, alice!, ab, 'from alice');
    expect(dataOf(await notes.next())).toEqual({ notifications: { content: 'from carol', conversation: bc, sender: { username: carol!.username } } });
    expect(dataOf(await notes.next())).toEqual({ notifications: { content: 'from alice', conversation: ab, sender: { username: alice!.username } } });
    expect(await notes.quiet(300)).toBe(true);
  });
});
