import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Limits } from '../../config.js';
import { bearerToken } from '../../auth/tokens.js';
import type { Services } from '../../modules/services.js';
import type { OriginOf } from '../../server/origin.js';
import type { ServerMeter } from '../../server/meter.js';
import { discardBody } from '../../server/body.js';
import { asDomainError } from '../../db/unavailable.js';
import { answerPreflight, corsHeaders, type CorsPolicy } from '../../server/cors.js';
import { sendJson } from '../../server/respond.js';
import { authRoutes } from './auth-routes.js';
import { chatRoutes } from './chat-routes.js';
import { HttpProblem, toHttpReply, type HttpReply } from './errors.js';
import { fileRoute } from './file-route.js';
import type { Route, RouteContext } from './route.js';

const ROUTES: Route[] = [...authRoutes, ...chatRoutes, fileRoute];

export interface LegacyRestDeps {
  services: Services;
  limits: Limits;
  originOf: OriginOf;
  addressOf(req: IncomingMessage): string;
  cors: CorsPolicy;
  /** counts the errors answered, by domain code */
  meter?: Pick<ServerMeter, 'error'>;
}

/** The old DRF routes: path → route → one service call → presenter; errors through the one table. */
export function createLegacyRouter(deps: LegacyRestDeps) {
  return {
    async handleRequest(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
      const matches = ROUTES.map((route) => ({ route, match: route.path.exec(url.pathname) })).filter((m) => m.match);
      if (matches.length === 0) return false;
      const cors = corsHeaders(deps.cors, req);
      const allowed = [...new Set(matches.map((m) => m.route.method)), 'OPTIONS'].join(', ');
      if (req.method === 'OPTIONS') {
        answerPreflight(deps.cors, req, res, allowed);
        return true;
      }
      const hit = matches.find((m) => m.route.method === req.method);
      if (!hit?.match) {
        sendJson(res, 405, { detail: `Method "${req.method}" not allowed.` }, { ...cors, allow: allowed });
        return true;
      }
      const origin = deps.originOf(req);
      const ctx: RouteContext = {
        req,
        url,
        origin,
        params: hit.match.slice(1).map(decodeParam),
        services: deps.services,
        limits: deps.limits,
        requestOrigin: { address: deps.addressOf(req) },
        viewer: () => deps.services.users.authenticate(bearerToken(req.headers.authorization)),
        fileUrl: (file) => origin + deps.services.files.signedPath(file),
      };
      const reply = await answer(hit.route, ctx, deps.meter);
      sendJson(res, reply.status, reply.body, { ...cors, ...reply.headers });
      // Refused before the whole body was read (a 413 upload, a 401): the rest is read and dropped, so
      // the client, still sending, reads this answer rather than a broken pipe.
      discardBody(req, deps.limits.fileMaxBytes + deps.limits.httpBodyMaxBytes);
      return true;
    },
  };
}

async function answer(route: Route, ctx: RouteContext, meter: LegacyRestDeps['meter']): Promise<HttpReply> {
  try {
    return await route.handle(ctx);
  } catch (e) {
    if (e instanceof HttpProblem) {
      meter?.error('BAD_USER_INPUT');
      return e.reply;
    }
    const known = asDomainError(e);
    meter?.error(known?.code ?? 'INTERNAL_SERVER_ERROR');
    if (known) return toHttpReply(known, route.errors);
    throw e; // masked and logged by the HTTP server
  }
}

function decodeParam(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}
