import { registerMswTestHooks } from '@backstage/test-utils';
import { DeclaredScheduleState } from '@namespace-scheduler/backstage-plugin-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  componentEntity,
  emptyTabHandlers,
  errorResponse,
  namespaceStatus,
  permissionHandler,
  PLUGIN,
  renderWithApis,
  weeklySchedule,
} from '../../__testUtils__';
import { EntityNamespaceScheduleContent } from '../EntityNamespaceScheduleContent';

const SOURCE = 'https://github.com/acme/shop/blob/main/catalog-info.yaml';

const declared = (
  extra: Partial<DeclaredScheduleState> &
    Pick<DeclaredScheduleState, 'status' | 'text'>,
): DeclaredScheduleState => ({
  entity_ref: 'component:default/shop-api',
  source_url: SOURCE,
  cluster: 'sandbox',
  namespace: 'shop-staging',
  checked_at: '2026-12-03T15:00:00Z',
  ...extra,
});

/** The save guard's words, as the backend records them. */
const OVERLAP =
  'The window overlaps the weekly window "Office hours" (awake mon–fri 08:00–19:00 Europe/Madrid) of sandbox/shop-dev, first on Mon 7 Dec 2026, 08:00 Europe/Madrid: the windows of a namespace may not overlap or meet';

const STATES: DeclaredScheduleState[] = [
  declared({
    status: 'applied',
    text: 'shop-staging: Mon-Fri 07:00-20:00 UTC',
    schedule_id: 'd1',
  }),
  declared({
    status: 'conflict',
    text: 'shop-dev: Mon-Fri 08:00-18:00 Europe/Madrid',
    namespace: 'shop-dev',
    conflicts_with: { schedule_id: 's1', title: 'Office hours' },
    message: OVERLAP,
  }),
  declared({
    status: 'invalid',
    entity_ref: 'group:default/team-commerce',
    text: 'Mon-Fri 7-20 Mars/Olympus',
    cluster: undefined,
    namespace: undefined,
    message: "'7-20' is not HH:mm-HH:mm",
  }),
];

// The whole tab renders: it takes a while on a busy machine.
jest.setTimeout(30_000);

describe('Declared in the catalog', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  // The tab's other sections; the tests' own handlers come first.
  beforeEach(() => server.use(permissionHandler(), ...emptyTabHandlers()));

  /** shop-dev with a portal schedule; shop-staging with the applied declared one. */
  const serveTab = () =>
    server.use(
      http.get(`${PLUGIN}/entity-namespaces`, () =>
        HttpResponse.json({
          items: [
            namespaceStatus('shop-dev', 'awake'),
            namespaceStatus('shop-staging', 'asleep'),
          ],
        }),
      ),
      http.get(`${PLUGIN}/schedules`, ({ request }) => {
        const namespace = new URL(request.url).searchParams.get('namespace');
        const items =
          namespace === 'shop-staging'
            ? [
                weeklySchedule({
                  id: 'd1',
                  title: 'Declared: shop-staging',
                  namespace: 'shop-staging',
                  declared: STATES[0],
                }),
              ]
            : [weeklySchedule()];
        return HttpResponse.json({ items });
      }),
    );

  const serveDeclared = (answer: () => Response) => {
    const asked: string[] = [];
    server.use(
      http.get(`${PLUGIN}/declared-schedules`, ({ request }) => {
        asked.push(new URL(request.url).searchParams.get('entityRef') ?? '');
        return answer();
      }),
    );
    return asked;
  };

  const render = () =>
    renderWithApis(
      <EntityNamespaceScheduleContent />,
      componentEntity({
        'namespace-scheduler/namespaces':
          'sandbox/shop-dev, sandbox/shop-staging',
      }),
    );

  it('is not shown when neither the entity nor its group declares schedules', async () => {
    serveTab();
    await render();
    expect(
      await screen.findByRole('row', { name: /^Office hours/ }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Declared in the catalog')).toBeNull();
  });

  it('shows each entry with its namespace and status: applied, conflict, invalid', async () => {
    serveTab();
    const asked = serveDeclared(() => HttpResponse.json({ items: STATES }));
    await render();
    const table = await screen.findByRole('table', {
      name: 'Declared schedules',
    });
    expect(asked[0]).toBe('component:default/shop-api');
    const [, applied, conflict, invalid] = within(table).getAllByRole('row');

    expect(applied).toHaveTextContent('shop-staging: Mon-Fri 07:00-20:00 UTC');
    expect(applied).toHaveTextContent('sandbox/shop-staging');
    expect(applied).toHaveTextContent('Applied');
    expect(
      within(applied).getByRole('link', {
        name: /^Defined in catalog-info.yaml of component:default\/shop-api/,
      }),
    ).toHaveAttribute('href', SOURCE);

    expect(conflict).toHaveTextContent('sandbox/shop-dev');
    expect(conflict).toHaveTextContent('Conflict');
    expect(conflict).toHaveTextContent(
      "not applied: overlaps the schedule 'Office hours' made in the portal — remove one of them",
    );
    expect(conflict).toHaveTextContent(OVERLAP);
    expect(
      within(conflict).getByRole('link', { name: "Show 'Office hours'" }),
    ).toHaveAttribute('href', expect.stringMatching(/#schedule-s1$/));

    expect(invalid).toHaveTextContent('Invalid');
    expect(invalid).toHaveTextContent("'7-20' is not HH:mm-HH:mm");
    expect(invalid).toHaveTextContent(
      'Defined in catalog-info.yaml of group:default/team-commerce',
    );
  });

  it('gives the reason of a conflict with no schedule in the way', async () => {
    serveTab();
    serveDeclared(() =>
      HttpResponse.json({
        items: [
          {
            ...STATES[1],
            conflicts_with: undefined,
            message: 'Off-hours limit reached: 5 of 5 slots',
          },
        ],
      }),
    );
    await render();
    expect(
      await screen.findByText(
        'not applied: Off-hours limit reached: 5 of 5 slots',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /^Show '/ })).toBeNull();
  });

  it("leads from an applied entry to its schedule's row, in its namespace", async () => {
    serveTab();
    serveDeclared(() => HttpResponse.json({ items: STATES }));
    await render();
    await screen.findByRole('row', { name: /^Office hours/ });
    await userEvent.click(
      await screen.findByRole('link', { name: 'Show the schedule' }),
    );
    const row = await screen.findByRole('row', {
      name: /Declared: shop-staging/,
    });
    expect(row).toHaveAttribute('id', 'schedule-d1');
    await waitFor(() => expect(row).toHaveClass('Mui-selected'));
    expect(screen.queryByRole('row', { name: /^Office hours/ })).toBeNull();
  });

  it('shows a failed read as an error, with a Retry', async () => {
    serveTab();
    const answers = [
      errorResponse(500, 'catalog unavailable'),
      HttpResponse.json({ items: STATES }),
    ];
    serveDeclared(() => answers.shift() ?? HttpResponse.json({ items: [] }));
    await render();
    expect(
      (await screen.findAllByText(/catalog unavailable/)).length,
    ).toBeGreaterThan(0);
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Retry reading the declared schedules',
      }),
    );
    expect(
      await screen.findByRole('table', { name: 'Declared schedules' }),
    ).toBeInTheDocument();
  });
});
