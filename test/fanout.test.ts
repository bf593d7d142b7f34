import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';
import { gqlOk, registerUser, subscribe, wsClient, type Subscription, type TestUser } from './support/graphql.js';
import { startServer, type TestServer } from './support/server.js';

// The shared fan-out (src/server/subscription-fanout.ts) renders an event once per
// (document, variables, origin[, viewer]). An aliased root field takes graphql-js's ordinary
// per-subscriber path, so each viewer's shared result can be compared with the plain one.
const SHARED = `subscription($c: String!, $after: String) { messageAdded(conversation: $c, after: $after) { id content mine read readByAll sender { username } conversation } }`;
const PLAIN = `subscription($c: String!, $after: String) { plain: messageAdded(conversation: $c, after: $after) { id content mine read readByAll sender { username } conversation } }`;
const SHAPE_B = `subscription($c: String!, $after: String) { messageAdded(conversation: $c, after: $after) { cursor createdAt } }`;
const NOTIFY = `subscription { notifications { id content mine } }`;

interface Event {
  id: string;
  content: string;
  mine: boolean;
  read: boolean;
  readByAll: boolean;
  sender: { username: string };
  conversation: string;
}

let server: TestServer;
let users: TestUser[];
let group: string;
const clients: Client[] = [];
const subs: Subscription<Record<string, Event>>[] = [];

beforeAll(async () => {
  server = await startServer();
  users = [await registerUser(server, 'ann'), await registerUser(server, 'ben'), await registerUser(server, 'cat')];
  const started = await gqlOk<{ startConversation: { name: string } }>(
    server,
    `mutation($ids: [ID!]) { startConversation(userIds: $ids) { name } }`,
    { ids: users.slice(1).map((u) => u.id) },
    users[0]!.access,
  );
  group = started.startConversation.name;
});

afterAll(async () => {
  await Promise.all(subs.map((s) => s.close()));
  await Promise.all(clients.map((c) => c.dispose()));
  await server.close();
});

let cursor: string;

function open(user: TestUser, doc: string, variables: Record<string, unknown> = { c: group, after: cursor }) {
  const client = wsClient(server, user.access);
  clients.push(client);
  const sub = subscribe<Record<string, Event>>(client, doc, variables);
  subs.push(sub);
  return sub;
}

/**
 * Subscriptions start with `after` = the newest cursor, so nothing sent after `mark()` can be missed
 * however late the socket goes live (no sleeps). The notifications stream has no cursor: it is primed
 * with a message that every subscriber must see first.
 */
async function mark() {
  const sent = await gqlOk<{ sendMessage: { cursor: string } }>(
    server,
    `mutation($c: String!) { sendMessage(conversation: $c, content: "mark") { cursor } }`,
    { c: group },
    users[0]!.access,
  );
  cursor = sent.sendMessage.cursor;
}

async function primed(all: Subscription<Record<string, Event>>[]) {
  for (;;) {
    await gqlOk(server, `mutation($c: String!) { sendMessage(conversation: $c, content: "prime") { id } }`, { c: group }, users[0]!.access);
    const first = await Promise.all(all.map((s) => s.next(300).then(() => true, () => false)));
    if (first.every(Boolean)) return;
  }
}

