import { expect, Page, test } from '@playwright/test';
import { chooseCostCenter, SCREENSHOTS, signInAsGuest } from './support';

test('an entity tab shows its namespaces with states read from the sandbox cluster', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/shop-api');
  await page
    .getByRole('link', { name: 'Namespace schedule', exact: true })
    .click();
  await expect(page).toHaveURL(/shop-api\/namespace-schedule/);

  const row = page.getByRole('row', { name: /shop-dev sandbox/ });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Awake');
  await expect(row).toContainText(/\d+ awake · \d+ asleep/);
  await row.getByRole('button', { name: /detail panel/i }).click();
  await expect(
    page.getByRole('row', { name: /^Deployment api-gateway 2/ }),
  ).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/entity-tab.png`,
    fullPage: true,
  });
});

test('an entity with an asleep and a partial namespace shows both states', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/payments-api/namespace-schedule');
  await expect(
    page.getByRole('row', { name: /payments-staging sandbox/ }),
  ).toContainText('Partial');
  await page.goto(
    '/catalog/default/component/search-service/namespace-schedule',
  );
  await expect(
    page.getByRole('row', { name: /search-sandbox sandbox/ }),
  ).toContainText('Asleep');
});

// The admin page (admins only) is covered in admin.test.ts.

/** Runs an operation from the entity tab: cost center, dry-run preview, confirm. */
async function runOperation(
  page: Page,
  action: string,
  confirm: string,
  screenshot?: string,
) {
  const button = page.getByRole('button', { name: action });
  await expect(button).toBeEnabled();
  await button.click();
  const dialog = page.getByRole('dialog');
  await chooseCostCenter(page, dialog);
  await dialog.getByRole('button', { name: 'Preview changes' }).click();
  await expect(
    dialog.getByRole('table', { name: 'Would change' }),
  ).toBeVisible();
  await expect(dialog.getByText(/Nothing has changed yet/)).toBeVisible();
  if (screenshot) {
    await page.screenshot({
      path: `${SCREENSHOTS}/${screenshot}`,
      fullPage: true,
    });
  }
  await dialog.getByRole('button', { name: confirm }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    /workload\(s\) changed/,
  );
  return dialog;
}

test('sleeps shop-dev from the tab, watches it become asleep, and wakes it back', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/shop-api/namespace-schedule');
  const row = page.getByRole('row', { name: /shop-dev sandbox/ });
  await expect(row).toContainText('Awake');

  const slept = await runOperation(
    page,
    'Sleep now shop-dev',
    'Confirm sleep',
    'sleep-preview.png',
  );
  await expect(slept.getByText('Slept sandbox/shop-dev')).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/sleep-result.png`,
    fullPage: true,
  });
  await slept.getByRole('button', { name: 'Close' }).click();
  await expect(row).toContainText('Asleep');
  await expect(row).toContainText(/0 awake · \d+ asleep/);

  // The wake waits until what it started is ready (the dialog's default).
  const woken = await runOperation(page, 'Wake now shop-dev', 'Confirm wake');
  await expect(woken.getByText('Woke sandbox/shop-dev')).toBeVisible();
  await expect(
    woken.getByText(/^(\d+) of \1 workloads ready\.$/),
  ).toBeVisible();
  await woken.getByRole('button', { name: 'Close' }).click();
  await expect(row).toContainText('Awake');

  // Both operations are in the namespace's activity, newest first.
  const activity = page.getByRole('row').filter({ hasText: 'guest' });
  await expect(activity).toHaveCount(2);
  await expect(activity.first()).toContainText(
    /wake.*succeeded.*CC-1001.*guest/,
  );
  await expect(activity.nth(1)).toContainText(
    /sleep.*succeeded.*CC-1001.*guest/,
  );
  await page.screenshot({
    path: `${SCREENSHOTS}/entity-tab-activity.png`,
    fullPage: true,
  });
});

