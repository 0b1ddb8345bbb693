import { expect, Locator, Page, test } from '@playwright/test';
import {
  chooseCostCenter,
  openNamespaceTab,
  SCREENSHOTS,
  tomorrowEvening,
} from './support';

const SLEEP_TASK = 'Sleep shop-dev (overrides e2e)';

/** A displayed time and its zone label: "Thu 3 Dec, 18:00 CET", "Fri 4 Dec, 02:00 GMT+9". */
const TIME =
  /\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec), \d\d:\d\d(?: (GMT[+-]\d{1,2}(?::\d\d)?|[A-Z]{2,5}))?/g;

/** The zone labels of every time shown in `where` (undefined: a time without one). */
async function zoneLabels(where: Locator): Promise<Array<string | undefined>> {
  const text = await where.innerText();
  return [...text.matchAll(TIME)].map(match => match[1]);
}

/** Adds a cron task that sleeps shop-dev on Sundays at 23:00 (it is run now here). */
async function addSleepTask(page: Page) {
  await page.getByRole('button', { name: 'Add schedule' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('Title').fill(SLEEP_TASK);
  await chooseCostCenter(page, form);
  await form.getByLabel(/Kind/).click();
  await page.getByRole('option', { name: /Cron task/ }).click();
  await form.getByLabel(/Cron expression/).fill('0 23 * * 0');
  await form.getByLabel(/Operation/).click();
  await page.getByRole('option', { name: 'Sleep', exact: true }).click();
  await form.getByRole('button', { name: 'Create schedule' }).click();
  await expect(form).toBeHidden();
}

/** A schedule's row (not an activity row naming it): the one with its actions. */
function scheduleRow(page: Page, title: string | RegExp) {
  return page
    .getByRole('row')
    .filter({ hasText: title })
    .filter({ has: page.getByRole('button', { name: /^Delete / }) });
}

async function deleteSchedule(page: Page, title: string | RegExp) {
  const row = scheduleRow(page, title);
  await row.getByRole('button', { name: /^Delete / }).click();
  await page
    .getByRole('dialog')
    .getByRole('button', { name: 'Delete' })
    .click();
  await expect(row).toBeHidden();
}

/**
 * Issue 17, point 2: an operation that goes against the override holding a
 * namespace ends it, and the dialog says so before; point 7: one zone per
 * view, every time labelled with it, switchable.
 */
test('as team-commerce: a sleep run now ends the wake-until override, named beforehand; every time on the tab carries one zone', async ({
  page,
}) => {
  await openNamespaceTab(page);
  const row = page.getByRole('row', { name: /shop-dev sandbox/ });

  // Wake until tomorrow 18:00: an override holds shop-dev awake.
  await row.getByRole('button', { name: 'Wake now shop-dev' }).click();
  const wake = page.getByRole('dialog');
  await chooseCostCenter(page, wake);
  await wake.getByLabel('Until (optional)').fill(tomorrowEvening());
  await wake.getByRole('button', { name: 'Preview changes' }).click();
  await wake.getByRole('button', { name: 'Confirm wake' }).click();
  await expect(wake.getByText('Woke sandbox/shop-dev')).toBeVisible();
  const heldNotice = wake.getByText(/Held by the override/);
  await expect(heldNotice).toContainText(
    /"Awake until \w{3} \d+ \w{3}, 18:00 /,
  );
  const override = /"(Awake until [^"]+)"/.exec(await heldNotice.innerText());
  expect(override).not.toBeNull();
  const title = override?.[1] ?? '';
  await wake.getByRole('button', { name: 'Close' }).click();
  // Its title follows the zone picked below, so the row is found by its start.
  const overrideRow = scheduleRow(page, /Awake until/);
  await expect(overrideRow).toContainText(title);
  await expect(overrideRow).toContainText('Held awake until');

  // Run a sleep task now: the confirmation names the override it ends.
  await addSleepTask(page);
  await page.getByRole('button', { name: `Run ${SLEEP_TASK} now` }).click();
  const run = page.getByRole('dialog');
  await expect(run).toContainText(`This ends "${title}"`);
  await page.screenshot({
    path: `${SCREENSHOTS}/run-now-ends-override.png`,
    fullPage: true,
  });
  await run.getByRole('button', { name: 'Run now' }).click();
  await expect(run.getByText('Slept sandbox/shop-dev')).toBeVisible();
  await run.getByRole('button', { name: 'Close' }).click();
  await expect(row).toContainText('Asleep');

  // The override is ended, by whom and when; nothing says it still holds.
  await expect(overrideRow).toContainText(/Ended by guest · /);
  await expect(overrideRow).toContainText('Completed');
  const schedules = page.getByRole('table').filter({ has: overrideRow });
  await expect(schedules).not.toContainText('Held awake');

  // Every time the tab shows in one zone, labelled; then in the zone picked.
  // (Activity reasons are words the backend wrote then, in the zone of
  // whoever acted; the times the tab renders are in the schedules table.)
  const before = await zoneLabels(schedules);
  expect(before.length).toBeGreaterThan(3);
  expect(before).not.toContain(undefined);
  expect(new Set(before).size).toBe(1);
  const zone = page.getByRole('textbox', { name: 'Times shown in' });
  await zone.click();
  await zone.fill('Asia/Tokyo');
  await page.getByRole('option', { name: /^Asia\/Tokyo/ }).click();
  await expect(overrideRow).toContainText(/Ended by guest · .* GMT\+9/);
  const after = await zoneLabels(schedules);
  expect(after).toHaveLength(before.length);
  expect(new Set(after)).toEqual(new Set(['GMT+9']));
  await page.screenshot({
    path: `${SCREENSHOTS}/one-zone-tokyo.png`,
    fullPage: true,
  });

  // Leave shop-dev awake with its regular schedules, as the demo had it.
  await deleteSchedule(page, SLEEP_TASK);
  await deleteSchedule(page, /Awake until/);
  await row.getByRole('button', { name: 'Wake now shop-dev' }).click();
  const again = page.getByRole('dialog');
  await chooseCostCenter(page, again);
  await again.getByRole('button', { name: 'Preview changes' }).click();
  await again.getByRole('button', { name: 'Confirm wake' }).click();
  await expect(again.getByText('Woke sandbox/shop-dev')).toBeVisible();
  await again.getByRole('button', { name: 'Close' }).click();
  await expect(row).toContainText(/Awake|Partial/);
});
