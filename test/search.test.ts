import fc from 'fast-check';
import { describe, expect } from 'vitest';
import type { SearchMessagesQuery } from './gql/graphql.js';
import { sendText } from './support/chat.js';
import { MessagesPageDocument, SearchMessagesDocument } from './support/documents.js';
import { test } from './support/fixtures.js';
import { errorCode, gql, gqlOk, type TestUser } from './support/graphql.js';
import type { TestServer } from './support/server.js';

type Found = { content: string; conversation: string };

/** Every result of a search, walking the pages `first` at a time, newest first. */
async function searchAll(server: TestServer, user: TestUser, query: string, conversation?: string, first = 50): Promise<Found[]> {
  const found: Found[] = [];
  let after: string | null = null;
  for (;;) {
    const data: SearchMessagesQuery = await gqlOk(server, SearchMessagesDocument, { query, conversation, first, after }, user.access);
    found.push(...data.searchMessages.edges.map((e) => e.node));
    if (!data.searchMessages.pageInfo.hasNextPage) return found;
    after = data.searchMessages.pageInfo.endCursor ?? null;
  }
}

const contents = (found: Found[]) => found.map((f) => f.content);

let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let dm: string;
let group: string;
let elsewhere: string;

test.beforeAll(async ({ server, make }) => {
  [alice, bob, carol] = await make.users('alice', 'bob', 'carol');
  dm = (await make.conversation(alice, bob)).name;
  group = (await make.conversation(alice, bob, carol)).name;
  elsewhere = (await make.conversation(bob, carol)).name;
  const said: [TestUser, string, string][] = [
    [alice, dm, 'Hello Bob, lunch at noon?'],
    [bob, dm, 'hello! noon works'],
    [alice, group, 'Lunchtime plans: 你好世界 café'],
    [carol, group, '100% sure, see you_there'],
    [bob, elsewhere, 'hello carol, secret lunch'],
    [alice, dm, 'a'],
  ];
  for (const [user, conversation, content] of said) await sendText(server, user, conversation, content);
});

