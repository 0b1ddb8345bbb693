/**
 * Fault injection: rules that match requests and answer them with an error Status, a delay,
 * no answer at all (hang), or a reset connection (drop).
 */

export type FaultVerb =
  | 'get'
  | 'list'
  | 'watch'
  | 'create'
  | 'update'
  | 'patch'
  | 'delete';

export interface FaultRule {
  /** HTTP method(s), case-insensitive. */
  method?: string | string[];
  /** Tested against the URL path (no query); a string is a regular expression. */
  path?: RegExp | string;
  verb?: FaultVerb | FaultVerb[];
  /** Resource plural, with the subresource when there is one: `deployments`, `deployments/scale`. */
  resource?: string;
  namespace?: string;
  /** Answer with this HTTP code and a matching Status body (429 and 503 carry Retry-After). */
  status?: number;
  message?: string;
  /** For 429/503; defaults to 1. */
  retryAfterSeconds?: number;
  /** Delay before answering (on its own, the request then proceeds normally). */
  latencyMs?: number;
  /** Never answer; the socket stays open until the client gives up or the sandbox closes. */
  hang?: boolean;
  /** Destroy the connection without answering. */
  drop?: boolean;
  /** Let the first k matching calls through untouched. */
  afterCalls?: number;
  /** Fire only this many times, then let calls through. */
  times?: number;
  /** Fire with this probability (0..1), drawn from a generator seeded by `seed`. */
  probability?: number;
  seed?: number;
}

export interface FaultHandle {
  readonly id: string;
  readonly rule: FaultRule;
  /** Calls that matched the rule. */
  readonly matched: number;
  /** Calls the rule acted on. */
  readonly fired: number;
  remove(): void;
}

/** What the server knows about a request when it consults the faults. */
export interface RequestFacts {
  method: string;
  path: string;
  verb?: string;
  resource?: string;
  namespace?: string;
}

export type FaultAction =
  | {
      type: 'status';
      status: number;
      message?: string;
      retryAfterSeconds?: number;
    }
  | { type: 'hang' }
  | { type: 'drop' };

export interface FaultDecision {
  latencyMs: number;
  action?: FaultAction;
}

interface ActiveRule {
  handle: FaultHandle;
  matches(facts: RequestFacts): boolean;
  random: () => number;
  matched: number;
  fired: number;
}

export class FaultInjector {
  /** Added to every request. */
  latencyMs = 0;
  private readonly rules: ActiveRule[] = [];
  private nextId = 1;

  add(rule: FaultRule): FaultHandle {
    validateRule(rule);
    const id = String(this.nextId++);
    const active: ActiveRule = {
      matches: matcher(rule),
      random: mulberry32(rule.seed ?? Math.floor(Math.random() * 2 ** 32)),
      matched: 0,
      fired: 0,
      handle: {
        id,
        rule,
        get matched() {
          return active.matched;
        },
        get fired() {
          return active.fired;
        },
        remove: () => this.remove(id),
      },
    };
    this.rules.push(active);
    return active.handle;
  }

  remove(id: string): boolean {
    const index = this.rules.findIndex(r => r.handle.id === id);
    if (index >= 0) this.rules.splice(index, 1);
    return index >= 0;
  }

  /** Removes every rule and the global latency. */
  clear(): void {
    this.rules.length = 0;
    this.latencyMs = 0;
  }

  list(): FaultHandle[] {
    return this.rules.map(r => r.handle);
  }

  /** Rules are consulted in order; latencies add up, and the first failure wins. */
  decide(facts: RequestFacts): FaultDecision {
    let latencyMs = this.latencyMs;
    for (const rule of this.rules) {
      if (!rule.matches(facts)) continue;
      rule.matched++;
      const { afterCalls = 0, times, probability } = rule.handle.rule;
      if (rule.matched <= afterCalls) continue;
      if (times !== undefined && rule.fired >= times) continue;
      if (probability !== undefined && rule.random() >= probability) continue;
      rule.fired++;
      latencyMs += rule.handle.rule.latencyMs ?? 0;
      const action = actionOf(rule.handle.rule);
      if (action) return { latencyMs, action };
    }
    return { latencyMs };
  }
}

function actionOf(rule: FaultRule): FaultAction | undefined {
  if (rule.hang) return { type: 'hang' };
  if (rule.drop) return { type: 'drop' };
  if (rule.status !== undefined) {
    return {
      type: 'status',
      status: rule.status,
      message: rule.message,
      retryAfterSeconds: rule.retryAfterSeconds,
    };
  }
  return undefined;
}

function validateRule(rule: FaultRule): void {
  const actions = [rule.hang, rule.drop, rule.status !== undefined].filter(
    Boolean,
  ).length;
  if (actions > 1)
    throw new Error('a fault rule takes at most one of status, hang and drop');
  if (
    rule.status !== undefined &&
    !(Number.isInteger(rule.status) && rule.status >= 400 && rule.status <= 599)
  ) {
    throw new Error(
      `fault status must be an HTTP error code (400-599), got ${rule.status}`,
    );
  }
  if (
    rule.probability !== undefined &&
    !(rule.probability >= 0 && rule.probability <= 1)
  ) {
    throw new Error(
      `fault probability must be between 0 and 1, got ${rule.probability}`,
    );
  }
}

function matcher(rule: FaultRule): (facts: RequestFacts) => boolean {
  const methods = list(rule.method)?.map(m => m.toUpperCase());
  const verbs: string[] | undefined = list(rule.verb);
  const path =
    typeof rule.path === 'string' ? new RegExp(rule.path) : rule.path;
  return facts =>
    (!methods || methods.includes(facts.method.toUpperCase())) &&
    (!verbs || (facts.verb !== undefined && verbs.includes(facts.verb))) &&
    (!path || path.test(facts.path)) &&
    (rule.resource === undefined || rule.resource === facts.resource) &&
    (rule.namespace === undefined || rule.namespace === facts.namespace);
}

function list<T>(value: T | T[] | undefined): T[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value : [value];
}

/** A small seedable PRNG, so probabilistic faults replay identically. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