test('creates a weekly schedule for shop-dev in a typed time zone, sees it planned, and deletes it', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/shop-api/namespace-schedule');
  // Three days ahead, so the portal's runner has nothing to do during the test.
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][
    (new Date().getDay() + 3) % 7
  ];

  const add = page.getByRole('button', { name: 'Add schedule' });
  await expect(add).toBeEnabled();
  await add.click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Title').fill('E2E weekly');
  await chooseCostCenter(page, dialog);
  for (const weekday of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri']) {
    await dialog.getByLabel(weekday, { exact: true }).uncheck();
  }
  await dialog.getByLabel(day, { exact: true }).check();
  await dialog.getByLabel('Awake from').fill('09:00');
  await dialog.getByLabel('Awake until').fill('17:30');
  const nextRuns = dialog.getByRole('list', { name: /Next runs/ });
  await expect(nextRuns.getByRole('listitem').first()).toContainText(
    /09:00 \S+ — wake/,
  );
  // A zone typed and left with Tab is kept; an unknown one is an error.
  const zone = dialog.getByRole('textbox', { name: 'Time zone' });
  await zone.fill('Mars/Olympus');
  await zone.press('Tab');
  await expect(dialog).toContainText(
    'is not a known IANA time zone ("Mars/Olympus")',
  );
  await zone.fill('Europe/Madrid');
  await zone.press('Tab');
  await expect(zone).toHaveValue(/Europe\/Madrid/);
  await expect(dialog).not.toContainText('is not a known IANA time zone');
  await page.screenshot({
    path: `${SCREENSHOTS}/schedule-form.png`,
    fullPage: true,
  });
  await dialog.getByRole('button', { name: 'Create schedule' }).click();
  await expect(dialog).toBeHidden();

  const row = page.getByRole('row', { name: /E2E weekly/ });
  await expect(row).toContainText(`Awake ${day} 09:00–17:30`);
  await expect(row).toContainText('Europe/Madrid');
  // The next run in the viewer's zone: 09:00 in Madrid, labelled.
  await expect(row).toContainText(/\d\d:\d\d \S+ · wake/);
  const upcoming = page.getByRole('list', { name: 'Upcoming' });
  await expect(upcoming).toContainText('sleep · E2E weekly');
  await page.screenshot({
    path: `${SCREENSHOTS}/entity-tab-schedules.png`,
    fullPage: true,
  });

  await page.getByRole('button', { name: 'Delete E2E weekly' }).click();
  const confirm = page.getByRole('dialog');
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(confirm).toBeHidden();
  await expect(row).toBeHidden();
  await expect(page.getByText(/No schedules yet/)).toBeVisible();
});

test('the tab stays usable on a phone-sized screen', async ({ page }) => {
  await signInAsGuest(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/catalog/default/component/shop-api/namespace-schedule');
  await expect(
    page.getByRole('row', { name: /shop-dev sandbox/ }),
  ).toContainText('Awake');
  await expect(
    page.getByRole('button', { name: 'Add schedule' }),
  ).toBeVisible();
  await page.screenshot({
    path: `${SCREENSHOTS}/entity-tab-narrow.png`,
    fullPage: true,
  });

  const sleep = page.getByRole('button', { name: 'Sleep now shop-dev' });
  await sleep.scrollIntoViewIfNeeded();
  await expect(sleep).toBeEnabled();
  await sleep.click();
  // Dialogs take the whole screen rather than overflow it.
  const dialog = page.getByRole('dialog');
  await expect(
    dialog.getByRole('button', { name: 'Preview changes' }),
  ).toBeInViewport();
  await expect(page.locator('.MuiDialog-container')).toHaveCSS('opacity', '1');
  const box = await dialog.boundingBox();
  expect(box?.width).toBeLessThanOrEqual(390);
  await page.screenshot({ path: `${SCREENSHOTS}/operation-dialog-narrow.png` });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});

test('at 1024 px each namespace row shows its actions whole, with no sideways scroll', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/catalog/default/component/shop-api/namespace-schedule');
  const row = page.getByRole('row', { name: /shop-dev sandbox/ }).first();
  await expect(row).toContainText(/Awake|Asleep|Partial/);
  await page.screenshot({
    path: `${SCREENSHOTS}/entity-tab-1024.png`,
    fullPage: true,
  });
  // The namespaces table does not scroll sideways: nothing hides to its right.
  const overflow = await row.evaluate(cell => {
    let box = cell.parentElement;
    while (box && getComputedStyle(box).overflowX === 'visible') {
      box = box.parentElement;
    }
    return box ? box.scrollWidth - box.clientWidth : 0;
  });
  expect(overflow).toBeLessThanOrEqual(0);
  for (const name of ['Wake now', 'Sleep now', 'Scale']) {
    const button = page.getByRole('button', { name: `${name} shop-dev` });
    await expect(button).toBeInViewport({ ratio: 1 });
  }
});
