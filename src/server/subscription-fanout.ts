import {
  GraphQLError,
  TypeInfo,
  createSourceEventStream,
  execute,
  getOperationAST,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { backlogExceeded, isFeed } from '../realtime/feed.js';
import type { GraphQLContext } from '../schema/context.js';

/**
 * Subscription events rendered once and shared (docs/decisions/009).
 *
 * Every subscription field returns a Feed (src/realtime/feed.ts) whose items are shared objects: the
 * same object for every subscriber of the same event. Here each event is executed and serialized once
 * per render key = (document, operation, variables, origin, and the viewer unless EVERY selected field
 * is declared shareable where it is defined: `extensions: { shareable: true }` in src/schema/), and the
 * same bytes are framed for every socket. Fail-safe: an undeclared field keeps the viewer in the key,
 * and a shared render runs with a context that has no viewer, so a field that reads one while declared
 * shareable fails loudly (its tests) instead of showing one user's data to another.
 */

export interface FanoutTarget {
  /** Sends `{"id":…,"type":"next","payload":<payload>}` for this subscription; `payload` is JSON bytes, shared by every target. */
  sendNext(payload: Buffer): void;
  /** Resolves once the socket can take more (a replay paces itself by it). */
  ready(): Promise<void>;
}

/** Turns an execution error into what the client may see (the same masking as Yoga's). */
export type MaskError = (error: GraphQLError) => GraphQLError;

/** A render in progress or done: the bytes once they are there, so a subscriber with nothing pending sends at once. */
interface Rendering {
  promise: Promise<Buffer>;
  bytes?: Buffer;
}

export class SharedRenderReadViewer extends Error {
  constructor() {
    super('A shared subscription render read the viewer: a field it selected is declared shareable but depends on who looks.');
  }
}

export class SubscriptionFanout {
  /** event item → render key → its serialized ExecutionResult */
  readonly #rendered = new WeakMap<object, Map<string, Rendering>>();
  /** document → whether every field it selects is declared shareable */
  readonly #shareable = new WeakMap<DocumentNode, boolean>();
  readonly #documentIds = new WeakMap<DocumentNode, number>();
  /** document → operation name → compiled (null: graphql-jit could not compile it) */
  readonly #compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | null>>();
  #lastDocumentId = 0;

  constructor(
    private readonly maskError: MaskError,
    private readonly onError: (error: unknown) => void,
    /** renders a subscriber may have waiting (a slow one past it is ended: SUBSCRIPTION_BACKLOG_MAX) */
    private readonly backlogMax: number,
  ) {}

  /**
   * Whether this operation takes the shared path: a subscription on one unaliased root field. (An
   * aliased one runs graphql-js's own subscribe over the same feed: the reference the equivalence tests
   * compare with.)
   */
  accepts(args: ExecutionArgs): boolean {
    const operation = getOperationAST(args.document, args.operationName);
    if (operation?.operation !== 'subscription') return false;
    const [root, ...rest] = operation.selectionSet.selections;
    return rest.length === 0 && root?.kind === 'Field' && !root.alias;
  }

  /**
   * Creates the source as graphql-js does (the resolver's policy checks run once), then renders each
   * item through the shared cache and sends it straight to `target`. A refusal comes back as the masked
   * result. Otherwise the returned iterable yields nothing: it ends when the feed fails, and `return()`
   * (the client's `complete`) stops the feed.
   */
  async subscribe(args: ExecutionArgs, target: FanoutTarget): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
    const source = await createSourceEventStream(args);
    if (!isFeed(source)) {
      if (isAsyncIterable(source)) throw new Error('a subscription field must return a Feed (src/realtime/feed.ts)');
      return source.errors ? { ...source, errors: source.errors.map((e) => this.maskError(e)) } : source;
    }
    const ctx = args.contextValue as GraphQLContext;
    const shareable = this.selectsOnlyShareable(args.schema, args.document);
    const key = `${this.documentId(args.document)}|${args.operationName ?? ''}|${JSON.stringify(args.variableValues ?? {})}|${ctx.origin}|${shareable ? 'any' : `viewer:${await viewerKey(ctx)}`}`;
    // events are rendered with their own root value (the transport's is not kept), and without a viewer when shared
    const renderArgs: ExecutionArgs = { ...args, rootValue: undefined, contextValue: shareable ? withoutViewer(ctx) : ctx };

    let stopped = false;
    let pending = 0;
    let sending = Promise.resolve();
    const finished = { done: true, value: undefined } as const;
    let settle: (result: IteratorResult<ExecutionResult>) => void = () => undefined;
    let ended = new Promise<IteratorResult<ExecutionResult>>((resolve) => (settle = resolve));
    // assigned once open() returns; a feed that fails inside open() is stopped right after
    let stop: () => void = () => undefined;
    /** The feed failed (or the subscriber fell too far behind): one last result with the error, then done. */
    const end = (error: unknown) => {
      if (stopped) return;
      stopped = true;
      stop();
      const masked = this.maskError(new GraphQLError(error instanceof Error ? error.message : String(error), { originalError: error instanceof Error ? error : undefined }));
      settle({ done: false, value: { errors: [masked] } });
    };
    stop = source.open({
      next: (item) => {
        if (stopped) return;
        const rendering = this.render(item, key, renderArgs);
        // in order: straight out when nothing of this subscriber's is still rendering
        if (pending === 0 && rendering.bytes) return target.sendNext(rendering.bytes);
        if (++pending > this.backlogMax) return end(backlogExceeded(this.backlogMax));
        sending = sending
          .then(() => rendering.promise)
          .then(
            (bytes) => {
              pending -= 1;
              if (!stopped) target.sendNext(bytes);
            },
            (err: unknown) => {
              pending -= 1;
              this.onError(err);
            },
          );
      },
      // what the feed gave before its error goes out first (a removed member's last event, ADR 026)
      error: (e) => (pending === 0 ? end(e) : void (sending = sending.then(() => end(e)))),
      ready: () => target.ready(),
    });
    if (stopped) stop();
    // graphql-ws calls return() on what subscribe() returned, so it is its own iterator.
    const stream: AsyncIterableIterator<ExecutionResult> = {
      next: () => {
        const result = ended;
        // after a last result, the stream is over
        ended = ended.then((r) => (r.done ? r : finished));
        return result;
      },
      return: async () => {
        if (!stopped) {
          stopped = true;
          stop();
        }
        settle(finished);
        return finished;
      },
      [Symbol.asyncIterator]: () => stream,
    };
    return stream;
  }

  /** One item through the subscription's selection, once per render key, as bytes. */
  private render(item: unknown, key: string, args: ExecutionArgs): Rendering {
    const run = (): Rendering => {
      const rendering: Rendering = {
        promise: this.execute({ ...args, rootValue: item }).then((r) => {
          const bytes = Buffer.from(JSON.stringify(r));
          rendering.bytes = bytes;
          return bytes;
        }),
      };
      return rendering;
    };
    if (typeof item !== 'object' || item === null) return run();
    let byKey = this.#rendered.get(item);
    if (!byKey) this.#rendered.set(item, (byKey = new Map()));
    let rendering = byKey.get(key);
    if (!rendering) byKey.set(key, (rendering = run()));
    return rendering;
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

  private documentId(document: DocumentNode): number {
    let id = this.#documentIds.get(document);
    if (id === undefined) this.#documentIds.set(document, (id = ++this.#lastDocumentId));
    return id;
  }

  /** Whether every field the document selects is declared shareable (meta fields like __typename are). */
  private selectsOnlyShareable(schema: GraphQLSchema, document: DocumentNode): boolean {
    let known = this.#shareable.get(document);
    if (known === undefined) {
      let all = true;
      const typeInfo = new TypeInfo(schema);
      visit(
        document,
        visitWithTypeInfo(typeInfo, {
          Field(node) {
            if (node.name.value.startsWith('__')) return;
            if (typeInfo.getFieldDef()?.extensions?.shareable !== true) all = false;
          },
        }),
      );
      this.#shareable.set(document, (known = all));
    }
    return known;
  }
}

/** The context a shared render runs with: the same services and origin, and no viewer to read. */
function withoutViewer(ctx: GraphQLContext): GraphQLContext {
  return {
    ...ctx,
    viewer: () => Promise.reject(new SharedRenderReadViewer()),
    knownViewer: () => {
      throw new SharedRenderReadViewer();
    },
  };
}

async function viewerKey(ctx: GraphQLContext): Promise<string> {
  return ctx.viewer().then(
    (v) => String(v.id),
    () => 'anonymous',
  );
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
