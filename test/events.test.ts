import { describe, expect, it } from 'vitest';
import type { EventsSubscription } from './gql/graphql.js';
import { sendText, startConversation } from './support/chat.js';
import { AddReactionDocument, DeleteMessageDocument, EditMessageDocument, EventsDocument, MessageAddedDocument } from './support/documents.js';
import { test } from './support/fixtures.js';
import { errorCode, gqlOk, registerUser, subscribe, wsClient, type Subscription, type TestUser } from './support/graphql.js';
import { startRestartableNode } from './support/restartable-node.js';
import { untilListening } from './support/live.js';
import type { Endpoint } from './support/server.js';

type Event = EventsSubscription['events'];

/** The next `n` events' (kind, content), failing on an error. */
async function take(sub: Subscription<EventsSubscription>, n: number): Promise<Event[]> {
  const out: Event[] = [];
  while (out.length < n) {
    const next = await sub.next();
    if (!next.data) throw new Error(`events: ${JSON.stringify(next.errors)}`);
    out.push(next.data.events);
  }
  return out;
}

const contentOf = (e: Event) => ('message' in e && 'content' in e.message ? e.message.content : undefined);

/** A live events subscription: probes are sent until one arrives, then drained. */
async function live(server: Endpoint, sub: Subscription<EventsSubscription>, from: TestUser, conversation: string): Promise<void> {
  let probes = 0;
  await untilListening(sub, () => sendText(server, from, conversation, `probe ${++probes}`));
  for (;;) {
    const e = (await sub.next()).data?.events;
    if (e && contentOf(e) === `probe ${probes}`) return;
  }
}

let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let dm: string;
let group: string;
let theirs: string;

test.beforeAll(async ({ make }) => {
  [alice, bob, carol] = await make.users('alice', 'bob', 'carol');
  dm = (await make.conversation(alice, bob)).name;
  group = (await make.conversation(alice, bob, carol)).name;
  theirs = (await make.conversation(bob, carol)).name;
});

describe('events: the change log as a subscription', () => {
  test("a conversation's sent messages, as MessageAddedEvent, in order, with cursors that resume exactly", async ({ server, sockets }) => {
    const sub = subscribe(sockets.graphql(bob.access), EventsDocument, { conversation: dm });
    await live(server, sub, alice, dm);
    for (const text of ['one', 'two', 'three']) await sendText(server, alice, dm, text);
    const seen = await take(sub, 3);
    expect(seen.map((e) => [e.__typename, contentOf(e), e.conversation.name])).toEqual([
      ['MessageAddedEvent', 'one', dm],
      ['MessageAddedEvent', 'two', dm],
      ['MessageAddedEvent', 'three', dm],
    ]);
    await sub.close();
    // while nobody listens: more happens
    for (const text of ['four', 'five']) await sendText(server, alice, dm, text);
    // resume after "two": three, four, five, then live
    const resumed = subscribe(sockets.graphql(bob.access), EventsDocument, { conversation: dm, after: seen[1]!.cursor });
    expect((await take(resumed, 3)).map(contentOf)).toEqual(['three', 'four', 'five']);
    await sendText(server, alice, dm, 'six');
    expect((await take(resumed, 1)).map(contentOf)).toEqual(['six']);
    expect(await resumed.quiet(300)).toBe(true);
  });

  test("without a conversation: every conversation of the viewer's, none of anyone else's, in log order", async ({ server, sockets }) => {
    const sub = subscribe(sockets.graphql(alice.access), EventsDocument, {});
    await live(server, sub, alice, dm);
    await sendText(server, bob, theirs, 'not for alice');
    await sendText(server, carol, group, 'to the group');
    await sendText(server, bob, dm, 'to alice');
    const seen = await take(sub, 2);
    expect(seen.map((e) => [contentOf(e), e.conversation.name])).toEqual([
      ['to the group', group],
      ['to alice', dm],
    ]);
    expect(await sub.quiet(300)).toBe(true);
    await sub.close();
    // resuming from the first: the second again, and what came since in any of her conversations
    await sendText(server, bob, theirs, 'still not for alice');
    await sendText(server, carol, group, 'later');
    const resumed = subscribe(sockets.graphql(alice.access), EventsDocument, { after: seen[0]!.cursor });
    expect((await take(resumed, 2)).map(contentOf)).toEqual(['to alice', 'later']);
  });

  test('a stranger is told what messageAdded tells: nothing', async ({ sockets }) => {
    const client = sockets.graphql(alice.access);
    const events = await subscribe(client, EventsDocument, { conversation: theirs }).next();
    const added = await subscribe(client, MessageAddedDocument, { conversation: theirs }).next();
    expect(events.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(events.errors?.[0]?.extensions).toEqual(added.errors?.[0]?.extensions);
    expect(events.errors?.[0]?.message).toBe(added.errors?.[0]?.message);
  });

  test("a cursor that is not an event's is refused", async ({ server, sockets }) => {
    const messageCursor = (await sendText(server, alice, dm, 'a message')).cursor;
    const refused = await subscribe(sockets.graphql(alice.access), EventsDocument, { after: messageCursor }).next();
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
  });
});

describe('events: resuming across a crash', () => {
  it('after a kill -9 and a restart, `after:` gives every change since, once, in order', async () => {
    const node = await startRestartableNode();
    try {
      const [ann, ben] = [await registerUser(node, 'ann'), await registerUser(node, 'ben')];
      const { name } = await startConversation(node, ann, [ben]);
      const client = wsClient(node, ben.access);
      const sub = subscribe(client, EventsDocument, { conversation: name });
      await live(node, sub, ann, name);
      const first = await sendText(node, ann, name, 'first');
      const second = await sendText(node, ann, name, 'second');
      await gqlOk(node, EditMessageDocument, { id: first.id, content: 'first, edited' }, ann.access);
      const seen = await take(sub, 3);
      expect(seen.map((e) => e.__typename)).toEqual(['MessageAddedEvent', 'MessageAddedEvent', 'MessageEditedEvent']);
      await sub.close();
      await client.dispose();
      // acknowledged, so stored: then the crash
      await sendText(node, ann, name, 'third');
      await node.kill('SIGKILL');
      await node.start();
      await gqlOk(node, DeleteMessageDocument, { id: second.id }, ann.access);
      await gqlOk(node, AddReactionDocument, { messageId: first.id, emoji: '👍' }, ben.access);

      const again = wsClient(node, ben.access);
      try {
        const resumed = subscribe(again, EventsDocument, { conversation: name, after: seen[2]!.cursor });
        const after = await take(resumed, 3);
        expect(after.map((e) => [e.__typename, 'message' in e ? e.message.id : null])).toEqual([
          ['MessageAddedEvent', expect.any(String)],
          ['MessageDeletedEvent', second.id],
          ['ReactionsChangedEvent', first.id],
        ]);
        expect(contentOf(after[0]!)).toBe('third');
        expect(await resumed.quiet(300)).toBe(true);
      } finally {
        await again.dispose();
      }
    } finally {
      await node.close();
    }
  }, 120_000);
});
