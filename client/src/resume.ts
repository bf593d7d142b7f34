
/**
 * How a subscription resumes: which variable takes the cursor, and each event's cursor and identity.
 * The socket re-sends every (re)subscribe with `variable` set to the cursor of the last event
 * delivered, and drops events whose id it has delivered already.
 */
export interface ResumeSpec<TData = unknown> {
  /** the variable that takes the resume cursor; default `after` */
  variable?: string;
  cursor(data: TData): string | null | undefined;
  /** identity for duplicate dropping; default: the cursor */
  id?(data: TData): string | null | undefined;
  /** how many ids to remember for duplicate dropping; default 1000 */
  remember?: number;
}

/** What a subscribe payload looks like to a resume rule. */
export interface SubscribeRequest {
  query: string;
  variables?: Record<string, unknown> | null | undefined;
  operationName?: string | null | undefined;
}

/** Picks the resume spec of a subscription (null: not resumable). */
export type ResumeRule = (request: SubscribeRequest) => ResumeSpec | null;

/**
 * The default rule: a subscription document that declares `$after` is resumable; each event's single
 * root field carries its `cursor` (and `id`) — `messageAdded(conversation, after)` and any stream
 * shaped like it. Select `cursor` (and `id`) in the document, or resuming has nothing to go on.
 */
export const resumeByAfterVariable: ResumeRule = (request) => (/\$after\s*:/.test(request.query) ? rootFieldResume : null);

const rootFieldResume: ResumeSpec<Record<string, unknown>> = {
  variable: 'after',
  cursor: (data) => stringField(rootField(data), 'cursor'),
  id: (data) => stringField(rootField(data), 'id') ?? stringField(rootField(data), 'cursor'),
};

function rootField(data: Record<string, unknown>): unknown {
  const keys = Object.keys(data).filter((k) => k !== '__typename');
  return keys.length === 1 ? data[keys[0]!] : undefined;
}

function stringField(value: unknown, name: string): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const field = (value as Record<string, unknown>)[name];
  return typeof field === 'string' ? field : null;
}

/** One resumable subscription's memory: the last cursor and the ids recently delivered. */
export class ResumeState {
  readonly variable: string;
  #cursor: string | null;
  readonly #seen = new Set<string>();
  #warned = false;

  constructor(
    private readonly spec: ResumeSpec,
    initialVariables: Record<string, unknown> | null | undefined,
  ) {
    this.variable = spec.variable ?? 'after';
    const initial = initialVariables?.[this.variable];
    this.#cursor = typeof initial === 'string' && initial !== '' ? initial : null;
  }

  get cursor(): string | null {
    return this.#cursor;
  }

  /** The subscribe variables to send now: the original ones with the resume cursor. */
  variables(original: Record<string, unknown> | null | undefined): Record<string, unknown> | null | undefined {
    return this.#cursor === null ? original : { ...original, [this.variable]: this.#cursor };
  }

  /** Records a delivered event; false when it is a duplicate to drop. */
  accept(result: { data?: unknown }): boolean {
    const data = result.data;
    if (data === null || data === undefined) return true;
    const id = this.spec.id ? this.spec.id(data) : this.spec.cursor(data);
    if (id) {
      if (this.#seen.has(id)) return false;
      this.#seen.add(id);
      const max = this.spec.remember ?? 1000;
      if (this.#seen.size > max) this.#seen.delete(this.#seen.values().next().value!);
    }
    const cursor = this.spec.cursor(data);
    if (cursor) this.#cursor = cursor;
    else if (!this.#warned) {
      this.#warned = true;
      console.warn('@chat-backend/client: a resumable subscription event has no cursor; select `cursor` in the document to resume after reconnects');
    }
    return true;
  }
}
