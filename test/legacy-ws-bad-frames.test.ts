import { describe, expect } from 'vitest';
import { serverTest } from './support/fixtures.js';
import { api, dmName, type LegacyUser } from './support/legacy.js';
import type { TestServer } from './support/server.js';

const FRAME_MAX = 4096;
const MESSAGE_MAX = 200;

const test = serverTest({ WS_FRAME_MAX_BYTES: String(FRAME_MAX), MESSAGE_MAX_LENGTH: String(MESSAGE_MAX) });
let alice: LegacyUser;
let bob: LegacyUser;
let room: string;
test.beforeAll(async ({ make }) => {
  alice = await make.legacyUser('alice');
  bob = await make.legacyUser('bob');
  room = dmName(alice, bob);
});

const stored = async (server: TestServer) => ((await api(server, 'GET', `/messages/?conversation=${room}`, { token: alice.access })).json as { count: number }).count;

describe('bad frames on ws/chat/', () => {
  const cases: [string, string | Buffer, string][] = [
    ['bad JSON', '{"type": "chat_message", "message": ', 'invalid_json'],
    ['not an object', '[1,2,3]', 'invalid_json'],
    ['missing type', '{"message":"hi"}', 'missing_type'],
    ['non-string type', '{"type":7}', 'invalid_type'],
    ['unknown type', '{"type":"shout","message":"hi"}', 'unknown_type'],
    ['message not a string', '{"type":"chat_message","message":42}', 'invalid_message'],
    ['message missing', '{"type":"chat_message"}', 'invalid_message'],
    ['empty message', '{"type":"chat_message","message":""}', 'empty_message'],
    ['blank message', '{"type":"chat_message","message":"   "}', 'empty_message'],
    ['over-long message', JSON.stringify({ type: 'chat_message', message: 'x'.repeat(MESSAGE_MAX + 1) }), 'message_too_long'],
    ['client_id not a string', '{"type":"chat_message","message":"hi","client_id":5}', 'invalid_client_id'],
    ['typing not a boolean', '{"type":"typing","typing":"maybe"}', 'invalid_typing'],
    ['frame over the size limit', JSON.stringify({ type: 'chat_message', message: 'y'.repeat(FRAME_MAX) }), 'frame_too_large'],
  ];

  test.for(cases)('%s: an error frame, the socket stays usable, nothing stored', async ([_name, frame, code], { server, sockets }) => {
    const before = await stored(server);
    const a = await sockets.joined(room, alice.access);
    a.send(frame);
    const error = await a.next('error');
    expect(Object.keys(error.data)).toEqual(['type', 'code', 'msg']);
    expect(error.data.code).toBe(code);
    expect(typeof error.data.msg).toBe('string');
    expect((error.data.msg as string).length).toBeGreaterThan(0);
    // still usable: a good frame after the bad one works
    a.send({ type: 'chat_message', message: 'still here' });
    expect((await a.next('chat_message_echo')).data.message).toMatchObject({ content: 'still here' });
    expect(await stored(server)).toBe(before + 1);
    await a.close();
  });

  test('a binary frame gets an error frame too', async ({ sockets }) => {
    const a = await sockets.joined(room, alice.access);
    a.ws.send(Buffer.from('{"type":"read_messages"}'), { binary: true });
    expect((await a.next('error')).data.code).toBe('invalid_json');
    a.send({ type: 'chat_message', message: 'after binary' });
    expect((await a.next('chat_message_echo')).data.message).toMatchObject({ content: 'after binary' });
    await a.close();
  });

  test('a frame far over the limit (over the hard cap) closes with 1009 and the server keeps serving', async ({ sockets }) => {
    const a = await sockets.joined(room, alice.access);
    a.send(JSON.stringify({ type: 'chat_message', message: 'z'.repeat(2 * 1024 * 1024) }));
    expect((await a.closed).code).toBe(1009);
    const b = await sockets.joined(room, bob.access);
    b.send({ type: 'chat_message', message: 'server alive' });
    // alice's user_leave may come first
    expect((await b.until('chat_message_echo')).data.message).toMatchObject({ content: 'server alive' });
    await b.close();
  });
});
