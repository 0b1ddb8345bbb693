import { mockServices } from '@backstage/backend-test-utils';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { Activity } from '@namespace-scheduler/backstage-plugin-common';
import { mockOperationResult } from '@namespace-scheduler/backstage-plugin-node/testUtils';
import type { OperationOutcomeEvent } from '../operations/OperationListener';
import { RequestParts, requestFrom } from '../__testUtils__/operationRequest';
import { AfterSleepNotifier } from './AfterSleepNotifier';

const CLAIM = {
  cluster: 'sandbox',
  namespace: 'shop-dev',
  entityRefs: ['component:default/shop-api'],
  ownerRefs: ['group:default/team-commerce'],
};

const REASON =
  'Off-hours started (Thu 3 Dec, 20:00 CET; business hours Mon–Fri 07:00–20:00 Europe/Madrid): no off-hours slot held; limit 5 across all clusters';

function event(
  request: Partial<RequestParts>,
  success = true,
  scaled = 3,
): OperationOutcomeEvent {
  const full = requestFrom({
    cluster: 'sandbox',
    namespace: 'shop-dev',
    operation: 'sleep',
    costCenter: 'CC-1001',
    requestedBy: 'scheduler',
    source: 'off-hours-boundary',
    reason: REASON,
    ...request,
  });
  const result = {
    ...mockOperationResult(
      { operation: full.operation, cluster: 'sandbox', namespace: 'shop-dev' },
      success ? {} : { errors: ['deployments/web: HTTP 500'] },
    ),
    total_scaled: success ? scaled : 0,
  };
  const activity = {
    id: 'a1',
    reason: full.reason,
    source: full.source,
  } as Activity;
  return {
    request: full,
    operationId: 'op-1',
    result,
    activity,
    logger: mockServices.logger.mock(),
  };
}

describe('AfterSleepNotifier', () => {
  const send = jest.fn<
    ReturnType<NotificationService['send']>,
    Parameters<NotificationService['send']>
  >(async () => {});
  const notifier = AfterSleepNotifier.create({
    notifications: { send },
    claims: { claimOf: async () => CLAIM },
  });

  beforeEach(() => send.mockClear());

  it('tells the owners why the scheduler put their namespace to sleep', async () => {
    await notifier.onOutcome(event({}));
    expect(send).toHaveBeenCalledTimes(1);
    const [{ recipients, payload }] = send.mock.calls[0];
    expect(recipients).toEqual({
      type: 'entity',
      entityRef: CLAIM.ownerRefs,
    });
    expect(payload).toMatchObject({
      title: 'sandbox/shop-dev was put to sleep',
      description: `${REASON}. Cost center CC-1001. Wake it from its Namespace schedule tab.`,
      topic: 'namespace-scheduler',
      link: '/catalog/default/component/shop-api/namespace-schedule?namespace=sandbox%2Fshop-dev',
    });
  });

  it("also tells a schedule's scale to 0", async () => {
    await notifier.onOutcome(
      event({ operation: 'scale', replicas: 0, source: 'schedule' }),
    );
    expect(send).toHaveBeenCalledTimes(1);
  });

  it("stays quiet for a user's own sleep, a wake, and a failed sleep (OperationNotifier tells that)", async () => {
    await notifier.onOutcome(
      event({ requestedBy: 'user:default/alice', source: 'manual' }),
    );
    await notifier.onOutcome(event({ operation: 'wake', source: 'schedule' }));
    await notifier.onOutcome(event({}, false));
    expect(send).not.toHaveBeenCalled();
  });

  it('stays quiet when the namespace was asleep already (nothing scaled)', async () => {
    await notifier.onOutcome(event({ source: 'schedule' }, true, 0));
    expect(send).not.toHaveBeenCalled();
  });
});
