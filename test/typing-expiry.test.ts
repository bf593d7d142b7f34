import { describe, expect } from 'vitest';
import { PresenceKindDocument, SendMessageDocument, SetTypingDocument, TypingDocument } from './support/documents.js';
import { serverTest } from './support/fixtures.js';
import { gqlOk, subscribe, type Subscription, type TestUser } from './support/graphql.js';
import { skipUntil, untilListening } from './support/live.js';
import type { TestServer } from './support/server.js';

// A typing indicator ends by itself: TYPING_TTL_SECONDS after the last `typing: true`, when the typist's
// message arrives, when their last connection to the conversation closes. Listeners of both dialects get
// `typing: false` each time, once.
const TTL_MS = 1000;
const test = serverTest({ TYPING_TTL_SECONDS: String(TTL_MS / 1000) });

type TypingData = { typing: { user: { username: string }; typing: boolean } };

const typing = (server: TestServer, user: TestUser, conversation: string, on: boolean) =>
  gqlOk(server, SetTypingDocument, { conversation, typing: on }, user.access);

/** bob's typing subscription, heard to be live (alice's `true` reached it), with the time of that `true`. */
async function listening(server: TestServer, sub: Subscription<TypingData>, alice: TestUser, name: string): Promise<number> {
  let sentAt = 0;
  await untilListening(sub, async () => {
    sentAt = Date.now();
    await typing(server, alice, name, true);
  });
  await skipUntil(sub, (d) => d.typing.typing);
  return sentAt;
}

describe('typing that ends by itself', () => {
  test('a `typing: true` not renewed ends after TYPING_TTL_SECONDS: `typing: false` once, in both dialects', async ({ server, make, sockets }) => {
    const [alice, bob] = await make.users('alice', 'bob');
    const { name } = await make.conversation(alice, bob);
    const legacy = await sockets.joined(name, bob.access);
    const sub = subscribe(sockets.graphql(bob.access), TypingDocument, { conversation: name });
    const sentAt = await listening(server, sub, alice, name);
    const ended = await sub.next(3 * TTL_MS);
    const endedAfter = Date.now() - sentAt;
    expect(ended.data).toEqual({ typing: { conversation: name, user: { username: alice.username }, typing: false } });
    expect(endedAfter).toBeGreaterThanOrEqual(TTL_MS - 50);
    expect(await sub.quiet(TTL_MS)).toBe(true);
    // the legacy room heard the same: every true it got, then one false
    const frames: { type: string; typing?: boolean; user?: string }[] = [];
    for (;;) {
      const frame = await legacy.next('typing', 3 * TTL_MS);
      frames.push(frame.data as never);
      if (frame.data.typing === false) break;
    }
    expect(frames.at(-1)).toEqual({ type: 'typing', user: alice.username, typing: false });
  });

  test('renewed before it runs out, it lasts; an explicit stop is said once', async ({ server, make, sockets }) => {
    const [alice, bob] = await make.users('alice', 'bob');
    const { name } = await make.conversation(alice, bob);
    const sub = subscribe(sockets.graphql(bob.access), TypingDocument, { conversation: name });
    await listening(server, sub, alice, name);
    for (let i = 0; i < 3; i += 1) {
      await new Promise((r) => setTimeout(r, TTL_MS / 2));
      await typing(server, alice, name, true);
      expect((await sub.next()).data?.typing.typing).toBe(true);
    }
    await typing(server, alice, name, false);
    expect((await sub.next()).data?.typing.typing).toBe(false);
    // stopping again, and the clock that would have run out: nothing more
    await typing(server, alice, name, false);
    expect(await sub.quiet(TTL_MS + 300)).toBe(true);
  });

  test("ends when the typist's message arrives, before the message", async ({ server, make, sockets }) => {
    const [alice, bob] = await make.users('alice', 'bob');
    const { name } = await make.conversation(alice, bob);
    const legacy = await sockets.joined(name, bob.access);
    const sub = subscribe(sockets.graphql(bob.access), TypingDocument, { conversation: name });
    await listening(server, sub, alice, name);
    await gqlOk(server, SendMessageDocument, { conversation: name, content: 'done typing' }, alice.access);
    const ended = await sub.next(TTL_MS / 2);
    expect(ended.data?.typing).toMatchObject({ user: { username: alice.username }, typing: false });
    // legacy: the false comes before the echo of the message
    let frame = await legacy.next(undefined, TTL_MS / 2);
    while (frame.data.type === 'typing' && frame.data.typing === true) frame = await legacy.next(undefined, TTL_MS / 2);
    expect(frame.data).toEqual({ type: 'typing', user: alice.username, typing: false });
    expect((await legacy.next('chat_message_echo', TTL_MS / 2)).data.message).toMatchObject({ content: 'done typing' });
    // the client's own stop after its message is not said again
    await typing(server, alice, name, false);
    expect(await sub.quiet(TTL_MS + 300)).toBe(true);
  });

  test('ends when the typist leaves: their last connection to the conversation closes', async ({ server, make, sockets }) => {
    const [alice, bob] = await make.users('alice', 'bob');
    const { name } = await make.conversation(alice, bob);
    const sub = subscribe(sockets.graphql(bob.access), TypingDocument, { conversation: name });
    const presence = subscribe(sockets.graphql(bob.access), PresenceKindDocument, { conversation: name });
    await presence.next();
    const aliceRoom = await sockets.joined(name, alice.access);
    expect((await skipUntil(presence, (d) => d.presence.kind === 'JOIN')).presence.kind).toBe('JOIN');
    aliceRoom.send({ type: 'typing', typing: true });
    await skipUntil(sub, (d) => d.typing.typing);
    const closedAt = Date.now();
    aliceRoom.ws.close();
    const ended = await sub.next(3 * TTL_MS);
    expect(ended.data?.typing).toMatchObject({ user: { username: alice.username }, typing: false });
    // it was the leave, not the clock
    expect(Date.now() - closedAt).toBeLessThan(TTL_MS);
  });
});
