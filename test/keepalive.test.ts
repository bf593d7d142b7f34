import { print } from 'graphql';
import WebSocket from 'ws';
import { describe, expect } from 'vitest';
import type { PresenceSubscription } from './gql/graphql.js';
import { PresenceDocument } from './support/documents.js';
import { serverTest } from './support/fixtures.js';
import { subscribe, type TestUser } from './support/graphql.js';

type PresenceData = PresenceSubscription;

const test = serverTest({ WS_PING_INTERVAL_SECONDS: '1' });
let alice: TestUser;
let bob: TestUser;
let room: string;

test.beforeAll(async ({ make }) => {
  [alice, bob] = await make.users('alice', 'bob');
  room = (await make.conversation(alice, bob)).name;
});

describe('WebSocket keepalive', () => {
  test('drops a peer that stopped answering pings, so it stops counting as online; live peers stay', async ({ server, sockets }) => {
    // Bob's device vanished without a close: its socket never answers a ping.
    const silent = sockets.track(new WebSocket(`${server.wsUrl}/graphql`, 'graphql-transport-ws', { autoPong: false }));
    const frames: { type: string; payload?: { data?: PresenceData } }[] = [];
    const closed = new Promise<number>((resolve) => silent.once('close', (code) => resolve(code)));
    const acked = new Promise<void>((resolve) => {
      silent.on('message', (raw) => {
        const frame = JSON.parse(String(raw)) as (typeof frames)[number];
        frames.push(frame);
        if (frame.type === 'connection_ack') resolve();
      });
    });
    await new Promise((resolve) => silent.once('open', resolve));
    silent.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${bob.access}` } }));
    await acked;
    // a raw graphql-ws subscribe frame, carrying the same typed document as the client below
    silent.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: print(PresenceDocument), variables: { conversation: room } } }));

    const client = sockets.graphql(alice.access);
    const watch = subscribe(client, PresenceDocument, { conversation: room });
    let event = (await watch.next()).data?.presence;
    while (event && !event.online.some((u) => u.username === bob.username)) event = (await watch.next()).data?.presence;
    expect(event?.online.map((u) => u.username)).toContain(bob.username);

    // Within two ping intervals the server terminates the silent socket and Bob leaves; Alice, whose
    // client answers pings, is still subscribed to hear it.
    let leave = (await watch.next(5000)).data?.presence;
    while (leave && !(leave.kind === 'LEAVE' && leave.user?.username === bob.username)) leave = (await watch.next(5000)).data?.presence;
    expect(leave?.online.map((u) => u.username)).toEqual([alice.username]);
    expect(await closed).toBe(1006); // terminated, no close frame
    expect(frames.some((f) => f.type === 'next')).toBe(true);
    await watch.close();
    await client.dispose();
  });
});
