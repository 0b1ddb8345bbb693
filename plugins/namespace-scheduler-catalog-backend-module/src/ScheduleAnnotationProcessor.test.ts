import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  CatalogProcessorResult,
  LocationSpec,
} from '@backstage/plugin-catalog-node';
import { ScheduleAnnotationProcessor } from './ScheduleAnnotationProcessor';

const LOCATION: LocationSpec = { type: 'url', target: 'https://git/x.yaml' };

const processor = ScheduleAnnotationProcessor.fromConfig(
  mockServices.rootConfig({
    data: {
      namespaceScheduler: {
        defaultCluster: 'sandbox',
        holidayCalendars: { spain: ['2026-12-25'], company: [] },
      },
    },
  }),
);

function entity(
  annotations: Record<string, string>,
  kind = 'Component',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'shop', annotations },
    spec: {},
  };
}

const claims = {
  'namespace-scheduler/namespaces': 'sandbox/shop-dev, other/shop-staging',
  'backstage.io/kubernetes-namespace': 'shop-test',
  'namespace-scheduler/cost-centers': 'CC-1001, CC-1002',
};

/** The messages of the input errors the processor emits. */
async function errors(e: Entity): Promise<string[]> {
  const emitted: CatalogProcessorResult[] = [];
  const result = await processor.postProcessEntity(e, LOCATION, r =>
    emitted.push(r),
  );
  expect(result).toBe(e);
  return emitted.map(r => {
    if (r.type !== 'error') throw new Error(`unexpected ${r.type}`);
    expect(r.error.name).toBe('InputError');
    expect(r.location).toBe(LOCATION);
    return r.error.message;
  });
}

describe('ScheduleAnnotationProcessor', () => {
  it('accepts a good annotation, and entities without one', async () => {
    await expect(
      errors(
        entity({
          ...claims,
          'namespace-scheduler/schedule': [
            'Mon-Fri 08:00-19:00 Europe/Madrid',
            'sandbox/shop-dev: Mon-Fri 07:00-20:00 UTC except 2026-12-24,holidays:spain charge CC-1002',
            'shop-dev: Sat 10:00-14:00 UTC',
            'other/shop-staging: Sun 10:00-12:00 UTC',
            'shop-test: Sun 10:00-12:00 UTC except holidays:company',
          ].join('\n'),
        }),
      ),
    ).resolves.toEqual([]);
    await expect(errors(entity(claims))).resolves.toEqual([]);
  });

  it('reports every entry that does not parse', async () => {
    await expect(
      errors(
        entity({
          ...claims,
          'namespace-scheduler/schedule':
            'Mon-Fry 08:00-19:00 UTC; Mon-Fri 08:00-19:00 Mars/Base',
        }),
      ),
    ).resolves.toEqual([
      "namespace-scheduler/schedule: 'Mon-Fry 08:00-19:00 UTC': unknown day 'Fry'",
      "namespace-scheduler/schedule: 'Mon-Fri 08:00-19:00 Mars/Base': unknown time zone 'Mars/Base'",
    ]);
  });

  it('reports a target the entity does not claim, resolving the default cluster', async () => {
    const target = (t: string) =>
      errors(
        entity({
          ...claims,
          'namespace-scheduler/schedule': `${t}: Mon-Fri 08:00-19:00 UTC`,
        }),
      );
    await expect(target('sandbox/shop-test')).resolves.toEqual([]);
    await expect(target('shop-staging')).resolves.toEqual([
      "namespace-scheduler/schedule: 'shop-staging: Mon-Fri 08:00-19:00 UTC': target 'shop-staging' is not a namespace the entity claims (sandbox/shop-dev, other/shop-staging, shop-test)",
    ]);
    await expect(target('shop-prod')).resolves.toHaveLength(1);
  });

  it('leaves targets of a Group alone: it claims no namespaces', async () => {
    await expect(
      errors(
        entity(
          {
            'namespace-scheduler/schedule': 'shop-dev: Mon-Fri 08:00-19:00 UTC',
          },
          'Group',
        ),
      ),
    ).resolves.toEqual([]);
  });

  it('reports an unknown holiday calendar', async () => {
    await expect(
      errors(
        entity({
          'namespace-scheduler/schedule':
            'Mon-Fri 08:00-19:00 UTC except holidays:france',
        }),
      ),
    ).resolves.toEqual([
      "namespace-scheduler/schedule: 'Mon-Fri 08:00-19:00 UTC except holidays:france': unknown holiday calendar 'france' (namespaceScheduler.holidayCalendars: spain, company)",
    ]);
  });

  it("reports a charge outside the entity's own cost centers, when it lists any", async () => {
    const charge = (annotations: Record<string, string>) =>
      errors(
        entity({
          ...annotations,
          'namespace-scheduler/schedule': 'Mon-Fri 08:00-19:00 UTC charge CC-9',
        }),
      );
    await expect(charge(claims)).resolves.toEqual([
      "namespace-scheduler/schedule: 'Mon-Fri 08:00-19:00 UTC charge CC-9': charge 'CC-9' is not one of the entity's namespace-scheduler/cost-centers (CC-1001, CC-1002)",
    ]);
    await expect(charge({})).resolves.toEqual([]);
  });

  it('reports each wrong reference of one entry', async () => {
    await expect(
      errors(
        entity({
          ...claims,
          'namespace-scheduler/schedule':
            'prod: Mon 08:00-09:00 UTC except holidays:x charge CC-9',
        }),
      ),
    ).resolves.toHaveLength(3);
  });

  it('matches a namespace named without a cluster on any cluster when no default is configured', async () => {
    const lenient = ScheduleAnnotationProcessor.fromConfig(
      mockServices.rootConfig(),
    );
    const emit = jest.fn();
    await lenient.postProcessEntity(
      entity({
        'backstage.io/kubernetes-namespace': 'shop-dev',
        'namespace-scheduler/schedule':
          'anywhere/shop-dev: Mon 08:00-09:00 UTC except holidays:spain',
      }),
      LOCATION,
      emit,
    );
    expect(emit.mock.calls.map(([r]) => r.error.message)).toEqual([
      "namespace-scheduler/schedule: 'anywhere/shop-dev: Mon 08:00-09:00 UTC except holidays:spain': unknown holiday calendar 'spain' (namespaceScheduler.holidayCalendars: none)",
    ]);
  });
});
