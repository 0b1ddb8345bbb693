import type {
  AuditorService,
  AuditorServiceEventSeverityLevel,
} from '@backstage/backend-plugin-api';
import type express from 'express';

type AuditedRoute = {
  method: string;
  /** Named groups become the event's meta. */
  path: RegExp;
  eventId: string;
  severityLevel: AuditorServiceEventSeverityLevel;
};

/** Every route that changes something, as an audit event. */
const AUDITED: AuditedRoute[] = [
  { method: 'POST', path: /^\/schedules$/, eventId: 'schedule-create' },
  {
    method: 'PUT',
    path: /^\/schedules\/(?<scheduleId>[^/]+)$/,
    eventId: 'schedule-replace',
  },
  {
    method: 'DELETE',
    path: /^\/schedules\/(?<scheduleId>[^/]+)$/,
    eventId: 'schedule-delete',
  },
  {
    method: 'POST',
    path: /^\/schedules\/(?<scheduleId>[^/]+)\/run$/,
    eventId: 'schedule-run',
  },
  {
    method: 'POST',
    path: /^\/namespaces\/(?<cluster>[^/]+)\/(?<namespace>[^/]+)\/(?<operation>sleep|wake|scale)$/,
    eventId: 'namespace-operation',
  },
].map(route => ({ ...route, severityLevel: 'medium' as const }));

/** Who may charge what, and schedules made for others: the admin's writes. */
const AUDITED_ADMIN: AuditedRoute[] = [
  {
    method: 'POST',
    path: /^\/cost-centers\/(?<costCenter>[^/]+)\/permissions$/,
    eventId: 'cost-center-permission',
  },
  { method: 'POST', path: /^\/migration\/import$/, eventId: 'migration-import' },
].map(route => ({ ...route, severityLevel: 'high' as const }));

/**
 * Records each write through Backstage's auditor: initiated when it
 * arrives, then succeeded or failed (with the HTTP status) when the answer
 * is sent or the connection closes first. The actor is the caller the
 * auditor reads from the request (refused callers included); where it
 * cannot read one (an invalid token) the request goes on unaudited, to the
 * route's own refusal. Dry runs are marked as such.
 */
export function auditWrites(auditor: AuditorService): express.RequestHandler {
  return (req, res, next) => {
    const route = [...AUDITED, ...AUDITED_ADMIN].find(
      r => r.method === req.method && r.path.test(req.path),
    );
    if (!route) {
      next();
      return;
    }
    const groups = req.path.match(route.path)?.groups ?? {};
    auditor
      .createEvent({
        eventId: route.eventId,
        severityLevel: route.severityLevel,
        request: req,
        meta: Object.fromEntries(
          Object.entries(groups).map(([k, v]) => [k, decodeURIComponent(v)]),
        ),
      })
      .then(
        event => {
          res.once('close', async () => {
            const meta = {
              status: res.statusCode,
              ...(isDryRun(req) && { dryRun: true }),
            };
            try {
              await (res.writableFinished && res.statusCode < 400
                ? event.success({ meta })
                : event.fail({ error: failureOf(res), meta }));
            } catch {
              // The answer is sent; the auditor reports its own failures.
            }
          });
          next();
        },
        () => next(),
      );
  };
}

function isDryRun(req: express.Request): boolean {
  // The query as the spec router coerced it (a boolean), or as sent.
  return String(req.query.dryRun) === 'true' || req.body?.dryRun === true;
}

function failureOf(res: express.Response): Error {
  return new Error(
    res.writableFinished
      ? `Answered ${res.statusCode}`
      : 'The connection closed before the answer',
  );
}
