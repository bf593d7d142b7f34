import { crc32, deflateSync } from 'node:zlib';
import { print } from 'graphql';
import { SendFileDetailedDocument } from './documents/messages.js';
import type { GraphQLResponse } from './graphql.js';
import type { TestServer } from './server.js';

export interface FileMessage {
  id: string;
  cursor: string;
  clientId: string | null;
  content: string;
  file: { url: string; name: string; size: number; mimeType: string } | null;
}

export interface UploadInput {
  conversation: string;
  bytes: Uint8Array;
  /** the name and Content-Type the client claims for the part; the server must not trust either */
  filename: string;
  type: string;
  content?: string;
  clientId?: string;
}

/**
 * `sendFile` as a GraphQL multipart request (github.com/jaydenseric/graphql-multipart-request-spec),
 * built by hand: `operations` with the file variable null, `map` pointing part "0" at it, then the part.
 */
export async function uploadFile(server: TestServer, token: string, input: UploadInput): Promise<GraphQLResponse<{ sendFile: FileMessage }> & { status: number }> {
  const form = new FormData();
  form.append(
    'operations',
    JSON.stringify({
      query: print(SendFileDetailedDocument),
      variables: { conversation: input.conversation, file: null, content: input.content ?? null, clientId: input.clientId ?? null },
    }),
  );
  form.append('map', JSON.stringify({ 0: ['variables.file'] }));
  form.append('0', new Blob([new Uint8Array(input.bytes)], { type: input.type }), input.filename);
  const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: res.status, ...((await res.json()) as GraphQLResponse<{ sendFile: FileMessage }>) };
}

/** A valid width×height 8-bit RGB PNG (signature, IHDR, one IDAT, IEND), every pixel `rgb`. */
export function pngImage(width: number, height: number, rgb: [number, number, number] = [200, 30, 90]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type RGB, deflate, no filter method, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3).map((_, i) => rgb[i % 3]!)]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * `sendFile` with a multipart body streamed in two parts: everything up to and including `head` (the
 * file's first bytes), then, once `between()` resolves, the rest of the file and the closing boundary.
 * Lets a test cut a file while the server is already storing it.
 */
export async function uploadInTwoParts(
  server: TestServer,
  token: string,
  input: { conversation: string; head: Uint8Array; rest: Uint8Array; filename: string; type: string },
  between: () => Promise<void>,
): Promise<GraphQLResponse<{ sendFile: FileMessage }> & { status: number }> {
  const boundary = `----chat-test-${Date.now()}`;
  const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const operations = JSON.stringify({
    query: print(SendFileDetailedDocument),
    variables: { conversation: input.conversation, file: null },
  });
  const start = Buffer.from(
    field('operations', operations) +
      field('map', JSON.stringify({ 0: ['variables.file'] })) +
      `--${boundary}\r\nContent-Disposition: form-data; name="0"; filename="${input.filename}"\r\nContent-Type: ${input.type}\r\n\r\n`,
  );
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(Buffer.concat([start, input.head]));
      await between();
      controller.enqueue(Buffer.concat([input.rest, Buffer.from(`\r\n--${boundary}--\r\n`)]));
      controller.close();
    },
  });
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    body,
    duplex: 'half',
  } as RequestInit);
  return { status: res.status, ...((await res.json()) as GraphQLResponse<{ sendFile: FileMessage }>) };
}
