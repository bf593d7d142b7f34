import type { Readable } from 'node:stream';
import busboy from 'busboy';
import type { SendResult } from '../../modules/messages/messages.service.js';
import { fieldErrors, problem } from './errors.js';
import { ok, roomParam, type Route, type RouteContext } from './route.js';

const MISSING_FILE = 'No file was submitted. Send multipart/form-data with the file in the part "files".';

/**
 * POST /filesmessage/<name>/ and /imagemessage/<name>/: multipart, the file in part `files`, optional
 * text in part `content`. The file streams straight into the service (no buffering); the text may come
 * before or after it.
 */
export const fileRoute: Route = {
  method: 'POST',
  path: /^\/(?:files|image)message\/([^/]*)\/?$/,
  async handle(ctx) {
    const viewer = await ctx.viewer();
    const conversation = roomParam(ctx);
    const type = (ctx.req.headers['content-type'] ?? '').toLowerCase();
    if (!type.startsWith('multipart/form-data')) throw fieldErrors({ files: MISSING_FILE });
    // the file plus generous room for the other parts and the multipart framing
    if (Number(ctx.req.headers['content-length'] ?? 0) > ctx.limits.fileMaxBytes + ctx.limits.httpBodyMaxBytes) {
      throw problem(413, { detail: `The file is larger than ${ctx.limits.fileMaxBytes} bytes.` });
    }
    const result = await receive(ctx, (part) => ctx.services.messages.sendFile(viewer, { conversation, file: { body: part.body, filename: part.filename }, content: part.content }));
    if (!result) throw fieldErrors({ files: MISSING_FILE });
    const file = result.message.file;
    return ok({ id: result.message.id, files: file ? ctx.fileUrl(file) : null });
  },
};

interface FilePart {
  body: Readable;
  filename: string;
  /** the `content` part: known once the whole body is parsed (it may follow the file) */
  content: Promise<string | null>;
}

/** Parses the multipart body, handing the `files` part to `send` as soon as it starts; null when there was none. */
function receive(ctx: RouteContext, send: (part: FilePart) => Promise<SendResult>): Promise<SendResult | null> {
  const { req, limits } = ctx;
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      // one byte over the limit lets the files service see (and refuse) an over-size file rather than a truncated one
      limits: { files: 1, fileSize: limits.fileMaxBytes + 1, fields: 20, fieldSize: limits.httpBodyMaxBytes, parts: 40 },
    });
  } catch (e) {
    return Promise.reject(problem(400, { detail: `Multipart form parse error - ${(e as Error).message}` }));
  }
  let content: string | null = null;
  // A client that goes away mid-upload: the parser fails the file stream, so the half-written file is removed.
  req.once('close', () => {
    if (!req.complete) parser.destroy(new Error('The request was aborted.'));
  });
  const parsed = new Promise<void>((resolve, reject) => {
    parser.on('close', resolve);
    parser.on('error', (e: Error) => {
      // the router discards the rest of the body once it has answered
      req.unpipe(parser);
      reject(problem(400, { detail: `Multipart form parse error - ${e.message}` }));
    });
  });
  return new Promise<SendResult | null>((resolve, reject) => {
    let started = false;
    parser.on('field', (name, value) => {
      if (name === 'content') content = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'files' || started) {
        stream.resume();
        return;
      }
      started = true;
      // the service reads the stream once its checks pass; a failure meanwhile must wait for it there
      stream.on('error', () => undefined);
      const text = parsed.then(() => content);
      // a service that refuses before it needs the text never awaits it: a parse failure is answered elsewhere
      text.catch(() => undefined);
      const part: FilePart = { body: stream, filename: info.filename ?? 'file', content: text };
      resolve(send(part));
    });
    // no file part: the whole body was read without one
    parsed.then(() => resolve(null), reject);
    req.pipe(parser);
  });
}
