import { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, pathNotFound } from './errors';
import { FaultHandle, FaultRule } from './faults';
import { readBody, sendError, sendJson } from './http';
import type { ServerContext } from './serverContext';
import { isObject } from './types';

/**
 * `/sandbox/*` (only with `adminApi: true`): steer a separately started sandbox from
 * end-to-end tests. Not subject to auth, faults or stats.
 *   GET /sandbox/faults · POST /sandbox/faults (a rule; `path` is a regex string) ·
 *   DELETE /sandbox/faults (all, and the global latency) · DELETE /sandbox/faults/{id} ·
 *   GET /sandbox/stats · DELETE /sandbox/stats (reset)
 */
export async function handleAdmin(
  ctx: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  try {
    const body = await readBody(req);
    const [, , resource, id] = path.split('/');
    const route = `${req.method} ${resource}${id === undefined ? '' : '/:id'}`;
    switch (route) {
      case 'GET faults':
        sendJson(res, 200, { items: ctx.faults.list().map(describe) });
        return;
      case 'POST faults':
        sendJson(res, 201, describe(addRule(ctx, body)));
        return;
      case 'DELETE faults':
        ctx.faults.clear();
        sendJson(res, 200, { items: [] });
        return;
      case 'DELETE faults/:id':
        if (!ctx.faults.remove(id)) throw pathNotFound();
        sendJson(res, 200, { id });
        return;
      case 'GET stats':
        sendJson(res, 200, ctx.stats.snapshot());
        return;
      case 'DELETE stats':
        ctx.stats.reset();
        sendJson(res, 200, ctx.stats.snapshot());
        return;
      default:
        throw pathNotFound();
    }
  } catch (error) {
    sendError(res, error);
  }
}

function describe(handle: FaultHandle): object {
  const { path } = handle.rule;
  return {
    id: handle.id,
    rule: {
      ...handle.rule,
      ...(path === undefined
        ? {}
        : { path: typeof path === 'string' ? path : path.source }),
    },
    matched: handle.matched,
    fired: handle.fired,
  };
}

const RULE_FIELDS: Record<
  keyof FaultRule,
  'string' | 'strings' | 'number' | 'boolean'
> = {
  method: 'strings',
  path: 'string',
  verb: 'strings',
  resource: 'string',
  namespace: 'string',
  status: 'number',
  message: 'string',
  retryAfterSeconds: 'number',
  latencyMs: 'number',
  hang: 'boolean',
  drop: 'boolean',
  afterCalls: 'number',
  times: 'number',
  probability: 'number',
  seed: 'number',
};

function hasType(value: unknown, type: string): boolean {
  if (type === 'strings')
    return (
      typeof value === 'string' ||
      (Array.isArray(value) && value.every(v => typeof v === 'string'))
    );
  return typeof value === type;
}

function isFaultRule(value: unknown): value is FaultRule {
  return (
    isObject(value) &&
    Object.entries(value).every(
      ([key, field]) =>
        key in RULE_FIELDS &&
        hasType(field, RULE_FIELDS[key as keyof FaultRule]),
    )
  );
}

function addRule(ctx: ServerContext, body: string): FaultHandle {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw badRequest('a fault rule must be JSON');
  }
  if (!isFaultRule(value)) throw badRequest(`invalid fault rule: ${body}`);
  try {
    return ctx.faults.add(value);
  } catch (error) {
    throw badRequest(error instanceof Error ? error.message : String(error));
  }
}
