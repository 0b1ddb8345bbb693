import { ApiException } from '@kubernetes/client-node';

export class NamespaceNotFoundError extends Error {
  constructor(cluster: string, namespace: string) {
    super(`Namespace "${namespace}" not found in cluster "${cluster}"`);
    this.name = 'NamespaceNotFoundError';
  }
}

export function httpStatusOf(error: unknown): number | undefined {
  return error instanceof ApiException ? error.code : undefined;
}

export function isConflict(error: unknown): boolean {
  return httpStatusOf(error) === 409;
}

/** One line for results and logs: the API's own Status message when there is one. */
export function describeError(error: unknown): string {
  if (error instanceof ApiException) {
    return `HTTP ${error.code}: ${
      statusMessage(error.body) ?? 'request failed'
    }`;
  }
  if (error instanceof Error) {
    return error.message;
  }
  return String(error);
}

function statusMessage(body: unknown): string | undefined {
  if (typeof body !== 'string') {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(body);
    const message =
      typeof parsed === 'object' && parsed !== null && 'message' in parsed
        ? parsed.message
        : undefined;
    return typeof message === 'string' ? message : undefined;
  } catch {
    return body.slice(0, 200) || undefined;
  }
}
