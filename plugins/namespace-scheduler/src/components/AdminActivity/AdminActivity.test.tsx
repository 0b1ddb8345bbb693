import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  activity,
  errorResponse,
  renderWithApis,
  serveActivities,
} from '../../__testUtils__';
import { AdminActivity } from './AdminActivity';
import { CSV_HEADER } from './activityCsv';

jest.setTimeout(20_000);

describe('AdminActivity', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const serve = (answer: (query: URLSearchParams) => Response) =>
    serveActivities(server, answer);

  it('reads across namespaces and filters by cluster, namespace and the rest', async () => {
    const queries = serve(() =>
      HttpResponse.json({
        items: [activity('a1', { namespace: 'search-dev' })],
      }),
    );
    await renderWithApis(<AdminActivity />);
    expect(
      await screen.findByRole('row', { name: /sandbox\/search-dev/ }),
    ).toBeInTheDocument();
    expect(queries[0].toString()).toBe('limit=25');

    await userEvent.type(screen.getByLabelText('Cluster'), 'sandbox');
    await userEvent.type(screen.getByLabelText('Namespace'), 'search-dev');
    await userEvent.type(
      screen.getByLabelText('Requested by'),
      'user:default/dave',
    );
    await waitFor(() =>
      expect(queries[queries.length - 1].get('requestedBy')).toBe(
        'user:default/dave',
      ),
    );
    const last = queries[queries.length - 1];
    expect(last.get('cluster')).toBe('sandbox');
    expect(last.get('namespace')).toBe('search-dev');
  });

  it('exports every page of the filtered activity as CSV', async () => {
    const queries = serve(query =>
      HttpResponse.json(
        query.get('cursor') === 'c2'
          ? { items: [activity('a1')] }
          : { items: [activity('a2')], next_cursor: 'c2' },
      ),
    );
    const blobs: Blob[] = [];
    URL.createObjectURL = jest.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:activity';
    });
    URL.revokeObjectURL = jest.fn();
    await renderWithApis(<AdminActivity />);
    await screen.findByRole('button', { name: 'Load more' });
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

    expect(await screen.findByRole('status')).toHaveTextContent(
      'Exported 2 records.',
    );
    const csv = await blobs[0].text();
    expect(csv.split('\r\n')).toHaveLength(4);
    expect(csv.startsWith(`${CSV_HEADER}\r\n`)).toBe(true);
    const exported = queries.filter(q => q.get('limit') === '500');
    expect(exported.map(q => q.get('cursor'))).toEqual([null, 'c2']);
  });

  it('shows a 400 next to the filter it names', async () => {
    serve(query =>
      query.has('namespace')
        ? errorResponse(400, 'namespace: must be a DNS-1123 label')
        : HttpResponse.json({ items: [] }),
    );
    await renderWithApis(<AdminActivity />);
    await screen.findByText('No activity matches these filters.');
    await userEvent.type(screen.getByLabelText('Namespace'), 'Bad_Name');
    expect(
      await screen.findByText('Namespace must be a DNS-1123 label'),
    ).toBeInTheDocument();
  });
});
