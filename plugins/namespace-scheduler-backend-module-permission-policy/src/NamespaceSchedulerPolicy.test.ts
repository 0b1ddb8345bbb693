import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  activityReadAllPermission,
  costCenterManagePermission,
  namespaceOperatePermission,
  namespaceReadPermission,
  scheduleManagePermission,
} from '@namespace-scheduler/backstage-plugin-common';
import {
  decideNamespaceSchedulerPermission,
  NamespaceSchedulerPolicy,
} from './NamespaceSchedulerPolicy';

const memberships: Record<string, string[]> = {
  'user:default/carol': ['user:default/carol', 'group:default/platform-team'],
  'user:default/alice': ['user:default/alice', 'group:default/team-commerce'],
};

const options = {
  adminGroups: ['group:default/platform-team'],
  userInfo: mockServices.userInfo.mock({
    getUserInfo: async credentials => {
      const userEntityRef = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return { userEntityRef, ownershipEntityRefs: memberships[userEntityRef] };
    },
  }),
};
const policy = new NamespaceSchedulerPolicy(options);

const as = (ref: string) => ({
  credentials: mockCredentials.user(ref),
  info: { userEntityRef: ref, ownershipEntityRefs: memberships[ref] },
});

describe('NamespaceSchedulerPolicy', () => {
  it('lets admins do everything', async () => {
    for (const permission of [
      namespaceOperatePermission,
      scheduleManagePermission,
      costCenterManagePermission,
      activityReadAllPermission,
    ]) {
      const decision = await policy.handle(
        { permission },
        as('user:default/carol'),
      );
      expect(decision).toEqual({ result: AuthorizeResult.ALLOW });
    }
  });

  it('lets anyone read, and owners operate through the ownership condition', async () => {
    const alice = as('user:default/alice');
    expect(
      await policy.handle({ permission: namespaceReadPermission }, alice),
    ).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(
      await policy.handle({ permission: namespaceOperatePermission }, alice),
    ).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'namespace-scheduler',
      resourceType: 'namespace-scheduler-namespace',
      conditions: {
        rule: 'IS_NAMESPACE_OWNER',
        resourceType: 'namespace-scheduler-namespace',
        params: { claims: memberships['user:default/alice'] },
      },
    });
  });

  it('denies the admin-only permissions to everyone else', async () => {
    const alice = as('user:default/alice');
    for (const permission of [
      costCenterManagePermission,
      activityReadAllPermission,
    ]) {
      expect(await policy.handle({ permission }, alice)).toEqual({
        result: AuthorizeResult.DENY,
      });
    }
  });

  it('lets callers without a user read only', async () => {
    expect(
      await policy.handle({ permission: namespaceReadPermission }),
    ).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    expect(
      await policy.handle({ permission: scheduleManagePermission }),
    ).toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('leaves other plugins’ permissions alone', async () => {
    const other = createPermission({
      name: 'catalog.entity.read',
      attributes: {},
    });
    expect(await policy.handle({ permission: other })).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it("answers nothing for other plugins' permissions, so a portal's own policy decides them", async () => {
    const other = createPermission({
      name: 'catalog.entity.delete',
      attributes: { action: 'delete' },
    });
    expect(
      await decideNamespaceSchedulerPermission(
        options,
        { permission: other },
        as('user:default/carol'),
      ),
    ).toBeUndefined();
    expect(
      await decideNamespaceSchedulerPermission(
        options,
        { permission: namespaceOperatePermission },
        as('user:default/carol'),
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });
});
