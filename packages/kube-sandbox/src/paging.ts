import { badRequest, expired } from './errors';
import { matchesSelectors, Selectors } from './selectors';
import { ObjectStore } from './store';
import { getField, KubeObject, objectKey } from './types';

/**
 * List chunking with `limit` and `continue`. Like the real server, every page of one list is
 * read at the revision of the first page (rebuilt from the store's history), so a paged list
 * is consistent even while objects change; a token older than the history answers 410.
 */

export interface PageRequest {
  namespace?: string;
  selectors: Selectors;
  limit?: number;
  continueToken?: string;
}

export interface Page {
  items: KubeObject[];
  revision: number;
  continueToken?: string;
  /** Only without selectors, as the real server can only count then. */
  remainingItemCount?: number;
}

interface ContinueToken {
  v: 'meta.k8s.io/v1';
  rv: number;
  /** The first key of the next page. */
  start: string;
}

const TOO_OLD =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.';

export function listPage(
  store: ObjectStore,
  kind: string,
  request: PageRequest,
): Page {
  const token = request.continueToken
    ? decodeToken(request.continueToken)
    : undefined;
  const revision = token?.rv ?? store.currentRevision;
  const objects = token
    ? store.snapshot(kind, token.rv, request.namespace)
    : store.list(kind, request.namespace);
  if (!objects) throw expired(TOO_OLD);

  // Tokens hold the next key relative to the list's key prefix (the namespace).
  const prefix = request.namespace ? `${request.namespace}/` : '';
  const matching = objects.filter(
    obj =>
      matchesSelectors(request.selectors, obj) &&
      (!token || keyOf(obj) >= `${prefix}${token.start}`),
  );
  if (!request.limit || matching.length <= request.limit)
    return { items: matching, revision };

  const items = matching.slice(0, request.limit);
  const unfiltered =
    request.selectors.labels.length === 0 &&
    request.selectors.fields.length === 0;
  return {
    items,
    revision,
    continueToken: encodeToken({
      v: 'meta.k8s.io/v1',
      rv: revision,
      start: `${keyOf(items[items.length - 1]).slice(prefix.length)}\u0000`,
    }),
    remainingItemCount: unfiltered ? matching.length - items.length : undefined,
  };
}

export function parseLimit(value: string | null): number | undefined {
  if (value === null || value === '') return undefined;
  if (!/^\d+$/.test(value))
    throw badRequest(`invalid limit: ${JSON.stringify(value)}`);
  return Number(value) || undefined;
}

function keyOf(obj: KubeObject): string {
  return objectKey(obj.metadata.namespace, obj.metadata.name ?? '');
}

function encodeToken(token: ContinueToken): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url');
}

function decodeToken(text: string): ContinueToken {
  try {
    const token: unknown = JSON.parse(
      Buffer.from(text, 'base64url').toString('utf8'),
    );
    const [v, rv, start] = ['v', 'rv', 'start'].map(key =>
      getField(token, key),
    );
    if (
      v === 'meta.k8s.io/v1' &&
      typeof rv === 'number' &&
      typeof start === 'string'
    )
      return { v, rv, start };
  } catch {
    // falls through to the error below
  }
  throw badRequest(
    'invalid continue token: continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
  );
}
