import { describe, expect } from 'vitest';
import { serverTest, test, type Sockets } from './support/fixtures.js';
import { CONVERSATION_KEYS, MESSAGE_KEYS, api, dmName, type LegacyUser } from './support/legacy.js';

let alice: LegacyUser;
let bob: LegacyUser;
let carol: LegacyUser;
test.beforeAll(async ({ make }) => {
  alice = await make.legacyUser('alice');
  bob = await make.legacyUser('bob');
  carol = await make.legacyUser('carol');
});

/** A server of its own whose PUBLIC_URL is set. */
const publicUrlTest = serverTest({ PUBLIC_URL: 'https://chat.example.com/' });

/** Sends over the legacy chat socket, as the old clients do. */
async function say(sockets: Sockets, user: LegacyUser, room: string, ...texts: string[]): Promise<void> {
  const s = await sockets.joined(room, user.access);
  for (const text of texts) s.send({ type: 'chat_message', message: text });
  // other users' sockets from earlier calls may still be announcing their user_leave
  for (const _ of texts) await s.until('chat_message_echo');
  await s.close();
}

describe('GET /users/', () => {
  test('[{"id","username"}] with a ?search= prefix filter', async ({ server }) => {
    const res = await api(server, 'GET', `/users/?search=${encodeURIComponent(bob.username)}`, { token: alice.access });
    expect(res.status).toBe(200);
    expect(res.text).toBe(JSON.stringify([{ id: bob.id, username: bob.username }]));
    const all = (await api(server, 'GET', '/users', { token: alice.access })).json as { username: string }[];
    expect(all.map((u) => u.username)).toEqual(expect.arrayContaining([alice.username, bob.username, carol.username]));
  });
});

describe('conversations', () => {
  test('GET /conversations/: the caller\'s conversations, most recent first, old keys first then the new ones', async ({ server, sockets }) => {
    const dm = dmName(alice, bob);
    const group = `${carol.id}_${alice.id}_${bob.id}`;
    await say(sockets, bob, dm, 'dm hello');
    await say(sockets, carol, group, 'group hello');
    const res = await api(server, 'GET', '/conversations/', { token: alice.access });
    expect(res.status).toBe(200);
    const list = res.json as Record<string, unknown>[];
    expect(list.map((c) => Object.keys(c))).toEqual([CONVERSATION_KEYS, CONVERSATION_KEYS]);
    const [first, second] = list;
    expect(first).toMatchObject({ name: [alice.id, bob.id, carol.id].sort((x, y) => x - y).join('_'), other_user: null, unread_count: 1 });
    expect(second).toMatchObject({ name: dm, other_user: { username: bob.username }, unread_count: 1 });
    expect(Object.keys(second?.other_user as object)).toEqual(['username']);
    expect(Object.keys(second?.last_message as object)).toEqual(MESSAGE_KEYS);
    expect(second?.last_message).toMatchObject({ content: 'dm hello', from_user: { username: bob.username }, to_user: [alice.username], read: false });
    // carol has only the group
    const carols = (await api(server, 'GET', '/conversations', { token: carol.access })).json as { name: string }[];
    expect(carols.map((c) => c.name)).toEqual([first?.name]);
  });

  test('GET /conversations/<name>/ and /conversation/<name>, in any spelling; 404 for strangers and unopened sets; 400 for bad names', async ({ server, sockets }) => {
    const dm = dmName(alice, bob);
    await say(sockets, alice, dm, 'hi');
    const spellings = [`/conversations/${dm}/`, `/conversation/${dm}`, `/conversations/${bob.username}_${alice.username}`, `/conversation/${bob.id}_${alice.id}/`];
    const bodies = await Promise.all(spellings.map((p) => api(server, 'GET', p, { token: alice.access })));
    for (const res of bodies) {
      expect(res.status).toBe(200);
      expect(Object.keys(res.json as object)).toEqual(CONVERSATION_KEYS);
      expect(res.text).toBe(bodies[0]?.text);
    }
    expect(bodies[0]?.json).toMatchObject({ name: dm, other_user: { username: bob.username } });
    const stranger = await api(server, 'GET', `/conversations/${dm}/`, { token: carol.access });
    expect(stranger.status).toBe(404);
    expect(stranger.text).toBe('{"detail":"Not found."}');
    const unopened = await api(server, 'GET', `/conversations/${dmName(bob, carol)}/`, { token: carol.access });
    expect(unopened.text).toBe('{"detail":"Not found."}');
    for (const bad of [`${alice.username}__x`, `${alice.username}_nobody-at-all`, alice.username]) {
      const res = await api(server, 'GET', `/conversations/${bad}/`, { token: alice.access });
      expect(res.status).toBe(400);
    }
    expect((await api(server, 'GET', `/conversations/${dm}/`)).status).toBe(401);
  });
});

