import {
  TypeInfo,
  createSourceEventStream,
  execute,
  getOperationAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLError,
  type GraphQLSchema,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { directFeedOf, type DirectFeed } from '../realtime/feed.js';
import { sharedLiveOf, type SharedLive } from '../realtime/shared-live.js';
import type { GraphQLContext } from '../schema/context.js';

/**
 * Shared rendering of subscription events (see docs/decisions/009).
 *
 * Stock graphql-ws + graphql-js executes the subscription document once per subscriber per event and
 * serializes each result separately. Here, for root fields whose events are one shared object per
 * published event, the result is executed and serialized once per distinct
 * (document, operation, variables, origin[, viewer]) and the same JSON is framed for every socket.
 * The viewer is part of that key whenever the selection touches a field marked
 * `extensions.viewerDependent`, so one viewer's data is never shown to another.
 */

/**
 * Root subscription fields the fan-out serves. messageAdded and notifications yield one shared object per
 * published event (rendered once per key); the others yield an object per subscriber (rendered for that
 * subscriber only: the cache is per object) and are here to skip the per-subscriber iterator chain.
 */
const SHARED_ROOT_FIELDS = new Set(['messageAdded', 'notifications', 'unreadCount', 'typing', 'presence', 'readReceipts']);

export interface FanoutTarget {
  /** Sends `{"id":…,"type":"next","payload":<payload>}` for this subscription; `payload` is JSON bytes, shared by every target. */
  sendNext(payload: Buffer): void;
}

interface Group {
  targets: Set<FanoutTarget>;
  detach: () => void;
  /** the chain of renders and sends, in delivery order */
  sending: Promise<void>;
}

/** Turns an execution error into what the client may see (the same masking as Yoga's). */
export type MaskError = (error: GraphQLError) => GraphQLError;

export class SubscriptionFanout {
  /** payload object → render key → its serialized ExecutionResult */
  readonly #rendered = new WeakMap<object, Map<string, Promise<Buffer>>>();
  /** document → whether its selection depends on the viewer */
  readonly #viewerDependent = new WeakMap<DocumentNode, boolean>();
  readonly #documentIds = new WeakMap<DocumentNode, number>();
  /** document → operation name → compiled (null: graphql-jit could not compile it) */
  readonly #compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | null>>();
  #lastDocumentId = 0;

  /** live-only streams served by one listener each: (stream key | render key) → sockets */
  readonly #groups = new Map<string, Group>();

  constructor(
    private readonly maskError: MaskError,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Whether this operation can take the shared path (a subscription on one shared root field). */
  accepts(args: ExecutionArgs): boolean {
    const operation = getOperationAST(args.document, args.operationName);
    if (operation?.operation !== 'subscription') return false;
    const [root, ...rest] = operation.selectionSet.selections;
    return rest.length === 0 && root?.kind === 'Field' && !root.alias && SHARED_ROOT_FIELDS.has(root.name.value);
  }

  /**
   * Subscribes like graphql-js, but renders each event through the shared cache and sends it straight
   * to `target`. The returned iterable yields nothing: it ends when the source ends, and `return()`
   * (the client's `complete`) stops the source. Null when the source could not be created (policy
   * errors): the caller then takes the ordinary path, which reports them.
   */
  async subscribe(args: ExecutionArgs, target: FanoutTarget): Promise<AsyncIterable<ExecutionResult> | null> {
    const source = await createSourceEventStream(args);
    if (!isAsyncIterable(source)) return null;
    const key = await this.renderKey(args);
    const live = sharedLiveOf(source);
    if (live) {
      // A live-only stream: this subscriber joins the one listener that serves everyone with the same
      // stream and render key; its own (never started) iterator is dropped.
      await source[Symbol.asyncIterator]().return?.();
      return this.join(live, key, args, target);
    }
    const direct = directFeedOf(source);
    // events are rendered with their own root value: the transport's (Yoga's execute/subscribe) is not kept
    if (direct) return this.attach(direct, key, { ...args, rootValue: undefined }, target);
    const iterator = source[Symbol.asyncIterator]();
    let stopped = false;
    const pump = (async () => {
      for (;;) {
        const next = await iterator.next();
        if (next.done || stopped) return;
        const bytes = await this.render(next.value, key, () => this.execute({ ...args, rootValue: next.value }));
        if (!stopped) target.sendNext(bytes);
      }
    })();
    const finished = { done: true, value: undefined } as const;
    // graphql-ws calls return() on what subscribe() returned, so it is its own iterator.
    const stream: AsyncIterableIterator<ExecutionResult> = {
      next: () => pump.then(() => finished),
      return: async () => {
        stopped = true;
        await iterator.return?.();
        return finished;
      },
      [Symbol.asyncIterator]: () => stream,
    };
    return stream;
  }

  /**
   * A stream that delivers by callback: rendered and sent as each item comes, with no iterator, pump or
   * queue held per subscriber (what an idle connection costs, issue 5).
   */
  private attach(feed: DirectFeed<unknown>, key: string, args: ExecutionArgs, target: FanoutTarget): AsyncIterableIterator<ExecutionResult> {
    let stopped = false;
    let sending = Promise.resolve();
    let settle: (result: IteratorResult<ExecutionResult>) => void = () => undefined;
    let fail: (error: unknown) => void = () => undefined;
    const ended = new Promise<IteratorResult<ExecutionResult>>((resolve, reject) => {
      settle = resolve;
      fail = reject;
    });
    const finished = { done: true, value: undefined } as const;
    const detach = feed.attach(
      (item) => {
        sending = sending
          .then(() => this.render(item, key, () => this.execute({ ...args, rootValue: item })))
          .then((bytes) => {
            if (!stopped) target.sendNext(bytes);
          })
          .catch((err: unknown) => this.onError(err));
      },
      (error) => {
        stopped = true;
        fail(error);
      },
    );
    const stream: AsyncIterableIterator<ExecutionResult> = {
      next: () => ended,
      return: async () => {
        stopped = true;
        detach();
        settle(finished);
        return finished;
      },
      [Symbol.asyncIterator]: () => stream,
    };
    return stream;
  }

  /** Adds a subscriber to the group of (stream, render key), creating the group's single listener. */
  private join(live: SharedLive<unknown>, key: string, args: ExecutionArgs, target: FanoutTarget): AsyncIterableIterator<ExecutionResult> {
    const groupKey = `${live.key}|${key}`;
    let group = this.#groups.get(groupKey);
    if (!group) {
      const created: Group = { targets: new Set(), detach: () => undefined, sending: Promise.resolve() };
      // Renders run one after another so every socket gets the events in the order they were delivered.
      created.detach = live.attach((item) => {
        created.sending = created.sending
          .then(() => this.render(item, key, () => this.execute({ ...args, rootValue: item })))
          .then((bytes) => {
            for (const t of created.targets) t.sendNext(bytes);
          })
          .catch((err: unknown) => this.onError(err));
      });
      this.#groups.set(groupKey, (group = created));
    }
    const joined = group;
    joined.targets.add(target);
    let release: () => void = () => undefined;
    const ended = new Promise<void>((resolve) => (release = resolve));
    const finished = { done: true, value: undefined } as const;
    const stream: AsyncIterableIterator<ExecutionResult> = {
      next: () => ended.then(() => finished),
      return: async () => {
        joined.targets.delete(target);
        if (joined.targets.size === 0 && this.#groups.get(groupKey) === joined) {
          this.#groups.delete(groupKey);
          joined.detach();
        }
        release();
        return finished;
      },
      [Symbol.asyncIterator]: () => stream,
    };
    return stream;
  }

  /**
   * One event through the subscription's selection, as graphql-js maps source events, but compiled once
   * per document (graphql-jit, as queries and mutations are); graphql-js if it cannot compile.
   */
  private async execute(args: ExecutionArgs): Promise<ExecutionResult> {
    const compiled = this.compiled(args);
    const result = compiled ? await compiled.query(args.rootValue, args.contextValue, args.variableValues ?? {}) : await execute(args);
    return result.errors ? { ...result, errors: result.errors.map((e) => this.maskError(e)) } : result;
  }

  private compiled(args: ExecutionArgs): CompiledQuery | null {
    let byOperation = this.#compiled.get(args.document);
    if (!byOperation) this.#compiled.set(args.document, (byOperation = new Map()));
    const operation = args.operationName ?? '';
    let known = byOperation.get(operation);
    if (known === undefined) {
      const result = compileQuery(args.schema, args.document, args.operationName ?? undefined);
      byOperation.set(operation, (known = isCompiledQuery(result) ? result : null));
    }
    return known;
  }

  private render(payload: unknown, key: string, run: () => unknown): Promise<Buffer> {
    const serialize = () => Promise.resolve(run()).then((r) => Buffer.from(JSON.stringify(r)));
    if (typeof payload !== 'object' || payload === null) return serialize();
    let byKey = this.#rendered.get(payload);
    if (!byKey) this.#rendered.set(payload, (byKey = new Map()));
    let bytes = byKey.get(key);
    if (!bytes) byKey.set(key, (bytes = serialize()));
    return bytes;
  }

  private async renderKey(args: ExecutionArgs): Promise<string> {
    const ctx = args.contextValue as GraphQLContext;
    const viewer = this.dependsOnViewer(args.schema, args.document) ? `viewer:${(await ctx.viewer()).id}` : 'any';
    // The document object is Yoga's parse-cache entry: identical query texts share it.
    return `${this.documentId(args.document)}|${args.operationName ?? ''}|${JSON.stringify(args.variableValues ?? {})}|${ctx.origin}|${viewer}`;
  }

  private documentId(document: DocumentNode): number {
    let id = this.#documentIds.get(document);
    if (id === undefined) this.#documentIds.set(document, (id = ++this.#lastDocumentId));
    return id;
  }

  private dependsOnViewer(schema: GraphQLSchema, document: DocumentNode): boolean {
    let known = this.#viewerDependent.get(document);
    if (known === undefined) {
      known = false;
      const typeInfo = new TypeInfo(schema);
      visit(
        document,
        visitWithTypeInfo(typeInfo, {
          Field() {
            if (typeInfo.getFieldDef()?.extensions?.viewerDependent === true) known = true;
          },
        }),
      );
      this.#viewerDependent.set(document, known);
    }
    return known;
  }
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
