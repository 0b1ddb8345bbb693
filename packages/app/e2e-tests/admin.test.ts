import { expect, Page, test } from '@playwright/test';
import fs from 'node:fs';

const SCREENSHOTS = '.test-results/screenshots';

/**
 * Signs in through the real guest button, as another catalog user: the
 * guest refresh is answered with the backend's `demoUsers` sign-in for
 * `user` (enabled in playwright.config.ts), so every later request carries
 * a real token of that user.
 */
async function signInAs(page: Page, user: 'erin' | 'carol') {
  await page.route('**/api/auth/guest/refresh*', async route => {
    const response = await page.request.get('/api/auth/demoUsers/refresh', {
      headers: { 'x-demo-user': user, 'x-requested-with': 'XMLHttpRequest' },
    });
    await route.fulfill({ response });
  });
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page.getByRole('link', { name: 'Namespace Scheduler', exact: true }),
  ).toBeVisible();
}

async function openSection(page: Page, name: string) {
  await page.getByRole('tab', { name }).click();
}

test('a member of another team sees the state of team-commerce namespaces but may not act on them', async ({
  page,
}) => {
  await signInAs(page, 'erin');
  await page.goto('/catalog/default/component/shop-api/namespace-schedule');
  const row = page.getByRole('row', { name: /shop-dev sandbox/ });
  await expect(row).toContainText(/Awake|Asleep|Partial/);
  for (const action of ['Wake', 'Sleep', 'Scale']) {
    await expect(
      row.getByRole('button', { name: new RegExp(`^${action}.* shop-dev$`) }),
    ).toBeDisabled();
  }
  await expect(
    row.getByText(
      'Only owners of an entity that claims this namespace may wake, sleep or scale it.',
    ),
  ).toBeVisible();
  await expect(
    page.getByRole('button', { name: 'Add schedule' }),
  ).toBeDisabled();
  await expect(
    page.getByText(
      'Only owners of an entity that claims this namespace may manage its schedules.',
    ),
  ).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/entity-tab-other-team.png`,
    fullPage: true,
  });

  await page
    .getByRole('link', { name: 'Namespace Scheduler', exact: true })
    .click();
  await expect(page.getByText('Not allowed')).toBeVisible();
});

test('an admin governs from the admin page: namespaces, slots, a cost-center permission, activity CSV and the cost report', async ({
  page,
}) => {
  await signInAs(page, 'carol');
  await page
    .getByRole('link', { name: 'Namespace Scheduler', exact: true })
    .click();
  await expect(page.getByText(/Managed namespaces \(\d+\)/)).toBeVisible();
  await expect(page.getByRole('row', { name: /ml-experiments/ })).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/admin-page.png`,
    fullPage: true,
  });

  await openSection(page, 'Off-hours slots');
  await expect(
    page.getByText('Off-hours slots now', { exact: true }),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', { name: 'The coming week' }),
  ).toBeVisible();

  await openSection(page, 'Cost centers');
  const authorized = page.getByRole('checkbox', { name: 'CC-3001 authorized' });
  const before = await authorized.isChecked();
  await authorized.click();
  await page.getByRole('button', { name: 'Save CC-3001' }).click();
  await expect(
    page.getByRole('button', { name: 'Save CC-3001' }),
  ).toBeDisabled();
  await page.screenshot({
    path: `${SCREENSHOTS}/admin-cost-centers.png`,
    fullPage: true,
  });
  await page.reload();
  await openSection(page, 'Cost centers');
  await expect(authorized).toBeChecked({ checked: !before });
  // Put it back, so the other tests find the demo's governance.
  await authorized.click();
  await page.getByRole('button', { name: 'Save CC-3001' }).click();
  await expect(
    page.getByRole('button', { name: 'Save CC-3001' }),
  ).toBeDisabled();

  await openSection(page, 'Activity');
  await expect(
    page.getByRole('group', { name: 'Activity filters' }),
  ).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('namespace-activity.csv');
  const csv = fs.readFileSync(await file.path(), 'utf8');
  expect(csv.split('\r\n')[0]).toBe(
    'timestamp_start,timestamp_end,cluster,namespace,operation,replicas,outcome,status,duration_minutes,cost_center,requested_by,approved_by,user_id,schedule_id,source,reason,total_scaled,total_failed,rollback_performed,errors',
  );
  await expect(page.getByRole('status')).toContainText(/Exported \d+ records/);

  await openSection(page, 'Cost report');
  await expect(
    page.getByText(
      /awake hours cost an estimated|No namespace was awake or asleep/,
    ),
  ).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/admin-cost-report.png`,
    fullPage: true,
  });
});
