import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  activity,
  errorResponse,
  operationResult,
  renderWithApis,
  serveActivities,
} from '../../__testUtils__';
import { ActivityCard } from './ActivityCard';

// Dialogs and tables of the real components take a while on a busy machine.
jest.setTimeout(20_000);

describe('ActivityCard', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const serve = (answer: (query: URLSearchParams) => Response) =>
    serveActivities(server, answer);

  const render = () =>
    renderWithApis(
      <ActivityCard cluster="sandbox" namespace="shop-dev" revision={0} />,
    );

  it('lists the namespace activity and expands a row into its result', async () => {
    const queries = serve(() =>
      HttpResponse.json({
        items: [
          activity('a2', {
            operation: 'wake',
            status: 'active',
            outcome: 'failed',
            requested_by: 'scheduler',
            schedule_id: 's1',
            source: 'schedule',
            reason:
              'Schedule "Office hours" (Mon–Fri 08:00–19:00 Europe/Madrid)',
            duration_minutes: undefined,
            result: operationResult('wake', {
              success: false,
              total_failed: 1,
              rollback_performed: true,
              rollback_success_count: 2,
              errors: ['Deployment api-gateway: timed out'],
            }),
          }),
          activity('a1', { duration_minutes: 125 }),
        ],
      }),
    );
    await render();
    const failed = await screen.findByRole('row', { name: /wake/ });
    expect(failed).toHaveTextContent('0 changed, 1 failed, rolled back');
    expect(failed).toHaveTextContent('scheduler (schedule)');
    // Why, under who asked.
    expect(failed).toHaveTextContent(
      'Schedule "Office hours" (Mon–Fri 08:00–19:00 Europe/Madrid)',
    );
    expect(screen.getByRole('row', { name: /sleep/ })).toHaveTextContent(
      'completed · 2 h 5 min',
    );
    expect(screen.getByRole('row', { name: /sleep/ })).toHaveTextContent(
      'guest',
    );
    expect(queries[0].toString()).toBe(
      'cluster=sandbox&namespace=shop-dev&limit=25',
    );

    await userEvent.click(
      within(failed).getByRole('button', { name: /detail panel/i }),
    );
    expect(
      await screen.findByText('Wake of sandbox/shop-dev failed'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Changes were rolled back: 2 restored/),
    ).toBeInTheDocument();
  });

  it('filters by operation, cost center and days', async () => {
    const queries = serve(() => HttpResponse.json({ items: [] }));
    await render();
    expect(
      await screen.findByText('No activity matches these filters.'),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByLabelText('Operation'));
    await userEvent.click(screen.getByRole('option', { name: 'Sleep' }));
    await userEvent.type(screen.getByLabelText('Cost center'), 'CC-1001');
    await userEvent.type(screen.getByLabelText('From'), '2026-11-01');
    await userEvent.type(screen.getByLabelText('To'), '2026-11-02');

    await waitFor(() =>
      expect(queries[queries.length - 1].get('to')).toBe(
        new Date(2026, 10, 3).toISOString(),
      ),
    );
    const last = queries[queries.length - 1];
    expect(last.get('operation')).toBe('sleep');
    expect(last.get('costCenter')).toBe('CC-1001');
    expect(last.get('from')).toBe(new Date(2026, 10, 1).toISOString());
  });

  it('checks the day range before asking', async () => {
    const queries = serve(() => HttpResponse.json({ items: [] }));
    await render();
    await screen.findByText('No activity matches these filters.');
    await userEvent.type(screen.getByLabelText('From'), '2026-11-05');
    await userEvent.type(screen.getByLabelText('To'), '2026-11-01');
    expect(
      await screen.findByText('To must not be before from'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Correct the filters to see the activity.'),
    ).toBeInTheDocument();
    expect(queries.every(q => !q.has('to'))).toBe(true);
  });

  it('loads further pages with the cursor', async () => {
    const queries = serve(query =>
      HttpResponse.json(
        query.get('cursor') === 'c2'
          ? { items: [activity('a1', { cost_center: 'CC-OLD' })] }
          : { items: [activity('a2')], next_cursor: 'c2' },
      ),
    );
    await render();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Load more' }),
    );
    expect(await screen.findByText('CC-OLD')).toBeInTheDocument();
    expect(screen.getAllByRole('row', { name: /sleep/ })).toHaveLength(2);
    expect(queries[1].get('cursor')).toBe('c2');
    expect(
      screen.queryByRole('button', { name: 'Load more' }),
    ).not.toBeInTheDocument();
  });

  it('shows a 400 next to the filter it names and a 403 as an error', async () => {
    const answers = [
      errorResponse(400, 'requestedBy: must be a user entity ref or scheduler'),
      errorResponse(
        403,
        'namespace-scheduler.activity.read-all is not allowed',
      ),
    ];
    serve(() => answers.shift() ?? HttpResponse.json({ items: [] }));
    await render();
    expect(
      await screen.findByText(
        'Requested by must be a user entity ref or scheduler',
      ),
    ).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText('Cost center'), 'CC');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Not allowed');
    expect(alert).toHaveTextContent(
      'namespace-scheduler.activity.read-all is not allowed',
    );
    expect(
      screen.getByText('The activity could not be read.'),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Retry reading the activity' }),
    );
    expect(
      await screen.findByText('No activity matches these filters.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
