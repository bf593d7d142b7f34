import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { sendText } from './support/chat.js';
import { MessageAddedFileDocument, MessageIdsDocument } from './support/documents.js';
import { serverTest } from './support/fixtures.js';
import { errorCode, gqlOk, subscribe, type TestUser } from './support/graphql.js';
import { dataOf } from './support/live.js';
import type { TestServer } from './support/server.js';
import { pngImage, uploadFile, uploadInTwoParts, type FileMessage } from './support/upload.js';
import { until } from './support/wait.js';

const PNG = pngImage(3, 2);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
/** Bytes that are no known type and not text (they hold NULs): a generic binary. */
const BINARY = Buffer.concat([Buffer.from([0, 0xff, 0, 0xfe]), createHash('sha512').update('not a known type').digest()]);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(56)]);

const test = serverTest();
/** FILE_MAX_BYTES=1024 and links that live 1-2 s: a server of its own */
const tightTest = serverTest({ FILE_MAX_BYTES: '1024', FILE_URL_TTL_SECONDS: '2' });

let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let room: string;

test.beforeAll(async ({ make }) => {
  [alice, bob, carol] = await make.users('alice', 'bob', 'carol');
  room = (await make.conversation(alice, bob)).name;
});

const storedFiles = (s: TestServer) => readdirSync(join(s.dataDir, 'files'));
const historyIds = async (s: TestServer, user: TestUser, conversation: string) =>
  (await gqlOk(s, MessageIdsDocument, { conversation, first: 100 }, user.access)).messages.edges.map((e) => e.node.id);

async function sent(res: Awaited<ReturnType<typeof uploadFile>>): Promise<FileMessage> {
  if (res.errors?.length || !res.data) throw new Error(`sendFile failed: ${JSON.stringify(res.errors)}`);
  return res.data.sendFile;
}

/** A signed link with one query parameter replaced. */
function withParam(url: string, key: 'exp' | 'sig', value: string): string {
  const u = new URL(url);
  u.searchParams.set(key, value);
  return u.toString();
}

