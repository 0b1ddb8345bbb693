import { expect, Page, test } from '@playwright/test';
import { chooseCostCenter, openNamespaceTab, SCREENSHOTS } from './support';

/**
 * The week calendar predicts what the runner's off-hours boundary will do:
 * an awake namespace that holds no off-hours slot, and that no schedule keeps
 * awake, is put to sleep when off-hours start. It needs a backend with
 * off-hours (e.g. business hours Mon–Fri 07:00–20:00): playwright.config.ts
 * sets business hours all week, so against it this test is skipped.
 */
const BOUNDARY_SLEEP =
  /^sleep \d{2}:\d{2} \(off-hours start: no off-hours slot\)$/;

/** Wakes shop-staging if the runner (or another test) left it asleep. */
async function ensureAwake(page: Page) {
  const row = page.getByRole('row', { name: /shop-staging sandbox/ });
  await expect(row).toContainText(/Awake|Asleep|Partial/);
  if (!(await row.textContent())?.includes('Asleep')) return;
  await row.getByRole('button', { name: 'Wake now shop-staging' }).click();
  const dialog = page.getByRole('dialog');
  await chooseCostCenter(page, dialog);
  await dialog.getByRole('button', { name: 'Preview changes' }).click();
  await dialog.getByRole('button', { name: 'Confirm wake' }).click();
  await expect(dialog.getByText('Woke sandbox/shop-staging')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(row).toContainText(/Awake|Partial/);
}

test('as team-commerce: the week calendar shows the off-hours boundary sleep of a namespace nothing keeps awake', async ({
  page,
}) => {
  await openNamespaceTab(page, 'system/shop');
  await page.getByRole('button', { name: /^Namespace/ }).click();
  await page
    .getByRole('option', { name: 'sandbox/shop-staging', exact: true })
    .click();
  const week = page.getByRole('list', {
    name: 'Predicted awake periods by day',
  });
  await expect(week.getByRole('listitem')).toHaveCount(7);
  test.skip(
    (await week.locator('[aria-label*="off-hours"]').count()) === 0,
    'The backend has no off-hours (business hours all week): run against one with e.g. Mon–Fri 07:00–20:00.',
  );
  await ensureAwake(page);

  // shop-staging has no schedules: awake until the next start of off-hours.
  const sleep = week.getByRole('img', { name: BOUNDARY_SLEEP });
  await expect(sleep).toHaveCount(1);
  await expect(week.getByTestId('off-hours-band').first()).toBeVisible();
  await expect(page.getByRole('list', { name: 'Upcoming' })).toContainText(
    'sleep · Off-hours limit: off-hours start: no off-hours slot',
  );
  await page.screenshot({
    path: `${SCREENSHOTS}/forecast-boundary-sleep.png`,
    fullPage: true,
  });

  // Asleep after it, nothing to predict the week after; and back.
  const thisWeek = await page
    .getByRole('heading', { name: /–/ })
    .first()
    .innerText();
  await page.getByRole('button', { name: 'Next week' }).click();
  await expect(page.getByRole('heading', { name: thisWeek })).toHaveCount(0);
  await expect(week.getByRole('img', { name: BOUNDARY_SLEEP })).toHaveCount(0);
  await page.getByRole('button', { name: 'This week' }).click();
  await expect(week.getByRole('img', { name: BOUNDARY_SLEEP })).toHaveCount(1);
});
