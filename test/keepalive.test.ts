import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gqlOk, registerUser, subscribe, wsClient, type TestUser } from './support/graphql.js';
import { startServer, type TestServer } from './support/server.js';

const PRESENCE = `subscription($c: String!) { presence(conversation: $c) { kind user { username } online { username } } }`;
interface PresenceData {
  presence: { kind: string; user: { username: string } | null; online: { username: string }[] };
}

let server: TestServer;
let alice: TestUser;
let bob: TestUser;
let room: string;

beforeAll(async () => {
  server = await startServer({ WS_PING_INTERVAL_SECONDS: '1' });
  alice = await registerUser(server, 'alice');
  bob = await registerUser(server, 'bob');
  room = (await gqlOk<{ startConversation: { name: string } }>(server, `mutation($u: [String!]) { startConversation(usernames: $u) { name } }`, { u: [bob.username] }, alice.access)).startConversation.name;
});
afterAll(async () => {
  await server.close();
});

describe('WebSocket keepalive', () => {
  it('drops a peer that stopped answering pings, so it stops counting as online; live peers stay', async () => {
    // Bob's device vanished without a close: its socket never answers a ping.
    const silent = new WebSocket(`${server.wsUrl}/graphql`, 'graphql-transport-ws', { autoPong: false });
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
    silent.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: PRESENCE, variables: { c: room } } }));

    const client = wsClient(server, alice.access);
    const watch = subscribe<PresenceData>(client, PRESENCE, { c: room });
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
