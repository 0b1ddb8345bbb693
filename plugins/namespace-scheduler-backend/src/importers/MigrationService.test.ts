import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { Schedule } from '@namespace-scheduler/backstage-plugin-common';
import { NamespaceAuthorizer } from '../permissions';
import { FoundSchedule } from './ClusterScanner';
import { mapSleepInfo } from './kubeGreen';
import { MigrationService } from './MigrationService';

const ALICE = mockCredentials.user('user:default/alice');

/** A SleepInfo that maps to a sleep and a wake: two schedules. */
const found: FoundSchedule = {
  tool: 'kube-green',
  cluster: 'c1',
  namespace: 'night',
  source: { kind: 'SleepInfo', name: 'night' },
  original: '',
  mapping: mapSleepInfo('night', {
    weekdays: '*',
    sleepAt: '01:00',
    wakeUpAt: '05:00',
    suspendCronJobs: true,
  }),
};
const ID = 'kube-green:c1/night:SleepInfo/night';

function service(
  create: jest.Mock,
  scan: (cluster: string) => Promise<FoundSchedule[]> = async () => [found],
) {
  const remove = jest.fn(async () => {});
  const migration = MigrationService.create({
    clusters: { clusterNames: () => ['c1', 'c2'] },
    scanner: { scan },
    catalog: {
      allClaims: async () => [
        {
          cluster: 'c1',
          namespace: 'night',
          entityRefs: ['component:default/a'],
          ownerRefs: [],
        },
      ],
    },
    store: { list: async () => [] },
    schedules: { create, delete: remove },
    authorizer: NamespaceAuthorizer.create({
      permissions: mockServices.permissions(),
    }),
  });
  return { migration, remove };
}

describe('MigrationService', () => {
  it('creates all of a candidate or none: a refused wake removes its sleep', async () => {
    const create = jest
      .fn()
      .mockResolvedValueOnce({ id: 's-1' } as Schedule)
      .mockRejectedValueOnce(new ConflictError('overlaps "Night"'));
    const { migration, remove } = service(create);

    const { items } = await migration.import(
      { items: [{ id: ID, cost_center: 'CC-1' }] },
      ALICE,
    );

    expect(items).toEqual([
      {
        id: ID,
        status: 'refused',
        schedule_ids: [],
        message: 'overlaps "Night"',
      },
    ]);
    expect(create.mock.calls.map(([body]) => body.operation)).toEqual([
      'sleep',
      'wake',
    ]);
    expect(create.mock.calls[0][0]).toMatchObject({
      cluster: 'c1',
      namespace: 'night',
      cost_center: 'CC-1',
    });
    expect(remove).toHaveBeenCalledWith('s-1', ALICE);
  });

  it('fails the request on an error that is no refusal', async () => {
    const create = jest.fn().mockRejectedValue(new Error('database gone'));
    const { migration } = service(create);
    await expect(
      migration.import({ items: [{ id: ID, cost_center: 'CC-1' }] }, ALICE),
    ).rejects.toThrow('database gone');
  });

  it('reports a cluster it cannot read and scans the others', async () => {
    const scan = async (cluster: string) => {
      if (cluster === 'c2') throw new Error('connect ECONNREFUSED');
      return [found];
    };
    const { migration } = service(jest.fn(), scan);
    const scanned = await migration.candidates(ALICE);
    expect(scanned.items.map(i => i.id)).toEqual([ID]);
    expect(scanned.errors).toEqual([
      { cluster: 'c2', message: expect.stringContaining('ECONNREFUSED') },
    ]);
    // Cron tasks are not declarable in the catalog: no pull-request text.
    expect(scanned.pull_requests).toEqual([]);
  });
});
