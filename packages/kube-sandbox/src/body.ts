import { parse as parseYaml } from 'yaml';
import {
  ApiError,
  badRequest,
  failure,
  invalid,
  unsupportedMediaType,
} from './errors';
import { DeleteOptions } from './cluster';
import { getField, isObject, KubeObject, ObjectMeta } from './types';

/** Decoding request bodies and the options that come with writes. */

const BODY_TYPES = [
  'application/json',
  'application/yaml',
  'application/vnd.kubernetes.protobuf',
];

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/** Parses a create/update body (JSON, or YAML as kubectl may send). */
export function parseBody(
  body: string,
  contentType: string | undefined,
): unknown {
  const type = mediaType(contentType) || 'application/json';
  try {
    if (type === 'application/json') return JSON.parse(body);
    if (type === 'application/yaml') return parseYaml(body);
  } catch (e) {
    throw badRequest(
      `couldn't get version/kind; json parse error: ${(e as Error).message}`,
    );
  }
  throw unsupportedMediaType(BODY_TYPES);
}

function isObjectMeta(value: unknown): value is ObjectMeta {
  return (
    isObject(value) &&
    ['name', 'generateName', 'namespace', 'uid', 'resourceVersion'].every(
      key => value[key] === undefined || typeof value[key] === 'string',
    )
  );
}

/**
 * Checks that a decoded value is an object of the expected kind. The URL decides the kind;
 * a body may leave kind/apiVersion out, but may not contradict them.
 */
export function toKubeObject(
  value: unknown,
  expected: { kind: string; apiVersion: string },
): KubeObject {
  if (!isObject(value))
    throw badRequest(`Object 'Kind' is missing in '${JSON.stringify(value)}'`);
  const metadata = value.metadata ?? {};
  if (!isObjectMeta(metadata)) {
    throw badRequest(
      `${expected.kind} in version "${expected.apiVersion}" cannot be handled as a ${expected.kind}: invalid metadata`,
    );
  }
  const { kind, apiVersion } = value;
  if (apiVersion !== undefined && apiVersion !== expected.apiVersion) {
    throw badRequest(
      `the API version in the data (${String(
        apiVersion,
      )}) does not match the expected API version (${expected.apiVersion})`,
    );
  }
  if (kind !== undefined && kind !== expected.kind) {
    throw badRequest(
      `the kind in the data (${String(
        kind,
      )}) does not match the expected kind (${expected.kind})`,
    );
  }
  return { ...value, ...expected, metadata };
}

export type OptionsKind =
  | 'CreateOptions'
  | 'UpdateOptions'
  | 'PatchOptions'
  | 'DeleteOptions';

/** `dryRun=All` (the only value the server accepts; anything else is 422 on the options kind). */
export function isDryRun(values: unknown[], optionsKind: OptionsKind): boolean {
  if (values.length === 0) return false;
  if (values.every(v => v === 'All')) return true;
  throw invalid({ group: 'meta.k8s.io', plural: '', kind: optionsKind }, '', [
    {
      field: 'dryRun',
      type: 'NotSupported',
      value: values,
      detail: 'supported values: "All"',
    },
  ]);
}

/** DeleteOptions from the query and an optional JSON body (preconditions, dryRun). */
export function deleteOptions(
  query: URLSearchParams,
  body: string,
): DeleteOptions {
  const parsed = body.trim() ? parseBody(body, 'application/json') : {};
  if (!isObject(parsed)) throw badRequest('DeleteOptions must be an object');
  const bodyDryRun = getField(parsed, 'dryRun');
  const dryRun = isDryRun(
    [
      ...query.getAll('dryRun'),
      ...(Array.isArray(bodyDryRun) ? bodyDryRun : []),
    ],
    'DeleteOptions',
  );
  const uid = getField(parsed, 'preconditions', 'uid');
  const resourceVersion = getField(parsed, 'preconditions', 'resourceVersion');
  return {
    dryRun,
    preconditions: {
      uid: typeof uid === 'string' ? uid : undefined,
      resourceVersion:
        typeof resourceVersion === 'string' ? resourceVersion : undefined,
    },
  };
}

/** An error for bodies that are too large, as the server's 3 MiB limit answers. */
export function tooLarge(): ApiError {
  return failure(413, 'Request entity too large: limit is 3145728');
}
