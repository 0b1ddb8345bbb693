import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AlphaEntity } from '@backstage/catalog-model/alpha';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { AddressInfo } from 'node:net';
import catalogModule from '.';

jest.setTimeout(60_000);

const GOOD = 'Mon-Fri 08:00-19:00 Europe/Madrid';
const BAD = 'Mon-Fry 08:00-19:00 Europe/Madrid';

function catalogInfo(schedule: string): string {
  return `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: shop
  annotations:
    backstage.io/kubernetes-namespace: shop-dev
    namespace-scheduler/schedule: ${schedule}
spec:
  type: service
  lifecycle: production
  owner: team-a
`;
}

/**
 * The real catalog with this module, reading a file: a bad schedule is an
 * error on the entity, which keeps its last good version.
 */
describe('catalog module', () => {
  const dir = createMockDirectory();

  it('ingests a good schedule, and keeps it with an error when the file gets a bad one', async () => {
    dir.setContent({ 'catalog-info.yaml': catalogInfo(GOOD) });
    const backend = await startTestBackend({
      features: [
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: ['Component', 'Location'] }],
              locations: [
                { type: 'file', target: dir.resolve('catalog-info.yaml') },
              ],
            },
          },
        }),
        catalogPlugin,
        catalogModule,
      ],
    });
    const base = `http://localhost:${
      (backend.server.address() as AddressInfo).port
    }/api/catalog`;
    const headers = {
      Authorization: mockCredentials.user.header(),
      'Content-Type': 'application/json',
    };
    const shop = async (): Promise<AlphaEntity | undefined> => {
      const res = await fetch(
        `${base}/entities/by-name/component/default/shop`,
        {
          headers,
        },
      );
      return res.ok ? res.json() : undefined;
    };
    const schedule = (e?: AlphaEntity) =>
      e?.metadata.annotations?.['namespace-scheduler/schedule'];
    const processingErrors = (e?: AlphaEntity) =>
      (e?.status?.items ?? [])
        .filter(item => item.type === 'backstage.io/catalog-processing')
        .map(item => item.error?.message);
    const refresh = () =>
      fetch(`${base}/refresh`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ entityRef: 'component:default/shop' }),
      });

    try {
      const ingested = await eventually(shop, e => schedule(e) === GOOD);
      expect(processingErrors(ingested)).toEqual([]);

      dir.setContent({ 'catalog-info.yaml': catalogInfo(BAD) });
      expect((await refresh()).status).toBe(200);
      const refused = await eventually(
        shop,
        e => processingErrors(e).length > 0,
      );
      expect(schedule(refused)).toBe(GOOD);
      expect(processingErrors(refused)).toEqual([
        `namespace-scheduler/schedule: '${BAD}': unknown day 'Fry'`,
      ]);

      dir.setContent({
        'catalog-info.yaml': catalogInfo('Sat 10:00-14:00 UTC'),
      });
      await refresh();
      const fixed = await eventually(
        shop,
        e => schedule(e) === 'Sat 10:00-14:00 UTC',
      );
      expect(processingErrors(fixed)).toEqual([]);
    } finally {
      await backend.stop();
    }
  });
});

/** Polls `read` until `done` holds; the catalog processes in the background. */
async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(`gave up waiting, last: ${JSON.stringify(value)}`);
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}
