import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/** The `entityRef` query parameter in its canonical form; a 400 naming it when unparseable. */
export function normalizeEntityRef(value: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(value));
  } catch (error) {
    throw new InputError(`entityRef: ${(error as Error).message}`);
  }
}
