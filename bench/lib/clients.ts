import WebSocket from 'ws';
import type { ConnSpec } from './pool.js';
import type { Seeded, SeedConversation, SeedUser } from './seed.js';
import type { ServerHandle } from './servers.js';

/**
 * How the generator talks to a server: our GraphQL (graphql-ws subscriptions, sendMessage over HTTP as
 * urql/Apollo send mutations by default), our GraphQL with the mutation over the same graphql-ws socket
 * (`graphql-ws`: what those clients do when every operation goes to the socket), our legacy WS, the floor.
 */
export type Path = 'graphql' | 'graphql-ws' | 'legacy' | 'floor';

export interface SpecOptions {
  /** which members send (default: all) */
  sends?: (conv: SeedConversation, member: SeedUser, index: number) => boolean;
  /** which members hold a socket (default: all) */
  connects?: (conv: SeedConversation, member: SeedUser, index: number) => boolean;
  subscription?: 'messageAdded' | 'unreadCount' | 'none';
}

let nextSk = 0;

/** One socket per member per conversation, speaking the path's dialect. */
export function connSpecs(path: Path, server: ServerHandle, seeded: Seeded, opts: SpecOptions = {}): ConnSpec[] {
  const specs: ConnSpec[] = [];
  seeded.conversations.forEach((conv, ci) => {
    conv.members.forEach((m, mi) => {
      if (opts.connects && !opts.connects(conv, m, mi)) return;
      const send = opts.sends ? opts.sends(conv, m, mi) : true;
      const base = { key: `${path}:${ci}:${m.id}`, receive: true, send, sk: nextSk++ };
      if (path === 'graphql' || path === 'graphql-ws') {
        specs.push({
          ...base,
          kind: 'gqlws',
          url: `${server.wsUrl}/graphql`,
          conversation: conv.name,
          token: m.token,
          subscription: opts.subscription ?? 'messageAdded',
          ...(send && path === 'graphql' ? { httpUrl: `${server.url}/graphql` } : {}),
          ...(send && path === 'graphql-ws' ? { mutateOverWs: true } : {}),
        });
      } else if (path === 'legacy') {
        specs.push({ ...base, kind: 'legacy', url: `${server.wsUrl}/ws/chat/${conv.name}/?token=${m.token}`, conversation: conv.name });
      } else {
        specs.push({ ...base, kind: 'floor', url: `${server.wsUrl}/ws?user=${m.id}&rooms=${conv.id}`, conversation: conv.id });
      }
    });
  });
  return specs;
}

/** Whether our server speaks the legacy chat socket yet (src/legacy is being written alongside). */
export function legacyAvailable(server: ServerHandle, conv: SeedConversation): Promise<boolean> {
  const member = conv.members[0]!;
  return new Promise((resolve) => {
    const ws = new WebSocket(`${server.wsUrl}/ws/chat/${conv.name}/?token=${member.token}`);
    const done = (ok: boolean) => {
      clearTimeout(timer);
      ws.terminate();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 5000);
    ws.on('message', (data) => {
      if (String(data).includes('last_50_messages')) done(true);
    });
    ws.on('unexpected-response', () => done(false));
    ws.on('error', () => done(false));
    ws.on('close', () => done(false));
  });
}
