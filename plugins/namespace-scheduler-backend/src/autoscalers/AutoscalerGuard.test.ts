import { InputError } from '@backstage/errors';
import type {
  NamespaceStatus,
  ScheduleInput,
} from '@namespace-scheduler/backstage-plugin-common';
import { AutoscalerGuard } from './AutoscalerGuard';

const status: NamespaceStatus = {
  cluster: 'sandbox',
  namespace: 'shop-dev',
  state: 'awake',
  workloads: [],
  counts: { total: 1, awake: 1, asleep: 0, excluded: 0, off: 0 },
  autoscalers: [
    {
      name: 'api-gateway',
      target: { kind: 'Deployment', name: 'api-gateway' },
      minReplicas: 2,
      maxReplicas: 10,
    },
  ],
  observedAt: '2026-12-03T09:00:00Z',
};

describe('AutoscalerGuard', () => {
  const read = jest.fn(async () => status);
  const guard = AutoscalerGuard.create({ status: { status: read } });
  const request = {
    cluster: 'sandbox',
    namespace: 'shop-dev',
    costCenter: 'CC-1001',
    requestedBy: 'user:default/guest',
  };
  beforeEach(() => read.mockClear());

  it('refuses a scale outside an HPA with 400 naming replicas and the HPA', async () => {
    const refused = guard.assertAllowed({
      ...request,
      operation: 'scale',
      replicas: 11,
    });
    await expect(refused).rejects.toThrow(InputError);
    await expect(refused).rejects.toThrow(
      /^replicas: 11 is above maxReplicas 10 of HorizontalPodAutoscaler api-gateway/,
    );
  });

  it('lets scales within the bounds, sleeps and wakes through; only a scale reads the namespace', async () => {
    await guard.assertAllowed({ ...request, operation: 'scale', replicas: 2 });
    await guard.assertAllowed({ ...request, operation: 'scale', replicas: 0 });
    await guard.assertAllowed({ ...request, operation: 'wake' });
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('refuses saving a cron scale the HPAs would undo, and saves the rest', async () => {
    const cron = (replicas: number): ScheduleInput => ({
      title: 'Scale down at night',
      cluster: 'sandbox',
      namespace: 'shop-dev',
      cost_center: 'CC-1001',
      kind: 'cron',
      zone: 'UTC',
      cron: '0 20 * * 1-5',
      operation: 'scale',
      replicas,
    });
    const write = jest.fn(async () => 'saved');
    const candidate = (input: ScheduleInput) => ({
      input,
      savedBy: 'user:default/guest',
      at: new Date(),
    });
    await expect(guard.save(candidate(cron(1)), write)).rejects.toThrow(
      /^replicas: 1 is below minReplicas 2 of HorizontalPodAutoscaler api-gateway/,
    );
    expect(write).not.toHaveBeenCalled();
    await expect(guard.save(candidate(cron(3)), write)).resolves.toBe('saved');
  });
});
