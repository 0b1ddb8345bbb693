import { registerMswTestHooks } from '@backstage/test-utils';
import { AwakeHoursDay } from '@namespace-scheduler/backstage-plugin-common';
import { fireEvent, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { useState } from 'react';
import { errorResponse, PLUGIN, renderWithApis } from '../../__testUtils__';
import { browserTimeZone, formatInstant } from '../common';
import { AwakeHoursCard } from './AwakeHoursCard';

jest.setTimeout(20_000);

const SHOP_API = 'component:default/shop-api';

/** The backend's 14 days, with awake hours per namespace by days ago. */
function period(
  hours: Record<number, Record<string, number>> = {},
): AwakeHoursDay[] {
  return Array.from({ length: 14 }, (_, index) => {
    const daysAgo = 13 - index;
    const namespaces = hours[daysAgo] ?? {};
    return {
      date: `2026-11-${String(10 + index).padStart(2, '0')}`,
      hours: Object.values(namespaces).reduce((a, b) => a + b, 0),
      namespaces,
    };
  });
}

/** The card in a tab where an operation runs. */
const TabWithOperation = () => {
  const [revision, setRevision] = useState(0);
  return (
    <>
      <button onClick={() => setRevision(r => r + 1)}>Run operation</button>
      <AwakeHoursCard entityRef={SHOP_API} revision={revision} />
    </>
  );
};

describe('AwakeHoursCard', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it("charts the entity's awake hours per day from one request in the browser's zone", async () => {
    const queries: URLSearchParams[] = [];
    server.use(
      http.get(`${PLUGIN}/awake-hours`, ({ request }) => {
        queries.push(new URL(request.url).searchParams);
        return HttpResponse.json({
          items: period({
            13: { 'sandbox/shop-qa': 2 },
            3: { 'sandbox/shop-dev': 4 },
            0: { 'sandbox/shop-dev': 0.5 },
          }),
        });
      }),
    );

    await renderWithApis(<AwakeHoursCard entityRef={SHOP_API} revision={0} />);

    const figure = await screen.findByRole('figure');
    expect(figure).toHaveAccessibleName(
      'Awake hours per day over the last 14 days: 6.5 h in total',
    );
    const table = within(figure).getByRole('table', {
      name: 'Awake hours per day, last 14 days',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(14);
    expect(rows[0]).toHaveTextContent('2026-11-102.0 h0 h2.0 h');
    expect(rows[10]).toHaveTextContent('2026-11-204.0 h4.0 h0 h');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(th => th.textContent),
    ).toEqual(['Day', 'Total', 'sandbox/shop-dev', 'sandbox/shop-qa']);
    expect(queries.map(q => Object.fromEntries(q))).toEqual([
      { entityRef: SHOP_API, days: '14', zone: browserTimeZone() },
    ]);
  });

  it('counts a namespace awake now without a recorded wake, says since when, and reads short times in minutes', async () => {
    const since = '2026-11-23T08:00:00.000Z';
    server.use(
      http.get(`${PLUGIN}/awake-hours`, () =>
        HttpResponse.json({
          // 10 seconds awake: the axis once read "0.00285 h".
          items: period({ 0: { 'sandbox/shop-dev': 0.00285 } }),
          unrecorded: [
            { namespace: 'sandbox/shop-dev', since, basis: 'period-start' },
          ],
        }),
      ),
    );
    await renderWithApis(<AwakeHoursCard entityRef={SHOP_API} revision={0} />);

    const figure = await screen.findByRole('figure');
    expect(figure).toHaveAccessibleName(
      'Awake hours per day over the last 14 days: < 1 min in total',
    );
    const zone = browserTimeZone();
    const sinceText = formatInstant(since, zone);
    expect(
      screen.getByText(
        `sandbox/shop-dev is awake now with no wake recorded: counted as awake since ${sinceText} (the start of the period: no wake was recorded in it).`,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/No namespace was awake/)).toBeNull();
    expect(screen.queryByText(/0\.00285/)).toBeNull();
  });

  it('says when nothing was awake, and shows a failed read as an error', async () => {
    server.use(
      http.get(`${PLUGIN}/awake-hours`, () =>
        HttpResponse.json({ items: period() }),
      ),
    );
    const { unmount } = await renderWithApis(
      <AwakeHoursCard entityRef={SHOP_API} revision={0} />,
    );
    expect(
      await screen.findByText('No namespace was awake in the last 14 days.'),
    ).toBeInTheDocument();
    unmount();

    server.use(
      http.get(`${PLUGIN}/awake-hours`, () =>
        errorResponse(400, 'zone: unknown IANA time zone "Mars/Olympus_Mons"'),
      ),
    );
    await renderWithApis(<AwakeHoursCard entityRef={SHOP_API} revision={1} />);
    expect(
      (await screen.findAllByText(/unknown IANA time zone/))[0],
    ).toBeInTheDocument();
    expect(screen.queryByRole('figure')).toBeNull();
  });

  it('reads the hours again when an operation ran', async () => {
    let requests = 0;
    server.use(
      http.get(`${PLUGIN}/awake-hours`, () => {
        requests++;
        return HttpResponse.json({
          items: period({ 0: { 'sandbox/shop-dev': requests } }),
        });
      }),
    );
    await renderWithApis(<TabWithOperation />);
    expect(await screen.findByRole('figure')).toHaveAccessibleName(
      /1\.0 h in total/,
    );

    fireEvent.click(screen.getByRole('button', { name: 'Run operation' }));
    await screen.findByRole('figure', { name: /2\.0 h in total/ });
    expect(requests).toBe(2);
  });

  it('shows the estimated cost and savings of the period, in total and per namespace', async () => {
    const euros = (value: number) =>
      new Intl.NumberFormat(undefined, {
        style: 'currency',
        currency: 'EUR',
      }).format(value);
    const totals = (awake: number, asleep: number, hourly: number) => ({
      awake_hours: awake,
      asleep_hours: asleep,
      estimated_cost: awake * hourly,
      estimated_savings: asleep * hourly,
    });
    server.use(
      http.get(`${PLUGIN}/awake-hours`, () =>
        HttpResponse.json({
          items: period({ 1: { 'sandbox/shop-dev': 10 } }),
          unrecorded: [],
          cost: {
            from: '2026-11-10T00:00:00.000Z',
            to: '2026-11-23T12:00:00.000Z',
            currency: 'EUR',
            prices: { cpu_hour: 0.5, gib_hour: 0.06 },
            totals: totals(10, 300, 0.3),
            namespaces: [
              {
                namespace: 'sandbox/search-sandbox',
                hourly_price: 0.3,
                ...totals(0, 300, 0.3),
              },
              {
                namespace: 'sandbox/shop-dev',
                hourly_price: 0.3,
                ...totals(10, 0, 0.3),
              },
            ],
          },
        }),
      ),
    );
    await renderWithApis(<AwakeHoursCard entityRef={SHOP_API} revision={0} />);

    const section = await screen.findByRole('region', {
      name: 'Estimated cost and savings',
    });
    expect(section).toHaveTextContent(
      `Awake 10.0 h: an estimated ${euros(
        3,
      )}. Asleep 300.0 h: an estimated ${euros(90)} saved.`,
    );
    const table = within(section).getByRole('table', {
      name: 'Estimated cost and savings per namespace',
    });
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent(
      `sandbox/search-sandbox0 h${euros(0)}300.0 h${euros(90)}`,
    );
    expect(rows[2]).toHaveTextContent(
      `sandbox/shop-dev10.0 h${euros(3)}0 h${euros(0)}`,
    );
    expect(section).toHaveTextContent(
      `At ${euros(0.5)} per CPU-hour and ${euros(0.06)} per GiB-hour`,
    );
  });

  it('shows no money without configured prices', async () => {
    server.use(
      http.get(`${PLUGIN}/awake-hours`, () =>
        HttpResponse.json({
          items: period({ 0: { 'sandbox/shop-dev': 1 } }),
          unrecorded: [],
        }),
      ),
    );
    await renderWithApis(<AwakeHoursCard entityRef={SHOP_API} revision={0} />);
    await screen.findByRole('figure');
    expect(
      screen.queryByRole('region', { name: 'Estimated cost and savings' }),
    ).toBeNull();
  });
});
