import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Telemetry } from '../modules/telemetry.js';
import type { Dialect, ServerMeter } from '../server/meter.js';

const LATENCY = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * The node's metrics in Prometheus' text format (`GET /metrics`): one registry per app (no global one),
 * built by the composition root and handed to what reports into it. Names are `chat_*`, plus the Node
 * process metrics of prom-client (event-loop lag, heap, GC, handles).
 */
export class Metrics implements Telemetry, ServerMeter {
  readonly registry = new Registry();
  readonly connections = new Gauge({ name: 'chat_connections', help: 'Open WebSockets by dialect', labelNames: ['dialect'], registers: [this.registry] });
  readonly subscriptions = new Gauge({ name: 'chat_subscriptions', help: 'Live GraphQL subscriptions by transport', labelNames: ['transport'], registers: [this.registry] });
  readonly messagesStored = new Counter({ name: 'chat_messages_stored_total', help: 'Messages committed', registers: [this.registry] });
  readonly batchSize = new Histogram({
    name: 'chat_send_batch_size',
    help: 'Messages per group-commit transaction',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers: [this.registry],
  });
  readonly sendToCommit = new Histogram({ name: 'chat_send_commit_seconds', help: 'From a send taken to its commit', buckets: LATENCY, registers: [this.registry] });
  readonly commitToDelivery = new Histogram({
    name: 'chat_commit_delivery_seconds',
    help: "From a message's commit to its delivery to this node's live streams (sockets are written at once after)",
    buckets: LATENCY,
    registers: [this.registry],
  });
  readonly framesSent = new Counter({
    name: 'chat_ws_frames_sent_total',
    help: 'WebSocket frames written, by dialect (live deliveries, answers and acknowledgements)',
    labelNames: ['dialect'],
    registers: [this.registry],
  });
  readonly #framesOf = new Map<Dialect, Counter.Internal>();
  readonly limitsHit = new Counter({ name: 'chat_limits_hit_total', help: 'Refusals by a limit', labelNames: ['limit'], registers: [this.registry] });
  readonly errors = new Counter({ name: 'chat_errors_total', help: 'Errors answered to clients, by code', labelNames: ['code'], registers: [this.registry] });
  readonly operations = new Counter({
    name: 'chat_graphql_operations_total',
    help: 'GraphQL operations by type and outcome',
    labelNames: ['type', 'outcome'],
    registers: [this.registry],
  });
  readonly busUp: Gauge;

  constructor(linkUp: () => boolean) {
    collectDefaultMetrics({ register: this.registry });
    this.busUp = new Gauge({
      name: 'chat_bus_up',
      help: "1 while this node's link to the others (Redis) is up (always 1 on the in-process bus)",
      registers: [this.registry],
      collect() {
        this.set(linkUp() ? 1 : 0);
      },
    });
  }

  stored(waitedMs: number[]): void {
    this.messagesStored.inc(waitedMs.length);
    this.batchSize.observe(waitedMs.length);
    for (const ms of waitedMs) this.sendToCommit.observe(ms / 1000);
  }

  streamed(sinceCommitMs: number): void {
    this.commitToDelivery.observe(Math.max(0, sinceCommitMs) / 1000);
  }

  limited(limit: string): void {
    this.limitsHit.inc({ limit });
  }

  socketOpened(dialect: Dialect): () => void {
    const gauge = this.connections.labels(dialect);
    gauge.inc();
    let open = true;
    return () => {
      if (open) gauge.dec();
      open = false;
    };
  }

  frameSent(dialect: Dialect): void {
    let counter = this.#framesOf.get(dialect);
    // one label lookup per dialect, not per frame
    if (!counter) this.#framesOf.set(dialect, (counter = this.framesSent.labels(dialect)));
    counter.inc();
  }

  subscriptionStarted(transport: 'graphql-ws' | 'sse'): () => void {
    const gauge = this.subscriptions.labels(transport);
    gauge.inc();
    let live = true;
    return () => {
      if (live) gauge.dec();
      live = false;
    };
  }

  error(code: string): void {
    this.errors.inc({ code });
  }

  /** A GraphQL operation answered (queries and mutations) or ended (subscriptions). */
  operation(type: string, outcome: string): void {
    this.operations.inc({ type, outcome });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
