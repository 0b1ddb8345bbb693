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
import { activityReadAllPermission } from '@namespace-scheduler/backstage-plugin-common';
import { ReactNode, useState } from 'react';
import { AdminActivity } from '../AdminActivity';
import { CostCenterPermissions } from '../CostCenterPermissions';
import { CostReport } from '../CostReport';
import { OffHoursSlots } from '../OffHoursSlots';
import { ManagedNamespacesTable } from './ManagedNamespacesTable';

const SECTIONS: Array<{ id: string; label: string; content: ReactNode }> = [
  {
    id: 'namespaces',
    label: 'Namespaces',
    content: <ManagedNamespacesTable />,
  },
  { id: 'off-hours', label: 'Off-hours slots', content: <OffHoursSlots /> },
  {
    id: 'cost-centers',
    label: 'Cost centers',
    content: <CostCenterPermissions />,
  },
  { id: 'activity', label: 'Activity', content: <AdminActivity /> },
  { id: 'cost-report', label: 'Cost report', content: <CostReport /> },
];

/** The sections, for admins; everyone else learns why they see none. */
const AdminContent = () => {
  const [selected, setSelected] = useState(0);
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
  return (
    <>
      <HeaderTabs
        tabs={SECTIONS.map(({ id, label }) => ({ id, label }))}
        selectedIndex={selected}
        onChange={setSelected}
      />
      <Content>{SECTIONS[selected].content}</Content>
    </>
  );
};

/**
 * The platform team's page: every managed namespace across clusters, the
 * off-hours slots, cost-center permissions, the activity log and the cost report.
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
