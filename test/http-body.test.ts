import { describe, expect } from 'vitest';
import { serverTest } from './support/fixtures.js';
import type { TestServer } from './support/server.js';

// The HTTP layer reads GraphQL request bodies itself (bounded by HTTP_BODY_MAX_BYTES) and hands them
// to Yoga whole: the limit must hold with and without a Content-Length, and odd bodies still get answers.
// The bodies are written by hand (their bytes are what is under test), so the query in them is inline.
const test = serverTest({ HTTP_BODY_MAX_BYTES: '2048' });

const post = (server: TestServer, body: BodyInit, headers: Record<string, string> = {}, extra: RequestInit = {}) =>
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
  test('answers a body within HTTP_BODY_MAX_BYTES, sent whole or chunked', async ({ server }) => {
    for (const body of [query(1500), chunked(query(1500))]) {
      const res = await post(server, body, {}, { duplex: 'half' } as RequestInit);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
    }
  });

  test('refuses a larger body with 413 PAYLOAD_TOO_LARGE, with or without a Content-Length', async ({ server }) => {
    for (const body of [query(3000), chunked(query(3000))]) {
      const res = await post(server, body, {}, { duplex: 'half' } as RequestInit);
      expect(res.status).toBe(413);
      const answer = (await res.json()) as { errors: { extensions: { code: string } }[] };
      expect(answer.errors[0]?.extensions.code).toBe('PAYLOAD_TOO_LARGE');
    }
  });

  test('answers an empty or malformed body with a 400 error, not a hang', async ({ server }) => {
    for (const body of ['', '{"query":', 'null']) {
      const res = await post(server, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const answer = (await res.json()) as { errors?: unknown[] };
      expect(answer.errors?.length, JSON.stringify(body)).toBeGreaterThan(0);
    }
  });
});
