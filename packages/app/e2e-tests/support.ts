import { expect, Locator, Page } from '@playwright/test';

/** Where the e2e tests leave their screenshots (not the README's pictures). */
export const SCREENSHOTS = '.test-results/screenshots';

/** Signs in with the guest provider (a member of team-commerce in the demo). */
export async function signInAsGuest(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
  await expect(
    page.getByRole('link', { name: 'Namespace Scheduler', exact: true }),
  ).toBeVisible();
}

/**
 * Signs in through the real guest button as another catalog user: the guest
 * refresh is answered with the backend's `demoUsers` sign-in for `user` (one
 * of those playwright.config.ts enables), so every later request carries a
 * real token of that user. (admin.test.ts has its own copy.)
 */
export async function signInAsDemoUser(page: Page, user: 'erin' | 'carol') {
  await page.route('**/api/auth/guest/refresh*', async route => {
    const response = await page.request.get('/api/auth/demoUsers/refresh', {
      headers: { 'x-demo-user': user, 'x-requested-with': 'XMLHttpRequest' },
    });
    await route.fulfill({ response });
  });
  await signInAsGuest(page);
}

/**
 * Signs in as guest and opens an entity's Namespace schedule tab: by default
 * the shop-api component (shop-dev); the shop system claims shop-dev and
 * shop-staging.
 */
export async function openNamespaceTab(
  page: Page,
  entity = 'component/shop-api',
) {
  await signInAsGuest(page);
  await page.goto(`/catalog/default/${entity}`);
  await page
    .getByRole('link', { name: 'Namespace schedule', exact: true })
    .click();
  await expect(page).toHaveURL(new RegExp(`${entity}/namespace-schedule`));
}

/** Picks a cost center in an operation or schedule dialog. */
export async function chooseCostCenter(
  page: Page,
  dialog: Locator,
  costCenter = 'CC-1001',
) {
  await dialog.getByLabel('Cost center').click();
  await page.getByRole('option', { name: costCenter, exact: true }).click();
}

/** A `datetime-local` value for tomorrow at 18:00 in the browser's zone. */
export function tomorrowEvening(): string {
  const date = new Date(Date.now() + 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(
    date.getDate(),
  )}T18:00`;
}
