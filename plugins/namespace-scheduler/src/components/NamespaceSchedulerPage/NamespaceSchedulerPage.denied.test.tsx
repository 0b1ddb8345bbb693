import { registerMswTestHooks } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { permissionHandler, PLUGIN, renderWithApis } from '../../__testUtils__';
import { NamespaceSchedulerPage } from './NamespaceSchedulerPage';

describe('NamespaceSchedulerPage without the read-all permission', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('tells the user the page is not for them and reads nothing', async () => {
    const requested = jest.fn();
    server.use(
      permissionHandler(() => 'DENY'),
      http.get(`${PLUGIN}/*`, () => {
        requested();
        return HttpResponse.json({ items: [] });
      }),
    );
    await renderWithApis(<NamespaceSchedulerPage />);
    expect(await screen.findByText('Not allowed')).toBeInTheDocument();
    expect(
      screen.getByText(/admin page is for the platform team/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
    expect(requested).not.toHaveBeenCalled();
  });
});
