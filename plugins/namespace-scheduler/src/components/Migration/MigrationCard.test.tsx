import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  MigrationCandidate,
  MigrationCandidates,
} from '@namespace-scheduler/backstage-plugin-common';
import {
  costCentersHandler,
  errorResponse,
  PLUGIN,
  renderWithApis,
} from '../../__testUtils__';
import { MigrationCard } from './MigrationCard';

jest.setTimeout(20_000);

const REMINDER =
  'The import changes nothing on the clusters: remove the kube-downscaler annotations and SleepInfos it replaces (or uninstall the tool), or both will act on the namespaces.';

const downscaler: MigrationCandidate = {
  id: 'kube-downscaler:sandbox/payments-dev:Namespace/payments-dev',
  tool: 'kube-downscaler',
  cluster: 'sandbox',
  namespace: 'payments-dev',
  source: { kind: 'Namespace', name: 'payments-dev' },
  original: 'downscaler/uptime: Mon-Fri 07:30-20:30 Europe/Berlin',
  proposed: [
    {
      title: 'kube-downscaler uptime Mon-Fri 07:30-20:30 Europe/Berlin',
      kind: 'weekly',
      zone: 'Europe/Berlin',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      from: '07:30',
      to: '20:30',
    },
  ],
  notes: [],
  imported: false,
  entity_refs: ['component:default/payments-api'],
  annotation_entries: [
    'sandbox/payments-dev: Mon-Fri 07:30-20:30 Europe/Berlin',
  ],
};

const green: MigrationCandidate = {
  id: 'kube-green:sandbox/search-sandbox:SleepInfo/night',
  tool: 'kube-green',
  cluster: 'sandbox',
  namespace: 'search-sandbox',
  source: { kind: 'SleepInfo', name: 'night' },
  original: 'weekdays: *\nsleepAt: 01:00\nwakeUpAt: 05:00',
  proposed: [
    {
      title: 'kube-green SleepInfo night: sleep',
      kind: 'cron',
      zone: 'UTC',
      cron: '0 1 * * *',
      operation: 'sleep',
    },
    {
      title: 'kube-green SleepInfo night: wake',
      kind: 'cron',
      zone: 'UTC',
      cron: '0 5 * * *',
      operation: 'wake',
    },
  ],
  notes: ['suspendCronJobs is not true (kube-green leaves CronJobs running)'],
  imported: false,
  entity_refs: ['component:default/search-service'],
};

const excluded: MigrationCandidate = {
  id: 'kube-downscaler:sandbox/search-dev:Deployment/indexer',
  tool: 'kube-downscaler',
  cluster: 'sandbox',
  namespace: 'search-dev',
  source: { kind: 'Deployment', name: 'indexer' },
  original: 'downscaler/exclude: true',
  proposed: [],
  notes: ['downscaler/exclude is already honoured'],
  imported: false,
  entity_refs: ['component:default/search-service'],
};

const SNIPPET = [
  '# catalog-info.yaml of component:default/payments-api',
  'metadata:',
  '  annotations:',
  '    namespace-scheduler/schedule: |',
  '      sandbox/payments-dev: Mon-Fri 07:30-20:30 Europe/Berlin',
].join('\n');

const scan: MigrationCandidates = {
  items: [downscaler, green, excluded],
  pull_requests: [
    { entity_ref: 'component:default/payments-api', snippet: SNIPPET },
  ],
  errors: [{ cluster: 'edge', message: 'HTTP 503: unavailable' }],
  notes: [REMINDER],
};