describe('searchMessages', () => {
  test('finds words, prefixes and parts of words in any case, in every conversation of the viewer, newest first', async ({ server }) => {
    expect(contents(await searchAll(server, alice, 'hello'))).toEqual(['hello! noon works', 'Hello Bob, lunch at noon?']);
    expect(contents(await searchAll(server, alice, 'LUNCH'))).toEqual(['Lunchtime plans: 你好世界 café', 'Hello Bob, lunch at noon?']);
    expect(contents(await searchAll(server, alice, 'unc'))).toEqual(['Lunchtime plans: 你好世界 café', 'Hello Bob, lunch at noon?']);
    // every word, anywhere, in any order
    expect(contents(await searchAll(server, alice, 'noon hello'))).toEqual(['hello! noon works', 'Hello Bob, lunch at noon?']);
    expect(contents(await searchAll(server, alice, 'noon works lunch'))).toEqual([]);
    // bob's conversation with carol is not alice's to search
    expect(contents(await searchAll(server, bob, 'secret'))).toEqual(['hello carol, secret lunch']);
    expect(contents(await searchAll(server, alice, 'secret'))).toEqual([]);
  });

  test('finds CJK and other scripts, two characters or one (no word breaks to rely on)', async ({ server }) => {
    expect(contents(await searchAll(server, alice, '世界'))).toEqual(['Lunchtime plans: 你好世界 café']);
    expect(contents(await searchAll(server, alice, '好世界'))).toEqual(['Lunchtime plans: 你好世界 café']);
    expect(contents(await searchAll(server, alice, '好'))).toEqual(['Lunchtime plans: 你好世界 café']);
    expect(contents(await searchAll(server, alice, 'café'))).toEqual(['Lunchtime plans: 你好世界 café']);
    expect(contents(await searchAll(server, alice, 'a')).length).toBe(3);
  });

  test("searches the characters a user types, not the databases' pattern syntax", async ({ server }) => {
    expect(contents(await searchAll(server, alice, '%'))).toEqual(['100% sure, see you_there']);
    expect(contents(await searchAll(server, alice, 'u_t'))).toEqual(['100% sure, see you_there']);
    expect(contents(await searchAll(server, alice, '0%'))).toEqual(['100% sure, see you_there']);
    for (const syntax of ['"', 'NEAR(', 'hel*', 'AND', '-noon', '^hello', 'a OR b', "'", '\\', '""']) {
      const res = await gql(server, SearchMessagesDocument, { query: syntax }, alice.access);
      expect(res.errors, syntax).toBeUndefined();
    }
    expect(contents(await searchAll(server, alice, 'hel*'))).toEqual([]);
  });

  test('in one conversation: only it; a stranger gets the same NOT_FOUND as for its history', async ({ server }) => {
    expect(contents(await searchAll(server, alice, 'noon', dm))).toEqual(['hello! noon works', 'Hello Bob, lunch at noon?']);
    expect(contents(await searchAll(server, alice, 'lunch', group))).toEqual(['Lunchtime plans: 你好世界 café']);
    expect((await searchAll(server, alice, 'noon', group)).length).toBe(0);
    const asStranger = await gql(server, SearchMessagesDocument, { query: 'secret', conversation: elsewhere }, alice.access);
    const history = await gql(server, MessagesPageDocument, { conversation: elsewhere }, alice.access);
    expect(errorCode(asStranger)).toBe('NOT_FOUND');
    expect(asStranger.errors?.[0]?.extensions).toEqual(history.errors?.[0]?.extensions);
    expect(asStranger.errors?.[0]?.message).toBe(history.errors?.[0]?.message);
  });

  test('pages with cursors: the same results, in order, whatever the page size', async ({ server }) => {
    const whole = await searchAll(server, alice, 'o', undefined, 50);
    expect(whole.length).toBe(3);
    expect(await searchAll(server, alice, 'o', undefined, 1)).toEqual(whole);
    expect(await searchAll(server, alice, 'o', undefined, 2)).toEqual(whole);
  });

  test('refuses nothing to look for, too long a text and too many words', async ({ server }) => {
    for (const [query, reason] of [
      ['', 'empty_query'],
      ['   \t ', 'empty_query'],
      ['x'.repeat(201), 'query_too_long'],
      ['a b c d e f g h i', 'too_many_terms'],
      ['nul\u0000', 'invalid_text'],
    ] as const) {
      const res = await gql(server, SearchMessagesDocument, { query }, alice.access);
      expect(errorCode(res), query).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.extensions?.reason, query).toBe(reason);
    }
    expect(errorCode(await gql(server, SearchMessagesDocument, { query: 'hello' }))).toBe('UNAUTHENTICATED');
  });
});

describe('searchMessages against a model of it', () => {
  // ASCII letters in both cases, digits, the pattern characters of LIKE and FTS5, CJK, an emoji, spaces
  const alphabet = ['a', 'B', 'b', 'c', 'A', '1', '%', '_', '\\', '"', '*', '-', '(', '你', '好', '世', '🙂', 'é', ' '];
  const text = fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 12 }).map((cs) => cs.join(''));
  const fold = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const matches = (content: string, query: string) =>
    query
      .split(/\s+/u)
      .filter(Boolean)
      .every((term) => fold(content).includes(fold(term)));

  test('finds exactly the messages holding every word (ASCII case folded), newest first', async ({ server, make }) => {
    const [dan, eve] = await make.users('dan', 'eve');
    const room = (await make.conversation(dan, eve)).name;
    const messages = fc.sample(text.filter((t) => t.trim().length > 0), { numRuns: 40, seed: 20261203 });
    for (const content of messages) await sendText(server, dan, room, content);
    const newestFirst = messages.toReversed();
    await fc.assert(
      fc.asyncProperty(text.filter((t) => t.trim().length > 0), async (query) => {
        const found = contents(await searchAll(server, eve, query, room));
        expect(found).toEqual(newestFirst.filter((m) => matches(m, query)));
      }),
      { numRuns: 150, seed: 20261205 },
    );
  }, 120_000);
});
