import { describe, expect } from 'vitest';
import {
  MessageAddedReadDocument,
  NotificationIdsDocument,
  PresenceKindDocument,
  SendMessageDocument,
  SetTypingDocument,
  UnreadCountDocument,
  UnreadCountTotalsDocument,
} from './support/documents.js';
import { test } from './support/fixtures.js';
import { gqlOk, subscribe } from './support/graphql.js';
import { dmName, type LegacyUser } from './support/legacy.js';

let alice: LegacyUser;
let bob: LegacyUser;
let room: string;
// fresh users per test: a socket closed by the previous test may still announce its user_leave
test.beforeEach(async ({ make }) => {
  alice = await make.legacyUser('alice');
  bob = await make.legacyUser('bob');
  room = dmName(alice, bob);
});

describe('one domain layer, two dialects', () => {
  test('legacy chat_message → GraphQL messageAdded and notifications subscribers', async ({ sockets }) => {
    const client = sockets.graphql(bob.access);
    const added = subscribe(client, MessageAddedReadDocument, { conversation: room });
    const notes = subscribe(client, NotificationIdsDocument);
    const presence = subscribe(client, PresenceKindDocument, { conversation: room });
    expect((await presence.next()).data?.presence.kind).toBe('SNAPSHOT'); // subscriptions are live from here on
    const a = await sockets.joined(room, alice.access);
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

  test('GraphQL sendMessage and setTyping → legacy chat and notification sockets', async ({ server, sockets }) => {
    const b = await sockets.joined(room, bob.access);
    const notes = await sockets.notifications(bob.access);
    const before = (await notes.next('unread_count')).data.unread_count as number;
    const sent = await gqlOk(server, SendMessageDocument, { conversation: room, content: 'from GraphQL' }, alice.access);
    const echo = await b.next('chat_message_echo');
    expect(echo.data.name).toBe(alice.username);
    expect(echo.data.message).toMatchObject({ id: sent.sendMessage.id, content: 'from GraphQL', from_user: { username: alice.username }, read: false });
    expect((await notes.next('new_message_notification')).data.message).toMatchObject({ id: sent.sendMessage.id });
    expect((await notes.next('unread_count')).data.unread_count).toBe(before + 1);
    await gqlOk(server, SetTypingDocument, { conversation: room, typing: true }, alice.access);
    expect((await b.next('typing')).text).toBe(JSON.stringify({ type: 'typing', user: alice.username, typing: true }));
    await b.close();
    await notes.close();
  });

  test('legacy read_messages → GraphQL unreadCount subscription and query', async ({ server, sockets }) => {
    const a = await sockets.joined(room, alice.access);
    a.send({ type: 'chat_message', message: 'unread for bob' });
    await a.next('chat_message_echo');
    const client = sockets.graphql(bob.access);
    const unread = subscribe(client, UnreadCountTotalsDocument);
    const first = (await unread.next()).data?.unreadCount.total ?? 0;
    expect(first).toBeGreaterThan(0);
    const count = await gqlOk(server, UnreadCountDocument, {}, bob.access);
    expect(count.unreadCount).toBe(first);

    const b = await sockets.joined(room, bob.access);
    b.send({ type: 'read_messages' });
    await b.next('read_receipt');
    expect((await unread.next()).data?.unreadCount).toEqual({ total: 0, conversationUnread: 0 });
    expect((await gqlOk(server, UnreadCountDocument, {}, bob.access)).unreadCount).toBe(0);
    await a.close();
    await b.close();
    await unread.close();
    await client.dispose();
  });
});
