export interface Config {
  namespaceScheduler?: {
    /**
     * Entity refs of the groups (or users) the Namespace Scheduler's
     * permission policy lets do everything: every namespace, the admin page,
     * cost-center permissions, the off-hours slots.
     * @default ["group:default/platform-team"]
     * @visibility backend
     */
    adminGroups?: string[];
  };
}
