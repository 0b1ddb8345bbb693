import { registerMswTestHooks } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { OffHoursPlan } from '@namespace-scheduler/backstage-plugin-common';
import {
  businessHours,
  errorResponse,
  PLUGIN,
  renderWithApis,
} from '../../__testUtils__';
import { OffHoursSlots } from './OffHoursSlots';

jest.setTimeout(20_000);

const plan: OffHoursPlan = {
  ...businessHours,
  off_hours: true,
  used: { global: 2 },
  slots: [
    {
      cluster: 'sandbox',
      namespace: 'shop-dev',
      slot: 1,
      scope: 'global',
      cost_center: 'CC-1001',
      requested_by: 'user:default/alice',
      acquired_at: '2026-11-21T20:05:00Z',
    },
    {
      cluster: 'sandbox',
      namespace: 'payments-dev',
      slot: 2,
      scope: 'global',
      cost_center: 'CC-2001',
      requested_by: 'scheduler',
      acquired_at: '2026-11-21T20:00:00Z',
    },
  ],
  upcoming: [
    {
      start: '2026-11-23T19:00:00Z',
      end: '2026-11-24T06:00:00Z',
      peak: { global: 5 },
      namespaces: [{ cluster: 'sandbox', namespace: 'search-dev', awake: [] }],
    },
  ],
};

describe('OffHoursSlots', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('shows the slots held now and each coming period against the limit', async () => {
    const days: Array<string | null> = [];
    server.use(
      http.get(`${PLUGIN}/off-hours/slots`, ({ request }) => {
        days.push(new URL(request.url).searchParams.get('days'));
        return HttpResponse.json(plan);
      }),
    );
    await renderWithApis(<OffHoursSlots />);
    expect(await screen.findByText('Slots held (2)')).toBeInTheDocument();
    expect(
      screen.getByText('Off-hours now: the limit applies.'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', {
        name: 'global: 2 of 5 off-hours slots',
      }),
    ).toHaveAttribute('aria-valuenow', '40');
    expect(screen.getByRole('row', { name: /shop-dev/ })).toHaveTextContent(
      'CC-1001',
    );
    const period = screen.getByRole('row', { name: /search-dev/ });
    expect(period).toHaveTextContent('global: 5 of 5');
    expect(days).toEqual(['7']);
  });

  it('shows a refusal as an error', async () => {
    server.use(
      http.get(`${PLUGIN}/off-hours/slots`, () =>
        errorResponse(
          403,
          'namespace-scheduler.activity.read-all is not allowed',
        ),
      ),
    );
    await renderWithApis(<OffHoursSlots />);
    expect(
      (await screen.findAllByText(/read-all is not allowed/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByText(/Slots held/)).not.toBeInTheDocument();
  });
});
