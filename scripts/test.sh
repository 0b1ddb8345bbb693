#!/usr/bin/env bash
# Runs every check and test: type checking, lint, and all Jest suites (unit,
# backend integration against the Kubernetes sandbox, SQLite and PostgreSQL).
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

bash scripts/system-deps.sh || exit 1
yarn install --immutable > "$results/install.log" 2>&1 || {
  tail -40 "$results/install.log"; echo "0 passed, 1 failed"; exit 1; }

step "types (yarn tsc)" yarn tsc
step "lint" yarn lint:all
step "tests (jest)" env CI=true yarn backstage-cli repo test --json \
  --outputFile="$results/jest.json"

node scripts/summarize-tests.js "$results/jest.json" "$passed_steps" "$failed_steps"
