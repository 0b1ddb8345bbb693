/**
 * An opt-in permission policy for the Namespace Scheduler, as a backend
 * module (`backend.add(import(…))`) or as a decision function a portal's
 * own policy calls.
 *
 * @packageDocumentation
 */
export { permissionModuleNamespaceSchedulerPolicy as default } from './module';
export {
  decideNamespaceSchedulerPermission,
  NamespaceSchedulerPolicy,
  type NamespaceSchedulerPolicyOptions,
} from './NamespaceSchedulerPolicy';
