import { createConditionExports } from '@backstage/plugin-permission-node';
import { namespaceResourceRef } from './resource';
import { namespaceRules } from './rules';

const { conditions, createConditionalDecision } = createConditionExports({
  resourceRef: namespaceResourceRef,
  rules: namespaceRules,
});

/**
 * Conditions for permission policies, e.g.
 * `namespaceSchedulerConditions.isNamespaceOwner({ claims: user.identity.ownershipEntityRefs })`.
 *
 * @public
 */
export const namespaceSchedulerConditions = conditions;

/**
 * Wraps conditions into a conditional decision for a namespace permission.
 *
 * @public
 */
export const createNamespaceSchedulerConditionalDecision =
  createConditionalDecision;
