import { Content, Header, Page } from '@backstage/core-components';
import { ManagedNamespacesTable } from './ManagedNamespacesTable';

/** The platform team's page: every managed namespace across clusters. */
export const NamespaceSchedulerPage = () => (
  <Page themeId="tool">
    <Header
      title="Namespace Scheduler"
      subtitle="Every managed namespace across clusters"
    />
    <Content>
      <ManagedNamespacesTable />
    </Content>
  </Page>
);
