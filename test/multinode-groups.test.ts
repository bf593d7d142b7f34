import type { Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AddParticipantsDocument,
  CreateGroupDocument,
  MessageAddedIdContentDocument,
  MessageHistoryDocument,
  RemoveParticipantDocument,
  SendMessageDocument,
} from './support/documents.js';
import { errorCode, gql, gqlOk, registerUser, subscribe, wsClient, type TestUser } from './support/graphql.js';
import { FrameSocket } from './support/legacy.js';
import { dataOf, untilListening } from './support/live.js';
import { startServer, testRedisPrefix, TEST_DB, TEST_REDIS_URL, type TestServer } from './support/server.js';
import { eventually } from './support/wait.js';

// Named groups (ADR 026) on two nodes sharing one PostgreSQL database and the Redis bus: a change of
// members on one node is enforced on the other at once (membership caches, open rooms, subscriptions).

const send = (node: TestServer, user: TestUser, conversation: string, content: string) =>
  gql(node, SendMessageDocument, { conversation, content }, user.access);
const contents = async (node: TestServer, user: TestUser, conversation: string) =>
  (await gqlOk(node, MessageHistoryDocument, { conversation }, user.access)).messages.edges.map((e) => e.node.content);
const membersChanged = (id: string, added: TestUser[], removed: TestUser[]) =>
  JSON.stringify({ type: 'members_changed', conversation: id, added: added.map((u) => u.username), removed: removed.map((u) => u.username) });

describe.skipIf(TEST_DB !== 'postgres')('named groups across two nodes', () => {
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    const bus = { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: testRedisPrefix() };
    a = await startServer(bus);
    b = await startServer({ ...bus, DATABASE_URL: a.databaseUrl });
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const clients: Client[] = [];
  const sockets: FrameSocket[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    await Promise.all(sockets.splice(0).map((s) => s.close()));
  });
  const track = (s: FrameSocket) => (sockets.push(s), s);
  const connect = (node: TestServer, user: TestUser) => {
    const client = wsClient(node, user.access);
    clients.push(client);
    return client;
  };

  it("a removal on node A closes the removed member's room on node B (members_changed, then 4003) and ends their subscription there within seconds; node B refuses their sends at once", async () => {
    const alice = await registerUser(a, 'alice');
    const bob = await registerUser(a, 'bob');
    const carol = await registerUser(b, 'carol');
    const g = (await gqlOk(a, CreateGroupDocument, { title: 'Team', usernames: [bob.username, carol.username] }, alice.access)).createGroup;
    // carol uses the group on node B (B's membership cache knows it) and holds it open there
    expect((await send(b, carol, g.name, 'hi from b')).errors).toBeUndefined();
    const carolRoom = track(await FrameSocket.joined(b, g.name, carol.access));
    const bobRoom = track(await FrameSocket.joined(b, g.name, bob.access));
    const follows = subscribe(connect(b, carol), MessageAddedIdContentDocument, { conversation: g.name });
    await untilListening(follows, async (i) => expect((await send(a, alice, g.name, `probe ${i}`)).errors).toBeUndefined());

    await gqlOk(a, RemoveParticipantDocument, { conversation: g.name, username: carol.username }, alice.access);
    const removedAt = Date.now(); // committed
    // sends are checked inside the store's transaction: refused at once, whatever B had cached
    expect(errorCode(await send(b, carol, g.name, 'still here?'))).toBe('NOT_FOUND');
    const removed = membersChanged(g.id, [], [carol]);
    expect((await carolRoom.until('members_changed')).text).toBe(removed);
    expect((await carolRoom.closed).code).toBe(4003);
    for (;;) {
      const event = await follows.next();
      if (!event.errors) continue;
      expect(errorCode(event)).toBe('NOT_FOUND');
      break;
    }
    expect(Date.now() - removedAt).toBeLessThan(3000);
    expect((await bobRoom.until('members_changed')).text).toBe(removed);
    // reads on B follow within a second
    await eventually(async () => expect(errorCode(await gql(b, MessageHistoryDocument, { conversation: g.name }, carol.access))).toBe('NOT_FOUND'), 1000);
    const again = track(await FrameSocket.chat(b, g.name, carol.access));
    expect((await again.closed).code).toBe(4003);
    expect(await contents(a, bob, g.name)).not.toContain('still here?');
  }, 60_000);

  it('a member added on node A sends, reads and opens the room on node B right away, though B had the group cached without them', async () => {
    const alice = await registerUser(a, 'alice');
    const bob = await registerUser(a, 'bob');
    const carol = await registerUser(b, 'carol');
    const g = (await gqlOk(a, CreateGroupDocument, { title: 'Team', usernames: [bob.username] }, alice.access)).createGroup;
    // bob uses the group on node B: B caches who is in it; carol is refused there
    expect((await send(b, bob, g.name, 'warming')).errors).toBeUndefined();
    expect(await contents(b, bob, g.name)).toEqual(['warming']);
    expect(errorCode(await send(b, carol, g.name, 'let me in'))).toBe('NOT_FOUND');
    const bobRoom = track(await FrameSocket.joined(b, g.name, bob.access));

    await gqlOk(a, AddParticipantsDocument, { conversation: g.name, usernames: [carol.username] }, alice.access);
    const addedAt = Date.now(); // committed
    await eventually(async () => expect((await send(b, carol, g.name, 'hello from b')).errors).toBeUndefined(), 1000);
    expect(Date.now() - addedAt).toBeLessThan(1000);
    expect((await bobRoom.until('members_changed')).text).toBe(membersChanged(g.id, [carol], []));
    expect(await contents(b, carol, g.name)).toEqual(['hello from b', 'warming']);
    const carolRoom = track(await FrameSocket.joined(b, g.name, carol.access));
    carolRoom.send({ type: 'chat_message', message: 'from my room on b' });
    expect(((await carolRoom.until('chat_message_echo')).data.message as { content: string }).content).toBe('from my room on b');
    // and a subscription of hers on B hears a message sent on A (untilListening fails if none is heard)
    const follows = subscribe(connect(b, carol), MessageAddedIdContentDocument, { conversation: g.name });
    await untilListening(follows, async (i) => expect((await send(a, alice, g.name, `probe ${i}`)).errors).toBeUndefined());
    expect(dataOf(await follows.next()).messageAdded.content).toMatch(/^probe \d+$/);
  }, 60_000);
});
