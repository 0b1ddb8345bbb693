#!/bin/sh
# Wakes or sleeps a namespace through the Namespace Scheduler's REST API, as a
# CI pipeline does around its end-to-end tests (docs/ci.md).
#
#   namespace.sh wake  <cluster>/<namespace>
#   namespace.sh sleep <cluster>/<namespace>
#
# Environment:
#   BACKSTAGE_URL       the portal, e.g. https://backstage.example.com
#   BACKSTAGE_TOKEN     an external access token (static, or a JWT a JWKS verifies)
#   COST_CENTER         the cost center to charge, one the namespace declares
#   WAKE_UNTIL          wake only, optional: an ISO 8601 time (e.g. 2026-12-03T18:00:00Z)
#                       after which the namespace's schedules take over again, a
#                       safety net for a pipeline that never gets to its sleep step
#   WAIT_READY_SECONDS  wake only: wait this long at most for the workloads to be
#                       ready (default 300, at most 900)
#   RETRIES             attempts while another operation holds the namespace
#                       (409), 10 seconds apart (default 30)
#
# Exits 0 when the operation succeeded (a wake: with every workload ready),
# non-zero otherwise, printing the API's answer. Needs curl and jq.
set -eu

usage() {
  echo "usage: $0 wake|sleep <cluster>/<namespace>" >&2
  exit 2
}

[ $# -eq 2 ] || usage
operation=$1
target=$2
case $operation in wake | sleep) ;; *) usage ;; esac
case $target in */*) ;; *) usage ;; esac
: "${BACKSTAGE_URL:?set BACKSTAGE_URL}"
: "${BACKSTAGE_TOKEN:?set BACKSTAGE_TOKEN}"
: "${COST_CENTER:?set COST_CENTER}"

body=$(jq -n \
  --arg op "$operation" \
  --arg cc "$COST_CENTER" \
  --arg until "${WAKE_UNTIL:-}" \
  --argjson wait "${WAIT_READY_SECONDS:-300}" \
  '{costCenter: $cc}
   + (if $op == "wake" then {waitForReadySeconds: $wait} else {} end)
   + (if $op == "wake" and $until != "" then {until: $until} else {} end)')

url="${BACKSTAGE_URL%/}/api/namespace-scheduler/namespaces/$target/$operation"
answer=$(mktemp)
trap 'rm -f "$answer"' EXIT

attempt=1
while :; do
  status=$(curl --silent --show-error --output "$answer" --write-out '%{http_code}' \
    --request POST "$url" \
    --header "Authorization: Bearer $BACKSTAGE_TOKEN" \
    --header 'Content-Type: application/json' \
    --data "$body")
  # 409: another operation holds the namespace (or a limit is reached); wait for it.
  [ "$status" = 409 ] && [ "$attempt" -lt "${RETRIES:-30}" ] || break
  echo "$target is busy: $(jq -r '.error.message' "$answer"); retrying in 10s" >&2
  attempt=$((attempt + 1))
  sleep 10
done

if [ "$status" != 200 ]; then
  echo "$operation $target: HTTP $status: $(jq -r '.error.message // .' "$answer")" >&2
  exit 1
fi

jq -r '.result | "\(.operation) \(.cluster)/\(.namespace): success=\(.success), \(.total_scaled) changed"
  + (if .readiness then ", ready \(.readiness.ready)/\(.readiness.total)" else "" end)' "$answer"
jq -r '.result | (.errors + (.warnings // []))[]' "$answer" >&2

# Success, and for a wake every workload ready (not timed out).
jq -e '.result.success and ((.result.readiness.timed_out // false) | not)' "$answer" >/dev/null
