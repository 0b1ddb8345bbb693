#!/usr/bin/env bash
# Runs every check and test: type checking, lint, API reports, all Jest
# suites (unit, backend integration against the Kubernetes sandbox, SQLite and
# PostgreSQL; the real control plane's suites and the reliability suites), the
# install test (a new Backstage app with the packed packages) and the browser
# end-to-end tests (Playwright + Debian Chromium).
# Bootstraps Node 22, Yarn and the system packages the tests need.
# Ends with a line "N passed, N failed" and a non-zero exit on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

results="$(pwd)/.test-results"
rm -rf "$results" && mkdir -p "$results"
failed_steps=0
passed_steps=0

step() {
  local name=$1; shift
  echo "──── $name"
  if "$@"; then
    passed_steps=$((passed_steps + 1))
  else
    echo "✗ $name failed" >&2
    failed_steps=$((failed_steps + 1))
  fi
}

# Waits for the install test started in the background; its output follows.
wait_for_install_test() {
  local status=0
  wait "$1" || status=$?
  grep -E '^\[install-test|^✗|^  |PASS|FAIL' "$results/install-test.log" | tail -40
  return "$status"
}

# The e2e projects side by side (playwright.config.ts): the tests with a
# backend of their own mostly wait for business hours or a schedule to end.
run_e2e() {
  local own_status=0 demo_status=0
  E2E_OWN_BACKENDS_ONLY=1 CI=true yarn playwright test --project=own-backend \
    >"$results/e2e-own-backend.log" 2>&1 &
  local own=$!
  CI=true yarn playwright test --project=demo || demo_status=$?
  wait "$own" || own_status=$?
  cat "$results/e2e-own-backend.log"
  [ "$demo_status" = 0 ] && [ "$own_status" = 0 ]
}

bash scripts/system-deps.sh || { echo "0 passed, 1 failed"; exit 1; }
# The real Kubernetes control plane (packages/kube-harness) runs from the
# binaries in ../shared/k8s: where they are, its suites must run (and fail
# rather than skip); elsewhere they are skipped.
if [ -d ../shared/k8s ]; then
  export NS_REQUIRE_REAL_K8S=1
else
  echo "real control plane: ../shared/k8s not found — its suites are skipped"
fi
yarn install --immutable > "$results/install.log" 2>&1 || {
  tail -40 "$results/install.log"; echo "0 passed, 1 failed"; exit 1; }

step "types (yarn tsc)" yarn tsc
step "lint" yarn lint:all
# The published packages' API reports (plugins/*/report*.api.md) match their
# exports; reads the declarations `yarn tsc` just wrote to dist-types.
step "api reports" yarn api-reports:check
step "tests (jest)" env CI=true yarn backstage-cli repo test --json \
  --outputFile="$results/jest.json"
# The install test (yarn test:install: the packed packages in a freshly
# created Backstage app; ~8 minutes on a machine that has never run it, ~2
# with its cached app) runs beside the reliability suites, which spend most of
# their time waiting on frozen control planes. Its first phase packs the
# packages, which rewrites their package.json for a moment: the suites start
# once that is done.
bash scripts/test-install.sh >"$results/install-test.log" 2>&1 &
install_test=$!
until grep -q '\[2/7\]' "$results/install-test.log" 2>/dev/null ||
  ! kill -0 "$install_test" 2>/dev/null; do sleep 2; done
# The reliability suites, crash safety and the real control plane's freezes
# included (docs/reliability.md). Two workers although the machine has two
# cores: the freeze suite (~5 minutes) mostly waits on frozen control planes,
# so the other suites run beside it (~11 minutes in one worker, ~6 in two).
step "reliability (jest)" env CI=true yarn test:reliability --maxWorkers=2 --json \
  --outputFile="$results/reliability.json"
step "install test (a new Backstage app)" wait_for_install_test "$install_test"
# Browser end-to-end: the backend serves the built app with the sandbox.
step "build app" yarn workspace app build
step "e2e (playwright, chromium)" run_e2e

node scripts/summarize-tests.js "$passed_steps" "$failed_steps" \
  "$results/jest.json" "$results/reliability.json" "$results/e2e.json" \
  "$results/e2e-own-backend.json"
