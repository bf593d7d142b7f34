import { describe, expect } from 'vitest';
import { serverTest } from './support/fixtures.js';
import { api, dmName, type LegacyUser } from './support/legacy.js';
import type { TestServer } from './support/server.js';

const FILE_MAX = 4096;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const test = serverTest({ FILE_MAX_BYTES: String(FILE_MAX) });
let alice: LegacyUser;
let bob: LegacyUser;
let room: string;
test.beforeAll(async ({ make }) => {
  alice = await make.legacyUser('alice');
  bob = await make.legacyUser('bob');
  room = dmName(alice, bob);
});

type Part = [name: string, value: string | { bytes: Buffer; filename: string; type: string }];

function post(server: TestServer, path: string, parts: Part[], token: string | undefined = alice.access) {
  const form = new FormData();
  for (const [name, value] of parts) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, new Blob([new Uint8Array(value.bytes)], { type: value.type }), value.filename);
  }
  return api(server, 'POST', path, { body: form, token });
}

const count = async (server: TestServer) => ((await api(server, 'GET', `/messages/?conversation=${room}`, { token: alice.access })).json as { count: number }).count;
const withoutQuery = (url: string) => url.split('?')[0];

describe('POST /filesmessage/<name>/ and /imagemessage/<name>/', () => {
  test('stores the file, answers {"id","files"}, broadcasts it like a chat message with a signed URL that downloads', async ({ server, sockets }) => {
    const a = await sockets.joined(room, alice.access);
    const b = await sockets.joined(room, bob.access);
    await a.next('user_join');
    const notes = await sockets.notifications(bob.access);
    await notes.next('unread_count');

    const res = await post(server, `/filesmessage/${room}/`, [
      ['content', 'a picture'],
      ['files', { bytes: PNG, filename: '../../etc/dot.png', type: 'text/plain' }],
    ]);
    expect(res.status).toBe(200);
    expect(Object.keys(res.json as object)).toEqual(['id', 'files']);
    const { id, files } = res.json as { id: string; files: string };
    expect(files).toMatch(new RegExp(`^${server.url}/files/[\\w-]+/dot\\.png\\?exp=\\d+&sig=[\\w-]+$`));

    for (const s of [a, b]) {
      const echo = await s.next('chat_message_echo');
      expect(echo.data.name).toBe(alice.username);
      expect(echo.data.message).toMatchObject({ id, content: 'a picture', to_user: [bob.username] });
      expect(withoutQuery((echo.data.message as { files: string }).files)).toBe(withoutQuery(files));
    }
    expect((await notes.next('new_message_notification')).data.message).toMatchObject({ id });
    expect((await notes.next('unread_count')).data.unread_count).toBeGreaterThan(0);

    const download = await fetch(files);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(PNG)).toBe(true);
    expect(download.headers.get('content-type')).toBe('image/png'); // by content, not the client's text/plain
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    const forged = await fetch(files.replace(/sig=[\w-]+/, 'sig=AAAA'));
    expect(forged.status).toBe(403);
    const unsigned = await fetch(withoutQuery(files) as string);
    expect(unsigned.status).toBe(403);
    for (const s of [a, b, notes]) await s.close();
  });

  test('the text may come after the file; /imagemessage/ and no trailing slash work too', async ({ server }) => {
    const res = await post(server, `/imagemessage/${bob.username}_${alice.username}`, [
      ['files', { bytes: PNG, filename: 'later.png', type: 'image/png' }],
      ['content', 'caption after the file'],
    ]);
    expect(res.status).toBe(200);
    const page = (await api(server, 'GET', `/messages/?conversation=${room}&page_size=1`, { token: bob.access })).json as {
      results: { id: string; content: string; files: string }[];
    };
    expect(page.results[0]).toMatchObject({ id: (res.json as { id: string }).id, content: 'caption after the file' });
    expect((await fetch(page.results[0]?.files ?? '')).status).toBe(200);
  });

  test('a bare file has content ""', async ({ server }) => {
    const res = await post(server, `/filesmessage/${room}/`, [['files', { bytes: Buffer.from('plain text file\n'), filename: 'notes.txt', type: 'text/plain' }]]);
    expect(res.status).toBe(200);
    const page = (await api(server, 'GET', `/messages/?conversation=${room}&page_size=1`, { token: bob.access })).json as { results: { content: string }[] };
    expect(page.results[0]?.content).toBe('');
  });

  test('400 when the files part is missing, 413 when too large; nothing stored', async ({ server }) => {
    const before = await count(server);
    const missing = await post(server, `/filesmessage/${room}/`, [['content', 'no file']]);
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.json as object)).toEqual(['files']);
    expect((missing.json as { files: string[] }).files[0]).toContain('"files"');
    const wrongName = await post(server, `/filesmessage/${room}/`, [['file', { bytes: PNG, filename: 'x.png', type: 'image/png' }]]);
    expect(wrongName.status).toBe(400);
    const json = await api(server, 'POST', `/filesmessage/${room}/`, { json: { content: 'x' }, token: alice.access });
    expect(json.status).toBe(400);
    const big = await post(server, `/filesmessage/${room}/`, [['files', { bytes: Buffer.alloc(FILE_MAX + 1, 7), filename: 'big.bin', type: 'application/octet-stream' }]]);
    expect(big.status).toBe(413);
    expect(Object.keys(big.json as object)).toEqual(['detail']);
    // far over the limit (but under the Content-Length cap): refused while streaming
    const huge = await post(server, `/filesmessage/${room}/`, [['files', { bytes: Buffer.alloc(768 * 1024, 7), filename: 'huge.bin', type: 'application/octet-stream' }]]);
    expect(huge.status).toBe(413);
    const empty = await post(server, `/filesmessage/${room}/`, [['files', { bytes: Buffer.alloc(0), filename: 'empty.txt', type: 'text/plain' }]]);
    expect(empty.status).toBe(400);
    expect(Object.keys(empty.json as object)).toEqual(['files']);
    expect(await count(server)).toBe(before);
  });

  test('401 without a token, 404 for a stranger, 400 for a malformed name', async ({ server, make }) => {
    const eve = await make.legacyUser('eve');
    const file: Part = ['files', { bytes: PNG, filename: 'x.png', type: 'image/png' }];
    expect((await post(server, `/filesmessage/${room}/`, [file], '')).status).toBe(401);
    const stranger = await post(server, `/filesmessage/${room}/`, [file], eve.access);
    expect(stranger.status).toBe(404);
    expect(stranger.text).toBe('{"detail":"Not found."}');
    expect((await post(server, `/filesmessage/${alice.username}__/`, [file])).status).toBe(400);
  });
});
