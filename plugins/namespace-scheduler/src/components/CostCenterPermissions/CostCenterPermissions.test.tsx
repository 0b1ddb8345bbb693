import { registerMswTestHooks } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { CostCenter } from '@namespace-scheduler/backstage-plugin-common';
import { errorResponse, PLUGIN, renderWithApis } from '../../__testUtils__';
import { CostCenterPermissions } from './CostCenterPermissions';

jest.setTimeout(20_000);

const cc3001: CostCenter = {
  cost_center: 'CC-3001',
  is_authorized: false,
  allowed_groups: [],
  source: 'default',
  declared_by: [{ entity_ref: 'group:default/team-search' }],
  namespaces: [{ cluster: 'sandbox', namespace: 'search-dev' }],
};

describe('CostCenterPermissions', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  function serve(answer: (body: unknown) => Response) {
    const bodies: unknown[] = [];
    server.use(
      http.get(`${PLUGIN}/cost-centers`, () =>
        HttpResponse.json({ items: [cc3001] }),
      ),
      http.post(
        `${PLUGIN}/cost-centers/CC-3001/permissions`,
        async ({ request }) => {
          const body = await request.json();
          bodies.push(body);
          return answer(body);
        },
      ),
    );
    return bodies;
  }

  it('authorizes a cost center for two groups and shows who set it', async () => {
    const bodies = serve(() =>
      HttpResponse.json({
        ...cc3001,
        is_authorized: true,
        allowed_groups: [
          'group:default/team-search',
          'group:default/team-data',
        ],
        note: 'Q4 budget',
        source: 'record',
        changed_by: 'user:default/carol',
        changed_at: '2026-11-22T07:00:00Z',
      }),
    );
    await renderWithApis(<CostCenterPermissions />);
    const save = await screen.findByRole('button', { name: 'Save CC-3001' });
    expect(save).toBeDisabled();
    expect(
      screen.getByText('No record: the configured default applies'),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('checkbox', { name: 'CC-3001 authorized' }),
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: 'CC-3001 allowed groups' }),
      'group:default/team-search, group:default/team-data',
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: 'CC-3001 note' }),
      'Q4 budget',
    );
    await userEvent.click(save);

    expect(
      await screen.findByText(/Set by user:default\/carol/),
    ).toBeInTheDocument();
    expect(bodies).toEqual([
      {
        is_authorized: true,
        allowed_groups: [
          'group:default/team-search',
          'group:default/team-data',
        ],
        note: 'Q4 budget',
      },
    ]);
    expect(
      screen.getByRole('checkbox', { name: 'CC-3001 authorized' }),
    ).toBeChecked();
    expect(save).toBeDisabled();
  });

  it('shows a rejected field next to it and a refusal as an error', async () => {
    const answers = [
      errorResponse(400, 'allowed_groups: team-x is not a group entity ref'),
      errorResponse(
        403,
        'namespace-scheduler.cost-center.manage is not allowed',
      ),
    ];
    serve(() => answers.shift() ?? HttpResponse.json(cc3001));
    await renderWithApis(<CostCenterPermissions />);
    await userEvent.type(
      await screen.findByRole('textbox', { name: 'CC-3001 allowed groups' }),
      'team-x',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save CC-3001' }));
    expect(
      await screen.findByText('team-x is not a group entity ref'),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Save CC-3001' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Not allowed');
    expect(alert).toHaveTextContent('cost-center.manage is not allowed');
  });

  it('shows a failed list as an error', async () => {
    server.use(
      http.get(`${PLUGIN}/cost-centers`, () =>
        errorResponse(500, 'catalog down'),
      ),
    );
    await renderWithApis(<CostCenterPermissions />);
    expect((await screen.findAllByText(/catalog down/)).length).toBeGreaterThan(
      0,
    );
  });
});