describe('shared subscription fan-out', () => {
  it('gives every viewer exactly what the per-subscriber path gives them, viewer-dependent fields included', async () => {
    // two devices for the second user, so one render key has several sockets
    await mark();
    const shared = [open(users[0]!, SHARED), open(users[1]!, SHARED), open(users[1]!, SHARED), open(users[2]!, SHARED)];
    const plain = [open(users[0]!, PLAIN), open(users[1]!, PLAIN), open(users[1]!, PLAIN), open(users[2]!, PLAIN)];

    for (const [i, sender] of [users[1]!, users[2]!, users[0]!].entries()) {
      const sent = await gqlOk<{ sendMessage: { id: string } }>(
        server,
        `mutation($c: String!, $t: String!) { sendMessage(conversation: $c, content: $t) { id } }`,
        { c: group, t: `message ${i}` },
        sender.access,
      );
      const viewers = [users[0]!, users[1]!, users[1]!, users[2]!];
      for (const [k, viewer] of viewers.entries()) {
        const fromShared = (await shared[k]!.next()).data?.messageAdded;
        const fromPlain = (await plain[k]!.next()).data?.plain;
        expect(fromShared).toEqual(fromPlain);
        expect(fromShared?.id).toBe(sent.sendMessage.id);
        expect(fromShared?.mine).toBe(viewer.id === sender.id);
        expect(fromShared?.sender.username).toBe(sender.username);
      }
    }
  });

  it('serves live-only subscribers (no cursor) from one listener with the same results as the stock path', async () => {
    const vars = { c: group };
    const shared = [open(users[0]!, SHARED, vars), open(users[1]!, SHARED, vars), open(users[1]!, SHARED, vars), open(users[2]!, SHARED, vars)];
    const plain = [open(users[0]!, PLAIN, vars), open(users[1]!, PLAIN, vars), open(users[1]!, PLAIN, vars), open(users[2]!, PLAIN, vars)];
    const all = [...shared, ...plain];
    await primed(all);
    // everyone is live now: a marker sent after priming is heard by all, after any late prime
    await gqlOk(server, `mutation($c: String!) { sendMessage(conversation: $c, content: "start") { id } }`, { c: group }, users[0]!.access);
    for (const s of all) {
      for (;;) {
        const data = (await s.next()).data;
        if ((data?.messageAdded ?? data?.plain)?.content === 'start') break;
      }
    }
    const viewers = [users[0]!, users[1]!, users[1]!, users[2]!];
    for (const [i, sender] of [users[2]!, users[0]!, users[1]!].entries()) {
      await gqlOk(server, `mutation($c: String!, $t: String!) { sendMessage(conversation: $c, content: $t) { id } }`, { c: group, t: `live ${i}` }, sender.access);
    }
    for (const [k, viewer] of viewers.entries()) {
      for (const [i, sender] of [users[2]!, users[0]!, users[1]!].entries()) {
        const fromShared = (await shared[k]!.next()).data?.messageAdded;
        const fromPlain = (await plain[k]!.next()).data?.plain;
        expect(fromShared).toEqual(fromPlain);
        expect(fromShared).toMatchObject({ content: `live ${i}`, mine: viewer.id === sender.id });
      }
    }
  });

  it('keeps different selections and variables apart', async () => {
    await mark();
    const a = open(users[0]!, SHARED);
    const b = open(users[0]!, SHAPE_B);
    await gqlOk(server, `mutation($c: String!) { sendMessage(conversation: $c, content: "shape") { id } }`, { c: group }, users[1]!.access);
    expect(Object.keys((await a.next()).data?.messageAdded ?? {}).sort()).toEqual(['content', 'conversation', 'id', 'mine', 'read', 'readByAll', 'sender']);
    const shapeB = (await b.next()).data?.messageAdded as unknown as Record<string, unknown>;
    expect(Object.keys(shapeB).sort()).toEqual(['createdAt', 'cursor']);
  });

  it('shares notifications between the devices of one user but never across users', async () => {
    const annNotes = open(users[0]!, NOTIFY, {});
    const benNotes = [open(users[1]!, NOTIFY, {}), open(users[1]!, NOTIFY, {})];
    await primed(benNotes); // users[0] sends the prime: only the others are notified
    await gqlOk(server, `mutation($c: String!) { sendMessage(conversation: $c, content: "note") { id } }`, { c: group }, users[2]!.access);
    const seenByAnn = (await annNotes.next()).data?.notifications;
    const seenByBen = await Promise.all(benNotes.map(async (s) => (await s.next()).data?.notifications));
    expect(seenByAnn).toMatchObject({ content: 'note', mine: false });
    expect(seenByBen).toEqual([seenByAnn, seenByAnn]);
  });

  it('stops sending once the client completes the subscription', async () => {
    await mark();
    // A raw graphql-ws socket, to see every frame the server sends.
    const socket = new WebSocket(`${server.wsUrl}/graphql`, 'graphql-transport-ws');
    const frames: { id?: string; type: string; payload?: { data?: Record<string, { content?: string }> } }[] = [];
    const waiters: (() => void)[] = [];
    socket.on('message', (raw) => {
      frames.push(JSON.parse(String(raw)));
      waiters.splice(0).forEach((w) => w());
    });
    const frame = async (match: (f: (typeof frames)[number]) => boolean) => {
      const deadline = Date.now() + 5000;
      for (;;) {
        const found = frames.find(match);
        if (found) return found;
        if (Date.now() > deadline) throw new Error('frame not received');
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    };
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${users[2]!.access}` } }));
    await frame((f) => f.type === 'connection_ack');
    const vars = { c: group, after: cursor };
    socket.send(JSON.stringify({ id: 'a', type: 'subscribe', payload: { query: SHARED, variables: vars } }));
    socket.send(JSON.stringify({ id: 'b', type: 'subscribe', payload: { query: SHAPE_B, variables: vars } }));
    const send = (text: string) => gqlOk(server, `mutation($c: String!, $t: String!) { sendMessage(conversation: $c, content: $t) { id } }`, { c: group, t: text }, users[0]!.access);
    await send('before complete');
    await frame((f) => f.id === 'a' && f.payload?.data?.messageAdded?.content === 'before complete');
    await frame((f) => f.id === 'b');
    socket.send(JSON.stringify({ id: 'a', type: 'complete' }));
    // the server handles a socket's messages in order: once it answers this ping, 'a' is completed
    socket.send(JSON.stringify({ type: 'ping' }));
    await frame((f) => f.type === 'pong');
    const before = frames.length;
    await send('after complete');
    await frame((f) => f.id === 'b' && frames.indexOf(f) >= before);
    expect(frames.slice(before).filter((f) => f.id === 'a')).toEqual([]);
    socket.close();
  });
});
