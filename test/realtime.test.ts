import type { Client } from 'graphql-ws';
import { describe, expect } from 'vitest';
import type { PresenceSubscription, UnreadCountEventsSubscription } from './gql/graphql.js';
import { sendText } from './support/chat.js';
import {
  ConversationOnlineDocument,
  MarkReadDocument,
  MessageAddedDocument,
  MessageReadStateDocument,
  NotificationsDocument,
  PresenceDocument,
  ReadReceiptsDocument,
  SetTypingDocument,
  TypingDocument,
  UnreadCountEventsDocument,
  UnreadCountsDocument,
} from './support/documents.js';
import { test } from './support/fixtures.js';
import { gqlOk, subscribe, type Subscription, type TestUser } from './support/graphql.js';
import { dataOf, skipUntil, untilListening } from './support/live.js';
import type { TestServer } from './support/server.js';

const refs = (...users: TestUser[]) => users.map((u) => ({ username: u.username }));

const setTyping = (server: TestServer, user: TestUser, c: string, typing: boolean) =>
  gqlOk(server, SetTypingDocument, { conversation: c, typing }, user.access);

const markRead = async (server: TestServer, user: TestUser, c: string, upTo?: string) =>
  (await gqlOk(server, MarkReadDocument, { conversation: c, upTo: upTo ?? null }, user.access)).markRead;

const onlineIn = async (server: TestServer, user: TestUser, name: string) =>
  (await gqlOk(server, ConversationOnlineDocument, { name }, user.access)).conversation!.online;

