import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import scaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import permissionPlugin from '@backstage/plugin-permission-backend';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import namespaceSchedulerPlugin from '@namespace-scheduler/backstage-plugin-backend';
import namespaceSchedulerPolicy from '@namespace-scheduler/backstage-plugin-backend-module-permission-policy';
import namespaceSchedulerActions from '@namespace-scheduler/backstage-plugin-scaffolder-backend-module';
import fs from 'node:fs';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { parse } from 'yaml';
import {
  EXAMPLES,
  allWeekBusinessHours,
  authWithActors,
  demoConfig,
  demoUserInfo,
} from './__testUtils__/demoPortal';
import sandboxCluster from './modules/sandboxCluster';

jest.setTimeout(60_000);

/**
 * The example templates (examples/templates) in the real scaffolder backend,
 * with the Namespace Scheduler's actions, the demo policy, the example
 * catalog and the sandbox cluster: registered in the catalog and run as a
 * task, as "Create" does (on shop-dev), and through the dry-run endpoint,
 * checked as the user and changing nothing (on shop-staging).
 */

const TEMPLATES = path.join(EXAMPLES, 'templates');

const ALICE = 'user:default/alice'; // team-commerce: owns shop-dev, shop-staging
const BOB = 'user:default/bob'; // team-payments

const config = demoConfig({
  catalog: {
    rules: [{ allow: ['Component', 'System', 'Group', 'User', 'Location'] }],
    locations: [
      { type: 'file', target: path.join(EXAMPLES, 'entities.yaml') },
      { type: 'file', target: path.join(EXAMPLES, 'org.yaml') },
      {
        type: 'file',
        target: path.join(TEMPLATES, 'namespace-office-hours/template.yaml'),
        rules: [{ allow: ['Template'] }],
      },
    ],
  },
  permission: { enabled: true },
  namespaceScheduler: {
    adminGroups: ['group:default/platform-team'],
    costCenters: {
      permissions: [
        { costCenter: 'CC-1001', authorized: true },
        { costCenter: 'CC-9999', authorized: false },
      ],
    },
    offHours: allWeekBusinessHours,
  },
});

/** A template's files as the dry-run endpoint takes them. */
function directoryContents(dir: string, prefix = '') {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter(entry => entry.isFile() && entry.name !== 'template.yaml')
    .map(entry => {
      const file = path.join(entry.parentPath, entry.name);
      return {
        path: path.join(prefix, path.relative(dir, file)),
        base64Content: fs.readFileSync(file).toString('base64'),
      };
    });
}

/** The office-hours template's values: Mon–Fri 08:00–19:00 Madrid on CC-1001, woken until `wakeUntil`. */
function officeHours(namespace: string, wakeUntil: string) {
  return {
    namespace,
    costCenter: 'CC-1001',
    title: 'Office hours',
    days: ['mon', 'tue', 'wed', 'thu', 'fri'],
    from: '08:00',
    to: '19:00',
    zone: 'Europe/Madrid',
    wakeUntil,
  };
}

type DryRunResult = {
  log: Array<{ body: { message: string; stepId?: string; status?: string } }>;
  directoryContents: Array<{ path: string; base64Content: string }>;
  output: { text?: Array<{ content: string }> };
};