describe('MigrationCard', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  function serve(answer: (body: unknown) => Response) {
    const bodies: unknown[] = [];
    server.use(
      costCentersHandler(),
      http.get(`${PLUGIN}/migration/candidates`, () => HttpResponse.json(scan)),
      http.post(`${PLUGIN}/migration/import`, async ({ request }) => {
        const body = await request.json();
        bodies.push(body);
        return answer(body);
      }),
    );
    return bodies;
  }

  it('shows each source beside its proposed schedules and notes', async () => {
    serve(() => HttpResponse.json({}));
    await renderWithApis(<MigrationCard />);

    const row = (
      await screen.findByText('sandbox/payments-dev Namespace/payments-dev')
    ).closest('tr') as HTMLElement;
    expect(row).toHaveTextContent(
      'downscaler/uptime: Mon-Fri 07:30-20:30 Europe/Berlin',
    );
    expect(row).toHaveTextContent('Awake Mon–Fri 07:30–20:30 (Europe/Berlin)');
    const greenRow = screen
      .getByText('sandbox/search-sandbox SleepInfo/night')
      .closest('tr') as HTMLElement;
    expect(greenRow).toHaveTextContent('Sleep: ');
    expect(greenRow).toHaveTextContent('suspendCronJobs is not true');
    expect(
      screen.getByRole('checkbox', {
        name: 'Import sandbox/search-dev Deployment/indexer',
      }),
    ).toBeDisabled();
    expect(screen.getByText('Nothing to import')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Cluster edge could not be scanned: HTTP 503: unavailable',
      ),
    ).toBeInTheDocument();
  });

  it('imports the selected candidates with their cost center and shows each result', async () => {
    const bodies = serve(() =>
      HttpResponse.json({
        items: [
          { id: downscaler.id, status: 'created', schedule_ids: ['s-1'] },
          {
            id: green.id,
            status: 'refused',
            schedule_ids: [],
            message: 'overlaps "Night" (schedule s-9)',
          },
        ],
        reminder: REMINDER,
      }),
    );
    await renderWithApis(<MigrationCard />);
    const importButton = await screen.findByRole('button', {
      name: 'Import selected',
    });
    expect(importButton).toBeDisabled();

    await userEvent.click(
      screen.getByRole('checkbox', {
        name: 'Import sandbox/payments-dev Namespace/payments-dev',
      }),
    );
    await userEvent.click(
      screen.getByRole('checkbox', {
        name: 'Import sandbox/search-sandbox SleepInfo/night',
      }),
    );
    // CC-1001 is each namespace's only chargeable cost center: picked for it.
    await waitFor(() => expect(importButton).toBeEnabled());
    await userEvent.click(importButton);

    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toEqual({
      items: [
        { id: downscaler.id, cost_center: 'CC-1001' },
        { id: green.id, cost_center: 'CC-1001' },
      ],
    });
    expect(await screen.findByText('Imported')).toBeInTheDocument();
    expect(
      screen.getByText('Refused: overlaps "Night" (schedule s-9)'),
    ).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(REMINDER);
  });

  it('shows the pull-request text to copy', async () => {
    serve(() => HttpResponse.json({}));
    await renderWithApis(<MigrationCard />);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Show pull-request text' }),
    );
    const text = screen.getByLabelText(
      'Annotation for component:default/payments-api',
    );
    expect(text.textContent).toBe(SNIPPET);
    expect(
      screen.getByRole('button', {
        name: 'Copy the annotation for component:default/payments-api',
      }),
    ).toBeInTheDocument();
  });

  it('shows a failed import as an error', async () => {
    serve(() =>
      errorResponse(
        403,
        'namespace-scheduler.activity.read-all is not allowed',
      ),
    );
    await renderWithApis(<MigrationCard />);
    await userEvent.click(
      await screen.findByRole('checkbox', {
        name: 'Import sandbox/payments-dev Namespace/payments-dev',
      }),
    );
    const importButton = screen.getByRole('button', {
      name: 'Import selected',
    });
    await waitFor(() => expect(importButton).toBeEnabled());
    await userEvent.click(importButton);
    const alerts = await screen.findAllByRole('alert');
    expect(alerts.map(alert => alert.textContent)).toContainEqual(
      expect.stringContaining(
        'namespace-scheduler.activity.read-all is not allowed',
      ),
    );
    expect(
      within(screen.getByRole('table')).queryByText('Imported'),
    ).toBeNull();
  });
});
