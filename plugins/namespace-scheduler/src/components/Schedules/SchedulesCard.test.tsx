import { registerMswTestHooks } from '@backstage/test-utils';
import { Schedule } from '@namespace-scheduler/backstage-plugin-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  chooseCostCenter,
  costCenter,
  costCenterPicker,
  costCentersHandler,
  errorResponse,
  escapeAndAnswer,
  escapeCloses,
  permissionHandler,
  PLUGIN,
  renderWithApis,
  TabSchedulesCard,
  weeklySchedule,
} from '../../__testUtils__';

const target = { cluster: 'sandbox', namespace: 'shop-dev' };

// Dialogs and tables of the real components take a while on a busy machine.
jest.setTimeout(20_000);

describe('SchedulesCard', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  /** Serves a schedule list the test may change; records what was sent and counts reads. */
  function serve(schedules: Schedule[]) {
    const state = {
      schedules,
      reads: 0,
      sent: [] as { method: string; body?: unknown }[],
    };
    server.use(
      permissionHandler(),
      costCentersHandler(),
      http.get(`${PLUGIN}/schedules`, ({ request }) => {
        const query = new URL(request.url).searchParams;
        expect(query.get('cluster')).toBe('sandbox');
        expect(query.get('namespace')).toBe('shop-dev');
        state.reads += 1;
        return HttpResponse.json({ items: state.schedules });
      }),
    );
    return state;
  }

  const render = (onChanged = jest.fn(), locator = target) =>
    renderWithApis(<TabSchedulesCard target={locator} onChanged={onChanged} />);

  async function openNew() {
    const add = await screen.findByRole('button', { name: 'Add schedule' });
    await waitFor(() => expect(add).toBeEnabled());
    await userEvent.click(add);
    return screen.findByRole('dialog');
  }

  it('lists schedules with when they act, their next and last run', async () => {
    const state = serve([weeklySchedule()]);
    await render();
    const row = await screen.findByRole('row', { name: /Office hours/ });
    expect(state.reads).toBe(1);
    expect(row).toHaveTextContent('Awake Mon–Fri 08:00–19:00');
    expect(row).toHaveTextContent('Europe/Madrid');
    // Times in the page's one zone (the browser's: UTC here), labelled.
    expect(row).toHaveTextContent('Mon 23 Nov, 07:00 UTC · wake');
    expect(row).toHaveTextContent(
      'failed · Fri 20 Nov, 18:00 UTCcluster sandbox unreachable',
    );
    expect(row).toHaveTextContent('3 run(s): 2 ok, 1 failed, 0 skipped');
  });

  it('says so when the namespace has no schedules', async () => {
    serve([]);
    await render();
    expect(await screen.findByText(/No schedules yet/)).toBeInTheDocument();
  });

  it('creates a weekly schedule with a zone and an exception date', async () => {
    const state = serve([]);
    server.use(
      http.post(`${PLUGIN}/schedules`, async ({ request }) => {
        const body = (await request.json()) as Schedule;
        state.sent.push({ method: 'POST', body });
        state.schedules = [weeklySchedule({ title: body.title })];
        return HttpResponse.json(state.schedules[0], { status: 201 });
      }),
    );
    const onChanged = jest.fn();
    await render(onChanged);
    const dialog = await openNew();

    await userEvent.type(
      within(dialog).getByLabelText(/Title/),
      'Office hours',
    );
    await chooseCostCenter(dialog, 'CC-1001');
    const zone = within(dialog).getByLabelText(/Time zone/);
    await userEvent.clear(zone);
    await userEvent.type(zone, 'Europe/Madr');
    await userEvent.click(
      await screen.findByRole('option', { name: 'Europe/Madrid' }),
    );
    await userEvent.click(within(dialog).getByLabelText('Sat'));
    await userEvent.type(
      within(dialog).getByLabelText('Exception date'),
      '2030-12-25',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Add exception' }),
    );
    expect(
      within(dialog).getByRole('list', { name: 'Exception dates' }),
    ).toHaveTextContent('2030-12-25');
    const runs = within(dialog).getByRole('list', {
      name: /Next runs \(Europe\/Madrid\)/,
    });
    expect(within(runs).getAllByRole('listitem')).toHaveLength(5);
    expect(within(runs).getAllByText(/— wake$/).length).toBeGreaterThan(1);

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create schedule' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(state.sent).toEqual([
      {
        method: 'POST',
        body: {
          kind: 'weekly',
          title: 'Office hours',
          cluster: 'sandbox',
          namespace: 'shop-dev',
          cost_center: 'CC-1001',
          zone: 'Europe/Madrid',
          days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
          from: '08:00',
          to: '19:00',
          except_dates: ['2030-12-25'],
        },
      },
    ]);
    expect(
      await screen.findByRole('row', { name: /Office hours/ }),
    ).toBeInTheDocument();
    expect(onChanged).toHaveBeenCalledTimes(1);
    // The change is read back once, through the revision.
    expect(state.reads).toBe(2);
  });

  it('takes a typed time zone on Tab, and refuses an unknown one instead of reverting', async () => {
    const state = serve([]);
    server.use(
      http.post(`${PLUGIN}/schedules`, async ({ request }) => {
        const body = (await request.json()) as Schedule;
        state.sent.push({ method: 'POST', body });
        return HttpResponse.json(weeklySchedule({ title: body.title }), {
          status: 201,
        });
      }),
    );
    await render();
    const dialog = await openNew();
    await userEvent.type(within(dialog).getByLabelText(/Title/), 'Office');
    await chooseCostCenter(dialog, 'CC-1001');
    const zone = within(dialog).getByLabelText(/Time zone/);
    const create = within(dialog).getByRole('button', {
      name: 'Create schedule',
    });

    await userEvent.clear(zone);
    await userEvent.type(zone, 'Mars/Olympus');
    await userEvent.tab();
    expect(zone).toHaveValue('Mars/Olympus');
    expect(zone).toHaveAccessibleDescription(
      'Time zone is not a known IANA time zone ("Mars/Olympus")',
    );
    await userEvent.click(create);
    expect(zone).toHaveValue('Mars/Olympus');
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    expect(state.sent).toEqual([]);

    await userEvent.clear(zone);
    // Typed in another case, taken in the zone's own spelling.
    await userEvent.type(zone, 'europe/madrid');
    await userEvent.tab();
    expect(zone).toHaveValue('Europe/Madrid');
    expect(zone).not.toHaveAttribute('aria-invalid', 'true');
    expect(
      within(dialog).getByRole('list', {
        name: /Next runs \(Europe\/Madrid\)/,
      }),
    ).toBeInTheDocument();
    await userEvent.click(create);
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(state.sent).toEqual([
      {
        method: 'POST',
        body: expect.objectContaining({
          title: 'Office',
          zone: 'Europe/Madrid',
        }),
      },
    ]);
  });

  it('asks before Esc discards a changed form, and closes an unchanged one at once', async () => {
    serve([]);
    await render();
    await openNew();
    await escapeCloses();

    const dialog = await openNew();
    await userEvent.type(within(dialog).getByLabelText(/Title/), 'Office');
    await escapeAndAnswer('Keep editing');
    expect(within(dialog).getByLabelText(/Title/)).toHaveValue('Office');
    await escapeAndAnswer('Discard');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('describes a cron expression, lists its next runs and checks the form before sending', async () => {
    const state = serve([]);
    server.use(
      costCentersHandler([costCenter('CC-1001'), costCenter('CC-1002')]),
    );
    await render();
    const dialog = await openNew();
    await costCenterPicker(dialog);
    await userEvent.click(within(dialog).getByLabelText(/Kind/));
    await userEvent.click(screen.getByRole('option', { name: /Cron task/ }));
    const cron = within(dialog).getByLabelText(/Cron expression/);
    await userEvent.clear(cron);
    await userEvent.type(cron, '30 19 * * 1-5');
    expect(
      within(dialog).getByText('At 19:30 on Monday to Friday'),
    ).toBeInTheDocument();
    // No operation is chosen for the user, so no runs are listed until one is.
    expect(within(dialog).getByLabelText(/Operation/)).toHaveTextContent(
      /^\u200B?$/,
    );
    expect(
      within(dialog).queryByRole('list', { name: /Next runs/ }),
    ).not.toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create schedule' }),
    );
    expect(
      within(dialog).getByText(
        'Operation is required: choose wake, sleep or scale',
      ),
    ).toBeInTheDocument();
    await userEvent.click(within(dialog).getByLabelText(/Operation/));
    await userEvent.click(screen.getByRole('option', { name: 'Wake' }));
    expect(
      within(
        within(dialog).getByRole('list', { name: /Next runs/ }),
      ).getAllByText(/19:30 UTC — wake$/),
    ).toHaveLength(5);

    await userEvent.clear(cron);
    await userEvent.type(cron, '30 19 * *');
    await userEvent.click(within(dialog).getByLabelText(/Operation/));
    await userEvent.click(screen.getByRole('option', { name: 'Scale' }));
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create schedule' }),
    );

    expect(within(dialog).getByText('Title is required')).toBeInTheDocument();
    expect(
      within(dialog).getByText('Cost center is required'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText(
        'Cron must have five fields: minute hour day-of-month month day-of-week',
      ),
    ).toBeInTheDocument();
    expect(
      within(dialog).queryByRole('list', { name: /Next runs/ }),
    ).not.toBeInTheDocument();
    expect(state.sent).toEqual([]);
  });

  it('shows a 400 next to the field it names and a 409 or 403 as an error', async () => {
    serve([]);
    const answers = [
      errorResponse(
        400,
        'cost_center: CC-1001 is not authorized for group:default/team-commerce',
      ),
      errorResponse(
        409,
        'The window overlaps the weekly window "Office" (awake mon 08:00–19:00 Europe/Madrid) of sandbox/shop-dev, first on Mon 23 Nov 2026, 08:00 Europe/Madrid: the windows of a namespace may not overlap or meet',
      ),
      errorResponse(
        403,
        'namespace-scheduler.schedule.manage is not allowed on sandbox/shop-dev',
      ),
    ];
    server.use(http.post(`${PLUGIN}/schedules`, () => answers.shift()));
    await render();
    const dialog = await openNew();
    await userEvent.type(within(dialog).getByLabelText(/Title/), 'Late');
    await chooseCostCenter(dialog, 'CC-1001');
    const create = within(dialog).getByRole('button', {
      name: 'Create schedule',
    });

    await userEvent.click(create);
    expect(
      await within(dialog).findByText(
        'Cost center CC-1001 is not authorized for group:default/team-commerce',
      ),
    ).toBeInTheDocument();
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();

    await userEvent.click(create);
    const conflict = await within(dialog).findByRole('alert');
    expect(conflict).toHaveTextContent('Conflict');
    expect(conflict).toHaveTextContent(
      'The window overlaps the weekly window "Office" (awake mon 08:00–19:00 Europe/Madrid)',
    );

    await userEvent.click(create);
    await waitFor(() =>
      expect(within(dialog).getByRole('alert')).toHaveTextContent(
        'Not allowed',
      ),
    );
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('edits a schedule, keeping its kind', async () => {
    const state = serve([weeklySchedule()]);
    server.use(
      http.put(`${PLUGIN}/schedules/s1`, async ({ request }) => {
        const body = (await request.json()) as Schedule;
        state.sent.push({ method: 'PUT', body });
        state.schedules = [weeklySchedule({ title: body.title })];
        return HttpResponse.json(state.schedules[0]);
      }),
    );
    await render();
    const edit = await screen.findByRole('button', {
      name: 'Edit Office hours',
    });
    await waitFor(() => expect(edit).toBeEnabled());
    await userEvent.click(edit);
    const dialog = await screen.findByRole('dialog');
    expect(await costCenterPicker(dialog)).toHaveTextContent('CC-1001');
    expect(within(dialog).getByLabelText(/Kind/)).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    const title = within(dialog).getByLabelText(/Title/);
    await userEvent.clear(title);
    await userEvent.type(title, 'Core hours');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Save changes' }),
    );

    expect(
      await screen.findByRole('row', { name: /Core hours/ }),
    ).toBeInTheDocument();
    expect(state.sent[0].body).toMatchObject({
      kind: 'weekly',
      title: 'Core hours',
      zone: 'Europe/Madrid',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
    });
  });

  it('deletes a schedule after asking', async () => {
    const state = serve([weeklySchedule()]);
    server.use(
      http.delete(`${PLUGIN}/schedules/s1`, () => {
        state.sent.push({ method: 'DELETE' });
        state.schedules = [];
        return new HttpResponse(null, { status: 204 });
      }),
    );
    await render();
    const remove = await screen.findByRole('button', {
      name: 'Delete Office hours',
    });
    await waitFor(() => expect(remove).toBeEnabled());
    await userEvent.click(remove);
    const dialog = await screen.findByRole('dialog', {
      name: 'Delete "Office hours"?',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete' }),
    );
    expect(await screen.findByText(/No schedules yet/)).toBeInTheDocument();
    expect(state.sent).toEqual([{ method: 'DELETE' }]);
    expect(state.reads).toBe(2);
  });

  it('disables managing schedules with the reason when not allowed', async () => {
    server.use(
      permissionHandler(permission =>
        permission === 'namespace-scheduler.schedule.manage' ? 'DENY' : 'ALLOW',
      ),
      http.get(`${PLUGIN}/schedules`, () =>
        HttpResponse.json({
          items: [weeklySchedule({ namespace: 'payments-dev' })],
        }),
      ),
    );
    await render(jest.fn(), { cluster: 'sandbox', namespace: 'payments-dev' });
    expect(
      await screen.findByText(/may manage its schedules/),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Add schedule' })).toBeDisabled();
    expect(
      screen.getByRole('button', { name: 'Add schedule' }),
    ).toHaveAccessibleDescription(/Only owners/);
    expect(
      screen.getByRole('button', { name: 'Edit Office hours' }),
    ).toBeDisabled();
    expect(
      screen.getByRole('button', { name: 'Delete Office hours' }),
    ).toBeDisabled();
    // A disabled icon button still says what it is and why it is disabled,
    // when the pointer is over it (over its wrapper: it takes no pointer events).
    const remove = screen.getByRole('button', { name: 'Delete Office hours' });
    await userEvent.hover(remove.parentElement as HTMLElement);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      /^Delete Office hours: Only owners/,
    );
  });

  it('gives every icon-only action a tooltip', async () => {
    serve([weeklySchedule()]);
    await render();
    const edit = await screen.findByRole('button', {
      name: 'Edit Office hours',
    });
    await waitFor(() => expect(edit).toBeEnabled());
    for (const name of [
      'Run Office hours now',
      'Runs of Office hours',
      'Edit Office hours',
      'Delete Office hours',
    ]) {
      await userEvent.hover(screen.getByRole('button', { name }));
      expect(await screen.findByRole('tooltip', { name })).toBeVisible();
      await userEvent.unhover(screen.getByRole('button', { name }));
      await waitFor(() =>
        expect(screen.queryByRole('tooltip')).not.toBeInTheDocument(),
      );
    }
  });
});
