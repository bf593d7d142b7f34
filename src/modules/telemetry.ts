/**
 * What the domain reports about its own work, for metrics (src/observability/metrics.ts implements it;
 * tests and tools pass nothing). Plain calls: the domain knows no metrics library.
 */
export interface Telemetry {
  /** a batch committed: its size, and how long each of its sends waited from taken to committed (ms) */
  stored(waitedMs: number[]): void;
  /** a message reached this node's live streams, this long after its commit (ms) */
  streamed(sinceCommitMs: number): void;
}

export const noTelemetry: Telemetry = { stored: () => undefined, streamed: () => undefined };
