import { SessionEndedError, type Tokens } from '@chat-backend/client';
import { MeDocument, MessageAddedDocument, StartConversationDocument, TypingDocument, SetTypingDocument } from '@chat-backend/client/documents';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatClientFor, Collected } from './support/client-kit.js';
import { registerUser, type TestUser } from './support/graphql.js';
import { startServer, type TestServer } from './support/server.js';

/**
 * The token manager against a server whose access tokens live 3 s: refreshed before they expire,
 * single-flight, once after UNAUTHENTICATED; the socket and HTTP keep working across expiries.
 */

let server: TestServer;
let aliceUser: TestUser;
let bobUser: TestUser;
let room: string;

beforeAll(async () => {
  server = await startServer({ ACCESS_TOKEN_TTL_SECONDS: '3' });
  aliceUser = await registerUser(server, 'alice');
  bobUser = await registerUser(server, 'bob');
  const alice = chatClientFor(server, aliceUser);
  room = (await alice.request(StartConversationDocument, { usernames: [bobUser.username] })).startConversation.name;
  await alice.dispose();
});

afterAll(async () => {
  await server?.close();
});

/** A fetch that counts refreshToken requests and lets everything through. */
function countingFetch(): { fetch: typeof fetch; refreshes: () => number } {
  let refreshes = 0;
  return {
    fetch: async (input, init) => {
      if (typeof init?.body === 'string' && init.body.includes('refreshToken(')) refreshes += 1;
      return fetch(input, init);
    },
    refreshes: () => refreshes,
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('tokens that expire every 3 s', () => {
  it('keeps the socket and HTTP working across several expiries, refreshing ahead of each', async () => {
    const announced: (Tokens | null)[] = [];
    const counting = countingFetch();
    const bob = chatClientFor(server, bobUser, { fetch: counting.fetch, onTokens: (t) => announced.push(t) });
    const alice = chatClientFor(server, aliceUser);
    const got = new Collected<string>();
    const first = (await alice.outbox.send({ conversation: room, content: 'start' })).cursor;
    const stop = bob.subscribe(MessageAddedDocument, { conversation: room, after: first }, { next: (r) => (r.data ? got.push(r.data.messageAdded.content) : got.fail(r.errors)), error: got.fail });
    const typing = new Collected<string>();
    let stopTyping: (() => void) | null = null;
    try {
      const sent: string[] = [];
      const started = Date.now();
      for (let i = 0; Date.now() - started < 8000; i += 1) {
        sent.push(`t${i}`);
        await alice.outbox.send({ conversation: room, content: `t${i}` });
        const me = await bob.request(MeDocument);
        expect(me.me.username).toBe(bobUser.username);
        if (i === 10 && stopTyping === null) {
          // a new subscription on a socket opened with a token that has expired since
          stopTyping = bob.subscribe(TypingDocument, { conversation: room }, { next: (r) => (r.data ? typing.push(r.data.typing.user.username) : typing.fail(r.errors)), error: typing.fail });
        }
        await pause(250);
      }
      await got.until((items) => items.length >= sent.length, 10_000, 'every message');
      expect(got.items).toEqual(sent);
      // ~8 s of 3 s tokens: at least three refreshes, each announced, the newest pair kept
      expect(counting.refreshes()).toBeGreaterThanOrEqual(3);
      expect(announced.length).toBe(counting.refreshes());
      expect(announced.at(-1)).toEqual(bob.tokens.tokens);
      expect(new Set(announced.map((t) => t?.refresh)).size).toBe(announced.length);
      // the late subscription works: alice types until bob hears it
      for (let i = 0; typing.items.length === 0 && i < 20; i += 1) {
        await alice.request(SetTypingDocument, { conversation: room, typing: true });
        await pause(250);
      }
      expect(JSON.stringify(typing.errors)).toBe("[]");
      expect(typing.items).toContain(aliceUser.username);
    } finally {
      stop();
      stopTyping?.();
      await bob.dispose();
      await alice.dispose();
    }
  }, 30_000);

  it('refreshes once for concurrent callers holding an expired token', async () => {
    const login = await registerUser(server, 'carol');
    await pause(3100); // the access token has expired; the refresh token has not
    const counting = countingFetch();
    const carol = chatClientFor(server, login, { fetch: counting.fetch });
    try {
      const results = await Promise.all(Array.from({ length: 5 }, () => carol.request(MeDocument)));
      expect(results.map((r) => r.me.username)).toEqual(Array(5).fill(login.username));
      expect(counting.refreshes()).toBe(1);
    } finally {
      await carol.dispose();
    }
  });

  it('refreshes once and retries when the server rejects a token that looks valid', async () => {
    const login = await registerUser(server, 'dave');
    // signed with another key: not expired, so only the server's UNAUTHENTICATED can tell
    const forged = jwt.sign({ token_type: 'access', user_id: Number(login.id), jti: 'x'.repeat(32) }, 'another key', { expiresIn: 60 });
    const counting = countingFetch();
    const dave = chatClientFor(server, { access: forged, refresh: login.refresh }, { fetch: counting.fetch });
    try {
      const me = await dave.request(MeDocument);
      expect(me.me.username).toBe(login.username);
      expect(counting.refreshes()).toBe(1);
      expect(dave.tokens.tokens?.access).not.toBe(forged);
    } finally {
      await dave.dispose();
    }
  });

  it("adopts another tab's newer pair from the shared storage instead of presenting its own, retired, refresh token", async () => {
    const login = await registerUser(server, 'frank');
    let stored: Tokens | null = { access: login.access, refresh: login.refresh };
    const storage = { load: () => stored, save: (t: Tokens | null) => void (stored = t) };
    const first = countingFetch();
    const second = countingFetch();
    const adopted: (Tokens | null)[] = [];
    // two tabs with the same pair; the first refreshes ahead as usual, the second only at expiry
    const tabA = chatClientFor(server, login, { fetch: first.fetch, storage });
    const tabB = chatClientFor(server, login, { fetch: second.fetch, storage, refreshAheadMs: () => 0, onTokens: (t) => adopted.push(t) });
    try {
      await new Promise<void>((resolve) => {
        const timer = setInterval(() => {
          if (first.refreshes() > 0 && tabB.tokens.tokens?.refresh !== login.refresh) {
            clearInterval(timer);
            resolve();
          }
        }, 50);
      });
      expect(first.refreshes()).toBeGreaterThanOrEqual(1);
      expect(second.refreshes()).toBe(0);
      expect(tabB.tokens.tokens).toEqual(stored);
      expect(adopted.at(-1)).toEqual(stored);
      expect((await tabB.request(MeDocument)).me.username).toBe(login.username);
    } finally {
      await tabA.dispose();
      await tabB.dispose();
    }
  }, 15_000);

  it('ends the session when the refresh token is refused', async () => {
    const login = await registerUser(server, 'erin');
    const ended: SessionEndedError[] = [];
    const announced: (Tokens | null)[] = [];
    const expired = jwt.sign({ token_type: 'access', user_id: Number(login.id), jti: 'y'.repeat(32), exp: Math.floor(Date.now() / 1000) - 10 }, 'whatever');
    const erin = chatClientFor(server, { access: expired, refresh: 'not-a-refresh-token' }, { onSessionEnded: (e) => ended.push(e), onTokens: (t) => announced.push(t) });
    try {
      const failure = await erin.request(MeDocument).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(SessionEndedError);
      expect(ended).toHaveLength(1);
      expect(announced).toEqual([null]);
      expect(erin.tokens.tokens).toBeNull();
    } finally {
      await erin.dispose();
    }
  });
});
