import { connect } from 'node:net';

/**
 * HTTP/1.1 by hand over a TCP socket, for requests fetch refuses to send (bad Host headers, bad request
 * lines, lying Content-Length, broken chunked bodies) and answers fetch would hide (several responses
 * on one connection, a connection closed without an answer).
 */

export interface RawResponse {
  status: number;
  statusLine: string;
  /** header names lower-cased; repeated headers joined with ", " */
  headers: Record<string, string>;
  body: Buffer;
}

export interface RawExchange {
  responses: RawResponse[];
  /** every byte the server sent */
  bytes: Buffer;
  /** how the exchange ended: the expected answers came, the server closed the connection, the wait ran out, or the socket failed */
  ended: 'complete' | 'closed' | 'timeout' | 'error';
  /** bytes after the last complete response that do not make a complete response (or a parse problem) */
  trailing: string | null;
  error?: string;
}

export interface RawRequestOptions {
  /** stop waiting after this long (the connection is then destroyed) */
  timeoutMs?: number;
  /** half-close our side after the last write (the server sees EOF) */
  halfClose?: boolean;
  /** stop as soon as this many complete responses arrived */
  expectResponses?: number;
  /** the first request is a HEAD: its response has no body whatever Content-Length says */
  firstIsHead?: boolean;
}

/** Writes `chunks` (one write each, in order) to 127.0.0.1:`port` and collects what comes back. */
export function rawRequest(port: number, chunks: (Buffer | string)[], options: RawRequestOptions = {}): Promise<RawExchange> {
  const { timeoutMs = 3000, halfClose = false, expectResponses = Infinity, firstIsHead = false } = options;
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, allowHalfOpen: true });
    const received: Buffer[] = [];
    let settled = false;
    let error: string | undefined;
    const finish = (ended: RawExchange['ended']) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const bytes = Buffer.concat(received);
      const parsed = parseResponses(bytes, firstIsHead);
      resolve({ responses: parsed.responses, bytes, ended, trailing: parsed.trailing, ...(error ? { error } : {}) });
    };
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk);
      // interim (1xx) answers do not count, except 101: the connection is then no longer HTTP
      const answered = parseResponses(Buffer.concat(received), firstIsHead).responses.filter((r) => r.status >= 200 || r.status === 101);
      if (expectResponses !== Infinity && answered.length >= expectResponses) finish('complete');
    });
    socket.on('end', () => finish('closed'));
    socket.on('close', () => finish('closed'));
    socket.on('error', (e: NodeJS.ErrnoException) => {
      // a reset after the server answered and closed is how some servers end a connection they refused
      error = e.code ?? e.message;
      finish('error');
    });
    socket.on('connect', () => {
      for (const chunk of chunks) socket.write(chunk);
      if (halfClose) socket.end();
    });
  });
}

/**
 * The complete responses at the start of `bytes`, in order. Bodies are delimited as a client would:
 * none for 1xx/204/304 (and the first HEAD), Content-Length, chunked, else up to the end of the bytes.
 */
export function parseResponses(bytes: Buffer, firstIsHead = false): { responses: RawResponse[]; trailing: string | null } {
  const responses: RawResponse[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const headEnd = bytes.indexOf('\r\n\r\n', offset);
    if (headEnd < 0) break;
    const head = bytes.subarray(offset, headEnd).toString('latin1');
    const [statusLine = '', ...headerLines] = head.split('\r\n');
    const m = /^HTTP\/1\.[01] (\d{3})(?: .*)?$/.exec(statusLine);
    if (!m) return { responses, trailing: `not a status line: ${JSON.stringify(statusLine.slice(0, 200))}` };
    const status = Number(m[1]);
    const headers: Record<string, string> = {};
    for (const line of headerLines) {
      const colon = line.indexOf(':');
      if (colon <= 0) return { responses, trailing: `bad response header line: ${JSON.stringify(line.slice(0, 200))}` };
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
    }
    let cursor = headEnd + 4;
    let body: Buffer;
    const noBody = (status >= 100 && status < 200) || status === 204 || status === 304 || (firstIsHead && responses.filter((r) => r.status >= 200).length === 0 && status >= 200);
    if (noBody) {
      body = Buffer.alloc(0);
    } else if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
      const parts: Buffer[] = [];
      let complete = false;
      for (;;) {
        const lineEnd = bytes.indexOf('\r\n', cursor);
        if (lineEnd < 0) break;
        const size = parseInt(bytes.subarray(cursor, lineEnd).toString('latin1'), 16);
        if (!Number.isFinite(size)) return { responses, trailing: 'bad chunk size in response' };
        cursor = lineEnd + 2;
        if (size === 0) {
          // trailers (none expected) end with an empty line
          const trailerEnd = bytes.indexOf('\r\n', cursor);
          if (trailerEnd < 0) break;
          cursor = trailerEnd + 2;
          complete = true;
          break;
        }
        if (cursor + size + 2 > bytes.length) break;
        parts.push(bytes.subarray(cursor, cursor + size));
        cursor += size + 2;
      }
      if (!complete) return { responses, trailing: bytes.subarray(offset).toString('latin1').slice(0, 300) };
      body = Buffer.concat(parts);
    } else if (headers['content-length'] !== undefined) {
      const length = Number(headers['content-length']);
      if (!Number.isInteger(length) || length < 0) return { responses, trailing: `bad content-length in response: ${headers['content-length']}` };
      if (cursor + length > bytes.length) return { responses, trailing: bytes.subarray(offset).toString('latin1').slice(0, 300) };
      body = bytes.subarray(cursor, cursor + length);
      cursor += length;
    } else {
      body = bytes.subarray(cursor);
      cursor = bytes.length;
    }
    responses.push({ status, statusLine, headers, body });
    offset = cursor;
  }
  return { responses, trailing: offset < bytes.length ? bytes.subarray(offset).toString('latin1').slice(0, 300) : null };
}