describe('the example templates in the scaffolder', () => {
  let base: string;

  const as = (user: string) => ({
    authorization: mockCredentials.user.header(user),
    'content-type': 'application/json',
  });

  async function dryRun(
    user: string,
    template: string,
    values: object,
  ): Promise<{ status: number; body: any }> {
    const dir = path.join(TEMPLATES, template);
    const res = await fetch(`${base}/scaffolder/v2/dry-run`, {
      method: 'POST',
      headers: as(user),
      body: JSON.stringify({
        template: parse(
          fs.readFileSync(path.join(dir, 'template.yaml'), 'utf8'),
        ),
        values,
        directoryContents: directoryContents(dir),
      }),
    });
    return { status: res.status, body: await res.json() };
  }

  /** What a dry run must leave as it was. */
  const written = async (namespace = 'shop-staging') => {
    const get = async (route: string) =>
      (
        await (
          await fetch(`${base}/namespace-scheduler${route}`, {
            headers: as(ALICE),
          })
        ).json()
      ).items;
    return {
      schedules: await get(`/schedules?namespace=${namespace}`),
      activity: await get(`/activities?cluster=sandbox&namespace=${namespace}`),
    };
  };

  /** Runs the registered template as `user`, as "Create" does; its last event. */
  async function runTask(user: string, template: string, values: object) {
    const created = await fetch(`${base}/scaffolder/v2/tasks`, {
      method: 'POST',
      headers: as(user),
      body: JSON.stringify({
        templateRef: `template:default/${template}`,
        values,
      }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    for (let attempt = 0; attempt < 300; attempt++) {
      const events = (await (
        await fetch(`${base}/scaffolder/v2/tasks/${id}/events`, {
          headers: as(user),
        })
      ).json()) as TaskEvent[];
      const completion = events.find(e => e.type === 'completion');
      if (completion) return { completion, events };
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    throw new Error(`Task ${id} did not complete`);
  }

  beforeAll(async () => {
    const { server } = await startTestBackend({
      features: [
        authWithActors,
        demoUserInfo.factory,
        mockServices.rootConfig.factory({ data: config }),
        catalogPlugin,
        scaffolderEntityModel,
        permissionPlugin,
        namespaceSchedulerPolicy,
        namespaceSchedulerPlugin,
        sandboxCluster,
        scaffolderPlugin,
        namespaceSchedulerActions,
      ],
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
    await waitForCatalog(base, 'component/default/team-wiki');
    await waitForCatalog(base, 'template/default/namespace-office-hours');
  });

  it('a real task: office hours saved and the namespace woken as the user, who the record names', async () => {
    const wakeUntil = new Date(Date.now() + 3_600_000).toISOString();
    const { completion, events } = await runTask(
      ALICE,
      'namespace-office-hours',
      officeHours('shop-dev', wakeUntil),
    );
    expect(completion.body.message).toBe(
      'Run completed with status: completed',
    );
    const { schedules, activity } = await written('shop-dev');
    const office = schedules.find(
      (s: { title: string }) => s.title === 'Office hours',
    );
    expect(office).toMatchObject({
      kind: 'weekly',
      cluster: 'sandbox',
      cost_center: 'CC-1001',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      created_by: ALICE,
    });
    // The output text names the schedule the task created.
    expect(JSON.stringify(completion.body.output)).toContain(office.id);
    expect(activity[0]).toMatchObject({
      operation: 'wake',
      requested_by: ALICE,
      cost_center: 'CC-1001',
    });
    expect(events.map(e => e.body.message).join('\n')).toMatch(
      /Created "Office hours" \(.+\) on sandbox\/shop-dev/,
    );
  });

  it("a real task on another team's namespace fails with the API's message and saves nothing", async () => {
    const before = await written('shop-dev');
    const { completion } = await runTask(BOB, 'namespace-office-hours', {
      namespace: 'shop-dev',
      costCenter: 'CC-1001',
      title: 'Bob hours',
      days: ['sat'],
      from: '08:00',
      to: '19:00',
      zone: 'UTC',
      wakeUntil: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(completion.body).toMatchObject({
      message: 'Run completed with status: failed',
      error: {
        name: 'NotAllowedError',
        message:
          'namespace-scheduler.schedule.manage is not allowed on sandbox/shop-dev',
      },
    });
    expect(await written('shop-dev')).toEqual(before);
  });

  it('office hours for an existing namespace: checked as the owner, nothing saved', async () => {
    const before = await written();
    const { status, body } = await dryRun(
      ALICE,
      'namespace-office-hours',
      officeHours(
        'shop-staging',
        new Date(Date.now() + 3_600_000).toISOString(),
      ),
    );
    expect(status).toBe(200);
    const messages = (body as DryRunResult).log.map(l => l.body.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /Dry run: would create "Office hours" on sandbox\/shop-staging, next (wake|sleep) at /,
        ),
        expect.stringMatching(
          /Dry run: would wake sandbox\/shop-staging \(awake now\).*held by/,
        ),
      ]),
    );
    expect(await written()).toEqual(before);
  });

  it("refuses another team's namespace in the dry run, with the API's message", async () => {
    const { status, body } = await dryRun(BOB, 'namespace-office-hours', {
      namespace: 'shop-staging',
      costCenter: 'CC-1001',
      title: 'Office hours',
      days: ['mon'],
      from: '08:00',
      to: '19:00',
      zone: 'UTC',
    });
    expect(status).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(body)).toMatch(
      /namespace-scheduler\.schedule\.manage is not allowed on sandbox\/shop-staging/,
    );
  });

  it('a new service: catalog-info.yaml declares its namespace, cost center and office hours', async () => {
    const { status, body } = await dryRun(ALICE, 'office-hours-service', {
      name: 'orders-api',
      owner: 'group:default/team-commerce',
      cluster: 'sandbox',
      namespace: 'orders-dev',
      costCenter: 'CC-1001',
      days: 'Mon-Fri',
      from: '08:00',
      to: '19:00',
      zone: 'Europe/Madrid',
    });
    expect(status).toBe(200);
    const result = body as DryRunResult;
    const file = result.directoryContents.find(
      f => f.path === 'catalog-info.yaml',
    );
    const entity = parse(
      Buffer.from(file!.base64Content, 'base64').toString('utf8'),
    );
    expect(entity).toMatchObject({
      kind: 'Component',
      metadata: {
        name: 'orders-api',
        annotations: {
          'namespace-scheduler/namespaces': 'sandbox/orders-dev',
          'namespace-scheduler/cost-centers': 'CC-1001',
          'namespace-scheduler/schedule': 'Mon-Fri 08:00-19:00 Europe/Madrid',
        },
      },
      spec: { owner: 'group:default/team-commerce' },
    });
    // No repository given: the publish and register steps are skipped.
    expect(result.log.map(l => l.body)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ stepId: 'publish', status: 'skipped' }),
      ]),
    );
  });
});

type TaskEvent = {
  type: string;
  body: {
    message: string;
    status?: string;
    output?: object;
    error?: { name: string; message: string };
  };
};

async function waitForCatalog(base: string, kindNamespaceName: string) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const res = await fetch(
      `${base}/catalog/entities/by-name/${kindNamespaceName}`,
      { headers: { authorization: mockCredentials.service.header() } },
    );
    if (res.ok && ((await res.json()) as { relations?: unknown[] }).relations)
      return;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error('The catalog did not ingest the example entities');
}
