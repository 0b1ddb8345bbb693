import { expect, Page, test } from '@playwright/test';
import { chooseCostCenter, openNamespaceTab, SCREENSHOTS } from './support';

/** Sleeps or wakes shop-dev from its row, charging CC-1001. */
async function operate(page: Page, operation: 'Sleep' | 'Wake') {
  const row = page.getByRole('row', { name: /shop-dev sandbox/ });
  await row.getByRole('button', { name: `${operation} now shop-dev` }).click();
  const dialog = page.getByRole('dialog');
  await chooseCostCenter(page, dialog);
  await dialog.getByRole('button', { name: 'Preview changes' }).click();
  await dialog
    .getByRole('button', { name: `Confirm ${operation.toLowerCase()}` })
    .click();
  const done = operation === 'Sleep' ? 'Slept' : 'Woke';
  await expect(dialog.getByText(`${done} sandbox/shop-dev`)).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(row).toContainText(operation === 'Sleep' ? 'Asleep' : 'Awake');
}

/** A `datetime-local` value of `iso` in the browser's zone (the tab's display zone). */
function localValue(page: Page, iso: string) {
  return page.evaluate(at => {
    const date = new Date(at);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(
      date.getDate(),
    )}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
  }, iso);
}

test('as team-commerce: the tab says why shop-dev is in its state and who did it, and what happens next', async ({
  page,
}) => {
  await openNamespaceTab(page);
  const why = page.getByRole('region', { name: 'Why, and what next' });

  await operate(page, 'Sleep');
  await expect(why.getByText('Now asleep:')).toBeVisible();
  await expect(why.getByText(/^Manual sleep by /)).toBeVisible();
  await expect(why.getByText('Manual', { exact: true })).toBeVisible();
  await expect(why.getByText(/^Next:/)).toBeVisible();

  await operate(page, 'Wake');
  await expect(why.getByText('Now awake:')).toBeVisible();
  await expect(why.getByText(/^Manual wake by /)).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/why.png`, fullPage: true });

  // The activity log shows the same reason under who asked.
  await expect(
    page.getByRole('row', { name: /wake .*Manual wake by / }).first(),
  ).toBeVisible();
});

test('as team-commerce: a keep-awake link (the before-sleep notification) opens the wake dialog with until prefilled', async ({
  page,
}) => {
  await openNamespaceTab(page);
  const until = new Date(Date.now() + 2 * 86_400_000);
  until.setUTCHours(18, 0, 0, 0);
  const iso = until.toISOString();
  await page.goto(
    `/catalog/default/component/shop-api/namespace-schedule?namespace=${encodeURIComponent(
      'sandbox/shop-dev',
    )}&keepAwakeUntil=${encodeURIComponent(iso)}`,
  );
  const dialog = page.getByRole('dialog', { name: /Wake shop-dev now/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Until (optional)')).toHaveValue(
    await localValue(page, iso),
  );
  // The query is used once: it is gone from the address.
  await expect(page).not.toHaveURL(/keepAwakeUntil/);
  await page.screenshot({
    path: `${SCREENSHOTS}/keep-awake-link.png`,
    fullPage: true,
  });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
});
