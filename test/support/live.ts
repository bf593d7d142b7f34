import type { GraphQLResponse, Subscription } from './graphql.js';

/**
 * graphql-ws never tells a client when the server has attached a subscription, and streams without a
 * replay (typing, readReceipts, notifications) drop what was published before that. So a test fires
 * `probe(attempt)` (a mutation; its response means the event was published) until the subscription
 * yields an event. Every probe after the first one heard was published while listening, so it will be
 * heard too: the caller drains up to the last probe with `skipUntil` before asserting exact sequences.
 * Returns how many probes were fired.
 */
export async function untilListening<T>(
  sub: Subscription<T>,
  probe: (attempt: number) => Promise<unknown>,
  { interval = 300, timeout = 10_000 } = {},
): Promise<number> {
  const deadline = Date.now() + timeout;
  for (let attempt = 1; ; attempt += 1) {
    await probe(attempt);
    if (!(await sub.quiet(interval))) return attempt;
    if (Date.now() > deadline) throw new Error(`subscription heard none of ${attempt} probes within ${timeout} ms`);
  }
}

/** Reads events until one matches; fails if it does not come within `timeoutMs` per event. */
export async function skipUntil<T>(
  sub: Subscription<T>,
  matches: (data: T) => boolean,
  timeoutMs = 5000,
): Promise<T> {
  for (;;) {
    const event = await sub.next(timeoutMs);
    const data = dataOf(event);
    if (matches(data)) return data;
  }
}

/** The data of an event, failing on errors (so a refused subscription is never read as silence). */
export function dataOf<T>(event: GraphQLResponse<T>): T {
  if (event.errors?.length || !event.data) throw new Error(`subscription error: ${JSON.stringify(event.errors)}`);
  return event.data;
}
