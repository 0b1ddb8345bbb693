import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { operationResult, scaledResource } from '../../__testUtils__';
import { OperationResultView } from './OperationResultView';

describe('OperationResultView', () => {
  it('puts a pending repair first and explains it', async () => {
    await renderInTestApp(
      <OperationResultView
        result={operationResult('sleep', {
          success: false,
          repair_pending: true,
          scaled_resources: [scaledResource('api-gateway', 'success')],
          total_scaled: 1,
          total_failed: 1,
          failed_resources: [
            {
              type: 'Deployment',
              name: 'web',
              status: 'failed',
              error: 'connect ETIMEDOUT',
            },
          ],
          rollback_performed: true,
          rollback_failed_count: 1,
          rollback_results: [
            {
              type: 'Deployment',
              name: 'api-gateway',
              restored_replicas: 2,
              status: 'failed',
              error: 'connect ETIMEDOUT',
            },
          ],
        })}
      />,
    );
    const alerts = screen.getAllByRole('alert');
    expect(alerts[0]).toHaveTextContent('Marked for repair');
    expect(alerts[0]).toHaveTextContent(
      /the cluster stopped answering.*restores the rest when the cluster answers again.*operations on this namespace are refused/i,
    );
    expect(alerts[1]).toHaveTextContent('Sleep of sandbox/shop-dev failed');
    expect(alerts[1]).toHaveTextContent('1 could NOT be restored');
  });

  it('lists workloads the rollback left alone, with why', async () => {
    const reason =
      'Deployment web was changed by someone else meanwhile (replicas 5); left as it is';
    await renderInTestApp(
      <OperationResultView
        result={operationResult('wake', {
          success: false,
          total_failed: 1,
          rollback_performed: true,
          rollback_success_count: 1,
          rollback_results: [
            {
              type: 'Deployment',
              name: 'api-gateway',
              restored_replicas: 0,
              status: 'success',
            },
            {
              type: 'Deployment',
              name: 'web',
              restored_replicas: 0,
              status: 'left_alone',
              error: reason,
            },
          ],
        })}
      />,
    );
    expect(
      screen.getByText(
        /Changes were rolled back: 1 restored, 1 left alone \(changed by someone else meanwhile\)\./,
      ),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Rolled back' });
    expect(
      within(table).getByRole('row', {
        name: `Deployment web 0 left alone ${reason}`,
      }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Marked for repair')).not.toBeInTheDocument();
  });

  it('shows warnings of an operation that succeeded', async () => {
    await renderInTestApp(
      <OperationResultView
        result={operationResult('sleep', {
          warnings: ['ScaledObject queue-worker: KEDA is not installed'],
        })}
      />,
    );
    expect(screen.getByText('Slept sandbox/shop-dev')).toBeInTheDocument();
    expect(screen.getByText('Warnings')).toBeInTheDocument();
    expect(
      screen.getByText('ScaledObject queue-worker: KEDA is not installed'),
    ).toBeInTheDocument();
  });
});
