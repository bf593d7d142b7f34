import { describe, expect } from 'vitest';
import WebSocket from 'ws';
import { UnreadCountEventsDocument } from './support/documents.js';
import { dmName, test } from './support/fixtures.js';
import { subscribe } from './support/graphql.js';

// What test/support/fixtures.ts promises, checked across the tests of this file (they run in order):
// the sockets a test leaves open are closed when it ends, and the file keeps one server throughout.
let left: { url: string; chat: WebSocket; notifications: WebSocket; raw: WebSocket; graphqlClosed: Promise<unknown> } | undefined;

describe('the server fixture', () => {
  test('lends a test a server, users and sockets (which this test leaves open)', async ({ server, make, sockets }) => {
    const [alice, bob] = [await make.legacyUser('alice'), await make.legacyUser('bob')];
    const chat = await sockets.joined(dmName(alice, bob), alice.access);
    const notifications = await sockets.notifications(bob.access);
    expect((await notifications.next('unread_count')).data.unread_count).toBe(0);
    const client = sockets.graphql(bob.access);
    const graphqlClosed = new Promise((resolve) => client.on('closed', resolve));
    expect((await subscribe(client, UnreadCountEventsDocument).next()).data?.unreadCount.total).toBe(0);
    const raw = sockets.track(new WebSocket(`${server.wsUrl}/graphql`, 'graphql-transport-ws'));
    await new Promise((resolve) => raw.once('open', resolve));
    left = { url: server.url, chat: chat.ws, notifications: notifications.ws, raw, graphqlClosed };
  });

  test('closed every socket the previous test left open, and keeps its server for the file', async ({ server }) => {
    expect(left).toBeDefined();
    expect(server.url).toBe(left!.url);
    expect([left!.chat.readyState, left!.notifications.readyState, left!.raw.readyState]).toEqual([WebSocket.CLOSED, WebSocket.CLOSED, WebSocket.CLOSED]);
    await expect(Promise.race([left!.graphqlClosed.then(() => 'closed'), new Promise((resolve) => setTimeout(() => resolve('still open'), 2000))])).resolves.toBe('closed');
  });
});
