import { createPermissionRule } from '@backstage/plugin-permission-node';
import { z } from 'zod';
import { namespaceResourceRef } from './resource';

/**
 * True when one of `claims` (a user's ownership refs: the user and their
 * groups) owns an entity that claims the namespace.
 *
 * @public
 */
export const isNamespaceOwner = createPermissionRule({
  name: 'IS_NAMESPACE_OWNER',
  description:
    'Allow users who own (directly or through a group) an entity that claims the namespace',
  resourceRef: namespaceResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe(
        'Ownership refs of the user, e.g. user:default/alice and group:default/team-a',
      ),
  }),
  apply: (resource, { claims }) =>
    resource.ownerRefs.some(owner => claims.includes(owner)),
  toQuery: ({ claims }) => ({ ownerRefs: claims }),
});

/**
 * Every rule of the namespace resource, as the plugin registers them.
 *
 * @public
 */
export const namespaceRules = { isNamespaceOwner };
