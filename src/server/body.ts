import type { IncomingMessage } from 'node:http';

/**
 * A request body, whole, or null as soon as it passes `maxBytes` (the caller answers, then discards
 * the rest with discardBody). Plain 'data'/'end' events: no stream pipeline, abort controller or async
 * iterator per request.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        stop();
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onError = (e: Error) => {
      stop();
      reject(e);
    };
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onError);
  });
}

/**
 * After answering a request before reading all of its body (a refusal): reads and drops the rest, so
 * the client, still writing, gets to read the answer instead of a broken pipe, and the connection can
 * be reused. A body that goes on past `maxBytes` more is cut: its connection is destroyed.
 */
export function discardBody(req: IncomingMessage, maxBytes: number): void {
  if (req.complete || req.destroyed) return;
  // whatever was reading it (a multipart parser) stops first
  req.unpipe();
  let seen = 0;
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > maxBytes) req.socket.destroy();
  });
  req.on('error', () => undefined);
  req.resume();
}

/** Whether the declared length alone is past `maxBytes` (answered at once, without reading). */
export function declaredLengthOver(req: IncomingMessage, maxBytes: number): boolean {
  return Number(req.headers['content-length'] ?? 0) > maxBytes;
}