describe('GET /messages/', () => {
  test('DRF pages: count/next/previous/results, newest first, absolute links, page_size capped, 404 past the end', async ({ server, make, sockets }) => {
    const dave = await make.legacyUser('dave');
    const room = dmName(dave, carol);
    await say(sockets, dave, room, ...Array.from({ length: 7 }, (_, i) => `p${i + 1}`));
    const base = `/messages/?conversation=${room}&page_size=3`;
    const p1 = await api(server, 'GET', base, { token: carol.access });
    expect(p1.status).toBe(200);
    expect(Object.keys(p1.json as object)).toEqual(['count', 'next', 'previous', 'results']);
    const body1 = p1.json as { count: number; next: string; previous: null; results: Record<string, unknown>[] };
    expect(body1.count).toBe(7);
    expect(body1.results.map((m) => m.content)).toEqual(['p7', 'p6', 'p5']);
    expect(body1.results.every((m) => Object.keys(m).join() === MESSAGE_KEYS.join())).toBe(true);
    expect(body1.previous).toBeNull();
    expect(body1.next).toBe(`${server.url.replace('127.0.0.1', '127.0.0.1')}/messages/?conversation=${room}&page=2&page_size=3`);

    const p2 = (await (await fetch(body1.next, { headers: { authorization: `Bearer ${carol.access}` } })).json()) as typeof body1;
    expect(p2.results.map((m) => m.content)).toEqual(['p4', 'p3', 'p2']);
    // DRF drops `page` from the link back to page 1
    expect(p2.previous).toBe(`${server.url}/messages/?conversation=${room}&page_size=3`);
    const p3 = (await api(server, 'GET', `${base}&page=3`, { token: carol.access })).json as typeof body1;
    expect(p3.results.map((m) => m.content)).toEqual(['p1']);
    expect(p3.next).toBeNull();
    expect(p3.previous).toBe(`${server.url}/messages/?conversation=${room}&page=2&page_size=3`);

    for (const page of ['4', '0', 'abc']) {
      const past = await api(server, 'GET', `${base}&page=${page}`, { token: carol.access });
      expect(past.status).toBe(404);
      expect(past.text).toBe('{"detail":"Invalid page."}');
    }
    // default 50 a page, at most 100
    const big = (await api(server, 'GET', `/messages/?conversation=${room}&page_size=1000`, { token: carol.access })).json as typeof body1;
    expect(big.results).toHaveLength(7);
    expect(big.next).toBeNull();
  });

  publicUrlTest('PUBLIC_URL, when set, is the origin of the links', async ({ server: other, make, sockets }) => {
    const x = await make.legacyUser('x');
    const y = await make.legacyUser('y');
    const s = await sockets.joined(dmName(x, y), x.access);
    s.send({ type: 'chat_message', message: 'a' });
    s.send({ type: 'chat_message', message: 'b' });
    await s.next('chat_message_echo');
    await s.next('chat_message_echo');
    await s.close();
    const res = (await api(other, 'GET', `/messages?page_size=1&conversation=${dmName(x, y)}`, { token: y.access })).json as { next: string };
    expect(res.next).toBe(`https://chat.example.com/messages?conversation=${dmName(x, y)}&page=2&page_size=1`);
  });

  test('read is per recipient; needs a token; strangers get 404; an unopened conversation is an empty page', async ({ server, make, sockets }) => {
    const erin = await make.legacyUser('erin');
    const room = dmName(erin, alice);
    await say(sockets, erin, room, 'to alice');
    const url = `/messages/?conversation=${room}`;
    const mine = (await api(server, 'GET', url, { token: erin.access })).json as { results: { read: boolean }[] };
    const hers = (await api(server, 'GET', url, { token: alice.access })).json as { results: { read: boolean }[] };
    expect(mine.results[0]?.read).toBe(false);
    expect(hers.results[0]?.read).toBe(false);
    const s = await sockets.joined(room, alice.access);
    s.send({ type: 'read_messages' });
    await s.next('read_receipt');
    await s.close();
    expect(((await api(server, 'GET', url, { token: alice.access })).json as typeof hers).results[0]?.read).toBe(true);
    expect(((await api(server, 'GET', url, { token: erin.access })).json as typeof mine).results[0]?.read).toBe(true);

    expect((await api(server, 'GET', url)).status).toBe(401);
    const stranger = await api(server, 'GET', url, { token: bob.access });
    expect(stranger.status).toBe(404);
    expect((await api(server, 'GET', '/messages/', { token: bob.access })).text).toBe('{"conversation":["This field is required."]}');
    const empty = await api(server, 'GET', `/messages/?conversation=${dmName(erin, carol)}`, { token: erin.access });
    expect(empty.text).toBe('{"count":0,"next":null,"previous":null,"results":[]}');
  });
});
