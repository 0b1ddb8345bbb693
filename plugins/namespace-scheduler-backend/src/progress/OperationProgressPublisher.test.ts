import { mockServices } from '@backstage/backend-test-utils';
import { SignalPayload } from '@backstage/plugin-signals-node';
import { OperationProgressEvent } from '@namespace-scheduler/backstage-plugin-common';
import { OperationProgressPublisher } from './OperationProgressPublisher';

const ID = '0b7f2a55-2f0c-4d7e-9a51-0d7d3f1c2b11';
const USER = 'user:default/guest';

const event = (
  name: string,
  stage: OperationProgressEvent['stage'],
  extra: Partial<OperationProgressEvent> = {},
): OperationProgressEvent => ({
  operation: 'sleep',
  cluster: 'sandbox',
  namespace: 'shop-dev',
  type: 'Deployment',
  name,
  phase: 1,
  stage,
  from_replicas: 2,
  to_replicas: 0,
  dry_run: false,
  total: 2,
  ...extra,
});

function setup(publish = jest.fn(async (_signal: SignalPayload) => {})) {
  const logger = mockServices.logger.mock();
  const publisher = OperationProgressPublisher.create({
    signals: { publish },
    logger,
  });
  return { publish, logger, listener: publisher.listener(ID, USER) };
}

describe('OperationProgressPublisher', () => {
  it('sends each finished step to the requesting user on the operation channel, in order', async () => {
    const { publish, listener } = setup();
    listener.onProgress(event('api', 'started'));
    listener.onProgress(event('api', 'succeeded'));
    listener.onProgress(event('web', 'started'));
    listener.onProgress(event('web', 'failed', { error: 'boom' }));
    listener.onProgress(event('api', 'rolling_back'));
    listener.onProgress(
      event('api', 'rolled_back', { from_replicas: 0, to_replicas: 2 }),
    );
    await listener.flush();

    expect(publish.mock.calls.map(([signal]) => signal.message)).toEqual([
      expect.objectContaining({ name: 'api', step: 'scaled', done: 1 }),
      expect.objectContaining({
        name: 'web',
        step: 'failed',
        error: 'boom',
        done: 2,
      }),
      expect.objectContaining({ name: 'api', step: 'rolled-back', done: 2 }),
    ]);
    expect(publish.mock.calls[0][0]).toEqual({
      recipients: { type: 'user', entityRef: USER },
      channel: `namespace-scheduler:progress:${ID}`,
      message: {
        progress_id: ID,
        operation: 'sleep',
        cluster: 'sandbox',
        namespace: 'shop-dev',
        kind: 'Deployment',
        name: 'api',
        step: 'scaled',
        from_replicas: 2,
        to_replicas: 0,
        done: 1,
        total: 2,
      },
    });
  });

  it('sends nothing for a dry run', async () => {
    const { publish, listener } = setup();
    listener.onProgress(event('api', 'succeeded', { dry_run: true }));
    await listener.flush();
    expect(publish).not.toHaveBeenCalled();
  });

  it('logs a failed publish and goes on with the next', async () => {
    const publish = jest
      .fn(async (_signal: SignalPayload) => {})
      .mockRejectedValueOnce(new Error('events down'));
    const { logger, listener } = setup(publish);
    listener.onProgress(event('api', 'succeeded'));
    listener.onProgress(event('web', 'succeeded'));
    await listener.flush();
    expect(publish).toHaveBeenCalledTimes(2);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('events down'),
    );
  });
});
