import {
  Content,
  EmptyState,
  Header,
  HeaderTabs,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import { activityReadAllPermission } from '@namespace-scheduler/backstage-plugin-common';
import { ComponentType } from 'react';
import { useSearchParams } from 'react-router-dom';
import { AdminActivity } from '../AdminActivity';
import { DisplayZoneSelect, useDisplayZone } from '../common';
import { CostCenterPermissions } from '../CostCenterPermissions';
import { CostReport } from '../CostReport';
import { MigrationCard } from '../Migration';
import { OffHoursSlots } from '../OffHoursSlots';
import { ManagedNamespacesTable } from './ManagedNamespacesTable';

const SECTIONS: Array<{ id: string; label: string; Content: ComponentType }> = [
  { id: 'namespaces', label: 'Namespaces', Content: ManagedNamespacesTable },
  { id: 'off-hours', label: 'Off-hours slots', Content: OffHoursSlots },
  {
    id: 'cost-centers',
    label: 'Cost centers',
    Content: CostCenterPermissions,
  },
  { id: 'activity', label: 'Activity', Content: AdminActivity },
  { id: 'cost-report', label: 'Cost report', Content: CostReport },
  { id: 'migration', label: 'Migration', Content: MigrationCard },
];

/**
 * The section in the URL (`?tab=activity`), so that each can be linked to,
 * bookmarked and reached with Back; the first without (or with an unknown) one.
 */
function useSelectedSection() {
  const [params, setParams] = useSearchParams();
  const found = SECTIONS.findIndex(({ id }) => id === params.get('tab'));
  const select = (index: number) =>
    setParams(current => {
      const next = new URLSearchParams(current);
      next.set('tab', SECTIONS[index].id);
      return next;
    });
  return [Math.max(found, 0), select] as const;
}

/** The sections, for admins; everyone else learns why they see none. */
const AdminContent = () => {
  const [selected, setSelected] = useSelectedSection();
  // Every time on the page is in this zone: picking another re-renders them all.
  useDisplayZone();
  const { loading, allowed, error } = usePermission({
    permission: activityReadAllPermission,
  });
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!allowed) {
    return (
      <Content>
        <EmptyState
          missing="content"
          title="Not allowed"
          description="The Namespace Scheduler admin page is for the platform team. Your team's namespaces are on each component's Namespace schedule tab."
        />
      </Content>
    );
  }
  const Section = SECTIONS[selected].Content;
  return (
    <>
      <HeaderTabs
        tabs={SECTIONS.map(({ id, label }) => ({ id, label }))}
        selectedIndex={selected}
        onChange={setSelected}
      />
      <Content>
        <Box display="flex" justifyContent="flex-end" mb={2}>
          <DisplayZoneSelect />
        </Box>
        <Section />
      </Content>
    </>
  );
};

/**
 * The platform team's page: every managed namespace across clusters, the
 * off-hours slots, cost-center permissions, the activity log, the cost report
 * and the migration from kube-downscaler and kube-green.
 */
export const NamespaceSchedulerPage = () => (
  <Page themeId="tool">
    <Header
      title="Namespace Scheduler"
      subtitle="Every managed namespace across clusters"
    />
    <AdminContent />
  </Page>
);
