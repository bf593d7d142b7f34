import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './support/server.js';

// The HTTP layer reads GraphQL request bodies itself (bounded by HTTP_BODY_MAX_BYTES) and hands them
// to Yoga whole: the limit must hold with and without a Content-Length, and odd bodies still get answers.
let server: TestServer;
beforeAll(async () => {
  server = await startServer({ HTTP_BODY_MAX_BYTES: '2048' });
});
afterAll(async () => {
  await server?.close();
});

const post = (body: BodyInit, headers: Record<string, string> = {}, extra: RequestInit = {}) =>
  fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, ...extra });

/** A body sent with Transfer-Encoding: chunked (no Content-Length), in two parts. */
function chunked(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  const half = Math.floor(bytes.length / 2);
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes.slice(0, half));
      controller.enqueue(bytes.slice(half));
      controller.close();
    },
  });
}

const query = (padding: number) => JSON.stringify({ query: `{ __typename }${' '.repeat(padding)}` });

describe('GraphQL request bodies', () => {
  it('answers a body within HTTP_BODY_MAX_BYTES, sent whole or chunked', async () => {
    for (const body of [query(1500), chunked(query(1500))]) {
      const res = await post(body, {}, { duplex: 'half' } as RequestInit);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
    }
  });

  it('refuses a larger body with 413 PAYLOAD_TOO_LARGE, with or without a Content-Length', async () => {
    for (const body of [query(3000), chunked(query(3000))]) {
      const res = await post(body, {}, { duplex: 'half' } as RequestInit);
      expect(res.status).toBe(413);
      const answer = (await res.json()) as { errors: { extensions: { code: string } }[] };
      expect(answer.errors[0]?.extensions.code).toBe('PAYLOAD_TOO_LARGE');
    }
  });

  it('answers an empty or malformed body with a 400 error, not a hang', async () => {
    for (const body of ['', '{"query":', 'null']) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const answer = (await res.json()) as { errors?: unknown[] };
      expect(answer.errors?.length, JSON.stringify(body)).toBeGreaterThan(0);
    }
  });
});
