import { Worker } from 'node:worker_threads';

/** A socket the generator opens. `key` is unique across the pool; `sk` (a sender's number) goes in payloads. */
export interface ConnSpec {
  key: string;
  kind: 'gqlws' | 'floor' | 'legacy';
  url: string;
  /** ours: the conversation name; floor: the conversation id */
  conversation: string;
  token?: string;
  subscription?: 'messageAdded' | 'unreadCount' | 'none';
  /** counts deliveries (loss/dup/order) */
  receive: boolean;
  /** sends during runs */
  send: boolean;
  sk: number;
  /** ours: send with the sendMessage mutation over HTTP at this URL; otherwise over this socket */
  httpUrl?: string;
  /** ours: send the sendMessage mutation over the graphql-ws socket instead of HTTP */
  mutateOverWs?: boolean;
}

export interface OpenResult {
  opened: number;
  failed: number;
  errors: string[];
  wallMs: number;
  /** hdr histogram (µs), compressed base64 */
  handshake: string;
}

export interface RunRequest {
  run: number;
  /** messages/s this worker sends (open loop) */
  rate: number;
  durationMs: number;
  startAt: number;
  mode: 'open' | 'closed';
  window?: number;
}

export interface Counters {
  sent: Record<string, number>;
  /** open loop: sends the generator skipped because 100 ms worth of messages were already unanswered */
  skipped: number;
  sendErrors: number;
  errorSamples: string[];
  stale: number;
  /** requests not yet answered, over all runs */
  inflight: number;
  /** frames with a bench payload received, over all runs */
  framesSeen: number;
  maxLagMs: number;
  serverErrors: number;
}

export interface ReceiverStats {
  key: string;
  conversation: string;
  unique: number;
  dups: number;
  /** a sender's messages arriving out of its sending order (meaningful when it sends over one socket) */
  senderOoo: number;
  /** deliveries below a seq this receiver already had (ours: from the cursor; floor: seq; legacy: n/a) */
  seqOoo: number;
  closed: boolean;
}

export interface Collected {
  counters: Counters;
  receivers: ReceiverStats[];
  latency: string;
  ackLatency: string;
}

type Request = { op: 'open'; conns: ConnSpec[]; concurrency?: number; timeoutMs?: number } | ({ op: 'run' } & RunRequest) | { op: 'collect' } | { op: 'idle' } | { op: 'close' };
type Reply = { id: number; ok: boolean; error?: string } & Record<string, unknown>;

const WORKER_URL = new URL('./load-worker.mjs', import.meta.url);

/** Load-generator threads (bench/lib/load-worker.mjs), each holding a share of the sockets. */
export class LoadPool {
  readonly #workers: Worker[];
  readonly #pending = new Map<number, { resolve(v: Reply): void; reject(e: Error): void }>();
  #seq = 0;
  /** how many senders each worker holds (its share of the offered rate) */
  readonly senders: number[];

  constructor(size: number) {
    this.#workers = Array.from({ length: size }, () => {
      const w = new Worker(WORKER_URL, { execArgv: [] });
      w.on('message', (reply: Reply) => {
        const p = this.#pending.get(reply.id);
        if (!p) return;
        this.#pending.delete(reply.id);
        if (reply.ok) p.resolve(reply);
        else p.reject(new Error(reply.error));
      });
      w.on('error', (e) => {
        for (const p of this.#pending.values()) p.reject(e);
        this.#pending.clear();
      });
      return w;
    });
    this.senders = this.#workers.map(() => 0);
  }

  get size(): number {
    return this.#workers.length;
  }

  call<T>(worker: number, req: Request): Promise<T> {
    const id = ++this.#seq;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: Reply) => void, reject });
      this.#workers[worker]!.postMessage({ id, ...req });
    });
  }

  all<T>(req: (worker: number) => Request): Promise<T[]> {
    return Promise.all(this.#workers.map((_, i) => this.call<T>(i, req(i))));
  }

  /** Spreads the connections over the workers round-robin and opens them; concurrency is per worker. */
  async open(specs: ConnSpec[], concurrency = 100, timeoutMs = 60_000): Promise<OpenResult[]> {
    const shares: ConnSpec[][] = this.#workers.map(() => []);
    specs.forEach((s, i) => shares[i % shares.length]!.push(s));
    shares.forEach((share, i) => (this.senders[i]! += share.filter((s) => s.send).length));
    return this.all<OpenResult>((i) => ({ op: 'open', conns: shares[i]!, concurrency, timeoutMs }));
  }

  async close(): Promise<void> {
    await this.all((_) => ({ op: 'close' })).catch(() => undefined);
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }
}
