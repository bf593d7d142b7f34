import { describe, expect } from 'vitest';
import type { EventsSubscription, ThreadQuery } from './gql/graphql.js';
import { sendText } from './support/chat.js';
import { AddReactionDocument, DeleteMessageDocument, EventsDocument, RemoveReactionDocument, ReplyDocument, ThreadDocument } from './support/documents.js';
import { serverTest, type Factories, type Sockets } from './support/fixtures.js';
import { errorCode, gql, gqlOk, subscribe, type Subscription, type TestUser } from './support/graphql.js';
import { skipUntil, untilListening } from './support/live.js';
import type { TestServer } from './support/server.js';

const test = serverTest({ REACTIONS_PER_MESSAGE_MAX: '3' });

const react = (server: TestServer, user: TestUser, messageId: string, emoji: string) => gql(server, AddReactionDocument, { messageId, emoji }, user.access);
const unreact = (server: TestServer, user: TestUser, messageId: string, emoji: string) => gql(server, RemoveReactionDocument, { messageId, emoji }, user.access);
const thread = async (server: TestServer, user: TestUser, conversation: string): Promise<ThreadQuery['messages']['edges'][number]['node'][]> =>
  (await gqlOk(server, ThreadDocument, { conversation }, user.access)).messages.edges.map((e) => e.node);

async function pair(make: Factories): Promise<{ alice: TestUser; bob: TestUser; room: string }> {
  const [alice, bob] = await make.users('alice', 'bob');
  return { alice, bob, room: (await make.conversation(alice, bob)).name };
}

/** `user`'s events subscription on the room, heard to be live. */
async function eventsOf(server: TestServer, sockets: Sockets, user: TestUser, sender: TestUser, room: string): Promise<Subscription<EventsSubscription>> {
  const sub = subscribe(sockets.graphql(user.access), EventsDocument, { conversation: room });
  let n = 0;
  await untilListening(sub, () => sendText(server, sender, room, `probe ${++n}`));
  await skipUntil(sub, (d) => 'message' in d.events && 'content' in d.events.message && d.events.message.content === `probe ${n}`);
  return sub;
}

/** The next change's reactions, past any message sent (another subscriber's probes): it must be a ReactionsChangedEvent. */
async function nextReactions(sub: Subscription<EventsSubscription>) {
  for (;;) {
    const e = (await sub.next()).data?.events;
    if (e?.__typename === 'MessageAddedEvent') continue;
    if (e?.__typename !== 'ReactionsChangedEvent') throw new Error(`expected a ReactionsChangedEvent, got ${JSON.stringify(e)}`);
    return e.message.reactions;
  }
}

