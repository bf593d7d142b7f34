import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { gqlOk, subscribe, wsClient, type TestUser } from './support/graphql.js';
import { FrameSocket, dmName, legacyUser, type LegacyUser } from './support/legacy.js';
import { startServer, type TestServer } from './support/server.js';

let server: TestServer;
let alice: LegacyUser;
let bob: LegacyUser;
let room: string;
beforeAll(async () => {
  server = await startServer();
});
// fresh users per test: a socket closed by the previous test may still announce its user_leave
beforeEach(async () => {
  alice = await legacyUser(server, 'alice');
  bob = await legacyUser(server, 'bob');
  room = dmName(alice, bob);
});
afterAll(async () => {
  await server.close();
});

/** The GraphQL helpers take a TestUser (string id). */
const asGql = (u: LegacyUser): TestUser => ({ ...u, id: String(u.id) });

describe('one domain layer, two dialects', () => {
  it('legacy chat_message → GraphQL messageAdded and notifications subscribers', async () => {
    const client = wsClient(server, bob.access);
    const added = subscribe<{ messageAdded: { id: string; content: string; sender: { username: string }; read: boolean } }>(
      client,
      `subscription M($c: String!) { messageAdded(conversation: $c) { id content sender { username } read } }`,
      { c: room },
    );
    const notes = subscribe<{ notifications: { id: string; content: string } }>(client, `subscription { notifications { id content } }`);
    const presence = subscribe<{ presence: { kind: string } }>(client, `subscription P($c: String!) { presence(conversation: $c) { kind } }`, { c: room });
    expect((await presence.next()).data?.presence.kind).toBe('SNAPSHOT'); // subscriptions are live from here on
    const a = await FrameSocket.joined(server, room, alice.access);
    expect((await presence.next()).data?.presence.kind).toBe('JOIN'); // legacy presence is GraphQL presence
    a.send({ type: 'chat_message', message: 'from the old client' });
    const id = ((await a.next('chat_message_echo')).data.message as { id: string }).id;
    expect((await added.next()).data?.messageAdded).toEqual({ id, content: 'from the old client', sender: { username: alice.username }, read: false });
    expect((await notes.next()).data?.notifications).toEqual({ id, content: 'from the old client' });
    await a.close();
    expect((await presence.next()).data?.presence.kind).toBe('LEAVE');
    for (const s of [added, notes, presence]) await s.close();
    await client.dispose();
  });

  it('GraphQL sendMessage and setTyping → legacy chat and notification sockets', async () => {
    const b = await FrameSocket.joined(server, room, bob.access);
    const notes = await FrameSocket.notifications(server, bob.access);
    const before = (await notes.next('unread_count')).data.unread_count as number;
    const sent = await gqlOk<{ sendMessage: { id: string } }>(
      server,
      `mutation S($c: String!) { sendMessage(conversation: $c, content: "from GraphQL") { id } }`,
      { c: room },
      alice.access,
    );
    const echo = await b.next('chat_message_echo');
    expect(echo.data.name).toBe(alice.username);
    expect(echo.data.message).toMatchObject({ id: sent.sendMessage.id, content: 'from GraphQL', from_user: { username: alice.username }, read: false });
    expect((await notes.next('new_message_notification')).data.message).toMatchObject({ id: sent.sendMessage.id });
    expect((await notes.next('unread_count')).data.unread_count).toBe(before + 1);
    await gqlOk(server, `mutation T($c: String!) { setTyping(conversation: $c, typing: true) }`, { c: room }, alice.access);
    expect((await b.next('typing')).text).toBe(JSON.stringify({ type: 'typing', user: alice.username, typing: true }));
    await b.close();
    await notes.close();
  });

  it('legacy read_messages → GraphQL unreadCount subscription and query', async () => {
    const a = await FrameSocket.joined(server, room, alice.access);
    a.send({ type: 'chat_message', message: 'unread for bob' });
    await a.next('chat_message_echo');
    const client = wsClient(server, bob.access);
    const unread = subscribe<{ unreadCount: { total: number; conversationUnread: number | null } }>(client, `subscription { unreadCount { total conversationUnread } }`);
    const first = (await unread.next()).data?.unreadCount.total ?? 0;
    expect(first).toBeGreaterThan(0);
    const count = await gqlOk<{ unreadCount: number }>(server, `{ unreadCount }`, {}, bob.access);
    expect(count.unreadCount).toBe(first);

    const b = await FrameSocket.joined(server, room, bob.access);
    b.send({ type: 'read_messages' });
    await b.next('read_receipt');
    expect((await unread.next()).data?.unreadCount).toEqual({ total: 0, conversationUnread: 0 });
    expect((await gqlOk<{ unreadCount: number }>(server, `{ unreadCount }`, {}, bob.access)).unreadCount).toBe(0);
    await a.close();
    await b.close();
    await unread.close();
    await client.dispose();
  });
});
