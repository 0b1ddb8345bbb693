import { mockServices } from '@backstage/backend-test-utils';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  Activity,
  OperationResult,
} from '@namespace-scheduler/backstage-plugin-common';
import { emptyResult } from '../engine';
import type { OperationOutcomeEvent } from '../operations/OperationListener';
import { OperationNotifier } from './OperationNotifier';
import { RequestParts, requestFrom } from '../__testUtils__/operationRequest';

const CLAIM = {
  cluster: 'prod',
  namespace: 'shop',
  entityRefs: ['component:default/shop-api'],
  ownerRefs: ['group:default/team-commerce', 'group:default/team-sre'],
};

const STARTED = new Date('2026-11-24T20:00:00Z');

function result(overrides: Partial<OperationResult>): OperationResult {
  const base = {
    operation: 'sleep' as const,
    cluster: 'prod',
    namespace: 'shop',
    dryRun: false,
    startedAt: STARTED,
  };
  return {
    ...emptyResult(base, ['deployments/web: HTTP 500']),
    ...overrides,
  };
}

const ACTIVITY: Activity = {
  id: 'a1',
  cluster: 'prod',
  namespace: 'shop',
  operation: 'sleep',
  cost_center: 'CC-1001',
  requested_by: 'user:default/alice',
  status: 'completed',
  outcome: 'failed',
  timestamp_start: STARTED.toISOString(),
  result: result({}),
};

function event(
  res: OperationResult,
  request: Partial<RequestParts> = {},
): OperationOutcomeEvent {
  return {
    request: requestFrom({
      cluster: 'prod',
      namespace: 'shop',
      operation: 'sleep',
      costCenter: 'CC-1001',
      requestedBy: 'user:default/alice',
      ...request,
    }),
    operationId: 'op-1',
    result: res,
    activity: ACTIVITY,
    logger: mockServices.logger.mock(),
  };
}

describe('OperationNotifier', () => {
  const send = jest.fn<
    ReturnType<NotificationService['send']>,
    Parameters<NotificationService['send']>
  >(async () => {});
  const notifier = OperationNotifier.create({
    notifications: { send },
    claims: { claimOf: async () => CLAIM },
  });

  beforeEach(() => send.mockClear());

  it('tells the owning teams of a failed operation, linking the claiming entity', async () => {
    await notifier.onOutcome(event(result({})));
    expect(send).toHaveBeenCalledTimes(1);
    const [{ recipients, payload }] = send.mock.calls[0];
    expect(recipients).toEqual({
      type: 'entity',
      entityRef: CLAIM.ownerRefs,
    });
    expect(payload).toMatchObject({
      title: 'Sleep of prod/shop failed',
      severity: 'normal',
      topic: 'namespace-scheduler',
      scope: 'namespace-scheduler:prod/shop',
      link: '/catalog/default/component/shop-api',
    });
    expect(payload.description).toContain('user:default/alice');
    expect(payload.description).toContain('deployments/web: HTTP 500');
    expect(payload.description).toContain('op-1');
  });

  it('says a rolled-back scheduled run rolled back, at normal severity', async () => {
    await notifier.onOutcome(
      event(result({ rollback_performed: true, rollback_success_count: 2 }), {
        requestedBy: 'scheduler',
        scheduleId: 'sched-9',
        operation: 'wake',
      }),
    );
    const { payload } = send.mock.calls[0][0];
    expect(payload.title).toBe('Wake of prod/shop failed');
    expect(payload.severity).toBe('normal');
    expect(payload.description).toContain('Schedule sched-9');
    expect(payload.description).toContain('Rolled back 2 workload(s).');
  });

  it('says why the failed operation ran, naming the schedule rather than its id', async () => {
    await notifier.onOutcome(
      event(result({}), {
        requestedBy: 'scheduler',
        scheduleId: 'sched-9',
        source: 'schedule',
        reason: 'Schedule "Office hours" (Mon–Fri 08:00–19:00 Europe/Madrid)',
      }),
    );
    const { payload } = send.mock.calls[0][0];
    expect(payload.description).toMatch(
      /^Schedule "Office hours" \(Mon–Fri 08:00–19:00 Europe\/Madrid\), cost center CC-1001\./,
    );
    expect(payload.description).not.toContain('sched-9');
  });

  it('is high severity when workloads could not be rolled back', async () => {
    await notifier.onOutcome(
      event(
        result({
          rollback_performed: true,
          rollback_success_count: 1,
          rollback_failed_count: 1,
        }),
      ),
    );
    const { payload } = send.mock.calls[0][0];
    expect(payload.severity).toBe('high');
    expect(payload.title).toBe(
      'Sleep of prod/shop failed and could not be rolled back',
    );
  });

  it('stays quiet when the operation succeeded', async () => {
    await notifier.onOutcome(event(result({ success: true, errors: [] })));
    expect(send).not.toHaveBeenCalled();
  });

  it('logs instead of sending when nobody owns the namespace', async () => {
    const lonely = OperationNotifier.create({
      notifications: { send },
      claims: { claimOf: async () => undefined },
    });
    const failed = event(result({}));
    await lonely.onOutcome(failed);
    expect(send).not.toHaveBeenCalled();
    expect(failed.logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('No owner to notify'),
    );
  });
});
