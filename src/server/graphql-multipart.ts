import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Writable } from 'node:stream';
import { processRequest } from 'graphql-upload-minimal';
import type { Limits } from '../config.js';

export type MultipartOutcome = { ok: true; body: unknown } | { ok: false; status: number; message: string };

/**
 * A GraphQL multipart request (the upload spec) parsed by graphql-upload-minimal, streaming: the
 * operations come back as soon as they are read, the file parts stream into the resolvers. A body the
 * parser refuses is an outcome with the HTTP status to answer, never a throw.
 */
export async function readGraphQLMultipart(req: IncomingMessage, res: ServerResponse, limits: Limits): Promise<MultipartOutcome> {
  handleEveryParserError(req);
  try {
    const body = await processRequest(req, res, {
      // busboy cuts (and marks truncated) a file that *reaches* its limit: one byte more lets a file of
      // exactly FILE_MAX_BYTES through, and FilesService refuses anything past it
      maxFileSize: limits.fileMaxBytes + 1,
      maxFiles: 1,
      maxFieldSize: limits.httpBodyMaxBytes,
    });
    return { ok: true, body };
  } catch (e) {
    const status = (e as { status?: unknown }).status;
    // the parser's own messages name the spec's fields; none carries a path or a stack
    return { ok: false, status: typeof status === 'number' && status >= 400 && status < 500 ? status : 400, message: (e as Error).message };
  }
}

/**
 * graphql-upload-minimal listens for its parser's first 'error' only, then destroys the parser; busboy
 * then reports the unfinished form a second time ("Unexpected end of form"), with nobody listening,
 * which ends the process. The parser is the stream the request is piped into: every error it emits
 * after the first is already answered and only needs a listener.
 */
function handleEveryParserError(req: IncomingMessage): void {
  const pipe = req.pipe.bind(req);
  req.pipe = <T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T => {
    (destination as unknown as Writable).on('error', () => undefined);
    return pipe(destination, options);
  };
}
