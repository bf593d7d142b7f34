import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { printSchemaSDL } from '../schema/sdl.js';
import { sendJson } from './respond.js';

/**
 * GET /schema.graphql: the API's schema in SDL, the same text as the repository's schema.graphql, for
 * code generators and editors (`curl -O http://localhost:8000/schema.graphql`). Printed once, on the
 * first request; public, like introspection.
 */
export class SchemaFile {
  #file: { text: Buffer; etag: string } | undefined;

  handle(req: IncomingMessage, res: ServerResponse, cors: Record<string, string>): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { detail: `Method "${req.method}" not allowed.` }, { allow: 'GET, HEAD' });
    const file = (this.#file ??= printed());
    const headers = { ...cors, etag: file.etag, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' };
    if (req.headers['if-none-match']?.split(',').some((tag) => tag.trim() === file.etag)) {
      res.writeHead(304, headers);
      return void res.end();
    }
    res.writeHead(200, { ...headers, 'content-type': 'text/plain; charset=utf-8', 'content-length': file.text.length });
    res.end(req.method === 'HEAD' ? undefined : file.text);
  }
}

function printed(): { text: Buffer; etag: string } {
  const text = Buffer.from(printSchemaSDL());
  return { text, etag: `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"` };
}
