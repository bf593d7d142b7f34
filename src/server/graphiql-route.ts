import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { acceptedEncodings } from './static-route.js';
import { GRAPHIQL_TOUR } from './graphiql-tour.js';

interface Page {
  etag: string;
  plain: Buffer;
  br: Buffer;
  gzip: Buffer;
}

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * GraphiQL at GET /graphql for a browser (Accept: text/html). Its 9 MB page (every asset inline, nothing
 * from a CDN) is rendered and compressed once, on the first visit (brotli: about 2 MB), and revalidated
 * by ETag after that (a 304). Subscriptions run over graphql-ws; the Headers tab's Authorization reaches
 * them in each operation's `extensions.headers` (src/server/graphql-ws.ts).
 */
export class GraphiQLPage {
  #page: Promise<Page> | undefined;

  /** true when it answered (a browser's GET or HEAD of the GraphQL path). */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.headers.accept?.includes('text/html')) return false;
    const page = await (this.#page ??= render());
    const headers = {
      etag: page.etag,
      'cache-control': 'no-cache',
      vary: 'accept-encoding',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    };
    if (req.headers['if-none-match']?.split(',').some((tag) => tag.trim() === page.etag)) {
      res.writeHead(304, headers);
      res.end();
      return true;
    }
    const accepted = acceptedEncodings(req.headers['accept-encoding']);
    const [body, encoding] = accepted.has('br') ? [page.br, 'br'] : accepted.has('gzip') ? [page.gzip, 'gzip'] : [page.plain, null];
    res.writeHead(200, {
      ...headers,
      'content-type': 'text/html; charset=utf-8',
      'content-length': body.length,
      ...(encoding ? { 'content-encoding': encoding } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  }
}

async function render(): Promise<Page> {
  const plain = Buffer.from(
    renderGraphiQL({
      title: 'Chat GraphQL',
      subscriptionsProtocol: 'WS',
      defaultQuery: GRAPHIQL_TOUR,
      defaultEditorToolsVisibility: 'headers',
    }),
  );
  // compressed on libuv's threads (a quarter of a second each), not on the event loop
  const [br, gz] = await Promise.all([
    brotli(plain, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: plain.length } }),
    gzipped(plain, { level: 6 }),
  ]);
  return { etag: `"${createHash('sha256').update(plain).digest('base64url').slice(0, 27)}"`, plain, br, gzip: gz };
}
