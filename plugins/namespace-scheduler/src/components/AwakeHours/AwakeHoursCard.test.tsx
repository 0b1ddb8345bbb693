import { registerMswTestHooks } from '@backstage/test-utils';
import { Activity } from '@namespace-scheduler/backstage-plugin-common';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  activity,
  errorResponse,
  namespaceStatus,
  operationResult,
  PLUGIN,
  renderWithApis,
} from '../../__testUtils__';
import { AwakeHoursCard } from './AwakeHoursCard';

jest.setTimeout(20_000);

// Whole statuses, as the tab passes them: only their locator is sent.
const NAMESPACES = [
  namespaceStatus('shop-dev', 'awake'),
  namespaceStatus('shop-qa', 'asleep'),
];

/** Local midnight `daysAgo` days back, plus `hours`. */
function localTime(daysAgo: number, hours: number): string {
  const date = new Date();
  date.setDate(date.getDate() - daysAgo);
  date.setHours(hours, 0, 0, 0);
  return date.toISOString();
}

const localDate = (daysAgo: number) => localTime(daysAgo, 12).slice(0, 10);

const wake = (
  id: string,
  namespace: string,
  start: string,
  end?: string,
): Activity =>
  activity(id, {
    namespace,
    operation: 'wake',
    status: end ? 'completed' : 'active',
    timestamp_start: start,
    timestamp_end: end,
    result: operationResult('wake'),
  });

describe('AwakeHoursCard', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('charts awake hours per day from wakes in the period, before it, and still open', async () => {
    const queries: Record<string, string | null>[] = [];
    server.use(
      http.get(`${PLUGIN}/activities`, ({ request }) => {
        const query = new URL(request.url).searchParams;
        expect([...query.keys()].sort()).toEqual(
          [
            'cluster',
            'namespace',
            query.has('to') ? 'to' : 'from',
            'limit',
          ].sort(),
        );
        queries.push({
          namespace: query.get('namespace'),
          from: query.get('from'),
          to: query.get('to'),
        });
        const namespace = query.get('namespace');
        if (query.get('to')) {
          // Before the period: a wake that ended two hours into its first day.
          return HttpResponse.json({
            items:
              namespace === 'shop-qa'
                ? [wake('q1', 'shop-qa', localTime(20, 9), localTime(13, 2))]
                : [],
          });
        }
        return HttpResponse.json({
          items:
            namespace === 'shop-dev'
              ? [
                  wake(
                    'd2',
                    'shop-dev',
                    new Date(Date.now() - 30 * 60_000).toISOString(),
                  ),
                  activity('d1s', { timestamp_start: localTime(3, 14) }),
                  wake('d1', 'shop-dev', localTime(3, 10), localTime(3, 14)),
                ]
              : [],
        });
      }),
    );

    await renderWithApis(
      <AwakeHoursCard namespaces={NAMESPACES} revision={0} />,
    );

    const figure = await screen.findByRole('figure');
    expect(figure).toHaveAccessibleName(
      'Awake hours per day over the last 14 days: 6.5 h in total',
    );
    const table = within(figure).getByRole('table', {
      name: 'Awake hours per day, last 14 days',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(14);
    expect(rows[0]).toHaveTextContent(`${localDate(13)}2.0 h0.0 h2.0 h`);
    expect(rows[10]).toHaveTextContent(`${localDate(3)}4.0 h4.0 h0.0 h`);
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(th => th.textContent),
    ).toEqual(['Day', 'Total', 'sandbox/shop-dev', 'sandbox/shop-qa']);
    // Each namespace was read from the period's start, and just before it.
    expect(queries).toHaveLength(4);
    expect(
      queries
        .filter(q => q.to)
        .map(q => q.namespace)
        .sort(),
    ).toEqual(['shop-dev', 'shop-qa']);
  });

  it('says when nothing was awake, and shows a failed read as an error', async () => {
    server.use(
      http.get(`${PLUGIN}/activities`, () => HttpResponse.json({ items: [] })),
    );
    const { unmount } = await renderWithApis(
      <AwakeHoursCard namespaces={NAMESPACES} revision={0} />,
    );
    expect(
      await screen.findByText('No namespace was awake in the last 14 days.'),
    ).toBeInTheDocument();
    unmount();

    server.use(
      http.get(`${PLUGIN}/activities`, () =>
        errorResponse(403, 'You may not read this namespace'),
      ),
    );
    await renderWithApis(
      <AwakeHoursCard namespaces={NAMESPACES} revision={1} />,
    );
    expect(
      (await screen.findAllByText(/You may not read this namespace/))[0],
    ).toBeInTheDocument();
    expect(screen.queryByRole('figure')).toBeNull();
  });
});
