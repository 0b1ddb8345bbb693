/**
 * `Status` bodies shaped like kube-apiserver's (k8s.io/apimachinery/pkg/api/errors),
 * so client code can rely on `reason`, `code` and `details` exactly as on a real cluster.
 */

export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'UnsupportedMediaType'
  | 'RequestEntityTooLarge'
  | 'Expired'
  | 'Gone'
  | 'TooManyRequests'
  | 'InternalError'
  | 'ServiceUnavailable'
  | 'Timeout'
  | 'Unknown';

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: StatusReason;
  details?: StatusDetails;
  code?: number;
}

/** The names a resource is known by in error messages. */
export interface ResourceNames {
  group: string;
  plural: string;
  kind: string;
}

/** A field-level validation error, rendered like k8s.io/apimachinery field.Error. */
export interface FieldError {
  field: string;
  type: 'Invalid' | 'Required' | 'NotSupported' | 'Forbidden' | 'TooLong';
  value?: unknown;
  detail?: string;
}

/** Thrown anywhere in request handling; the server turns it into the Status response. */
export class ApiError extends Error {
  constructor(readonly status: Status) {
    super(status.message);
  }

  get code(): number {
    return this.status.code ?? 500;
  }
}

const REASON_BY_CODE: Record<number, StatusReason> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  410: 'Expired',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

function reasonForCode(code: number): StatusReason {
  return REASON_BY_CODE[code] ?? 'Unknown';
}

export function failure(
  code: number,
  message: string,
  details?: StatusDetails,
  reason: StatusReason = reasonForCode(code),
): ApiError {
  return new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details: withoutEmpty(details) } : {}),
    code,
  });
}

export function successStatus(details: StatusDetails): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: withoutEmpty(details),
  };
}

/** Go omits empty strings from StatusDetails (`omitempty`). */
function withoutEmpty(details: StatusDetails): StatusDetails {
  return Object.fromEntries(
    Object.entries(details).filter(([, v]) => v !== undefined && v !== ''),
  );
}

/** `deployments.apps`, or just `pods` for the core group. */
export function qualifiedResource(r: ResourceNames): string {
  return r.group ? `${r.plural}.${r.group}` : r.plural;
}

function qualifiedKind(r: ResourceNames): string {
  return r.group ? `${r.kind}.${r.group}` : r.kind;
}

function detailsFor(r: ResourceNames, name: string): StatusDetails {
  return { name, group: r.group, kind: r.plural };
}

export function notFound(r: ResourceNames, name: string): ApiError {
  return failure(
    404,
    `${qualifiedResource(r)} "${name}" not found`,
    detailsFor(r, name),
  );
}

export function alreadyExists(r: ResourceNames, name: string): ApiError {
  return failure(
    409,
    `${qualifiedResource(r)} "${name}" already exists`,
    detailsFor(r, name),
    'AlreadyExists',
  );
}

export const STALE_OBJECT_MESSAGE =
  'the object has been modified; please apply your changes to the latest version and try again';

export function conflict(
  r: ResourceNames,
  name: string,
  why: string = STALE_OBJECT_MESSAGE,
): ApiError {
  return failure(
    409,
    `Operation cannot be fulfilled on ${qualifiedResource(
      r,
    )} "${name}": ${why}`,
    detailsFor(r, name),
  );
}

export function invalid(
  r: ResourceNames,
  name: string,
  errors: FieldError[],
): ApiError {
  const rendered = errors.map(e => `${e.field}: ${fieldErrorMessage(e)}`);
  const summary =
    rendered.length === 1 ? rendered[0] : `[${rendered.join(', ')}]`;
  return failure(422, `${qualifiedKind(r)} "${name}" is invalid: ${summary}`, {
    name,
    group: r.group,
    kind: r.kind,
    causes: errors.map(e => ({
      reason: `FieldValue${e.type}`,
      message: fieldErrorMessage(e),
      field: e.field,
    })),
  });
}

export function badRequest(message: string): ApiError {
  return failure(400, message);
}

export function unauthorized(): ApiError {
  return failure(401, 'Unauthorized');
}

export function methodNotAllowed(): ApiError {
  return failure(
    405,
    'the server does not allow this method on the requested resource',
    {},
  );
}

export function pathNotFound(): ApiError {
  return failure(404, 'the server could not find the requested resource', {});
}

export function unsupportedMediaType(accepted: readonly string[]): ApiError {
  return failure(
    415,
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(
      ', ',
    )}`,
  );
}

export function expired(message: string): ApiError {
  return failure(410, message);
}

function fieldErrorMessage(e: FieldError): string {
  const suffix = e.detail ? `: ${e.detail}` : '';
  switch (e.type) {
    case 'Required':
      return `Required value${suffix}`;
    case 'Forbidden':
      return `Forbidden${suffix}`;
    case 'TooLong':
      return `Too long${suffix}`;
    case 'NotSupported':
      return `Unsupported value: ${goValue(e.value)}${suffix}`;
    default:
      return `Invalid value: ${goValue(e.value)}${suffix}`;
  }
}

/** Renders a value the way Go's field errors print it: strings quoted, numbers bare. */
function goValue(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}
