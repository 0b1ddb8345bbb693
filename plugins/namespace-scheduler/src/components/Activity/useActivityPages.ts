import { useApi } from '@backstage/core-plugin-api';
import { Activity } from '@namespace-scheduler/backstage-plugin-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ActivityQuery, namespaceSchedulerApiRef } from '../../api';

const PAGE_SIZE = 25;

type Pages = {
  items: Activity[];
  nextCursor?: string;
  loading: boolean;
  error?: unknown;
};

/**
 * The activity matching `query`, a page at a time; none without a query. A
 * new query (or revision) starts over; answers to superseded requests are
 * dropped.
 */
export function useActivityPages(
  query: ActivityQuery | undefined,
  revision: number,
) {
  const api = useApi(namespaceSchedulerApiRef);
  const [pages, setPages] = useState<Pages>({ items: [], loading: true });
  const latest = useRef(0);

  const load = useCallback(
    async (cursor?: string) => {
      const request = ++latest.current;
      if (!query) {
        setPages({ items: [], loading: false });
        return;
      }
      setPages(current => ({
        items: cursor ? current.items : [],
        nextCursor: current.nextCursor,
        loading: true,
      }));
      try {
        const page = await api.listActivities({
          ...query,
          cursor,
          limit: PAGE_SIZE,
        });
        if (request !== latest.current) return;
        setPages(current => ({
          items: cursor ? [...current.items, ...page.items] : page.items,
          nextCursor: page.next_cursor,
          loading: false,
        }));
      } catch (error) {
        if (request !== latest.current) return;
        setPages(current => ({ ...current, loading: false, error }));
      }
    },
    [api, query],
  );

  useEffect(() => {
    load();
  }, [load, revision]);

  return {
    ...pages,
    loadMore: () => load(pages.nextCursor),
    /** Reads the first page again (after an error). */
    retry: () => load(),
  };
}

export type ActivityPages = ReturnType<typeof useActivityPages>;
