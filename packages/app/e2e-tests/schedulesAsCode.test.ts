import { expect, Page, test } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OwnBackend, startOwnBackend } from './ownBackend';
import { signInAsGuest } from './support';

/**
 * Schedules as code, end to end: a catalog-info.yaml of this test's own
 * (in a temp dir, read by a backend of its own) declares a schedule for
 * shop-staging. Changing the annotation and refreshing the entity changes
 * the stored schedule, and the runner then acts on it; a bad value shows as
 * an entity error and changes nothing; removing it removes the schedule.
 */
const PORT = 7009;
const MINUTE_MS = 60_000;
const REPO = path.resolve(__dirname, '../../..');
const ENTITY = '/catalog/default/component/nightly-reports';
const TAB = `${ENTITY}/namespace-schedule`;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (at: Date) =>
  `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`;

/**
 * A declared entry whose window holds now and ends `minutes` from now (on
 * the minute): six hours long, so it may run overnight into today.
 */
function entryEndingIn(minutes: number): string {
  const end = new Date(
    Math.ceil((Date.now() + minutes * MINUTE_MS) / MINUTE_MS) * MINUTE_MS,
  );
  const start = new Date(end.getTime() - 6 * 60 * MINUTE_MS);
  return `shop-staging: ${DAYS[start.getUTCDay()]} ${hhmm(start)}-${hhmm(
    end,
  )} UTC`;
}

function catalogInfo(schedule?: string): string {
  const annotation = schedule
    ? `\n    namespace-scheduler/schedule: "${schedule}"`
    : '';
  return `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: nightly-reports
  description: Declares its namespace's schedule in catalog-info.yaml
  annotations:
    namespace-scheduler/namespaces: sandbox/shop-staging
    namespace-scheduler/cost-centers: CC-1001${annotation}
spec:
  type: service
  lifecycle: experimental
  owner: team-commerce
`;
}

let dir: string;
let file: string;
let backend: OwnBackend | undefined;

test.use({ baseURL: `http://127.0.0.1:${PORT}`, timezoneId: 'UTC' });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schedules-as-code-'));
  file = path.join(dir, 'catalog-info.yaml');
  fs.writeFileSync(file, catalogInfo(entryEndingIn(30)));
  const location = (target: string) => ({ type: 'file', target });
  backend = await startOwnBackend(PORT, {
    catalog_locations: JSON.stringify([
      location(path.join(REPO, 'examples/entities.yaml')),
      location(path.join(REPO, 'examples/org.yaml')),
      location(file),
    ]),
    // A pass every 5 s (30 s by default), so the test waits on the catalog only.
    namespaceScheduler_catalogSchedules_frequency: '{"seconds":5}',
    // Business hours all week: no off-hours slot involved.
    namespaceScheduler_offHours_businessHours_days: JSON.stringify([
      'mon',
      'tue',
      'wed',
      'thu',
      'fri',
      'sat',
      'sun',
    ]),
    namespaceScheduler_offHours_businessHours_start: '00:00',
    namespaceScheduler_offHours_businessHours_end: '24:00',
  });
});

test.afterAll(async () => {
  await backend?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The schedules card's row of a schedule. */
const scheduleRow = (page: Page, title: string) =>
  page
    .getByRole('table', { name: 'Schedules', exact: true })
    .getByRole('row')
    .filter({ hasText: title });

/** Rewrites catalog-info.yaml and presses the About card's refresh. */
async function changeAndRefresh(page: Page, schedule?: string) {
  fs.writeFileSync(file, catalogInfo(schedule));
  await page.goto(ENTITY);
  // The About card's button ("Schedule entity refresh").
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(page.getByText('Refresh scheduled')).toBeVisible();
}

/** Reloads the tab until `check` passes: the catalog, then a reconciler pass. */
async function onTabEventually(
  page: Page,
  check: () => Promise<void>,
  timeout = 90_000,
) {
  await expect(async () => {
    await page.goto(TAB);
    await check();
  }).toPass({ timeout, intervals: [2_000] });
}

test('as team-commerce: a schedule declared in catalog-info.yaml follows the file: changed, acted on by the runner, a bad value refused, removed', async ({
  page,
}) => {
  test.setTimeout(480_000);
  await signInAsGuest(page);
  const first = fs.readFileSync(file, 'utf8').match(/schedule: "(.*)"/)![1];
  // The fresh backend's catalog ingests first (slow on a loaded machine).
  await onTabEventually(
    page,
    () =>
      expect(scheduleRow(page, first)).toContainText('catalog-info.yaml', {
        timeout: 5_000,
      }),
    180_000,
  );

  // Changed in the file: the schedule follows, and ends three minutes from now.
  const second = entryEndingIn(3);
  await changeAndRefresh(page, second);
  // The schedule is written first, the entry's state just after it.
  await onTabEventually(page, async () => {
    await expect(scheduleRow(page, second)).toBeVisible({ timeout: 5_000 });
    await expect(scheduleRow(page, first)).toHaveCount(0);
    await expect(
      page
        .getByRole('table', { name: 'Declared schedules' })
        .getByRole('row')
        .filter({ hasText: second }),
    ).toContainText('Applied', { timeout: 5_000 });
  });

  // The runner acts on it: shop-staging sleeps when the window ends.
  const namespaceRow = page.getByRole('row', { name: /shop-staging sandbox/ });
  await expect(async () => {
    await page.goto(TAB);
    await expect(namespaceRow).toContainText('Asleep', { timeout: 5_000 });
  }).toPass({ timeout: 240_000, intervals: [5_000] });

  // A bad value: an entity error in the catalog, the schedule unchanged.
  await changeAndRefresh(page, 'shop-staging: Mon-Fry 08:00-19:00 UTC');
  await expect(async () => {
    await page.goto(ENTITY);
    // The processing errors panel's heading (its details repeat the message).
    await expect(
      page.getByText(
        /^Error: namespace-scheduler\/schedule: .*unknown day 'Fry'/,
      ),
    ).toBeVisible({
      timeout: 5_000,
    });
  }).toPass({ timeout: 90_000, intervals: [2_000] });
  await page.goto(TAB);
  await expect(scheduleRow(page, second)).toContainText('catalog-info.yaml');

  // Removed from the file: the schedule is gone.
  await changeAndRefresh(page, undefined);
  await onTabEventually(page, () =>
    expect(scheduleRow(page, second)).toHaveCount(0, { timeout: 5_000 }),
  );
});
