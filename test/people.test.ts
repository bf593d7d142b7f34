import { describe, expect, it } from 'vitest';
import {
  BlockUserDocument,
  ConversationMutedDocument,
  ConversationOnlineDocument,
  MarkReadDocument,
  MessageAddedContentDocument,
  MessageHistoryDocument,
  NotificationsDocument,
  ParticipantsBlockedDocument,
  PresenceDocument,
  SendMessageDocument,
  SetMutedDocument,
  SetTypingDocument,
  StartConversationDocument,
  TypingDocument,
  UnblockUserDocument,
  UnreadCountEventsDocument,
  UnreadCountsDocument,
  UsersLastSeenDocument,
} from './support/documents.js';
import { serverTest, test } from './support/fixtures.js';
import { errorCode, gql, gqlOk, registerUser, subscribe, wsClient, type TestUser } from './support/graphql.js';
import { FrameSocket } from './support/legacy.js';
import { dataOf, skipUntil, untilListening } from './support/live.js';
import { startServer, testRedisPrefix, TEST_DB, TEST_REDIS_URL, type TestServer } from './support/server.js';
import { eventually } from './support/wait.js';

// Mute and block (ADR 025), in both dialects.

/** a server where a user may block two users at most */
const fewBlocks = serverTest({ BLOCKS_PER_USER_MAX: '2' });

const send = (server: TestServer, user: TestUser, conversation: string, content: string) =>
  gqlOk(server, SendMessageDocument, { conversation, content }, user.access);

const muted = (server: TestServer, user: TestUser, name: string) => gqlOk(server, ConversationMutedDocument, { name }, user.access);

describe('a muted conversation', () => {
  test('keeps its own unread count but leaves the total and the notifications, in both dialects; unmuting brings it back', async ({ server, make, sockets }) => {
    const [alice, bob, carol] = await make.users('alice', 'bob', 'carol');
    const withBob = await make.conversation(bob, alice);
    const withCarol = await make.conversation(carol, alice);
    const legacy = await sockets.notifications(alice.access);
    expect((await legacy.next('unread_count')).data).toEqual({ type: 'unread_count', unread_count: 0 });
    const client = sockets.graphql(alice.access);
    const notifications = subscribe(client, NotificationsDocument);
    const counts = subscribe(client, UnreadCountEventsDocument);
    expect(dataOf(await counts.next()).unreadCount).toEqual({ total: 0, conversationId: null, conversationUnread: null });
    await untilListening(notifications, (i) => send(server, bob, withBob.name, `before ${i}`));
    await skipUntil(notifications, (d) => d.notifications.content.startsWith('before'));
    const before = await muted(server, alice, withBob.name);
    expect(before.conversation).toEqual({ muted: false, unreadCount: before.unreadCount });
    expect(before.unreadCount).toBeGreaterThan(0);
    const unreadBefore = before.unreadCount;

    // muting: the same count, out of the total, told to every device at once
    const set = await gqlOk(server, SetMutedDocument, { conversation: withBob.name, muted: true }, alice.access);
    expect(set.setMuted).toEqual({ name: withBob.name, muted: true, unreadCount: unreadBefore });
    expect(await muted(server, alice, withBob.name)).toEqual({ conversation: { muted: true, unreadCount: unreadBefore }, unreadCount: 0 });
    await skipUntil(counts, (d) => d.unreadCount.total === 0 && d.unreadCount.conversationUnread === unreadBefore);
    // (counts of the messages before the mute may come first)
    while ((await legacy.until('unread_count')).data.unread_count !== 0);
    // bob's frames of the messages before the mute may still be queued on the legacy socket: drain to the mute's total
    for (;;) {
      if (await legacy.quiet(300)) break;
      await legacy.next();
    }

    // a message to the muted conversation: its count moves, the total does not, nobody is notified
    await send(server, bob, withBob.name, 'while muted');
    await send(server, carol, withCarol.name, 'from carol');
    expect((await skipUntil(notifications, () => true)).notifications).toMatchObject({ content: 'from carol', conversation: withCarol.name });
    const notification = await legacy.next();
    expect(notification.data).toMatchObject({ type: 'new_message_notification', name: carol.username });
    expect((await legacy.next('unread_count')).data).toEqual({ type: 'unread_count', unread_count: 1 });
    expect(await legacy.quiet(300)).toBe(true);
    expect(await muted(server, alice, withBob.name)).toEqual({ conversation: { muted: true, unreadCount: unreadBefore + 1 }, unreadCount: 1 });
    // the per-conversation count still reaches every device (a badge on the muted conversation)
    await skipUntil(counts, (d) => d.unreadCount.conversationUnread === unreadBefore + 1 && d.unreadCount.total === 0);

    // reading it changes nothing in the total, and says nothing on the legacy socket
    await gqlOk(server, SetTypingDocument, { conversation: withBob.name, typing: false }, alice.access);
    const read = await gql(server, `mutation($c: String!) { markRead(conversation: $c) { unreadCount muted } }`, { c: withBob.name }, alice.access);
    expect(read.data).toEqual({ markRead: { unreadCount: 0, muted: true } });
    expect(await legacy.quiet(300)).toBe(true);

    // unmuting: back in the total (and notified again)
    await send(server, bob, withBob.name, 'after read');
    await gqlOk(server, SetMutedDocument, { conversation: withBob.name, muted: false }, alice.access);
    expect(await muted(server, alice, withBob.name)).toEqual({ conversation: { muted: false, unreadCount: 1 }, unreadCount: 2 });
    expect((await legacy.next('unread_count')).data).toEqual({ type: 'unread_count', unread_count: 2 });
    await send(server, bob, withBob.name, 'unmuted');
    expect((await skipUntil(notifications, () => true)).notifications.content).toBe('unmuted');
    expect((await legacy.next()).data).toMatchObject({ type: 'new_message_notification', name: bob.username });
    expect((await legacy.next('unread_count')).data).toEqual({ type: 'unread_count', unread_count: 3 });
  });

  test('is the viewer\'s alone: the other participant is notified as before; a stranger is told the conversation does not exist', async ({ server, make, sockets }) => {
    const [alice, bob, eve] = await make.users('alice', 'bob', 'eve');
    const dm = await make.conversation(alice, bob);
    await gqlOk(server, SetMutedDocument, { conversation: dm.name, muted: true }, alice.access);
    const notifications = subscribe(sockets.graphql(bob.access), NotificationsDocument);
    await untilListening(notifications, (i) => send(server, alice, dm.name, `hi ${i}`));
    expect(await muted(server, bob, dm.name)).toMatchObject({ conversation: { muted: false } });
    const stranger = await gql(server, SetMutedDocument, { conversation: dm.name, muted: true }, eve.access);
    expect(errorCode(stranger)).toBe('NOT_FOUND');
    const none = await gql(server, SetMutedDocument, { conversation: `${alice.username}_${eve.username}`, muted: true }, alice.access);
    expect(errorCode(none)).toBe('NOT_FOUND');
    expect(stranger.errors?.[0]?.message).toBe(none.errors?.[0]?.message);
  });
});

