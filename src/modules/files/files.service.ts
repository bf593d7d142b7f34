import { createHmac, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromFile } from 'file-type';
import type { Limits } from '../../config.js';
import type { MessageStore } from '../messages/message-store.js';
import { DomainError, badInput } from '../../errors.js';
import type { StoredFile } from '../types.js';

/** Types refused whatever the client calls them: executables and scripts a browser or OS would run. */
const BLOCKED_MIME_TYPES = new Set([
  'application/x-elf',
  'application/x-msdownload',
  'application/x-mach-binary',
  'application/x-sharedlib',
  'application/vnd.microsoft.portable-executable',
  'application/x-executable',
  'application/wasm',
]);

/** Types a browser may show inline; everything else downloads as an attachment. */
const INLINE_MIME_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif']);

const KEY = /^[A-Za-z0-9_-]{32}$/;

export interface Download {
  path: string;
  size: number;
  name: string;
  mimeType: string;
  inline: boolean;
}

/**
 * File storage under DATA_DIR/files with generated names, type detection by content, and HMAC-signed,
 * expiring download paths. The signature covers the key and the expiry: a link is a capability handed
 * only to participants (in the messages they can read), short-lived so a leaked one stops working.
 */
export class FilesService {
  readonly #dir: string;

  constructor(
    /** a file's metadata is its message's: read through the messages module's store */
    private readonly messages: Pick<MessageStore, 'byFileKey'>,
    dataDir: string,
    private readonly secret: KeyObject,
    private readonly limits: Limits,
  ) {
    this.#dir = join(dataDir, 'files');
    mkdirSync(this.#dir, { recursive: true });
  }

  /**
   * Streams an upload to disk; refuses it (and leaves nothing behind) when too large (past FILE_MAX_BYTES,
   * or cut short by the parser: `body.truncated`), empty, or of a blocked type.
   */
  async store(body: Readable, originalName: string): Promise<StoredFile> {
    const key = randomBytes(24).toString('base64url');
    const path = join(this.#dir, key);
    let size = 0;
    const max = this.limits.fileMaxBytes;
    try {
      await pipeline(
        body,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            size += chunk.length;
            if (size > max) throw tooLarge(max);
            yield chunk;
          }
        },
        createWriteStream(path, { flags: 'wx', mode: 0o600 }),
      );
      // A multipart parser (busboy, under graphql-upload-minimal and the legacy routes) that stops a file
      // at its own size limit ends the stream normally and only marks it truncated: the bytes are incomplete.
      if ((body as { truncated?: unknown }).truncated === true) throw tooLarge(max);
      if (size === 0) throw badInput('The file is empty.', 'file', 'empty_file');
      const mimeType = (await fileTypeFromFile(path))?.mime ?? (await looksLikeText(path) ? 'text/plain' : 'application/octet-stream');
      if (BLOCKED_MIME_TYPES.has(mimeType)) throw badInput(`Files of type ${mimeType} are not accepted.`, 'file', 'file_type_not_allowed');
      return { key, name: cleanName(originalName), size, mimeType };
    } catch (e) {
      await rm(path, { force: true });
      // The multipart parser stops a file at FILE_MAX_BYTES with an HTTP 413 error of its own.
      if ((e as { status?: unknown }).status === 413) throw tooLarge(max);
      throw e;
    }
  }

  async remove(key: string): Promise<void> {
    if (KEY.test(key)) await rm(join(this.#dir, key), { force: true });
  }

  /** `/files/<key>/<name>?exp=…&sig=…`; the expiry is rounded so a file's URL stays the same (cacheable) for a while. */
  signedPath(file: StoredFile, now = Date.now()): string {
    const ttl = this.limits.fileUrlTtlSeconds;
    const bucket = Math.max(1, Math.floor(ttl / 2));
    const exp = (Math.floor(now / 1000 / bucket) + 1) * bucket + ttl - bucket;
    return `/files/${file.key}/${encodeURIComponent(file.name)}?exp=${exp}&sig=${this.sign(file.key, exp)}`;
  }

  /** Checks a download's signature and expiry; returns where the bytes are. */
  async open(key: string, exp: string | null, sig: string | null, now = Date.now()): Promise<Download> {
    const expiry = Number(exp);
    if (!KEY.test(key) || !sig || !Number.isInteger(expiry)) throw new DomainError('FORBIDDEN', 'Invalid file link.');
    const expected = Buffer.from(this.sign(key, expiry));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new DomainError('FORBIDDEN', 'Invalid file link.');
    if (expiry * 1000 < now) throw new DomainError('FORBIDDEN', 'This file link has expired.');
    const row = await this.messages.byFileKey(key);
    const path = join(this.#dir, key);
    const info = row ? await stat(path).catch(() => null) : null;
    if (!row || !info) throw new DomainError('NOT_FOUND', 'File not found.');
    const mimeType = row.fileMime ?? 'application/octet-stream';
    return { path, size: info.size, name: row.fileName ?? 'file', mimeType, inline: INLINE_MIME_TYPES.has(mimeType) };
  }

  stream(download: Download): Readable {
    return createReadStream(download.path);
  }

  private sign(key: string, exp: number): string {
    return createHmac('sha256', this.secret).update(`file:${key}:${exp}`).digest('base64url');
  }
}

const tooLarge = (max: number) =>
  new DomainError('PAYLOAD_TOO_LARGE', `The file is larger than ${max} bytes.`, { field: 'file', reason: 'file_too_large' });

/** Keeps the last path segment, drops control characters, caps the length; never used as a path. */
export function cleanName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = (name.split(/[\\/]/).at(-1) ?? '').replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (base || 'file').slice(0, 255);
}

async function looksLikeText(path: string): Promise<boolean> {
  const chunks: Buffer[] = [];
  for await (const c of createReadStream(path, { start: 0, end: 4095 })) chunks.push(c as Buffer);
  const head = Buffer.concat(chunks);
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}
