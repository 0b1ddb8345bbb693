import { IncomingMessage, ServerResponse } from 'node:http';
import { handleAdmin } from './admin';
import type { ServerContext } from './serverContext';
import { discoveryDocument } from './discovery';
import {
  failure,
  methodNotAllowed,
  pathNotFound,
  qualifiedResource,
  STALE_OBJECT_MESSAGE,
  unauthorized,
} from './errors';
import { FaultAction, RequestFacts } from './faults';
import {
  ApiCall,
  createObject,
  deleteObject,
  getObject,
  listObjects,
  patchObject,
  replaceObject,
  Reply,
  selectorsOf,
  served,
} from './handlers';
import { readBody, sendError, sendJson } from './http';
import { getScale, patchScale, replaceScale } from './scale';
import {
  requestVerb,
  RequestVerb,
  resolveResource,
  ResourceRoute,
} from './router';
import { serveWatch, startRevision } from './watch';

/** The request pipeline: admin API, stats, auth, faults, then the Kubernetes API itself. */

export function requestHandler(
  ctx: ServerContext,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(ctx, req, res).catch(error => sendError(res, error));
  };
}

async function handle(
  ctx: ServerContext,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  if (ctx.adminApi && url.pathname.startsWith('/sandbox/')) {
    await handleAdmin(ctx, req, res, url.pathname);
    return;
  }
  const method = req.method ?? 'GET';
  const route = resolveResource(url.pathname, ctx.cluster.registry);
  const verb = route ? requestVerb(method, route, url.searchParams) : undefined;
  const facts: RequestFacts = {
    method,
    path: url.pathname,
    verb: verb ?? (method === 'GET' ? 'get' : undefined),
    resource:
      route &&
      (route.subresource
        ? `${route.def.plural}/${route.subresource}`
        : route.def.plural),
    namespace: route?.namespace,
  };
  const record = ctx.stats.begin(facts, url.search);
  res.on('close', () =>
    ctx.stats.end(record, res.headersSent ? res.statusCode : 0),
  );

  if (ctx.token && req.headers.authorization !== `Bearer ${ctx.token}`) {
    sendError(res, unauthorized());
    return;
  }
  // Read before any delay, as kube-apiserver does: a write whose client gave
  // up while it waited is still applied (a lost response), never dropped.
  const body = await readBody(req);
  const decision = ctx.faults.decide(facts);
  if (decision.latencyMs > 0 && !(await ctx.timers.sleep(decision.latencyMs)))
    return; // sandbox closed
  if (decision.action) {
    record.fault = decision.action.type;
    applyFault(decision.action, route, req, res);
    return;
  }
  if (route) {
    serveResource(
      ctx,
      {
        cluster: ctx.cluster,
        route,
        query: url.searchParams,
        contentType: req.headers['content-type'],
        body,
      },
      verb,
      res,
    );
  } else {
    serveNonResource(ctx, url.pathname, method, res);
  }
}

const OBJECT_HANDLERS: Partial<Record<RequestVerb, (call: ApiCall) => Reply>> =
  {
    get: getObject,
    list: listObjects,
    create: createObject,
    update: replaceObject,
    patch: patchObject,
    delete: deleteObject,
  };

const SCALE_HANDLERS: Partial<Record<RequestVerb, (call: ApiCall) => Reply>> = {
  get: getScale,
  update: replaceScale,
  patch: patchScale,
};

function serveResource(
  ctx: ServerContext,
  call: ApiCall,
  verb: RequestVerb | undefined,
  res: ServerResponse,
): void {
  const { def, subresource } = call.route;
  if (subresource !== undefined && (subresource !== 'scale' || !def.scale)) {
    throw pathNotFound();
  }
  const allowed = subresource !== undefined || def.verbs.some(v => v === verb);
  if (allowed && verb === 'watch') {
    startWatch(ctx, call, res);
    return;
  }
  const handlers = subresource ? SCALE_HANDLERS : OBJECT_HANDLERS;
  const handler = allowed && verb ? handlers[verb] : undefined;
  if (!handler) throw methodNotAllowed();
  const reply = handler(call);
  sendJson(res, reply.code, reply.body);
}

function startWatch(ctx: ServerContext, call: ApiCall, res: ServerResponse) {
  const { def, namespace } = call.route;
  const timeout = call.query.get('timeoutSeconds');
  const resourceVersion = call.query.get('resourceVersion') ?? undefined;
  startRevision(resourceVersion); // throws on a malformed value before the stream starts
  serveWatch(
    ctx.cluster.store,
    {
      def,
      namespace,
      selectors: selectorsOf(call.query, def.kind),
      resourceVersion,
      timeoutSeconds: timeout ? Number(timeout) : undefined,
      allowBookmarks: call.query.get('allowWatchBookmarks') === 'true',
      served: obj => served(def, obj),
    },
    res,
  );
}

function serveNonResource(
  ctx: ServerContext,
  path: string,
  method: string,
  res: ServerResponse,
): void {
  if (['/healthz', '/livez', '/readyz'].includes(path)) {
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('ok');
    return;
  }
  const document = discoveryDocument(
    path,
    ctx.cluster.registry,
    ctx.serverAddress(),
  );
  if (!document) throw pathNotFound();
  if (method !== 'GET') throw methodNotAllowed();
  sendJson(res, 200, document);
}

const FAULT_MESSAGES: Record<number, string> = {
  429: 'Too many requests, please try again later.',
  500: 'Internal error occurred: injected fault',
  503: 'the server is currently unable to handle the request',
  504: 'Timeout: request did not complete within the allotted timeout',
};

function applyFault(
  action: FaultAction,
  route: ResourceRoute | undefined,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  if (action.type === 'drop') {
    req.socket.destroy();
    return;
  }
  if (action.type === 'hang') return; // the socket closes when the client gives up or the sandbox closes
  const retryAfterSeconds =
    action.status === 429 || action.status === 503
      ? action.retryAfterSeconds ?? 1
      : undefined;
  const named = route?.name
    ? { name: route.name, group: route.def.group, kind: route.def.plural }
    : {};
  sendError(
    res,
    failure(action.status, faultMessage(action, route), {
      ...named,
      retryAfterSeconds,
    }),
  );
}

function faultMessage(
  action: Extract<FaultAction, { type: 'status' }>,
  route: ResourceRoute | undefined,
): string {
  if (action.message) return action.message;
  if (action.status === 409 && route?.name) {
    return `Operation cannot be fulfilled on ${qualifiedResource(route.def)} "${
      route.name
    }": ${STALE_OBJECT_MESSAGE}`;
  }
  return (
    FAULT_MESSAGES[action.status] ?? `injected fault (HTTP ${action.status})`
  );
}