describe('blocking a user', () => {
  test('the blocked user is answered as a stranger in the DM (read, write, open, legacy socket 4003); the blocker is not; unblocking undoes it', async ({ server, make, sockets }) => {
    const [alice, bob, eve] = await make.users('alice', 'bob', 'eve');
    const dm = await make.conversation(bob, alice);
    // bob has used the DM (the server knows it), then alice blocks him
    await send(server, bob, dm.name, 'hello alice');
    const bobNotified = subscribe(sockets.graphql(bob.access), NotificationsDocument);
    await untilListening(bobNotified, (i) => send(server, alice, dm.name, `before the block ${i}`));
    // what bob holds open on the DM when the block comes: a subscription and a legacy room
    const bobFollows = subscribe(sockets.graphql(bob.access), MessageAddedContentDocument, { conversation: dm.name });
    await untilListening(bobFollows, (i) => send(server, alice, dm.name, `live ${i}`));
    await gqlOk(server, MarkReadDocument, { conversation: dm.name }, bob.access);
    const bobsRoom = await sockets.joined(dm.name, bob.access);
    const blocked = await gqlOk(server, BlockUserDocument, { username: bob.username }, alice.access);
    expect(blocked.blockUser).toEqual({ username: bob.username, blocked: true });
    // both end, as for a stranger
    expect((await bobsRoom.closed).code).toBe(4003);
    for (;;) {
      const event = await bobFollows.next();
      if (!event.errors) continue;
      expect(event.errors[0]?.extensions?.code).toBe('NOT_FOUND');
      break;
    }

    // what bob gets is what eve, a stranger, gets
    const asStranger = async (user: TestUser) => ({
      send: await gql(server, SendMessageDocument, { conversation: dm.name, content: 'x' }, user.access),
      history: await gql(server, MessageHistoryDocument, { conversation: dm.name }, user.access),
      muted: await gql(server, ConversationMutedDocument, { name: dm.name }, user.access),
    });
    const shape = (r: Awaited<ReturnType<typeof asStranger>>) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, { code: errorCode(v) ?? null, message: v.errors?.[0]?.message ?? null, conversation: (v.data as { conversation?: unknown } | null)?.conversation ?? null }]));
    const bobSees = shape(await asStranger(bob));
    const eveSees = shape(await asStranger(eve));
    expect(bobSees).toEqual(eveSees);
    expect(bobSees.send?.code).toBe('NOT_FOUND');
    const start = await gql(server, StartConversationDocument, { usernames: [alice.username] }, bob.access);
    expect(errorCode(start)).toBe('NOT_FOUND');
    const socket = await sockets.chat(dm.name, bob.access);
    expect((await socket.closed).code).toBe(4003);

    // alice still reads and writes; bob is told nothing of it (no notification, not in his list or total)
    await send(server, alice, dm.name, 'still mine');
    await send(server, eve, `${eve.username}_${bob.username}`, 'from eve');
    const heard: string[] = [];
    for (let c = ''; c !== 'from eve'; heard.push(c)) c = dataOf(await bobNotified.next()).notifications.content;
    expect(heard).not.toContain('still mine');
    const bobsList = await gqlOk(server, UnreadCountsDocument, {}, bob.access);
    expect(bobsList.conversations.edges.map((e) => e.node.name)).not.toContain(dm.name);
    expect(bobsList.unreadCount).toBe(1);
    // her view says bob is blocked, bob's says nothing
    const seenByAlice = await gqlOk(server, ParticipantsBlockedDocument, { name: dm.name }, alice.access);
    expect(seenByAlice.conversation?.participants).toContainEqual({ username: bob.username, blocked: true });
    // blocking again changes nothing
    expect((await gqlOk(server, BlockUserDocument, { username: bob.username }, alice.access)).blockUser.blocked).toBe(true);

    // unblocked: bob is back at once, and what alice wrote meanwhile counts for him
    expect((await gqlOk(server, UnblockUserDocument, { username: bob.username }, alice.access)).unblockUser).toEqual({ username: bob.username, blocked: false });
    const after = await gqlOk(server, UnreadCountsDocument, {}, bob.access);
    expect(after.conversations.edges.find((e) => e.node.name === dm.name)?.node.unreadCount).toBe(1);
    expect(after.unreadCount).toBe(2);
    await send(server, bob, dm.name, 'thanks');
    const again = await sockets.joined(dm.name, bob.access);
    await again.close();
  });

  fewBlocks('at most BLOCKS_PER_USER_MAX at once: one more is LIMIT_EXCEEDED; blocking again, or after an unblock, is fine', async ({ server, make }) => {
    const [ann, b1, b2, b3] = await make.users('ann', 'b1', 'b2', 'b3');
    const block = (u: TestUser) => gql(server, BlockUserDocument, { username: u.username }, ann.access);
    expect((await block(b1)).errors).toBeUndefined();
    expect((await block(b2)).errors).toBeUndefined();
    const over = await block(b3);
    expect(errorCode(over)).toBe('LIMIT_EXCEEDED');
    expect(over.errors?.[0]?.message).toMatch(/at most 2/);
    expect((await block(b2)).errors).toBeUndefined();
    await gqlOk(server, UnblockUserDocument, { username: b1.username }, ann.access);
    expect((await gqlOk(server, BlockUserDocument, { username: b3.username }, ann.access)).blockUser.blocked).toBe(true);
  });

  test('a DM never opened cannot be opened by the blocked user; blocking yourself or nobody is refused', async ({ server, make }) => {
    const [carol, dave] = await make.users('carol', 'dave');
    await gqlOk(server, BlockUserDocument, { username: dave.username }, carol.access);
    expect(errorCode(await gql(server, StartConversationDocument, { usernames: [carol.username] }, dave.access))).toBe('NOT_FOUND');
    // carol may still open it
    await gqlOk(server, StartConversationDocument, { usernames: [dave.username] }, carol.access);
    expect(errorCode(await gql(server, SendMessageDocument, { conversation: `${carol.username}_${dave.username}`, content: 'x' }, dave.access))).toBe('NOT_FOUND');
    expect(errorCode(await gql(server, BlockUserDocument, { username: carol.username }, carol.access))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(server, BlockUserDocument, { username: 'nobody-at-all' }, carol.access))).toBe('BAD_USER_INPUT');
  });

  test("in a group both stay members, but the blocker no longer sees the blocked user's typing or presence (GraphQL and legacy)", async ({ server, make, sockets }) => {
    const [alice, bob, carol] = await make.users('alice', 'bob', 'carol');
    const group = await make.conversation(alice, bob, carol);
    await gqlOk(server, BlockUserDocument, { username: bob.username }, alice.access);

    // typing: alice hears carol, never bob; carol hears both
    const aliceTyping = subscribe(sockets.graphql(alice.access), TypingDocument, { conversation: group.name });
    const carolTyping = subscribe(sockets.graphql(carol.access), TypingDocument, { conversation: group.name });
    const legacy = await sockets.joined(group.name, alice.access);
    await untilListening(aliceTyping, () => gqlOk(server, SetTypingDocument, { conversation: group.name, typing: true }, carol.access));
    await untilListening(carolTyping, () => gqlOk(server, SetTypingDocument, { conversation: group.name, typing: true }, bob.access));
    await gqlOk(server, SetTypingDocument, { conversation: group.name, typing: false }, bob.access);
    await gqlOk(server, SetTypingDocument, { conversation: group.name, typing: false }, carol.access);
    const heard: string[] = [];
    for (;;) {
      const d = dataOf(await aliceTyping.next());
      heard.push(`${d.typing.user.username}:${d.typing.typing}`);
      if (!d.typing.typing) break;
    }
    expect(new Set(heard.map((h) => h.split(':')[0]))).toEqual(new Set([carol.username]));
    await skipUntil(carolTyping, (d) => d.typing.user.username === bob.username && !d.typing.typing);
    const frames: string[] = [];
    for (;;) {
      const f = await legacy.until('typing');
      frames.push(String(f.data.user));
      if (f.data.typing === false) break;
    }
    expect(new Set(frames)).toEqual(new Set([carol.username]));

    // presence: bob comes online; alice's lists and events leave him out, carol's do not
    const alicePresence = subscribe(sockets.graphql(alice.access), PresenceDocument, { conversation: group.name });
    expect(dataOf(await alicePresence.next()).presence.kind).toBe('SNAPSHOT');
    const bobPresence = subscribe(sockets.graphql(bob.access), PresenceDocument, { conversation: group.name });
    expect(dataOf(await bobPresence.next()).presence.online.map((u) => u.username)).toContain(alice.username);
    const carolPresence = subscribe(sockets.graphql(carol.access), PresenceDocument, { conversation: group.name });
    const carolJoin = await skipUntil(alicePresence, (d) => d.presence.kind === 'JOIN');
    expect(carolJoin.presence.user?.username).toBe(carol.username);
    expect(carolJoin.presence.online.map((u) => u.username)).not.toContain(bob.username);
    expect(dataOf(await carolPresence.next()).presence.online.map((u) => u.username)).toContain(bob.username);
    const onlineFor = async (user: TestUser) =>
      (await gqlOk(server, ConversationOnlineDocument, { name: group.name }, user.access)).conversation?.online.map((u) => u.username) ?? [];
    await eventually(async () => expect(await onlineFor(carol)).toContain(bob.username));
    expect(await onlineFor(alice)).not.toContain(bob.username);
    // the legacy socket saw carol join (through her subscription), never bob
    const joins: string[] = [];
    while (!(await legacy.quiet(300))) {
      const f = await legacy.next();
      if (f.data.type === 'user_join' || f.data.type === 'user_leave') joins.push(String(f.data.user));
    }
    expect(joins).toContain(carol.username);
    expect(joins).not.toContain(bob.username);

    // bob still writes to the group, and alice still gets it (her client may hide it: User.blocked)
    await send(server, bob, group.name, 'still here');
    const seen = await gqlOk(server, ParticipantsBlockedDocument, { name: group.name }, alice.access);
    expect(seen.conversation?.participants).toContainEqual({ username: bob.username, blocked: true });
    expect(seen.conversation?.participants).toContainEqual({ username: carol.username, blocked: false });
  });
});

