import { registerMswTestHooks } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { ScheduleDeclaration } from '@namespace-scheduler/backstage-plugin-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  costCentersHandler,
  errorResponse,
  permissionHandler,
  PLUGIN,
  renderWithApis,
  TabSchedulesCard,
  weeklySchedule,
} from '../../__testUtils__';

const target = { cluster: 'sandbox', namespace: 'shop-dev' };

const SOURCE = 'https://github.com/acme/search/blob/main/catalog-info.yaml';

const declaration = (
  extra: Partial<ScheduleDeclaration> = {},
): ScheduleDeclaration => ({
  entity_ref: 'component:default/search-service',
  text: 'Mon-Fri 07:00-20:00 Europe/Madrid',
  source_url: SOURCE,
  ...extra,
});

/** A schedule made in the portal and one declared in the catalog. */
const schedules = (declared: ScheduleDeclaration) => [
  weeklySchedule(),
  weeklySchedule({
    id: 's2',
    title: 'Declared hours',
    days: ['sat'],
    created_by: declared.entity_ref,
    declared,
  }),
];

// Tables of the real components take a while on a busy machine.
jest.setTimeout(20_000);

describe('declared schedules in the schedules card', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const serve = (declared = declaration()) =>
    server.use(
      permissionHandler(),
      costCentersHandler(),
      http.get(`${PLUGIN}/schedules`, () =>
        HttpResponse.json({ items: schedules(declared) }),
      ),
    );

  const render = () =>
    renderWithApis(
      <TabSchedulesCard target={target} onChanged={jest.fn()} />,
      undefined,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );

  it('marks a declared schedule with its catalog-info.yaml, linked to its source', async () => {
    serve();
    await render();
    const row = await screen.findByRole('row', { name: /Declared hours/ });
    expect(within(row).getByText('catalog-info.yaml')).toBeInTheDocument();
    expect(
      // An external link: its name adds ", Opens in a new window".
      within(row).getByRole('link', {
        name: /^Defined in catalog-info.yaml of component:default\/search-service/,
      }),
    ).toHaveAttribute('href', SOURCE);
    const portal = screen.getByRole('row', { name: /Office hours/ });
    expect(within(portal).queryByText('catalog-info.yaml')).toBeNull();
  });

  it("links to the declaring entity's page when its source is unknown", async () => {
    serve(declaration({ source_url: undefined }));
    await render();
    const row = await screen.findByRole('row', { name: /Declared hours/ });
    expect(
      within(row).getByRole('link', { name: /^Defined in catalog-info.yaml/ }),
    ).toHaveAttribute('href', '/catalog/default/component/search-service');
  });

  it('offers no edit or delete on a declared schedule, and says where to change it', async () => {
    serve();
    await render();
    const row = await screen.findByRole('row', { name: /Declared hours/ });
    const edit = await screen.findByRole('button', {
      name: 'Edit Office hours',
    });
    await waitFor(() => expect(edit).toBeEnabled());
    expect(within(row).queryByRole('button', { name: /^Edit / })).toBeNull();
    expect(within(row).queryByRole('button', { name: /^Delete / })).toBeNull();
    const lock = within(row).getByRole('img', {
      name: 'Declared hours is read-only: declared in catalog-info.yaml of component:default/search-service: change it there, by pull request',
    });
    await userEvent.hover(lock);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'change it there, by pull request',
    );
    // Running it now and its history stay: they change nothing declared.
    expect(
      within(row).getByRole('button', { name: 'Run Declared hours now' }),
    ).toBeEnabled();
  });

  it('shows the 409 of a schedule declared meanwhile as an error', async () => {
    serve();
    server.use(
      http.put(`${PLUGIN}/schedules/s1`, () =>
        errorResponse(
          409,
          'Schedule s1 is declared in catalog-info.yaml of component:default/search-service: change it there',
        ),
      ),
    );
    await render();
    const edit = await screen.findByRole('button', {
      name: 'Edit Office hours',
    });
    await waitFor(() => expect(edit).toBeEnabled());
    await userEvent.click(edit);
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Save changes' }),
    );
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Conflict');
    expect(alert).toHaveTextContent(
      'declared in catalog-info.yaml of component:default/search-service',
    );
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });
});
