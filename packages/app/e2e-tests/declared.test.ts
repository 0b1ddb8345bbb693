import { expect, Locator, Page, test } from '@playwright/test';
import {
  chooseCostCenter,
  SCREENSHOTS,
  signInAsDemoUser,
  tomorrowEvening,
} from './support';

/** The entry search-service declares in examples/entities.yaml; its schedule's title. */
const DECLARED = 'search-dev: Mon-Fri 07:00-20:00 Europe/Madrid';
const TAB = '/catalog/default/component/search-service/namespace-schedule';
/** The demo's entities have no edit URL: the link leads to the entity's page. */
const SOURCE =
  /\/catalog\/default\/component\/search-service$|catalog-info\.yaml$/;

/** The schedules card's row of a schedule (not the panel's row of its entry). */
function scheduleRow(page: Page, title: string | RegExp): Locator {
  return page
    .getByRole('table', { name: 'Schedules', exact: true })
    .getByRole('row')
    .filter({ hasText: title });
}

/**
 * Waits for the reconciler (every 30 s, once the catalog has ingested the
 * demo) to have applied the entry: the panel says so after a reload.
 */
async function waitUntilApplied(page: Page): Promise<Locator> {
  const entry = page
    .getByRole('table', { name: 'Declared schedules' })
    .getByRole('row')
    .filter({ hasText: DECLARED });
  await expect(async () => {
    await page.goto(TAB);
    await expect(entry).toContainText('Applied', { timeout: 10_000 });
  }).toPass({ timeout: 120_000 });
  return entry;
}

/** Runs a wake or sleep of search-dev from its row, charging CC-3001; `until` holds a wake. */
async function operate(
  page: Page,
  operation: 'Wake' | 'Sleep',
  until?: string,
): Promise<Locator> {
  const row = page.getByRole('row', { name: /search-dev sandbox/ });
  await row
    .getByRole('button', { name: `${operation} now search-dev` })
    .click();
  const dialog = page.getByRole('dialog');
  await chooseCostCenter(page, dialog, 'CC-3001');
  if (until) await dialog.getByLabel('Until (optional)').fill(until);
  await dialog.getByRole('button', { name: 'Preview changes' }).click();
  await dialog
    .getByRole('button', { name: `Confirm ${operation.toLowerCase()}` })
    .click();
  const done = operation === 'Wake' ? 'Woke' : 'Slept';
  await expect(dialog.getByText(`${done} sandbox/search-dev`)).toBeVisible();
  return dialog;
}

/**
 * Issue 18: a schedule declared in catalog-info.yaml is applied and shown
 * read-only, with where to change it; overrides still work on top of it.
 * As carol (an admin, who may manage every schedule), so that the missing
 * edit and delete are the declaration's doing, not a permission's.
 */
test('as an admin: the schedule search-service declares is applied, read-only, linked to its catalog-info.yaml; a wake-until override still holds search-dev', async ({
  page,
}) => {
  await signInAsDemoUser(page, 'carol');
  const entry = await waitUntilApplied(page);
  await expect(entry).toContainText('sandbox/search-dev');

  // The panel's link selects search-dev and leads to the schedule's row.
  await entry.getByRole('link', { name: 'Show the schedule' }).click();
  await expect(page).toHaveURL(/#schedule-/);
  const row = scheduleRow(page, DECLARED);
  await expect(row).toBeVisible();
  await expect(row).toHaveClass(/Mui-selected/);

  // Marked as declared, linked to where it is written, not editable here.
  await expect(
    row.getByText('catalog-info.yaml', { exact: true }),
  ).toBeVisible();
  await expect(
    row.getByRole('link', {
      name: /^Defined in catalog-info.yaml of component:default\/search-service/,
    }),
  ).toHaveAttribute('href', SOURCE);
  await expect(
    row.getByRole('button', { name: /^(Edit|Delete) / }),
  ).toHaveCount(0);
  const lock = row.getByRole('img', { name: /is read-only: declared in/ });
  await lock.hover();
  await expect(page.getByRole('tooltip')).toContainText(
    'declared in catalog-info.yaml of component:default/search-service: change it there, by pull request',
  );
  await page.screenshot({
    path: `${SCREENSHOTS}/declared-schedule.png`,
    fullPage: true,
  });

  // Wake until tomorrow evening: the override holds search-dev on top of it.
  const namespaceRow = page.getByRole('row', { name: /search-dev sandbox/ });
  const before = await namespaceRow.innerText();
  const wake = await operate(page, 'Wake', tomorrowEvening());
  await expect(wake.getByText(/Held by the override/)).toContainText(
    /"Awake until /,
  );
  await wake.getByRole('button', { name: 'Close' }).click();
  const override = scheduleRow(page, /Awake until/);
  await expect(override).toContainText('Held awake until');
  await expect(
    override.getByRole('button', { name: /^Delete / }),
  ).toBeEnabled();
  await expect(row).toBeVisible();

  // Put search-dev back as it was: the override gone, asleep if it was.
  await override.getByRole('button', { name: /^Delete / }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: 'Delete' })
    .click();
  await expect(override).toBeHidden();
  if (/Asleep/.test(before)) {
    const sleep = await operate(page, 'Sleep');
    await sleep.getByRole('button', { name: 'Close' }).click();
    await expect(namespaceRow).toContainText('Asleep');
  }
  await expect(row).toBeVisible();
});