describe('reactions', () => {
  test('one per user and emoji, in first-used order, `mine` as each viewer sees it, live in both dialects', async ({ server, make, sockets }) => {
    const { alice, bob, room } = await pair(make);
    const sent = await sendText(server, alice, room, 'lunch?');
    const bobHears = await eventsOf(server, sockets, bob, alice, room);
    const aliceHears = await eventsOf(server, sockets, alice, alice, room);
    const legacy = await sockets.joined(room, bob.access);

    const first = await react(server, bob, sent.id, '👍');
    expect(first.data?.addReaction.reactions).toEqual([{ emoji: '👍', count: 1, mine: true }]);
    expect(await nextReactions(bobHears)).toEqual([{ emoji: '👍', count: 1, mine: true }]);
    expect(await nextReactions(aliceHears)).toEqual([{ emoji: '👍', count: 1, mine: false }]);

    await react(server, alice, sent.id, '🎉');
    await react(server, alice, sent.id, '👍');
    expect(await nextReactions(bobHears)).toEqual([
      { emoji: '👍', count: 1, mine: true },
      { emoji: '🎉', count: 1, mine: false },
    ]);
    expect(await nextReactions(bobHears)).toEqual([
      { emoji: '👍', count: 2, mine: true },
      { emoji: '🎉', count: 1, mine: false },
    ]);
    expect((await legacy.until('reactions_changed')).data).toEqual({
      type: 'reactions_changed',
      id: sent.id,
      conversation: expect.any(String),
      reactions: [{ emoji: '👍', count: 1, users: [bob.username] }],
    });

    // again: nothing changes, nothing is told
    expect((await react(server, alice, sent.id, '👍')).data?.addReaction.reactions).toEqual([
      { emoji: '👍', count: 2, mine: true },
      { emoji: '🎉', count: 1, mine: true },
    ]);
    // alice heard her own two; then nothing
    await nextReactions(aliceHears);
    expect(await nextReactions(aliceHears)).toEqual([
      { emoji: '👍', count: 2, mine: true },
      { emoji: '🎉', count: 1, mine: true },
    ]);
    expect(await aliceHears.quiet(300)).toBe(true);

    // taken off (the order is of the reactions still there: alice's 🎉 came before her 👍);
    // taking off what is not there changes nothing
    const after = [
      { emoji: '🎉', count: 1, mine: false },
      { emoji: '👍', count: 1, mine: false },
    ];
    expect((await unreact(server, bob, sent.id, '👍')).data?.removeReaction.reactions).toEqual(after);
    expect((await unreact(server, bob, sent.id, '🎉')).errors).toBeUndefined();
    expect((await thread(server, bob, room)).find((m) => m.id === sent.id)?.reactions).toEqual(after);
  });

  test('an emoji is one emoji: skin tones, flags and families are; text, two emoji and nothing are not', async ({ server, make }) => {
    const { alice, room } = await pair(make);
    const sent = await sendText(server, alice, room, 'emoji');
    for (const emoji of ['👍🏽', '🇫🇷', '👨‍👩‍👧']) expect((await react(server, alice, sent.id, emoji)).errors, emoji).toBeUndefined();
    for (const emoji of ['a', ':)', '👍👍', '', ' 👍', '1', '\u0000']) {
      const res = await react(server, alice, sent.id, emoji);
      expect(errorCode(res), JSON.stringify(emoji)).toBe('BAD_USER_INPUT');
    }
  });

  test('at most REACTIONS_PER_MESSAGE_MAX different emoji; more people on one already there is fine', async ({ server, make }) => {
    const { alice, bob, room } = await pair(make);
    const sent = await sendText(server, alice, room, 'vote');
    for (const emoji of ['1️⃣', '2️⃣', '3️⃣']) await react(server, alice, sent.id, emoji);
    const refused = await react(server, bob, sent.id, '4️⃣');
    expect(errorCode(refused)).toBe('LIMIT_EXCEEDED');
    expect(refused.errors?.[0]?.extensions?.reason).toBe('too_many_reactions');
    expect((await react(server, bob, sent.id, '2️⃣')).data?.addReaction.reactions.map((r) => r.count)).toEqual([1, 2, 1]);
  });

  test("only participants react; a deleted message takes no reaction and keeps none", async ({ server, make }) => {
    const { alice, bob, room } = await pair(make);
    const mallory = await make.user('mallory');
    const sent = await sendText(server, alice, room, 'private');
    const asStranger = await react(server, mallory, sent.id, '👀');
    expect(errorCode(asStranger)).toBe('NOT_FOUND');
    expect(asStranger.errors?.[0]?.message).toBe('Message not found.');
    expect(errorCode(await react(server, alice, '00000000-0000-4000-8000-000000000000', '👀'))).toBe('NOT_FOUND');
    await react(server, bob, sent.id, '👍');
    await gqlOk(server, DeleteMessageDocument, { id: sent.id }, alice.access);
    expect((await thread(server, bob, room)).find((m) => m.id === sent.id)?.reactions).toEqual([]);
    expect(errorCode(await react(server, bob, sent.id, '👍'))).toBe('NOT_FOUND');
  });
});

describe('replies', () => {
  test('a reply names the message it answers; after that one is deleted, its tombstone', async ({ server, make }) => {
    const { alice, bob, room } = await pair(make);
    const question = await sendText(server, alice, room, 'lunch at noon?');
    const reply = await gqlOk(server, ReplyDocument, { conversation: room, content: 'yes!', replyTo: question.id }, bob.access);
    expect(reply.sendMessage.replyTo).toEqual({ id: question.id, content: 'lunch at noon?', deletedAt: null, sender: { username: alice.username } });
    expect((await thread(server, alice, room)).find((m) => m.id === reply.sendMessage.id)?.replyTo).toEqual({ id: question.id, content: 'lunch at noon?', deletedAt: null });
    await gqlOk(server, DeleteMessageDocument, { id: question.id }, alice.access);
    expect((await thread(server, alice, room)).find((m) => m.id === reply.sendMessage.id)?.replyTo).toEqual({ id: question.id, content: '', deletedAt: expect.any(String) });
    expect((await thread(server, alice, room)).find((m) => m.id === question.id)?.replyTo).toBeNull();
  });

  test('only to a message of the same conversation: any other id gets the same refusal', async ({ server, make }) => {
    const { alice, bob, room } = await pair(make);
    const carol = await make.user('carol');
    const elsewhere = (await make.conversation(bob, carol)).name;
    const other = await sendText(server, bob, elsewhere, 'not in alice and bob');
    for (const replyTo of [other.id, '00000000-0000-4000-8000-000000000000', 'junk']) {
      const res = await gql(server, ReplyDocument, { conversation: room, content: 'hm', replyTo }, alice.access);
      expect(errorCode(res), replyTo).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.extensions?.reason).toBe('invalid_reply');
    }
  });
});
