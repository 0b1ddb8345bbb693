import { registerMswTestHooks } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  costCenterPicker,
  costCentersHandler,
  offHoursHandler,
  permissionHandler,
  PLUGIN,
  renderWithApis,
} from '../../__testUtils__';
import { formatInstant } from '../common';
import { OperationDialog } from './OperationDialog';
import { OperationTarget } from './types';

jest.setTimeout(20_000);

const euros = (value: number) =>
  new Intl.NumberFormat(undefined, {
    style: 'currency',
    currency: 'EUR',
  }).format(value);

describe('the cost estimate in the operation dialogs', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  /** Prices 0.30 per replica-hour; records the questions asked. */
  function serveEstimates(available = true) {
    const queries: Array<Record<string, string>> = [];
    server.use(
      permissionHandler(),
      costCentersHandler(),
      offHoursHandler(),
      http.get(`${PLUGIN}/cost-estimate`, ({ request }) => {
        const query = Object.fromEntries(new URL(request.url).searchParams);
        queries.push(query);
        if (!available) {
          return HttpResponse.json({
            available: false,
            reason: 'prices-not-configured',
          });
        }
        const hourly = 0.3 * Number(query.replicas ?? 1);
        const hours = query.until
          ? (Date.parse(query.until) - Date.now()) / 3_600_000
          : undefined;
        return HttpResponse.json({
          available: true,
          currency: 'EUR',
          ...(query.costCenter && { cost_center: query.costCenter }),
          hourly_price: hourly,
          ...(hours && {
            until: query.until,
            hours,
            estimated_cost: Math.round(hours * hourly * 100) / 100,
          }),
        });
      }),
    );
    return queries;
  }

  const openDialog = async (operation: OperationTarget['operation']) => {
    await renderWithApis(
      <OperationDialog
        target={{ cluster: 'sandbox', namespace: 'shop-dev', operation }}
        onClose={() => {}}
        onCompleted={() => {}}
      />,
    );
    const dialog = await screen.findByRole('dialog');
    // The sole chargeable cost center is chosen for the user.
    await waitFor(async () =>
      expect(await costCenterPicker(dialog)).toHaveTextContent('CC-1001'),
    );
    return within(dialog).getByRole('status', { name: 'Estimated cost' });
  };

  it('prices a wake per hour, then until the time the user sets, asking once the typing stops', async () => {
    const queries = serveEstimates();
    const note = await openDialog('wake');
    await waitFor(() =>
      expect(note).toHaveTextContent(
        `Keeping shop-dev awake ≈ ${euros(0.3)} per hour on CC-1001`,
      ),
    );
    expect(queries.at(-1)).toEqual({
      cluster: 'sandbox',
      namespace: 'shop-dev',
      operation: 'wake',
      costCenter: 'CC-1001',
    });
    // The same question is not asked twice.
    await new Promise(resolve => setTimeout(resolve, 600));
    expect(
      queries.filter(q => q.costCenter === 'CC-1001' && !q.until),
    ).toHaveLength(1);

    // Ten hours from now, in the browser's zone as the field reads it. The
    // field holds whole minutes: rounding up keeps the priced hours within a
    // minute above ten (€3.00), where truncating could price €2.99.
    const until = new Date(
      Math.ceil((Date.now() + 10 * 3_600_000) / 60_000) * 60_000,
    );
    const local = new Date(until.getTime() - until.getTimezoneOffset() * 60_000)
      .toISOString()
      .slice(0, 16);
    const field = screen.getByLabelText('Until (optional)');
    const asked = queries.length;
    for (const end of [12, 14, 16]) {
      fireEvent.change(field, { target: { value: local.slice(0, end) } });
    }
    await waitFor(() =>
      expect(note).toHaveTextContent(
        `Keeping shop-dev awake until ${formatInstant(
          until.toISOString(),
        )} ≈ ${euros(3)} on CC-1001`,
      ),
    );
    // One question for the finished time, none for the halves typed before.
    expect(queries.slice(asked)).toEqual([
      expect.objectContaining({ until: until.toISOString() }),
    ]);
  });

  it('prices a scale per hour at the replicas typed, and nothing for a count the server would refuse', async () => {
    serveEstimates();
    const note = await openDialog('scale');
    await waitFor(() =>
      expect(note).toHaveTextContent(
        `shop-dev at 1 replicas ≈ ${euros(0.3)} per hour on CC-1001`,
      ),
    );
    const replicas = screen.getByLabelText(/Replicas/);
    await userEvent.clear(replicas);
    await userEvent.type(replicas, '4');
    await waitFor(() =>
      expect(note).toHaveTextContent(
        `shop-dev at 4 replicas ≈ ${euros(1.2)} per hour on CC-1001`,
      ),
    );
    await userEvent.type(replicas, '0000');
    await waitFor(() => expect(note).toBeEmptyDOMElement());
  });

  it('shows nothing without configured prices', async () => {
    const queries = serveEstimates(false);
    const note = await openDialog('wake');
    await waitFor(() => expect(queries).toHaveLength(1));
    expect(note).toBeEmptyDOMElement();
    expect(screen.queryByText(/≈/)).toBeNull();
  });
});
