import type { IncomingMessage } from 'node:http';
import type { Limits } from '../../config.js';
import { badInput } from '../../errors.js';
import type { Services } from '../../modules/services.js';
import type { Viewer } from '../../modules/types.js';
import type { RequestOrigin } from '../../modules/users/users.service.js';
import type { FileUrl } from '../presenters.js';
import type { ErrorOverrides, HttpReply } from './errors.js';

/** What a legacy route handler gets: the request, decoded path parameters and the services. */
export interface RouteContext {
  req: IncomingMessage;
  url: URL;
  /** scheme://host for absolute links */
  origin: string;
  /** decoded path parameters; null when not valid percent-encoding */
  params: (string | null)[];
  services: Services;
  limits: Limits;
  /** where the request comes from, for per-address limits */
  requestOrigin: RequestOrigin;
  /** the Bearer token's user; throws UNAUTHENTICATED */
  viewer(): Promise<Viewer>;
  fileUrl: FileUrl;
}

export interface Route {
  method: 'GET' | 'POST';
  /** matched against the path; trailing slash optional is written into each pattern */
  path: RegExp;
  handle(ctx: RouteContext): Promise<HttpReply>;
  /** where this route's old answer to an error differs from the table */
  errors?: ErrorOverrides;
}

/** A room name from the path (`<name>` in /conversations/<name>/ ...). */
export function roomParam(ctx: RouteContext, index = 0): string {
  const name = ctx.params[index];
  if (!name) throw badInput('Malformed conversation name: use usernames or user ids joined by "_".', 'conversation', 'invalid_room_name');
  return name;
}

export const ok = (body: unknown, status = 200): HttpReply => ({ status, body });
