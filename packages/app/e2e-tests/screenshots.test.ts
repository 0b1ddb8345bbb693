import { expect, Page, test } from '@playwright/test';
import { chooseCostCenter, openNamespaceTab, tomorrowEvening } from './support';

/** The README's pictures: the tab and its dialogs on a wide and a narrow screen. */
const IMAGES = 'docs/images';
const WIDTHS = [1440, 1024];

/** Closes a dialog whose form was changed: Cancel, then Discard when asked. */
async function discard(page: Page) {
  await page
    .getByRole('dialog')
    .getByRole('button', { name: 'Cancel' })
    .click();
  const confirm = page.getByRole('button', { name: 'Discard' });
  if (await confirm.isVisible()) await confirm.click();
  await expect(page.getByRole('dialog')).toBeHidden();
}

for (const width of WIDTHS) {
  test(`the tab and its wake and scale dialogs at ${width} px, nothing cut off`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    await openNamespaceTab(page, 'system/shop');
    await expect(
      // The namespaces table's row (the awake-hours table names sandbox/shop-dev too).
      page.getByRole('row', { name: /shop-dev sandbox (Awake|Asleep)/ }),
    ).toBeVisible();
    // Nothing wider than the window: no row action hidden behind a scroll bar.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({
      path: `${IMAGES}/entity-tab-${width}.png`,
      fullPage: true,
    });

    await page.getByRole('button', { name: 'Wake now shop-dev' }).click();
    const wake = page.getByRole('dialog');
    await chooseCostCenter(page, wake);
    await wake.getByLabel('Until (optional)').fill(tomorrowEvening());
    // The estimate follows the form after a pause: shown in the picture.
    await expect(
      wake.getByText(/Keeping shop-dev awake until .+ ≈ .+ on CC-1001/),
    ).toBeVisible();
    await page.screenshot({ path: `${IMAGES}/wake-dialog-${width}.png` });
    await discard(page);

    await page.getByRole('button', { name: 'Scale shop-staging' }).click();
    const scale = page.getByRole('dialog');
    await chooseCostCenter(page, scale);
    await page.screenshot({ path: `${IMAGES}/scale-dialog-${width}.png` });
    await discard(page);
  });
}
