import { InputError } from '@backstage/errors';

/** The sort key of a page's last item: the next page starts below it. */
export function encodeCursor(sortKey: string): string {
  return Buffer.from(JSON.stringify({ before: sortKey })).toString('base64url');
}

export function decodeCursor(cursor: string): string {
  try {
    const value: unknown = JSON.parse(
      Buffer.from(cursor, 'base64url').toString(),
    );
    if (
      typeof value === 'object' &&
      value !== null &&
      'before' in value &&
      typeof value.before === 'string'
    ) {
      return value.before;
    }
  } catch {
    // Reported below.
  }
  throw new InputError('cursor: not a cursor returned by this API');
}
