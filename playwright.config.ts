import { defineConfig } from '@playwright/test';

/**
 * Browser end-to-end tests: Debian Chromium driven by Playwright against the
 * real portal. The backend (with the Kubernetes sandbox) is started here and
 * serves the app bundle built by scripts/test.sh (`yarn workspace app build`).
 *
 * Two projects: `demo` shares that backend; `own-backend` holds the tests
 * that start a backend of their own (ownBackend.ts, each on its own port)
 * and mostly wait for time to pass, so scripts/test.sh runs the two projects
 * side by side, the second with E2E_OWN_BACKENDS_ONLY=1 (no shared backend).
 */
const OWN_BACKEND_TESTS = /(forecast|schedulesAsCode)\.test\.ts$/;
const ownBackendsOnly = !!process.env.E2E_OWN_BACKENDS_ONLY;
const results = ownBackendsOnly ? 'e2e-own-backend' : 'e2e';
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  // The shared backend's tests one at a time; those with a backend each of
  // their own (own ports, own sandbox) side by side.
  workers: ownBackendsOnly ? 2 : 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  projects: [
    { name: 'demo', testIgnore: OWN_BACKEND_TESTS },
    { name: 'own-backend', testMatch: OWN_BACKEND_TESTS },
  ],
  webServer: ownBackendsOnly
    ? undefined
    : {
        command: 'yarn workspace backend start',
        url: 'http://127.0.0.1:7007/api/namespace-scheduler/health',
        timeout: 180_000,
        reuseExistingServer: !process.env.CI,
        env: {
          // Chromium may resolve localhost to ::1 only; the backend listens on IPv4.
          APP_CONFIG_app_baseUrl: 'http://127.0.0.1:7007',
          APP_CONFIG_backend_baseUrl: 'http://127.0.0.1:7007',
          APP_CONFIG_backend_cors_origin: 'http://127.0.0.1:7007',
          // Business hours all week, so the off-hours limit and the runner's
          // boundary sleep do not depend on when the tests run (forecast.test.ts
          // starts a backend of its own whose business hours end mid-test).
          APP_CONFIG_namespaceScheduler_offHours_businessHours_days:
            '["mon","tue","wed","thu","fri","sat","sun"]',
          APP_CONFIG_namespaceScheduler_offHours_businessHours_start: '00:00',
          APP_CONFIG_namespaceScheduler_offHours_businessHours_end: '24:00',
          // A second and third identity for admin.test.ts (a team-data member and
          // an admin); the demoUsers sign-in exists only when configured.
          APP_CONFIG_auth_providers_demoUsers_users: '["erin","carol"]',
        },
        stdout: 'ignore',
        stderr: 'pipe',
      },
  reporter: [
    ['list'],
    ['json', { outputFile: `.test-results/${results}.json` }],
  ],
  outputDir: `.test-results/${results}-artifacts`,
  use: {
    baseURL: 'http://127.0.0.1:7007',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: chromiumArgs,
    },
  },
});
