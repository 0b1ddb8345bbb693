import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { CostReport as Report } from '@namespace-scheduler/backstage-plugin-common';
import { errorResponse, PLUGIN, renderWithApis } from '../../__testUtils__';
import { CostReport } from './CostReport';

jest.setTimeout(20_000);

const totals = (awake: number, asleep: number, price: number) => ({
  awake_hours: awake,
  asleep_hours: asleep,
  estimated_cost: awake * price,
  estimated_savings: asleep * price,
});

const report: Report = {
  from: '2026-10-23T00:00:00Z',
  to: '2026-11-22T00:00:00Z',
  currency: 'EUR',
  prices: { cpu_hour: 0.1, gib_hour: 0.01 },
  totals: totals(12, 24, 0.25),
  by_cost_center: [{ cost_center: 'CC-3001', ...totals(12, 24, 0.25) }],
  by_team: [
    { team: 'group:default/team-search', ...totals(12, 20, 0.25) },
    totals(0, 4, 0.25),
  ],
  lines: [
    {
      cluster: 'sandbox',
      namespace: 'search-dev',
      cost_center: 'CC-3001',
      team: 'group:default/team-search',
      cpu_cores: 2,
      memory_gib: 5,
      hourly_price: 0.25,
      ...totals(12, 20, 0.25),
    },
    {
      cluster: 'sandbox',
      namespace: 'old-ns',
      cost_center: 'CC-3001',
      cpu_cores: 0,
      memory_gib: 0,
      hourly_price: 0,
      requests_error: 'namespace old-ns not found',
      ...totals(0, 4, 0),
    },
  ],
};

const euros = (value: number) =>
  new Intl.NumberFormat(undefined, {
    style: 'currency',
    currency: 'EUR',
  }).format(value);

describe('CostReport', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  function serve(answer: () => Response) {
    const queries: URLSearchParams[] = [];
    server.use(
      http.get(`${PLUGIN}/cost-report`, ({ request }) => {
        queries.push(new URL(request.url).searchParams);
        return answer();
      }),
    );
    return queries;
  }

  it('shows totals, the per cost center and per team tables and unpriced namespaces', async () => {
    const queries = serve(() => HttpResponse.json(report));
    await renderWithApis(<CostReport />);
    expect(
      await screen.findByText(/12 awake hours cost an estimated/),
    ).toHaveTextContent(
      `12 awake hours cost an estimated ${euros(
        3,
      )}; 24 asleep hours saved an estimated ${euros(6)}`,
    );
    expect(
      screen.getByRole('figure', {
        name: 'Estimated cost and savings per cost center',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('row', { name: /team-search 12 20/ }),
    ).toHaveTextContent(euros(5));
    expect(
      screen.getByRole('row', { name: /Unclaimed 0 4/ }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/The requests of old-ns could not be read/),
    ).toBeInTheDocument();
    expect(screen.getByRole('row', { name: /search-dev/ })).toHaveTextContent(
      '2 CPU, 5.00 GiB',
    );
    const from = Date.parse(queries[0].get('from')!);
    const to = Date.parse(queries[0].get('to')!);
    expect(Math.round((to - from) / 86_400_000)).toBe(31);
  });

  it('asks again for the chosen days and checks their order first', async () => {
    const queries = serve(() => HttpResponse.json({ ...report, lines: [] }));
    await renderWithApis(<CostReport />);
    expect(
      await screen.findByText(
        'No namespace was awake or asleep in these days.',
      ),
    ).toBeInTheDocument();
    const from = screen.getByLabelText('From');
    await userEvent.clear(from);
    await userEvent.type(from, '2099-01-01');
    expect(
      await screen.findByText('To must not be before from'),
    ).toBeInTheDocument();
    await userEvent.clear(from);
    await userEvent.type(from, '2026-11-01');
    await waitFor(() =>
      expect(queries[queries.length - 1].get('from')).toBe(
        new Date(2026, 10, 1).toISOString(),
      ),
    );
  });

  it('shows a failure as an error, not as numbers', async () => {
    serve(() => errorResponse(400, 'to: at most 366 days after from'));
    await renderWithApis(<CostReport />);
    expect(
      (await screen.findAllByText(/at most 366 days after from/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText(/awake hours cost/)).not.toBeInTheDocument();
  });
});
