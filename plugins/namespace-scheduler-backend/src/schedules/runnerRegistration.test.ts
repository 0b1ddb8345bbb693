import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { namespaceSchedulerPlugin } from '../plugin';
import { RUNNER_TASK_ID } from './runnerConfig';

describe('the runner on the portal scheduler', () => {
  it('is registered with the frequency from config, and its task ticks', async () => {
    const scheduler = mockServices.scheduler.mock();
    await startTestBackend({
      features: [
        namespaceSchedulerPlugin,
        scheduler.factory,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: {
            namespaceScheduler: { runner: { frequency: { minutes: 2 } } },
          },
        }),
      ],
    });
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: RUNNER_TASK_ID,
        frequency: { minutes: 2 },
        timeout: { minutes: 5 },
      }),
    );
    const [task] = scheduler.scheduleTask.mock.calls[0];
    await expect(
      task.fn(new AbortController().signal),
    ).resolves.toBeUndefined();
  });
});
