import { isError, ResponseError } from '@backstage/errors';
import { NamespaceOperationInProgress } from '@namespace-scheduler/backstage-plugin-common';

/** A failed request as a form shows it. */
export type ServerProblem = {
  /** Messages that name one of the form's fields, by field. */
  fields: Record<string, string>;
  /**
   * Everything else, shown as an error of the whole form; with the
   * `operation` holding the namespace when it was refused as busy.
   */
  error?: {
    title: string;
    message: string;
    operation?: NamespaceOperationInProgress;
  };
};

const TITLES: Record<number, string> = {
  400: 'The server rejected the request',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
};

/**
 * The backend names the field at fault as `field: message` (its services) or
 * `body.field message` / `query.field message` (the OpenAPI validator),
 * several joined with `; `; array items as `field.N`.
 */
const FIELD_MESSAGE =
  /^(?:body\.|query\.)?([A-Za-z_]\w*)(?:\.\w+)*(?::\s*|\s+)(.+)$/s;

/** Splits a server error into messages for `fields` and a general error. */
export function toServerProblem(
  error: unknown,
  fields: readonly string[],
): ServerProblem {
  const operation = busyWith(error);
  if (operation) {
    const title =
      operation.state === 'repair'
        ? 'The namespace needs repair'
        : 'The namespace is busy';
    // The server's sentence names the operation, who started it and when.
    const { message } = describe(error);
    return { fields: {}, error: { title, message, operation } };
  }
  const { status, message } = describe(error);
  const byField: Record<string, string> = {};
  const rest: string[] = [];
  for (const part of message.split('; ')) {
    const match = FIELD_MESSAGE.exec(part);
    if (match && fields.includes(match[1])) {
      byField[match[1]] ??= match[2];
    } else {
      rest.push(part);
    }
  }
  if (rest.length === 0) return { fields: byField };
  const title = status
    ? TITLES[status] ?? `Request failed (${status})`
    : 'Request failed';
  return { fields: byField, error: { title, message: rest.join('; ') } };
}

/**
 * The operation holding the namespace, from a 409 refusing an operation on
 * it (the backend's NamespaceBusyError carries it beside the message).
 */
function busyWith(error: unknown): NamespaceOperationInProgress | undefined {
  if (!(error instanceof ResponseError) || error.statusCode !== 409) {
    return undefined;
  }
  const operation = error.body.error.operation;
  return isOperationInProgress(operation) ? operation : undefined;
}

function isOperationInProgress(
  value: unknown,
): value is NamespaceOperationInProgress {
  if (typeof value !== 'object' || value === null) return false;
  const fields: Record<string, unknown> = { ...value };
  return (
    typeof fields.operation === 'string' &&
    typeof fields.requested_by === 'string' &&
    typeof fields.started_at === 'string' &&
    (fields.state === 'running' || fields.state === 'repair')
  );
}

function describe(error: unknown): { status?: number; message: string } {
  if (error instanceof ResponseError) {
    return { status: error.statusCode, message: error.cause.message };
  }
  return { message: isError(error) ? error.message : String(error) };
}
