import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/**
 * `group:default/team-a` refs in full form, without duplicates; `team-a` is
 * read as a group in the default namespace. Throws an InputError naming
 * `field[i]` for anything that is not a group.
 */
export function normalizeGroupRefs(refs: string[], field: string): string[] {
  const normalized = refs.map((ref, i) => {
    const name = `${field}[${i}]`;
    let parsed;
    try {
      parsed = parseEntityRef(ref, { defaultKind: 'group' });
    } catch (error) {
      throw new InputError(`${name}: ${(error as Error).message}`);
    }
    if (parsed.kind.toLocaleLowerCase('en-US') !== 'group') {
      throw new InputError(
        `${name}: "${ref}" is not a group ref (group:default/team-a)`,
      );
    }
    return stringifyEntityRef(parsed);
  });
  return [...new Set(normalized)];
}
