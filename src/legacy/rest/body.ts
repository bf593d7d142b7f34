import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { readBody } from '../../server/body.js';
import { fieldErrors, problem } from './errors.js';

/**
 * Request bodies as DRF parses them: JSON, urlencoded form or multipart form (fields only), at most
 * `maxBytes`. Returns the top-level fields.
 */
export async function readFields(req: IncomingMessage, maxBytes: number): Promise<Record<string, unknown>> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) throw tooLarge(maxBytes);
  if (type === 'multipart/form-data') return readMultipartFields(req, maxBytes);
  const raw = await readRaw(req, maxBytes);
  if (raw.length === 0) return {};
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
  if (type !== 'application/json' && type !== '') throw problem(415, { detail: `Unsupported media type "${type}" in request.` });
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch (e) {
    throw problem(400, { detail: `JSON parse error - ${(e as Error).message}` });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw problem(400, { non_field_errors: [`Invalid data. Expected a dictionary, but got ${Array.isArray(value) ? 'list' : typeof value}.`] });
  }
  return value as Record<string, unknown>;
}

/** The named fields as strings, or DRF's 400 listing every missing/blank/non-string one. */
export function requireStrings<K extends string>(fields: Record<string, unknown>, names: readonly K[]): Record<K, string> {
  const errors: Record<string, string> = {};
  const out: Partial<Record<K, string>> = {};
  for (const name of names) {
    const v = fields[name];
    if (v === undefined || v === null) errors[name] = 'This field is required.';
    else if (typeof v !== 'string' && typeof v !== 'number') errors[name] = 'Not a valid string.';
    else if (String(v) === '') errors[name] = 'This field may not be blank.';
    else out[name] = String(v);
  }
  if (Object.keys(errors).length > 0) throw fieldErrors(errors);
  return out as Record<K, string>;
}

export const tooLarge = (max: number) => problem(413, { detail: `Request body is larger than ${max} bytes.` });

async function readRaw(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const body = await readBody(req, maxBytes);
  if (body === null) throw tooLarge(maxBytes);
  return body;
}

function readMultipartFields(req: IncomingMessage, maxBytes: number): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, unknown> = {};
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fieldSize: maxBytes, files: 0 } });
    } catch (e) {
      reject(problem(400, { detail: `Multipart form parse error - ${(e as Error).message}` }));
      return;
    }
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (_name, stream) => stream.resume());
    parser.on('close', () => resolve(fields));
    parser.on('error', (e: Error) => {
      // the router discards the rest of the body once it has answered
      req.unpipe(parser);
      reject(problem(400, { detail: `Multipart form parse error - ${e.message}` }));
    });
    req.once('close', () => {
      if (!req.complete) parser.destroy(new Error('The request was aborted.'));
    });
    req.pipe(parser);
  });
}
