import { registerMswTestHooks } from '@backstage/test-utils';
import { toWall } from '@namespace-scheduler/backstage-plugin-common';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  componentEntity,
  emptyTabHandlers,
  namespaceStatus,
  permissionHandler,
  PLUGIN,
  renderWithApis,
} from '../../__testUtils__';
import { browserTimeZone } from '../common';
import { EntityNamespaceScheduleContent } from './EntityNamespaceScheduleContent';

jest.setTimeout(20_000);

const UNTIL = '2030-01-02T18:00:00.000Z';

describe('a keep-awake link', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  beforeEach(() =>
    server.use(
      permissionHandler(),
      ...emptyTabHandlers(),
      http.get(`${PLUGIN}/entity-namespaces`, () =>
        HttpResponse.json({
          items: [
            namespaceStatus('shop-dev', 'awake'),
            namespaceStatus('shop-staging', 'awake'),
          ],
        }),
      ),
    ),
  );

  const open = (query: string) =>
    renderWithApis(
      <EntityNamespaceScheduleContent />,
      componentEntity({
        'namespace-scheduler/namespaces':
          'sandbox/shop-dev, sandbox/shop-staging',
      }),
      { routeEntries: [`/namespace-schedule?${query}`] },
    );

  it("opens the namespace's wake dialog with until prefilled in the display zone", async () => {
    await open(
      `namespace=${encodeURIComponent(
        'sandbox/shop-staging',
      )}&keepAwakeUntil=${encodeURIComponent(UNTIL)}`,
    );
    const dialog = await screen.findByRole('dialog', {
      name: /Wake shop-staging now/,
    });
    const expected = new Date(toWall(browserTimeZone(), Date.parse(UNTIL)))
      .toISOString()
      .slice(0, 16);
    expect(within(dialog).getByLabelText('Until (optional)')).toHaveValue(
      expected,
    );
  });

  it('ignores a time that is not one', async () => {
    await open('keepAwakeUntil=tomorrow');
    expect(await screen.findByText('shop-staging')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
