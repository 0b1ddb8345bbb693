import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  Activity,
  activityReadAllPermission,
  ActivityPage,
  namespaceReadPermission,
} from '@namespace-scheduler/backstage-plugin-common';
import { NamespaceAuthorizer } from '../permissions';
import {
  ActivityQuery,
  ActivityStore,
} from '@namespace-scheduler/backstage-plugin-node';

type NamespaceRef = { cluster: string; namespace: string };

/**
 * The activity log as users see it: one namespace's activity needs read
 * access to it; anything across namespaces needs the read-all permission.
 */
export class ActivityService {
  static create(options: {
    store: ActivityStore;
    authorizer: NamespaceAuthorizer;
  }) {
    return new ActivityService(options.store, options.authorizer);
  }

  private constructor(
    private readonly store: ActivityStore,
    private readonly authorizer: NamespaceAuthorizer,
  ) {}

  async list(
    query: ActivityQuery,
    credentials: BackstageCredentials,
  ): Promise<ActivityPage> {
    const { cluster, namespace } = query;
    await this.assertReadable(
      cluster && namespace ? { cluster, namespace } : undefined,
      credentials,
    );
    return this.store.list(query);
  }

  async get(id: string, credentials: BackstageCredentials): Promise<Activity> {
    const activity = await this.store.get(id);
    if (!activity) throw new NotFoundError(`No activity with id ${id}`);
    await this.assertReadable(activity, credentials);
    return activity;
  }

  private async assertReadable(
    ref: NamespaceRef | undefined,
    credentials: BackstageCredentials,
  ) {
    if (ref) {
      const [readable] = await this.authorizer.filter(
        credentials,
        namespaceReadPermission,
        [ref],
      );
      if (readable) return;
    }
    await this.authorizer.assert(credentials, activityReadAllPermission);
  }
}