/** When `user` was last seen, as `viewer` is told (undefined: not among the users found). */
async function lastSeen(server: TestServer, viewer: TestUser, user: TestUser): Promise<string | null | undefined> {
  const data = await gqlOk(server, UsersLastSeenDocument, { search: user.username }, viewer.access);
  return data.users.edges.find((e) => e.node.username === user.username)?.node.lastSeenAt;
}

describe('lastSeenAt', () => {
  test('is null while any connection of the user is open (either dialect), then when the last one closed; only those who share a conversation see it, never a blocker', async ({ server, make, sockets }) => {
    const [alice, bob, eve] = await make.users('alice', 'bob', 'eve');
    await make.conversation(alice, bob);
    expect(await lastSeen(server, alice, bob)).toBeNull(); // never connected
    const legacy = await sockets.notifications(bob.access);
    await legacy.next('unread_count');
    const counts = subscribe(sockets.graphql(bob.access), UnreadCountEventsDocument);
    await counts.next();
    await legacy.close();
    // the graphql-ws connection is still open: still online
    await new Promise((r) => setTimeout(r, 200));
    expect(await lastSeen(server, alice, bob)).toBeNull();
    const closedAt = Date.now();
    await sockets.closeAll();
    let seen: string | null | undefined = null;
    await eventually(async () => {
      seen = await lastSeen(server, alice, bob);
      expect(seen).not.toBeNull();
    });
    const at = Date.parse(seen!);
    expect(at).toBeGreaterThanOrEqual(closedAt - 1000);
    expect(at).toBeLessThanOrEqual(Date.now());
    // bob sees his own; eve shares no conversation with him: not hers to know
    expect(await lastSeen(server, bob, bob)).toBe(seen);
    expect(await lastSeen(server, eve, bob)).toBeNull();
    // a blocker does not see the presence of whom they blocked
    await gqlOk(server, BlockUserDocument, { username: bob.username }, alice.access);
    expect(await lastSeen(server, alice, bob)).toBeNull();
    // connected again: null for everyone
    await gqlOk(server, UnblockUserDocument, { username: bob.username }, alice.access);
    const again = subscribe(sockets.graphql(bob.access), UnreadCountEventsDocument);
    await again.next();
    await eventually(async () => expect(await lastSeen(server, alice, bob)).toBeNull());
  });
});

