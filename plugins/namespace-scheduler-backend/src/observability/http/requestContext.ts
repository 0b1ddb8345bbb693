import type { Request, RequestHandler } from 'express';
import { randomUUID } from 'node:crypto';
import type { PluginMetrics } from '../metrics/PluginMetrics';

/** Incoming headers that may carry a caller's correlation id, in order of preference. */
const CORRELATION_HEADERS = ['x-request-id', 'x-correlation-id'];
/** The response header that echoes it. */
export const CORRELATION_RESPONSE_HEADER = 'x-request-id';
/** Ids we accept from callers: short and free of anything that could forge a log line. */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const correlationIds = new WeakMap<Request, string>();

/**
 * The correlation id of a request handled behind `requestObservability`.
 * Routes pass it on explicitly (into the operation request) rather than
 * through AsyncLocalStorage, so every hop that logs it is visible in code.
 */
export function correlationIdOf(req: Request): string | undefined {
  return correlationIds.get(req);
}

/**
 * First middleware of the plugin router: takes the caller's `x-request-id`
 * (or `x-correlation-id`) or makes one, echoes it in the response, and times
 * the request into the HTTP histogram by route template.
 */
export function requestObservability(options: {
  metrics?: PluginMetrics;
}): RequestHandler {
  return (req, res, next) => {
    const correlationId = incomingId(req) ?? randomUUID();
    correlationIds.set(req, correlationId);
    res.setHeader(CORRELATION_RESPONSE_HEADER, correlationId);
    const started = performance.now();
    res.once('finish', () => {
      options.metrics?.recordHttpRequest({
        route: routeTemplate(req),
        method: req.method,
        status: res.statusCode,
        seconds: (performance.now() - started) / 1000,
      });
    });
    next();
  };
}

function incomingId(req: Request): string | undefined {
  for (const header of CORRELATION_HEADERS) {
    const value = req.get(header)?.trim();
    if (value && SAFE_ID.test(value)) return value;
  }
  return undefined;
}

/**
 * The express route that handled the request, or the spec route the
 * validator matched before refusing it; `unmatched` keeps unknown paths from
 * becoming labels.
 */
function routeTemplate(req: Request): string {
  const route: unknown = req.route;
  if (hasPath(route)) return route.path;
  const openapi: unknown = 'openapi' in req ? req.openapi : undefined;
  if (isRecord(openapi) && typeof openapi.expressRoute === 'string') {
    return openapi.expressRoute;
  }
  return 'unmatched';
}

function hasPath(value: unknown): value is { path: string } {
  return isRecord(value) && typeof value.path === 'string';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
