// The legacy frontend system's entity page, wired as the plugin README says
// (packages/app/src/components/catalog/EntityPage.tsx in a legacy app).
import { EntityLayout } from '@backstage/plugin-catalog';
import {
  EntityNamespaceScheduleContent,
  isNamespaceSchedulerAvailable,
} from '@namespace-scheduler/backstage-plugin';

export const serviceEntityPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <div>Overview of the service</div>
    </EntityLayout.Route>
    <EntityLayout.Route
      path="/namespace-schedule"
      title="Namespace schedule"
      if={isNamespaceSchedulerAvailable}
    >
      <EntityNamespaceScheduleContent />
    </EntityLayout.Route>
  </EntityLayout>
);
