import { createClient } from 'graphql-ws';
import { describe, expect } from 'vitest';
import WebSocket from 'ws';
import { MessageAddedContentDocument, SendMessageDocument, UnreadCountEventsDocument } from './support/documents.js';
import { serverTest } from './support/fixtures.js';
import { errorCode, gqlOk, subscribe, type TestUser } from './support/graphql.js';
import { dataOf } from './support/live.js';
import type { TestServer } from './support/server.js';

// Caps on what one connection or one user may hold open (WS_SUBSCRIPTIONS_PER_CONNECTION,
// WS_CONNECTIONS_PER_USER) and the deadline for a socket that never authenticates (WS_AUTH_TIMEOUT_SECONDS).
const test = serverTest({ WS_SUBSCRIPTIONS_PER_CONNECTION: '3', WS_CONNECTIONS_PER_USER: '2', WS_AUTH_TIMEOUT_SECONDS: '1' });
let alice: TestUser;
let bob: TestUser;
let room: string;

test.beforeAll(async ({ make }) => {
  [alice, bob] = await make.users('alice', 'bob');
  room = (await make.conversation(alice, bob)).name;
});

const send = (server: TestServer, content: string) => gqlOk(server, SendMessageDocument, { conversation: room, content }, bob.access);

/** A raw graphql-ws socket: resolves with its close code. */
function closeCodeOf(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

describe('WS_SUBSCRIPTIONS_PER_CONNECTION', () => {
  test('refuses one operation too many with LIMIT_EXCEEDED; the connection and its other subscriptions go on', async ({ server, sockets }) => {
    const client = sockets.graphql(alice.access);
    try {
      const subs = [0, 1, 2].map(() => subscribe(client, MessageAddedContentDocument, { conversation: room }));
      const extra = subscribe(client, MessageAddedContentDocument, { conversation: room });
      const refused = await extra.next();
      expect(errorCode(refused)).toBe('LIMIT_EXCEEDED');
      expect(refused.errors?.[0]?.extensions?.limit).toBe(3);
      // the three are live on the same connection: each gets the next message
      let heard = 0;
      for (let attempt = 0; heard === 0 && attempt < 20; attempt += 1) {
        await send(server, `probe ${attempt}`);
        heard = (await subs[0]!.quiet(200)) ? 0 : 1;
      }
      await send(server, 'after the refusal');
      for (const sub of subs) {
        let content = '';
        while (content !== 'after the refusal') content = dataOf(await sub.next()).messageAdded.content;
      }
      // completing one makes room for another
      await subs[2]!.close();
      const again = subscribe(client, MessageAddedContentDocument, { conversation: room });
      expect(await again.quiet(300)).toBe(true);
      await again.close();
      for (const sub of subs.slice(0, 2)) await sub.close();
    } finally {
      await client.dispose();
    }
  });
});

describe('WS_CONNECTIONS_PER_USER', () => {
  test('closes a legacy socket over the cap with an error frame and 4429; the others stay', async ({ make, sockets }) => {
    const carol = await make.user('carol');
    const dm = (await make.conversation(carol, alice)).name;
    const first = await sockets.joined(dm, carol.access);
    const second = await sockets.notifications(carol.access);
    await second.next('unread_count');
    const third = await sockets.chat(dm, carol.access);
    const frame = await third.next('error');
    expect(frame.data).toMatchObject({ type: 'error', code: 'too_many_connections' });
    expect((await third.closed).code).toBe(4429);
    // the first two still work
    first.send({ type: 'chat_message', message: 'still here' });
    expect((await first.until('chat_message_echo')).data.message).toMatchObject({ content: 'still here' });
    // one closes: a new one is let in
    await second.close();
    const fourth = await sockets.notifications(carol.access);
    await fourth.next('unread_count');
    await Promise.all([first.close(), fourth.close()]);
  });

  test('closes a graphql-ws connection over the cap with 4429, counting both dialects together', async ({ server, make, sockets }) => {
    const dave = await make.user('dave');
    const legacy = await sockets.notifications(dave.access);
    await legacy.next('unread_count');
    const ok = sockets.graphql(dave.access);
    const sub = subscribe(ok, UnreadCountEventsDocument);
    await sub.next();
    const over = sockets.track(
      createClient({ url: `${server.wsUrl}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${dave.access}` }, retryAttempts: 0 }),
    );
    const closed = await subscribe(over, UnreadCountEventsDocument)
      .next()
      .then(
        () => null,
        (e: { code?: number }) => e.code ?? null,
      );
    expect(closed).toBe(4429);
    await Promise.all([sub.close(), ok.dispose(), over.dispose(), legacy.close()]);
  });
});

describe('a graphql-ws socket without a token', () => {
  test('is closed with 4401 when nothing authenticates within WS_AUTH_TIMEOUT_SECONDS', async ({ server, sockets }) => {
    const ws = sockets.track(new WebSocket(`${server.wsUrl}/graphql`, 'graphql-transport-ws'));
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ type: 'connection_init' }));
    const started = Date.now();
    expect(await closeCodeOf(ws)).toBe(4401);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  test('stays open once an operation authenticates with its own headers (what GraphiQL sends)', async ({ server, sockets }) => {
    const ws = sockets.track(new WebSocket(`${server.wsUrl}/graphql`, 'graphql-transport-ws'));
    const frames: { type: string; payload?: { data?: unknown } }[] = [];
    ws.on('message', (data) => frames.push(JSON.parse(String(data)) as (typeof frames)[number]));
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ type: 'connection_init', payload: {} }));
    await new Promise<void>((resolve) => ws.once('message', () => resolve())); // connection_ack
    // a raw subscribe frame as GraphiQL sends it (its own headers in extensions): the text is the frame's
    ws.send(
      JSON.stringify({
        id: '1',
        type: 'subscribe',
        payload: { query: '{ me { username } }', extensions: { headers: { Authorization: `Bearer ${alice.access}` } } },
      }),
    );
    const closed = closeCodeOf(ws);
    const outcome = await Promise.race([closed, new Promise((resolve) => setTimeout(() => resolve('open'), 2000))]);
    expect(outcome).toBe('open');
    expect(frames.find((f) => f.type === 'next')?.payload?.data).toEqual({ me: { username: alice.username } });
    ws.close();
  });

  test('with a bad token at connection_init is closed at once with 4403', async ({ server, sockets }) => {
    const ws = sockets.track(new WebSocket(`${server.wsUrl}/graphql`, 'graphql-transport-ws'));
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer not-a-token' } }));
    expect(await closeCodeOf(ws)).toBe(4403);
  });
});
