import { APIRequestContext, expect, Page, test } from '@playwright/test';
import { openNamespaceTab, SCREENSHOTS } from './support';

const API = '/api/namespace-scheduler';

/**
 * Calls to the plugin's API as `user` from outside the page: a token from the
 * backend's `demoUsers` sign-in (enabled in playwright.config.ts), sent from
 * Playwright's own request context, not the browser's.
 */
async function apiAs(request: APIRequestContext, user: 'carol') {
  const refresh = await request.get('/api/auth/demoUsers/refresh', {
    headers: { 'x-demo-user': user, 'x-requested-with': 'XMLHttpRequest' },
  });
  expect(refresh.ok()).toBe(true);
  const { backstageIdentity } = await refresh.json();
  const headers = { authorization: `Bearer ${backstageIdentity.token}` };
  const call = async (
    method: 'post' | 'delete',
    path: string,
    data?: object,
  ) => {
    const response = await request[method](`${API}${path}`, { headers, data });
    expect(response.ok(), await response.text()).toBe(true);
    return response.status() === 204 ? undefined : response.json();
  };
  return {
    post: (path: string, data: object) => call('post', path, data),
    delete: (path: string) => call('delete', path),
  };
}

/** A daily cron at the next whole minute at least 20 s away, in UTC. */
function nextMinuteCron(): { cron: string; at: Date } {
  const at = new Date(Math.ceil((Date.now() + 20_000) / 60_000) * 60_000);
  return { cron: `${at.getUTCMinutes()} ${at.getUTCHours()} * * *`, at };
}

/**
 * Resolves once the page's signals socket has subscribed to `channel`: only
 * then are changes heard (on a fresh backend the socket's first try is
 * abandoned, and the next comes 5 s later).
 */
function subscribed(page: Page, channel: string): Promise<void> {
  return new Promise(resolve => {
    page.on('websocket', socket =>
      socket.on('framesent', ({ payload }) => {
        // The signals socket: its client sends JSON text frames.
        if (!socket.url().endsWith('/api/signals')) return;
        const message = JSON.parse(String(payload));
        if (message.action === 'subscribe' && message.channel === channel) {
          resolve();
        }
      }),
    );
  });
}

/** Marks the page, so a reload (which would forget the mark) is noticed. */
async function markPage(page: Page) {
  await page.evaluate(() => Object.assign(window, { liveTabMark: true }));
}
async function expectNotReloaded(page: Page) {
  expect(await page.evaluate(() => 'liveTabMark' in window)).toBe(true);
}

/**
 * The tab as guest (team-commerce), while shop-dev is changed from outside
 * it: carol (an admin) adds a schedule through the API, the runner carries
 * it out on its minute, carol wakes shop-dev and deletes the schedule. Each
 * change reaches the open tab as a signal: no reload, no ⟳.
 */
test('as team-commerce: the open tab follows changes made by another user and by the runner, without reload', async ({
  page,
  request,
}) => {
  // Up to a minute for the runner's next minute, then its run.
  test.setTimeout(240_000);
  const listening = subscribed(
    page,
    'namespace-scheduler:namespace:sandbox/shop-dev',
  );
  await openNamespaceTab(page);
  const row = page.getByRole('row', { name: /shop-dev sandbox/ });
  await expect(row).toContainText(/Awake|Partial/);
  await listening;
  await markPage(page);
  const carol = await apiAs(request, 'carol');

  // Another user adds a schedule: the tab lists it.
  const { cron, at } = nextMinuteCron();
  const title = `Live sleep at ${at.toISOString().slice(11, 16)} UTC`;
  const schedule = await carol.post('/schedules', {
    kind: 'cron',
    title,
    cluster: 'sandbox',
    namespace: 'shop-dev',
    cost_center: 'CC-1001',
    zone: 'UTC',
    cron,
    operation: 'sleep',
  });
  // Its row in the schedules (the activity may name it too, once it ran).
  const scheduleRow = page
    .getByRole('row', { name: title })
    .filter({ hasText: 'run(s)' });
  await expect(scheduleRow).toBeVisible({ timeout: 15_000 });
  await expect(scheduleRow).toContainText('0 run(s)');

  // The runner sleeps shop-dev at that minute: the row and the schedule follow.
  const runBy = at.getTime() + 60_000 - Date.now();
  await expect(row).toContainText('Asleep', { timeout: runBy });
  await expect(scheduleRow).toContainText('1 run(s): 1 ok', {
    timeout: 15_000,
  });
  await page.screenshot({
    path: `${SCREENSHOTS}/live-after-runner.png`,
    fullPage: true,
  });

  // Another user wakes it: the row and the activity follow.
  await carol.post('/namespaces/sandbox/shop-dev/wake', {
    costCenter: 'CC-1001',
  });
  await expect(row).toContainText(/Awake|Waking/, { timeout: 15_000 });
  const activity = page
    .getByRole('table')
    .filter({ has: page.getByRole('columnheader', { name: /Requested by/ }) });
  const carolsWake = activity
    .getByRole('row')
    .filter({ hasText: 'carol' })
    .filter({ hasText: /\bwake\b/ });
  await expect(carolsWake.first()).toBeVisible({ timeout: 15_000 });

  // And deletes the schedule: the tab drops it.
  await carol.delete(`/schedules/${schedule.id}`);
  await expect(scheduleRow).toBeHidden({ timeout: 15_000 });

  await expectNotReloaded(page);
  await expect(row).toContainText('Awake');
});
