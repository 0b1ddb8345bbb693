import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { formatInstant } from './formatInstant';
import { NamespaceStateChip } from './NamespaceStateChip';

const STARTED = '2026-12-02T22:40:01.000Z';

describe('NamespaceStateChip', () => {
  it('shows the live state when no operation holds the namespace', async () => {
    await renderInTestApp(<NamespaceStateChip state="asleep" />);
    expect(screen.getByText('Asleep')).toBeInTheDocument();
  });

  it('shows a running operation, who started it and since when', async () => {
    await renderInTestApp(
      <NamespaceStateChip
        state="awake"
        operation={{
          operation: 'sleep',
          requested_by: 'user:default/guest',
          started_at: STARTED,
          state: 'running',
        }}
      />,
    );
    expect(screen.getByText('Sleeping…')).toBeInTheDocument();
    expect(
      screen.getByText(`by guest since ${formatInstant(STARTED)}`),
    ).toBeInTheDocument();
    expect(screen.queryByText('Awake')).not.toBeInTheDocument();
  });

  it('says a namespace needs repair, and why', async () => {
    const reason =
      'a wake at 2026-12-02T22:40:01Z failed while the cluster was unreachable and 3 change(s) are not yet undone';
    await renderInTestApp(
      <NamespaceStateChip
        state="partial"
        operation={{
          operation: 'wake',
          requested_by: 'scheduler',
          started_at: STARTED,
          state: 'repair',
          reason,
        }}
      />,
    );
    expect(screen.getByText('Needs repair')).toBeInTheDocument();
    expect(screen.getByText(reason)).toBeInTheDocument();
  });

  it('says an awake namespace is waking until every workload is ready', async () => {
    await renderInTestApp(
      <>
        <NamespaceStateChip state="awake" readiness={{ ready: 3, total: 7 }} />
        <NamespaceStateChip state="awake" readiness={{ ready: 7, total: 7 }} />
        <NamespaceStateChip state="asleep" readiness={{ ready: 0, total: 0 }} />
      </>,
    );
    expect(screen.getByText('Waking (3/7 ready)')).toBeInTheDocument();
    expect(screen.getAllByText('Awake')).toHaveLength(1);
    expect(screen.getByText('Asleep')).toBeInTheDocument();
  });

  it('shows a running operation rather than its readiness', async () => {
    await renderInTestApp(
      <NamespaceStateChip
        state="awake"
        readiness={{ ready: 0, total: 2 }}
        operation={{
          operation: 'wake',
          requested_by: 'scheduler',
          started_at: STARTED,
          state: 'running',
        }}
      />,
    );
    expect(screen.getByText('Waking…')).toBeInTheDocument();
    expect(screen.queryByText(/ready\)/)).not.toBeInTheDocument();
  });
});
