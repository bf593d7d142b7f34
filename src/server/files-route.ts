import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { isDomainError } from '../errors.js';
import type { FilesService } from '../modules/files/files.service.js';
import { sendJson } from './respond.js';

const FILE_PATH = /^\/files\/([A-Za-z0-9_-]+)(?:\/[^/]*)?$/;

/** GET /files/<key>[/<name>]?exp=&sig= : the bytes of a stored file, for holders of a valid signed link. */
export async function handleFileDownload(files: FilesService, req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
  const match = FILE_PATH.exec(url.pathname);
  if (!match?.[1]) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendJson(res, 405, { detail: `Method "${req.method}" not allowed.` }, { allow: 'GET, HEAD' });
    return true;
  }
  try {
    const file = await files.open(match[1], url.searchParams.get('exp'), url.searchParams.get('sig'));
    res.writeHead(200, {
      'content-type': file.mimeType,
      'content-length': file.size,
      'x-content-type-options': 'nosniff',
      'content-disposition': `${file.inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      'cache-control': 'private, max-age=300',
      'content-security-policy': "default-src 'none'; sandbox",
    });
    if (req.method === 'HEAD') res.end();
    else await pipeline(files.stream(file), res).catch(ignoreClientAbort);
  } catch (e) {
    if (!isDomainError(e)) throw e;
    sendJson(res, e.code === 'NOT_FOUND' ? 404 : 403, { detail: e.message });
  }
  return true;
}

/** A client that stops a download (a cancelled image load, a closed tab) is not a server error. */
function ignoreClientAbort(e: unknown): void {
  if ((e as { code?: unknown }).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw e;
}
