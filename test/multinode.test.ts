import type { Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PresenceSubscription } from './gql/graphql.js';
import { historyOldestFirst, sendText, startConversation, type SentMessage } from './support/chat.js';
import { healthBecomes, startCluster, type Cluster } from './support/cluster.js';
import {
  ConversationOnlineDocument,
  MarkReadDocument,
  MessageAddedCursorDocument,
  PresenceDocument,
  ReadReceiptsDocument,
  SendMessageDocument,
  SetTypingDocument,
  TypingUserDocument,
  UnreadCountDocument,
  UnreadCountEventsDocument,
} from './support/documents.js';
import { gqlOk, registerUser, subscribe, wsClient, type Subscription, type TestUser } from './support/graphql.js';
import { FrameSocket, dmName, legacyUser } from './support/legacy.js';
import { dataOf, skipUntil, untilListening } from './support/live.js';
import type { NodeProcess } from './support/node-process.js';
import type { Endpoint } from './support/server.js';

// Two server processes (node-a, node-b) on one fresh PostgreSQL database and the machine's Redis (under a
// key prefix of this run), each reaching Redis through a proxy the test can cut. Runs in the postgres
// project only (vitest.config.ts).
const TTL_SECONDS = 2;
let cluster: Cluster;
let a: NodeProcess;
let b: NodeProcess;
beforeAll(async () => {
  cluster = await startCluster({ presenceTtlSeconds: TTL_SECONDS });
  // Both migrate the fresh database at once: the advisory lock makes them take turns.
  [a, b] = await Promise.all([cluster.start('node-a'), cluster.start('node-b')]);
}, 120_000);
afterAll(async () => {
  await cluster?.close();
}, 60_000);

const clients: Client[] = [];
const sockets: FrameSocket[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
  await Promise.all(sockets.splice(0).map((s) => s.close()));
});
function connect(node: Endpoint, user: TestUser): Client {
  const client = wsClient(node, user.access);
  clients.push(client);
  return client;
}

type Added = { messageAdded: SentMessage };
const START = Buffer.from('m:0').toString('base64url');
async function receive(feed: Subscription<Added>, count: number, timeoutMs = 8000): Promise<SentMessage[]> {
  const got: SentMessage[] = [];
  while (got.length < count) got.push(dataOf(await feed.next(timeoutMs)).messageAdded);
  return got;
}
const seqOf = (m: SentMessage) => Number(Buffer.from(m.cursor, 'base64url').toString().slice(2));