describe('two users chatting live', () => {
  test('delivers every message to both participants, in order, with sender and id', async ({ server, make, sockets }) => {
    const [alice, bob] = await make.users('alice', 'bob');
    const { name } = await make.conversation(alice, bob);
    const opening = await sendText(server, alice, name, 'opening');
    // `after` the opening message: subscribed from there on, whatever the server's timing
    const aliceFeed = subscribe(sockets.graphql(alice.access), MessageAddedDocument, { conversation: name, after: opening.cursor });
    const bobFeed = subscribe(sockets.graphql(bob.access), MessageAddedDocument, { conversation: name, after: opening.cursor });

    const sent = [
      await sendText(server, alice, name, 'hi bob'),
      await sendText(server, bob, name, 'hi alice'),
      await sendText(server, alice, name, 'how are you?'),
    ];
    const senders = [alice, bob, alice];
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
  test("reaches the other participant as {user, typing}; the typer does not hear their own", async ({ server, make, sockets }) => {
    const [alice, bob] = await make.users('alice', 'bob');
    const { name } = await make.conversation(alice, bob);

    // Each side listens; the other side's typing:true probes show it, a typing:false marks the end of the probes.
    const bobHears = subscribe(sockets.graphql(bob.access), TypingDocument, { conversation: name });
    await untilListening(bobHears, () => setTyping(server, alice, name, true));
    await setTyping(server, alice, name, false);
    await skipUntil(bobHears, (d) => !d.typing.typing);
    const aliceHears = subscribe(sockets.graphql(alice.access), TypingDocument, { conversation: name });
    await untilListening(aliceHears, () => setTyping(server, bob, name, true));
    await setTyping(server, bob, name, false);
    await skipUntil(aliceHears, (d) => !d.typing.typing);

    // bob's own true/false above must not have reached bob: his next event is alice's
    expect(await setTyping(server, alice, name, true)).toEqual({ setTyping: true });
    expect(dataOf(await bobHears.next())).toEqual({ typing: { conversation: name, user: { username: alice.username }, typing: true } });
    expect(await aliceHears.quiet(300)).toBe(true);

    expect(await setTyping(server, alice, name, false)).toEqual({ setTyping: false });
    expect(dataOf(await bobHears.next())).toEqual({ typing: { conversation: name, user: { username: alice.username }, typing: false } });
    expect(await aliceHears.quiet(200)).toBe(true);
  });
});

describe('presence', () => {
  const watch = (c: Client, name: string) => subscribe(c, PresenceDocument, { conversation: name });
  const event = async (sub: Subscription<PresenceSubscription>) => dataOf(await sub.next()).presence;

  test('counts tabs: a second tab keeps the user online, LEAVE comes when the last one closes', async ({ server, make, sockets }) => {
    const [alice, bob, carol] = await make.users('alice', 'bob', 'carol');
    const ab = (await make.conversation(alice, bob)).name;
    const bc = (await make.conversation(bob, carol)).name;

    const aliceSees = watch(sockets.graphql(alice.access), ab);
    expect(await event(aliceSees)).toEqual({ kind: 'SNAPSHOT', conversation: ab, user: null, online: refs(alice) });
    const carolSees = watch(sockets.graphql(carol.access), bc);
    expect(await event(carolSees)).toEqual({ kind: 'SNAPSHOT', conversation: bc, user: null, online: refs(carol) });

    // bob's first tab: in ab (alice watching) and in bc (carol watching, which later shows when the tab is gone)
    const tab1 = sockets.graphql(bob.access);
    const tab2 = sockets.graphql(bob.access);
    expect(await event(watch(tab1, ab))).toEqual({ kind: 'SNAPSHOT', conversation: ab, user: null, online: refs(alice, bob) });
    expect(await event(aliceSees)).toEqual({ kind: 'JOIN', conversation: ab, user: refs(bob)[0], online: refs(alice, bob) });
    expect(await event(watch(tab1, bc))).toMatchObject({ kind: 'SNAPSHOT', online: refs(bob, carol) });
    expect(await event(carolSees)).toMatchObject({ kind: 'JOIN', user: refs(bob)[0] });

    // the second tab: already online, so no second JOIN
    expect(await event(watch(tab2, ab))).toEqual({ kind: 'SNAPSHOT', conversation: ab, user: null, online: refs(alice, bob) });
    expect(await aliceSees.quiet(300)).toBe(true);
    expect(await onlineIn(server, alice, ab)).toEqual(refs(alice, bob));

    // closing tab 1: carol sees bob leave bc (so the server has handled the close), alice sees nothing in ab
    await tab1.dispose();
    expect(await event(carolSees)).toEqual({ kind: 'LEAVE', conversation: bc, user: refs(bob)[0], online: refs(carol) });
    expect(await aliceSees.quiet(300)).toBe(true);
    expect(await onlineIn(server, alice, ab)).toEqual(refs(alice, bob));
    expect(await onlineIn(server, carol, bc)).toEqual(refs(carol));

    // closing the last tab
    await tab2.dispose();
    expect(await event(aliceSees)).toEqual({ kind: 'LEAVE', conversation: ab, user: refs(bob)[0], online: refs(alice) });
    expect(await onlineIn(server, alice, ab)).toEqual(refs(alice));
    expect(await aliceSees.quiet(200)).toBe(true);
  });
});

describe('read receipts', () => {
  test('tell the sender how far the reader has read, only when the mark moves', async ({ server, make, sockets }) => {
    const [alice, bob] = await make.users('alice', 'bob');
    const { name } = await make.conversation(alice, bob);
    const receipts = subscribe(sockets.graphql(alice.access), ReadReceiptsDocument, { conversation: name });
    const probes: string[] = [];
    await untilListening(receipts, async (i) => {
      const probe = await sendText(server, alice, name, `probe ${i}`);
      probes.push(probe.id);
      await markRead(server, bob, name, probe.id);
    });
    await skipUntil(receipts, (d) => d.readReceipts.lastReadMessageId === probes.at(-1));

    const [m1, m2, m3] = [await sendText(server, alice, name, 'one'), await sendText(server, alice, name, 'two'), await sendText(server, alice, name, 'three')];
    expect(await markRead(server, bob, name, m2!.id)).toEqual({ unreadCount: 1 });
    expect(dataOf(await receipts.next())).toEqual({ readReceipts: { conversation: name, user: { username: bob.username }, lastReadMessageId: m2!.id } });
    const history = await gqlOk(server, MessageReadStateDocument, { conversation: name, first: 3 }, alice.access);
    expect(history.messages.edges.map((e) => e.node)).toEqual([
      { content: 'three', readByAll: false },
      { content: 'two', readByAll: true },
      { content: 'one', readByAll: true },
    ]);

    // reading back to an older message, or again to where the mark already is, moves nothing
    expect(await markRead(server, bob, name, m1!.id)).toEqual({ unreadCount: 1 });
    expect(await receipts.quiet(300)).toBe(true);
    expect(await markRead(server, bob, name)).toEqual({ unreadCount: 0 });
    expect(dataOf(await receipts.next()).readReceipts.lastReadMessageId).toBe(m3!.id);
    await markRead(server, bob, name);
    expect(await receipts.quiet(300)).toBe(true);
  });
});

describe('unread counts', () => {
  type Unread = UnreadCountEventsSubscription;
  const counts = (total: number, conversationId: string | null, conversationUnread: number | null): Unread => ({
    unreadCount: { total, conversationId, conversationUnread },
  });
  const queried = async (server: TestServer, user: TestUser) => {
    const data = await gqlOk(server, UnreadCountsDocument, {}, user.access);
    return { total: data.unreadCount, byName: Object.fromEntries(data.conversations.edges.map((e) => [e.node.name, e.node.unreadCount])) };
  };

  test('starts with the total, then follows sends and reads (also partial ones) on every device', async ({ server, make, sockets }) => {
    const [alice, bob, carol] = await make.users('alice', 'bob', 'carol');
    const ab = await make.conversation(alice, bob);
    const bc = await make.conversation(carol, bob);
    const phone = subscribe(sockets.graphql(bob.access), UnreadCountEventsDocument);
    const laptop = subscribe(sockets.graphql(bob.access), UnreadCountEventsDocument);
    const both = async (expected: Unread) => {
      expect(dataOf(await phone.next())).toEqual(expected);
      expect(dataOf(await laptop.next())).toEqual(expected);
    };
    await both(counts(0, null, null));

    const fromAlice = [];
    for (let i = 1; i <= 3; i += 1) {
      fromAlice.push(await sendText(server, alice, ab.name, `a${i}`));
      await both(counts(i, ab.id, i));
    }
    for (let i = 1; i <= 2; i += 1) {
      await sendText(server, carol, bc.name, `c${i}`);
      await both(counts(3 + i, bc.id, i));
    }
    expect(await queried(server, bob)).toEqual({ total: 5, byName: { [ab.name]: 3, [bc.name]: 2 } });

    // read ab up to alice's second message: one left there
    expect(await markRead(server, bob, ab.name, fromAlice[1]!.id)).toEqual({ unreadCount: 1 });
    await both(counts(3, ab.id, 1));
    expect(await queried(server, bob)).toEqual({ total: 3, byName: { [ab.name]: 1, [bc.name]: 2 } });

    // bob's own message counts for nobody but alice
    await sendText(server, bob, ab.name, 'my reply');
    expect(await phone.quiet(300)).toBe(true);
    expect(await queried(server, bob)).toEqual({ total: 3, byName: { [ab.name]: 1, [bc.name]: 2 } });
    expect((await queried(server, alice)).byName[ab.name]).toBe(1);

    expect(await markRead(server, bob, bc.name)).toEqual({ unreadCount: 0 });
    await both(counts(1, bc.id, 0));
    expect(await queried(server, bob)).toEqual({ total: 1, byName: { [ab.name]: 1, [bc.name]: 0 } });

    // a device that connects now starts from the current total
    const tablet = subscribe(sockets.graphql(bob.access), UnreadCountEventsDocument);
    expect(dataOf(await tablet.next())).toEqual(counts(1, null, null));
    expect(await laptop.quiet(200)).toBe(true);
  });
});

describe('notifications', () => {
  test("bring new messages from any of my conversations, not my own and not other people's", async ({ server, make, sockets }) => {
    const [alice, bob, carol, dave] = await make.users('alice', 'bob', 'carol', 'dave');
    const ab = (await make.conversation(alice, bob)).name;
    const bc = (await make.conversation(carol, bob)).name;
    const cd = (await make.conversation(carol, dave)).name;
    const notes = subscribe(sockets.graphql(bob.access), NotificationsDocument);
    const probes = await untilListening(notes, (i) => sendText(server, alice, ab, `probe ${i}`));
    await skipUntil(notes, (d) => d.notifications.content === `probe ${probes}`);

    await sendText(server, carol, bc, 'from carol');
    await sendText(server, dave, cd, 'not for bob');
    await sendText(server, bob, ab, 'from bob himself');
    await sendText(server, alice, ab, 'from alice');
    expect(dataOf(await notes.next())).toEqual({ notifications: { content: 'from carol', conversation: bc, sender: { username: carol.username } } });
    expect(dataOf(await notes.next())).toEqual({ notifications: { content: 'from alice', conversation: ab, sender: { username: alice.username } } });
    expect(await notes.quiet(300)).toBe(true);
  });
});
