import { backoffDelay, sleep, type BackoffOptions } from './backoff.js';
import { GraphQLRequestError, HttpStatusError, NetworkError, SessionEndedError, codesOf } from './errors.js';
import { randomId } from './ids.js';

/** A send the outbox holds until the server has stored it. */
export interface OutboxEntry<TMessage> {
  clientId: string;
  conversation: string;
  content: string;
  file: Blob | null;
  /** queued: behind an earlier send of its conversation; waiting: between retries */
  state: 'queued' | 'sending' | 'waiting' | 'sent' | 'failed';
  attempts: number;
  /** the last failure (retried unless state is failed) */
  error: Error | null;
  message: TMessage | null;
}

export interface OutboxOptions {
  /** timing of retries: capped exponential backoff with jitter; default 500 ms doubling to 10 s */
  retry?: BackoffOptions;
  /** attempts per send before it fails; default unbounded (a chat keeps trying until it is back online) */
  maxAttempts?: number;
  /** per attempt: no answer within this long counts as a lost answer; default 15 s (files: 120 s) */
  timeoutMs?: number;
  fileTimeoutMs?: number;
}

/** Sends one entry (with its clientId) once; the outbox decides about retries. */
export type OutboxTransport<TMessage> = (entry: OutboxEntry<TMessage>, timeoutMs: number) => Promise<TMessage>;

/** GraphQL codes a retry with the same clientId can cure (the server stores a clientId once). */
const RETRIABLE_CODES = new Set(['INTERNAL_SERVER_ERROR', 'RATE_LIMITED', 'SERVICE_UNAVAILABLE']);

/** Whether a failed attempt should be tried again with the same clientId, and after how long at least. */
export function retriable(error: unknown): { retry: boolean; afterMs: number } {
  if (error instanceof NetworkError) return { retry: true, afterMs: 0 };
  if (error instanceof HttpStatusError) {
    const transient = error.status >= 500 || error.status === 429 || error.status === 408;
    return { retry: transient, afterMs: error.retryAfterMs ?? 0 };
  }
  if (error instanceof GraphQLRequestError) {
    const codes = codesOf(error.errors);
    const transient = codes.length > 0 && codes.every((c) => RETRIABLE_CODES.has(c));
    const hint = error.errors[0]?.extensions?.retryAfterSeconds;
    return { retry: transient || (error.status !== undefined && error.status >= 500 && codes.every((c) => c === '')), afterMs: typeof hint === 'number' ? hint * 1000 : 0 };
  }
  return { retry: false, afterMs: 0 };
}

/**
 * Sends with a client-generated clientId, retried with the same clientId after a lost answer, a
 * network error, a 5xx/503 or a retriable GraphQL error, until the server stores it or refuses it
 * (ADR 031). The server answers a repeated clientId with the first message, so nothing is doubled.
 * Sends of one conversation go one at a time, in the order they were made.
 */
export class Outbox<TMessage> {
  readonly #entries = new Map<string, OutboxEntry<TMessage>>();
  readonly #tails = new Map<string, Promise<unknown>>();
  readonly #listeners = new Set<(entries: OutboxEntry<TMessage>[]) => void>();
  #wakeUp: () => void = () => {};
  #wakeSignal = new Promise<void>((resolve) => (this.#wakeUp = resolve));

  constructor(
    private readonly transport: OutboxTransport<TMessage>,
    private readonly options: OutboxOptions = {},
  ) {}

  /** A text message. Resolves with the stored message; rejects when the server refuses it. */
  send(input: { conversation: string; content: string; clientId?: string }): Promise<TMessage> {
    return this.#enqueue({ ...input, file: null });
  }

  /** A file message (GraphQL multipart request), with optional text. */
  sendFile(input: { conversation: string; file: Blob; content?: string; clientId?: string }): Promise<TMessage> {
    return this.#enqueue({ conversation: input.conversation, content: input.content ?? '', file: input.file, clientId: input.clientId });
  }

  /** Sends not yet stored, and failed ones (until discarded), in the order they were made. */
  entries(): OutboxEntry<TMessage>[] {
    return [...this.#entries.values()].map((e) => ({ ...e }));
  }

  /** Called with entries() on every change. */
  subscribe(listener: (entries: OutboxEntry<TMessage>[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Forgets a failed entry. */
  discard(clientId: string): void {
    const entry = this.#entries.get(clientId);
    if (entry?.state === 'failed') {
      this.#entries.delete(clientId);
      this.#emit();
    }
  }

  /** Retries waiting sends now (the network is back). */
  wake(): void {
    this.#wakeUp();
    this.#wakeSignal = new Promise<void>((resolve) => (this.#wakeUp = resolve));
  }

  #enqueue(input: { conversation: string; content: string; file: Blob | null; clientId?: string | undefined }): Promise<TMessage> {
    const entry: OutboxEntry<TMessage> = {
      clientId: input.clientId ?? randomId(),
      conversation: input.conversation,
      content: input.content,
      file: input.file,
      state: 'queued',
      attempts: 0,
      error: null,
      message: null,
    };
    this.#entries.set(entry.clientId, entry);
    this.#emit();
    const previous = this.#tails.get(entry.conversation) ?? Promise.resolve();
    const run = previous.then(() => this.#deliver(entry));
    const tail = run.catch(() => {});
    this.#tails.set(entry.conversation, tail);
    void tail.then(() => {
      if (this.#tails.get(entry.conversation) === tail) this.#tails.delete(entry.conversation);
    });
    return run;
  }

  async #deliver(entry: OutboxEntry<TMessage>): Promise<TMessage> {
    const retry = this.options.retry ?? { baseMs: 500, maxMs: 10_000 };
    const maxAttempts = this.options.maxAttempts ?? Number.POSITIVE_INFINITY;
    const timeoutMs = entry.file ? (this.options.fileTimeoutMs ?? 120_000) : (this.options.timeoutMs ?? 15_000);
    for (;;) {
      entry.state = 'sending';
      entry.attempts += 1;
      this.#emit();
      try {
        const message = await this.transport(entry, timeoutMs);
        entry.state = 'sent';
        entry.message = message;
        entry.error = null;
        this.#entries.delete(entry.clientId);
        this.#emit();
        return message;
      } catch (e) {
        const error = e instanceof Error ? e : new Error(String(e));
        entry.error = error;
        const verdict = error instanceof SessionEndedError ? { retry: false, afterMs: 0 } : retriable(error);
        if (!verdict.retry || entry.attempts >= maxAttempts) {
          entry.state = 'failed';
          this.#emit();
          throw error;
        }
        entry.state = 'waiting';
        this.#emit();
        await sleep(Math.max(verdict.afterMs, backoffDelay(entry.attempts - 1, retry)), this.#wakeSignal);
      }
    }
  }

  #emit(): void {
    if (this.#listeners.size === 0) return;
    const snapshot = this.entries();
    for (const listener of this.#listeners) listener(snapshot);
  }
}
