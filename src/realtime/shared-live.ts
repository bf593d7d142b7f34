/**
 * A live-only event stream that any number of subscribers can share: the stream's owner attaches ONE
 * listener (`attach`) that delivers each event, in order, to a callback; `key` names the stream (two
 * descriptors with the same key deliver the same events). A source iterator carrying one under
 * SHARED_LIVE lets the GraphQL fan-out serve all its subscribers from a single listener instead of one
 * iterator each (docs/decisions/009).
 */
export const SHARED_LIVE = Symbol('shared live stream');

export interface SharedLive<T> {
  key: string;
  attach(deliver: (item: T) => void): () => void;
}

export function withSharedLive<I extends object, T>(iterable: I, shared: SharedLive<T>): I {
  return Object.assign(iterable, { [SHARED_LIVE]: shared });
}

export function sharedLiveOf(value: unknown): SharedLive<unknown> | undefined {
  return typeof value === 'object' && value !== null && SHARED_LIVE in value ? (value as { [SHARED_LIVE]: SharedLive<unknown> })[SHARED_LIVE] : undefined;
}
