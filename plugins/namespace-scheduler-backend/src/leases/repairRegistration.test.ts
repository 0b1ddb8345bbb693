import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { namespaceSchedulerPlugin } from '../plugin';
import { REPAIR_TASK_ID } from './RepairSweep';

describe('the repair sweep on the portal scheduler', () => {
  it('is registered every 30 seconds, and its task sweeps', async () => {
    const scheduler = mockServices.scheduler.mock();
    await startTestBackend({
      features: [
        namespaceSchedulerPlugin,
        scheduler.factory,
        catalogServiceMock.factory({ entities: [] }),
      ],
    });
    const [task] = scheduler.scheduleTask.mock.calls
      .map(([definition]) => definition)
      .filter(definition => definition.id === REPAIR_TASK_ID);
    expect(task).toMatchObject({ frequency: { seconds: 30 } });
    await expect(
      task.fn(new AbortController().signal),
    ).resolves.toBeUndefined();
  });
});
