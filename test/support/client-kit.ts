import { createChatClient, type ChatClient, type ChatClientOptions } from '@chat-backend/client';
import WebSocket from 'ws';
import type { TestUser } from './graphql.js';
import type { Endpoint } from './server.js';

/**
 * A @chat-backend/client ChatClient for a test user, on Node (the `ws` WebSocket): quick reconnects
 * and liveness checks, so a test waits seconds, not the browser defaults.
 */
export function chatClientFor(server: Endpoint, user: Pick<TestUser, 'access' | 'refresh'> | null, options: Partial<ChatClientOptions> = {}): ChatClient {
  return createChatClient({
    url: `${server.url}/graphql`,
    webSocketImpl: WebSocket,
    tokens: user ? { access: user.access, refresh: user.refresh } : null,
    reconnect: { baseMs: 100, maxMs: 1000 },
    keepAlive: { intervalMs: 2000, timeoutMs: 2000 },
    outbox: { retry: { baseMs: 100, maxMs: 1000 }, timeoutMs: 5000 },
    ...options,
  });
}

/** Values pushed by a callback, awaited until a condition holds (bounded). */
export class Collected<T> {
  readonly items: T[] = [];
  readonly errors: unknown[] = [];
  #waiters = new Set<() => void>();

  push = (item: T): void => {
    this.items.push(item);
    for (const w of this.#waiters) w();
  };

  fail = (error: unknown): void => {
    this.errors.push(error);
    for (const w of this.#waiters) w();
  };

  /** Resolves once `done(items)` holds; fails after `timeoutMs` or on an error, with what it has. */
  async until(done: (items: T[]) => boolean, timeoutMs = 15_000, what = 'items'): Promise<T[]> {
    const deadline = Date.now() + timeoutMs;
    while (!done(this.items)) {
      if (this.errors.length > 0) throw new Error(`error while waiting for ${what}: ${describe(this.errors[0])}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; have ${this.items.length}: ${JSON.stringify(this.items).slice(0, 500)}`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.#waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.#waiters.add(wake);
      });
    }
    return this.items;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}

/** A `ws` WebSocket class that records every frame the client sends (to check what a re-subscribe carried). */
export function recordingWebSocket(frames: string[]): typeof WebSocket {
  return class RecordingWebSocket extends WebSocket {
    override send(data: unknown, ...rest: unknown[]): void {
      frames.push(String(data));
      (super.send as (...args: unknown[]) => void)(data, ...rest);
    }
  };
}

/** The `variables` of every subscribe frame among `frames`, in order. */
export function subscribeVariables(frames: string[]): Record<string, unknown>[] {
  return frames
    .map((f) => JSON.parse(f) as { type?: string; payload?: { variables?: Record<string, unknown> } })
    .filter((m) => m.type === 'subscribe')
    .map((m) => m.payload?.variables ?? {});
}