describe('sendFile (GraphQL multipart request)', () => {
  test('stores a PNG sent under a lying name and type; both participants get a link to the exact bytes', async ({ server, sockets }) => {
    const opening = await sendText(server, alice, room, 'a picture follows');
    const bobClient = sockets.graphql(bob.access);
    try {
      const live = subscribe(bobClient, MessageAddedFileDocument, { conversation: room, after: opening.cursor });
      const message = await sent(await uploadFile(server, alice.access, { conversation: room, bytes: PNG, filename: 'x.txt', type: 'text/plain', content: 'look' }));
      expect(message).toMatchObject({ content: 'look', clientId: null, file: { name: 'x.txt', size: PNG.length, mimeType: 'image/png' } });

      const heard = dataOf(await live.next()).messageAdded;
      expect(heard).toMatchObject({ id: message.id, content: 'look', file: { name: 'x.txt', size: PNG.length, mimeType: 'image/png' } });
      for (const url of [message.file!.url, heard.file!.url]) {
        expect(url.startsWith(`${server.url}/files/`)).toBe(true);
        const res = await fetch(url); // no Authorization header: the link is the capability
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('image/png');
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('content-disposition')).toMatch(/^inline;/);
        expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
      }
    } finally {
      await bobClient.dispose();
    }
  });

  test('serves what is not a safe image as an attachment, typed by content', async ({ server }) => {
    for (const [bytes, claimed, mimeType] of [
      [PDF, 'image/png', 'application/pdf'],
      [BINARY, 'image/gif', 'application/octet-stream'],
    ] as const) {
      const message = await sent(await uploadFile(server, alice.access, { conversation: room, bytes, filename: 'pic.png', type: claimed }));
      expect(message.file).toMatchObject({ name: 'pic.png', size: bytes.length, mimeType });
      const res = await fetch(message.file!.url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(mimeType);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    }
  });

  test('refuses a link with a forged signature or a changed expiry', async ({ server }) => {
    const { file } = await sent(await uploadFile(server, alice.access, { conversation: room, bytes: PNG, filename: 'a.png', type: 'image/png' }));
    const url = file!.url;
    const exp = Number(new URL(url).searchParams.get('exp'));
    const sig = new URL(url).searchParams.get('sig')!;
    const otherSig = createHash('sha256').update('forged').digest('base64url');
    const flipped = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
    expect((await fetch(url)).status).toBe(200);
    for (const bad of [
      withParam(url, 'sig', otherSig),
      withParam(url, 'sig', flipped),
      withParam(url, 'sig', ''),
      withParam(url, 'exp', String(exp + 3600)), // a longer life under the old signature
      withParam(url, 'exp', String(Math.floor(Date.now() / 1000) - 60)), // an expired link forged from a live one
      url.replace(/\?.*$/, ''),
    ]) {
      const res = await fetch(bad);
      expect(res.status, bad).toBe(403);
      await res.arrayBuffer();
    }
  });

  tightTest('refuses a genuinely expired link', async ({ server: tight, make }) => {
    const [a, b] = await make.users('alice', 'bob');
    const { name } = await make.conversation(a, b);
    const { file } = await sent(await uploadFile(tight, a.access, { conversation: name, bytes: PNG, filename: 'a.png', type: 'image/png' }));
    const exp = Number(new URL(file!.url).searchParams.get('exp'));
    expect((await fetch(file!.url)).status).toBe(200);
    // FILE_URL_TTL_SECONDS=2: the link ends within 2 s; wait just past its end
    const wait = exp * 1000 + 20 - Date.now();
    expect(wait).toBeLessThan(2100);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
    expect((await fetch(file!.url)).status).toBe(403);
  });

  tightTest('refuses a file over FILE_MAX_BYTES with PAYLOAD_TOO_LARGE and keeps nothing', async ({ server: tight, make }) => {
    const [a, b] = await make.users('alice', 'bob');
    const { name } = await make.conversation(a, b);
    const before = storedFiles(tight);
    // one byte over (parsed before the resolver runs) and far over (cut while the resolver streams it)
    for (const size of [1025, 4 * 1024 * 1024]) {
      const res = await uploadFile(tight, a.access, { conversation: name, bytes: Buffer.alloc(size, 'x'), filename: 'big.txt', type: 'text/plain', content: 'too big' });
      expect(errorCode(res), `${size} bytes`).toBe('PAYLOAD_TOO_LARGE');
      expect(res.data?.sendFile ?? null).toBeNull();
    }
    // cut while the server is already writing it: the rest arrives once the file is on disk
    const res = await uploadInTwoParts(
      tight,
      a.access,
      { conversation: name, head: Buffer.alloc(100, 'x'), rest: Buffer.alloc(2000, 'x'), filename: 'big.txt', type: 'text/plain' },
      () => until(() => storedFiles(tight).length > before.length),
    );
    expect(errorCode(res)).toBe('PAYLOAD_TOO_LARGE');
    expect(await historyIds(tight, a, name)).toEqual([]);
    expect(storedFiles(tight)).toEqual(before);
    // exactly at the limit is fine
    const ok = await sent(await uploadFile(tight, a.access, { conversation: name, bytes: Buffer.alloc(1024, 'x'), filename: 'max.txt', type: 'text/plain' }));
    expect(ok.file).toMatchObject({ size: 1024, mimeType: 'text/plain' });
  });

  test("refuses a non-participant's file with NOT_FOUND and keeps nothing", async ({ server }) => {
    const before = { files: storedFiles(server), history: await historyIds(server, alice, room) };
    const res = await uploadFile(server, carol.access, { conversation: room, bytes: PNG, filename: 'a.png', type: 'image/png', content: 'let me in' });
    expect(errorCode(res)).toBe('NOT_FOUND');
    expect(res.data?.sendFile ?? null).toBeNull();
    expect({ files: storedFiles(server), history: await historyIds(server, alice, room) }).toEqual(before);
  });

  test('refuses an executable (ELF) whatever it is called, with BAD_USER_INPUT', async ({ server }) => {
    const before = { files: storedFiles(server), history: await historyIds(server, alice, room) };
    const res = await uploadFile(server, alice.access, { conversation: room, bytes: ELF, filename: 'notes.txt', type: 'text/plain' });
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect({ files: storedFiles(server), history: await historyIds(server, alice, room) }).toEqual(before);
  });

  test('returns the first message for a retry with the same clientId, storing one file', async ({ server }) => {
    const before = { files: storedFiles(server).length, history: (await historyIds(server, alice, room)).length };
    const upload = { conversation: room, bytes: PNG, filename: 'again.png', type: 'image/png', content: 'once', clientId: 'upload-retry-1' };
    const first = await sent(await uploadFile(server, alice.access, upload));
    const retry = await sent(await uploadFile(server, alice.access, upload));
    expect(retry).toMatchObject({ id: first.id, clientId: 'upload-retry-1', content: 'once', file: { name: 'again.png', size: PNG.length, mimeType: 'image/png' } });
    expect(new URL(retry.file!.url).pathname).toBe(new URL(first.file!.url).pathname);
    expect({ files: storedFiles(server).length, history: (await historyIds(server, alice, room)).length }).toEqual({
      files: before.files + 1,
      history: before.history + 1,
    });
    const res = await fetch(retry.file!.url);
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
  });
});