describe('two nodes behind the Redis bus', () => {
  it('delivers a message sent on node A to a subscriber on node B, with the unread count', async () => {
    const alice = await registerUser(a, 'alice');
    const bob = await registerUser(b, 'bob');
    const conv = await startConversation(a, alice, [bob]);
    const opening = await sendText(a, alice, conv.name, 'opening');
    const onB = connect(b, bob);
    const unread = subscribe(onB, UnreadCountEventsDocument);
    expect(dataOf(await unread.next()).unreadCount).toEqual({ total: 1, conversationId: null, conversationUnread: null });
    const feed = subscribe(onB, MessageAddedCursorDocument, { conversation: conv.name, after: START });
    expect(await receive(feed, 1)).toEqual([opening]); // from the database: the feed is live after this
    const live = await sendText(a, alice, conv.name, 'over the bus');
    expect(await receive(feed, 1)).toEqual([live]);
    expect(dataOf(await unread.next()).unreadCount).toEqual({ total: 2, conversationId: conv.id, conversationUnread: 2 });
    expect(await feed.quiet(300)).toBe(true);
  });

  it('carries typing and read receipts from node A to subscribers on node B', async () => {
    const alice = await registerUser(a, 'alice');
    const bob = await registerUser(b, 'bob');
    const { name } = await startConversation(a, alice, [bob]);
    const onB = connect(b, bob);
    const typing = subscribe(onB, TypingUserDocument, { conversation: name });
    await untilListening(typing, () => gqlOk(a, SetTypingDocument, { conversation: name, typing: true }, alice.access));
    await gqlOk(a, SetTypingDocument, { conversation: name, typing: false }, alice.access);
    expect((await skipUntil(typing, (d) => !d.typing.typing)).typing).toEqual({ user: { username: alice.username }, typing: false });

    const receipts = subscribe(connect(b, alice), ReadReceiptsDocument, { conversation: name });
    let last = '';
    await untilListening(receipts, async (i) => {
      last = (await sendText(b, alice, name, `read me ${i}`)).id;
      await gqlOk(a, MarkReadDocument, { conversation: name }, bob.access);
    });
    expect((await skipUntil(receipts, (d) => d.readReceipts.lastReadMessageId === last)).readReceipts.user).toEqual({ username: bob.username });
  });

  it('stores one message when two nodes race the same clientId', async () => {
    const alice = await registerUser(a, 'alice');
    const bob = await registerUser(b, 'bob');
    const { name } = await startConversation(a, alice, [bob]);
    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, i) => gqlOk(i % 2 ? a : b, SendMessageDocument, { conversation: name, content: 'once', clientId: 'retry-1' }, alice.access)),
    );
    expect(new Set(attempts.map((r) => r.sendMessage.id)).size).toBe(1);
    expect((await historyOldestFirst(b, bob, name)).map((m) => m.content)).toEqual(['once']);
    expect(await gqlOk(a, UnreadCountDocument, {}, bob.access)).toEqual({ unreadCount: 1 });
  });

  it('resumes on node B after dropping from node A: every missed message once, in order, while both nodes send', async () => {
    const alice = await registerUser(a, 'alice');
    const bob = await registerUser(b, 'bob');
    const carol = await registerUser(b, 'carol');
    const { name } = await startConversation(a, alice, [bob, carol]);
    const opening = await sendText(a, alice, name, 'opening');
    let sending = true;
    const sent: SentMessage[] = [];
    const loop = async (node: Endpoint, user: TestUser) => {
      for (let i = 0; sending; i++) sent.push(await sendText(node, user, name, `${user.username} ${i}`));
    };
    const senders = Promise.all([loop(a, alice), loop(b, carol)]);

    const first = subscribe(connect(a, bob), MessageAddedCursorDocument, { conversation: name, after: opening.cursor });
    const beforeDrop = await receive(first, 6);
    await clients.at(-1)?.dispose(); // drops from node A
    const second = subscribe(connect(b, bob), MessageAddedCursorDocument, { conversation: name, after: beforeDrop.at(-1)?.cursor });
    const afterDrop = await receive(second, 6);
    sending = false;
    await senders;
    const rest = await receive(second, sent.length - beforeDrop.length - afterDrop.length);
    const received = [...beforeDrop, ...afterDrop, ...rest];
    expect(await second.quiet(300)).toBe(true);
    // Commit order is seq order in a conversation (ADR 009), so what a client saw is the history, exactly.
    expect(received).toEqual(received.toSorted((x, y) => seqOf(x) - seqOf(y)));
    expect(received).toEqual((await historyOldestFirst(b, bob, name)).slice(1));
  });

  it('carries legacy socket frames between nodes: presence, echo, notification, unread count', async () => {
    const alice = await legacyUser(a, 'la');
    const bob = await legacyUser(b, 'lb');
    const room = dmName(alice, bob);
    const bobOnA = await FrameSocket.joined(a, room, bob.access);
    sockets.push(bobOnA);
    const bobNotesOnA = await FrameSocket.notifications(a, bob.access);
    sockets.push(bobNotesOnA);
    expect((await bobNotesOnA.next('unread_count')).data).toEqual({ type: 'unread_count', unread_count: 0 });

    const aliceOnB = await FrameSocket.chat(b, room, alice.access);
    sockets.push(aliceOnB);
    const online = (await aliceOnB.next('online_user_list')).data.users as string[];
    expect(online.toSorted()).toEqual([alice.username, bob.username].sort());
    await aliceOnB.next('last_50_messages');
    await aliceOnB.next('user_join');
    expect((await bobOnA.next('user_join')).data).toEqual({ type: 'user_join', user: alice.username, user_id: alice.id });

    aliceOnB.send({ type: 'chat_message', message: 'hello from node b' });
    const echo = (await bobOnA.next('chat_message_echo')).data as { name: string; message: { content: string } };
    expect([echo.name, echo.message.content]).toEqual([alice.username, 'hello from node b']);
    const note = (await bobNotesOnA.next('new_message_notification')).data as { message: { content: string } };
    expect(note.message.content).toBe('hello from node b');
    expect((await bobNotesOnA.next('unread_count')).data).toEqual({ type: 'unread_count', unread_count: 1 });
  });

  it('keeps storing sends while Redis is cut off, reports degraded, reconnects by itself, and resume fills the gap', async () => {
    const alice = await registerUser(a, 'alice');
    const bob = await registerUser(b, 'bob');
    const { name } = await startConversation(a, alice, [bob]);
    const opening = await sendText(a, alice, name, 'opening');
    const bobFeed = subscribe(connect(b, bob), MessageAddedCursorDocument, { conversation: name, after: START });
    const aliceFeed = subscribe(connect(a, alice), MessageAddedCursorDocument, { conversation: name, after: START });
    expect(await receive(bobFeed, 1)).toEqual([opening]);
    expect(await receive(aliceFeed, 1)).toEqual([opening]);

    cluster.proxy('node-a').cut();
    cluster.proxy('node-b').cut();
    expect((await healthBecomes(a, 503)).body).toMatchObject({ ok: false, status: 'degraded', database: 'ok', redis: 'down' });
    await healthBecomes(b, 503);
    const during: SentMessage[] = [];
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      during.push(await sendText(a, alice, name, `during ${i}`));
      expect(Date.now() - started).toBeLessThan(2000);
    }
    expect((await historyOldestFirst(b, bob, name)).map((m) => m.content)).toEqual(['opening', 'during 0', 'during 1', 'during 2']);
    expect(await receive(aliceFeed, 3)).toEqual(during); // node A still serves its own clients
    expect(await bobFeed.quiet(500)).toBe(true); // node B could not hear them

    cluster.proxy('node-a').restore();
    cluster.proxy('node-b').restore();
    expect((await healthBecomes(a, 200)).body).toMatchObject({ ok: true, status: 'ok', redis: 'ok' });
    await healthBecomes(b, 200);
    const after = await sendText(a, alice, name, 'after');
    // B's subscription was renewed by itself; what it missed before `after` is read from the database
    expect(await receive(bobFeed, 4)).toEqual([...during, after]);
    const resumed = subscribe(connect(b, bob), MessageAddedCursorDocument, { conversation: name, after: opening.cursor });
    expect(await receive(resumed, 4)).toEqual([...during, after]);
    expect(await resumed.quiet(300)).toBe(true);
  }, 60_000);

  it('answers sends at once and reports degraded while Redis hangs', async () => {
    const alice = await registerUser(a, 'alice');
    const bob = await registerUser(a, 'bob');
    const { name } = await startConversation(a, alice, [bob]);
    cluster.proxy('node-a').stall();
    try {
      expect((await healthBecomes(a, 503)).body).toMatchObject({ status: 'degraded', redis: 'down' });
      const started = Date.now();
      await sendText(a, alice, name, 'while Redis hangs');
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      cluster.proxy('node-a').restore();
    }
    await healthBecomes(a, 200);
    expect((await historyOldestFirst(a, bob, name)).map((m) => m.content)).toEqual(['while Redis hangs']);
  }, 60_000);

  it('counts a user on both nodes online once; after kill -9 of node A its connections stop counting within the TTL', async () => {
    const [carol, bob, dave] = [await registerUser(b, 'carol'), await registerUser(b, 'bob'), await registerUser(b, 'dave')];
    const { name } = await startConversation(b, carol, [bob, dave]);
    type Presence = PresenceSubscription;
    const byName = (x: { username: string }, y: { username: string }) => x.username.localeCompare(y.username);
    const names = (...users: TestUser[]) => users.map((u) => ({ username: u.username })).sort(byName);
    const event = async (sub: Subscription<Presence>, timeoutMs?: number) => {
      const p = dataOf(await sub.next(timeoutMs)).presence;
      return { kind: p.kind, user: p.user?.username ?? null, online: p.online.toSorted(byName) };
    };

    const watcher = subscribe(connect(b, carol), PresenceDocument, { conversation: name });
    expect(await event(watcher)).toEqual({ kind: 'SNAPSHOT', user: null, online: names(carol) });
    const bobOnA = subscribe(connect(a, bob), PresenceDocument, { conversation: name });
    expect(await event(bobOnA)).toEqual({ kind: 'SNAPSHOT', user: null, online: names(bob, carol) });
    expect(await event(watcher)).toEqual({ kind: 'JOIN', user: bob.username, online: names(bob, carol) });
    const bobOnB = subscribe(connect(b, bob), PresenceDocument, { conversation: name });
    expect(await event(bobOnB)).toEqual({ kind: 'SNAPSHOT', user: null, online: names(bob, carol) });
    const daveOnA = subscribe(connect(a, dave), PresenceDocument, { conversation: name });
    expect(await event(daveOnA)).toEqual({ kind: 'SNAPSHOT', user: null, online: names(bob, carol, dave) });
    // bob's second connection was no news: the next event is dave's JOIN
    expect(await event(watcher)).toEqual({ kind: 'JOIN', user: dave.username, online: names(bob, carol, dave) });

    const killedAt = Date.now();
    await a.kill('SIGKILL');
    const bound = (TTL_SECONDS * 4) / 3;
    const leave = await event(watcher, bound * 1000 + 3000);
    const tookSeconds = (Date.now() - killedAt) / 1000;
    expect(leave).toEqual({ kind: 'LEAVE', user: dave.username, online: names(bob, carol) });
    expect(tookSeconds).toBeLessThan(bound + 1.5);
    // bob is still online through node B: no LEAVE for him, and he is listed once
    expect(await watcher.quiet(1000)).toBe(true);
    const seen = await gqlOk(b, ConversationOnlineDocument, { name }, carol.access);
    expect(seen.conversation!.online.toSorted(byName)).toEqual(names(bob, carol));
  }, 60_000);
});
