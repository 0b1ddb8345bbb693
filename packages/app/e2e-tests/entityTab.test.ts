import { expect, Page, test } from '@playwright/test';
import fs from 'node:fs';
import {
  chooseCostCenter,
  openNamespaceTab,
  SCREENSHOTS,
  tomorrowEvening,
} from './support';

/** The README's picture of the tab. */
const README_IMAGE = 'docs/images/entity-tab.png';

/** Opens an action's dialog, charges CC-1001 and shows the dry-run plan. */
async function preview(page: Page, action: string) {
  const button = page.getByRole('button', { name: action });
  await expect(button).toBeEnabled();
  await button.click();
  const dialog = page.getByRole('dialog');
  await chooseCostCenter(page, dialog);
  return dialog;
}

test('as team-commerce: sleep with live progress, wake until tomorrow, run the override now, read its runs and the awake hours', async ({
  page,
}) => {
  await openNamespaceTab(page);
  const row = page.getByRole('row', { name: /shop-dev sandbox/ });
  await expect(row).toContainText(/Awake|Partial/);

  // Sleep: each workload's step arrives as a signal while the request runs.
  const sleep = await preview(page, 'Sleep now shop-dev');
  await sleep.getByRole('button', { name: 'Preview changes' }).click();
  const planned = sleep
    .getByRole('table', { name: 'Would change' })
    .getByRole('row');
  await expect(planned.first()).toBeVisible();
  const changes = (await planned.count()) - 1;
  await sleep.getByRole('button', { name: 'Confirm sleep' }).click();
  const live = sleep.getByRole('table', { name: 'Progress per workload' });
  await expect(
    live.getByRole('row', { name: /Deployment api-gateway Scaled: \d+ → 0/ }),
  ).toBeVisible();
  await expect(live.getByRole('row')).toHaveCount(changes + 1);
  await expect(sleep.getByRole('status')).toContainText(
    `${changes} of ${changes} workload(s) done`,
  );
  await expect(sleep.getByText('Slept sandbox/shop-dev')).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/sleep-live-progress.png`,
    fullPage: true,
  });
  await sleep.getByRole('button', { name: 'Close' }).click();
  await expect(row).toContainText('Asleep');

  // Wake until tomorrow evening: the operation and its override in one
  // request. "Wait until ready" is on by default.
  const wake = await preview(page, 'Wake now shop-dev');
  await wake.getByLabel('Until (optional)').fill(tomorrowEvening());
  await expect(
    wake.getByRole('checkbox', {
      name: /Wait until ready \(up to 3 minutes\)/,
    }),
  ).toBeChecked();
  await wake.getByRole('button', { name: 'Preview changes' }).click();
  await wake.getByRole('button', { name: 'Confirm wake' }).click();
  await expect(wake.getByText('Woke sandbox/shop-dev')).toBeVisible();
  await expect(wake.getByText(/Held by the override/)).toContainText(
    'Awake until',
  );
  await wake.getByRole('button', { name: 'Close' }).click();
  await expect(row).toContainText('Awake');

  // The override is a schedule: run it now, then read its runs.
  const override = page.getByRole('row', { name: /Awake until/ });
  await expect(override).toContainText('1 run(s): 1 ok');
  const title = (await override.getByRole('cell').first().innerText()).split(
    '\n',
  )[0];
  await page.getByRole('button', { name: `Run ${title} now` }).click();
  const run = page.getByRole('dialog');
  await run.getByRole('button', { name: 'Run now' }).click();
  await expect(run.getByText('Woke sandbox/shop-dev')).toBeVisible();
  await run.getByRole('button', { name: 'Close' }).click();
  await expect(override).toContainText('2 run(s): 2 ok');

  await page.getByRole('button', { name: `Runs of ${title}` }).click();
  const runs = page.getByRole('dialog').getByRole('table', { name: 'Runs' });
  await expect(runs.getByRole('row')).toHaveCount(3);
  await expect(runs.getByRole('row').nth(1)).toContainText(
    /Succeeded.*wake, run now by user:default\/guest/,
  );
  await page.screenshot({
    path: `${SCREENSHOTS}/schedule-runs.png`,
    fullPage: true,
  });
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

  // Awake hours of the last 14 days, as a chart with a table behind it.
  const chart = page.getByRole('figure', {
    name: /Awake hours per day over the last 14 days/,
  });
  await expect(chart).toBeVisible();
  await expect(chart.locator('.recharts-bar-rectangle').first()).toBeAttached();
  await expect(
    chart.getByRole('columnheader', { name: 'sandbox/shop-dev' }),
  ).toBeAttached();

  await page.screenshot({
    path: `${SCREENSHOTS}/entity-tab.png`,
    fullPage: true,
  });
  fs.copyFileSync(`${SCREENSHOTS}/entity-tab.png`, README_IMAGE);

  // Leave shop-dev to its regular schedules again.
  await page.getByRole('button', { name: `Delete ${title}` }).click();
  const remove = page.getByRole('dialog');
  await remove.getByRole('button', { name: 'Delete' }).click();
  await expect(override).toBeHidden();
});