describe.skipIf(TEST_DB !== 'postgres')('blocking across nodes', () => {
  it('a block on one node refuses the blocked user on the other within a second, and closes what they hold open there', async () => {
    const bus = { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: testRedisPrefix() };
    const a = await startServer(bus);
    const b = await startServer({ ...bus, DATABASE_URL: a.databaseUrl });
    const room: FrameSocket[] = [];
    try {
      const alice = await registerUser(a, 'alice');
      const bob = await registerUser(a, 'bob');
      const dm = (await gqlOk(a, StartConversationDocument, { usernames: [bob.username] }, alice.access)).startConversation.name;
      // bob uses the DM on node b (b's membership cache knows it), and holds a room open there
      await send(b, bob, dm, 'hi');
      room.push(await FrameSocket.joined(b, dm, bob.access));
      await gqlOk(a, BlockUserDocument, { username: bob.username }, alice.access);
      // from the block's answer (it is committed): node b refuses bob within a second
      const blockedAt = Date.now();
      expect((await room[0]!.closed).code).toBe(4003);
      await eventually(async () => expect(errorCode(await gql(b, SendMessageDocument, { conversation: dm, content: 'x' }, bob.access))).toBe('NOT_FOUND'), 1000);
      expect(Date.now() - blockedAt).toBeLessThan(1000);
      // and unblocked on b, bob writes on a again
      await gqlOk(b, UnblockUserDocument, { username: bob.username }, alice.access);
      await eventually(async () => expect((await gql(a, SendMessageDocument, { conversation: dm, content: 'back' }, bob.access)).errors).toBeUndefined(), 1000);
    } finally {
      for (const r of room) await r.close();
      await b.close();
      await a.close();
    }
  }, 60_000);
});

describe.skipIf(TEST_DB !== 'postgres')('lastSeenAt across nodes', () => {
  it('stays null while the user is connected to any node, and is set when the last connection anywhere closes', async () => {
    const bus = { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: testRedisPrefix() };
    const a = await startServer(bus);
    const b = await startServer({ ...bus, DATABASE_URL: a.databaseUrl });
    const clients: ReturnType<typeof wsClient>[] = [];
    try {
      const alice = await registerUser(a, 'alice');
      const bob = await registerUser(a, 'bob');
      await gqlOk(a, StartConversationDocument, { usernames: [bob.username] }, alice.access);
      for (const node of [a, b]) {
        const client = wsClient(node, bob.access);
        clients.push(client);
        await subscribe(client, UnreadCountEventsDocument).next();
      }
      await clients[0]!.dispose();
      await new Promise((r) => setTimeout(r, 300));
      expect(await lastSeen(b, alice, bob)).toBeNull();
      await clients[1]!.dispose();
      await eventually(async () => expect(await lastSeen(a, alice, bob)).not.toBeNull());
    } finally {
      for (const c of clients) await c.dispose();
      await b.close();
      await a.close();
    }
  }, 60_000);
});
