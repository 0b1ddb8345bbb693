#!/usr/bin/env bash
# yarn test:install — the proof that a platform team can adopt the plugin in
# its own Backstage. It packs the publishable packages (plugins/*) as npm
# would publish them, adds the tarballs to a fresh `@backstage/create-app`
# app the way the package READMEs say, and checks that the app
#   - type-checks with the plugin wired in (packed .d.ts files),
#   - bundles the entity tab (new frontend system, discovered through
#     `app.packages: all`),
#   - runs: its backend, given a cluster under kubernetes.clusterLocatorMethods
#     (a kube-sandbox from this repo, service-account token) and a catalog
#     entity claiming a namespace, serves the namespace's live state, is ready,
#     and the permission-policy module decides,
#   - renders the legacy EntityPage route (Jest, against that backend).
# The created and installed app is kept in ~/.cache/namespace-scheduler/install-test,
# keyed by the packed packages' dependencies and the create-app version; a run
# with an unchanged key only re-installs the tarballs. Logs go to
# .test-results/install-test/. Prints PASS or FAIL last; exits non-zero on failure.
#   NS_INSTALL_TEST_CACHE=dir   where the app is kept
#   NS_INSTALL_TEST_LOGS=dir    where the logs go
#   NS_INSTALL_TEST_FRESH=1     create the app again even when the key matches
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
source scripts/env.sh

CREATE_APP_VERSION=0.9.2
CLUSTER=adopter-cluster
CACHE=${NS_INSTALL_TEST_CACHE:-${NS_TOOLS_DIR:-$HOME/.cache/namespace-scheduler}/install-test}
LOGS=${NS_INSTALL_TEST_LOGS:-$REPO/.test-results/install-test}
FIXTURES=$REPO/scripts/install-test
APP=$CACHE/app
TARBALLS=$CACHE/tarballs
# CI sets CI=true, which makes Yarn 4 refuse to change a lockfile: the app's must change.
export YARN_ENABLE_IMMUTABLE_INSTALLS=false YARN_ENABLE_PROGRESS_BARS=false

mkdir -p "$CACHE" "$LOGS"
rm -f "$LOGS"/*.log "$LOGS"/*.json
RUN=$(mktemp -d "${TMPDIR:-/tmp}/ns-install-test.XXXXXX")
helper() { node "$FIXTURES/app.js" "$@"; }

say() { printf '[install-test %4ss] %s\n' "$SECONDS" "$*"; }
fail() {
  echo "✗ $1" >&2
  if [[ -n ${2:-} && -f $2 ]]; then
    echo "  last lines of $2:" >&2
    tail -n "${3:-40}" "$2" | sed 's/^/    /' >&2
  fi
  exit 1
}
# run LOGNAME CMD...: runs CMD with its output in $LOGS/LOGNAME.log.
run() {
  local log="$LOGS/$1.log"
  shift
  "$@" >>"$log" 2>&1 || fail "failed: $*" "$log"
}

PASSED=0 BACKEND_PID='' SANDBOX_PID='' PACKING=''
stop_group() {
  local pid=$1
  [[ -n $pid ]] || return 0
  kill -TERM -- "-$pid" 2>/dev/null || return 0
  for _ in $(seq 1 20); do
    kill -0 -- "-$pid" 2>/dev/null || return 0
    sleep 0.25
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_group "$BACKEND_PID"
  stop_group "$SANDBOX_PID"
  # An interrupted `yarn pack` leaves the publish-time package.json in place.
  if [[ -n $PACKING && -f $PACKING/package.json-prepack ]]; then
    mv -f "$PACKING/package.json-prepack" "$PACKING/package.json"
  fi
  rm -rf "$RUN"
  if [[ $rc -eq 0 && $PASSED -eq 1 ]]; then
    echo "PASS install test ($SECONDS s; logs in $LOGS)"
  else
    echo "FAIL install test ($SECONDS s; logs in $LOGS)"
    [[ $rc -eq 0 ]] && rc=1
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# One run at a time uses the cached app.
exec 9>"$CACHE/.lock"
if ! flock -n 9; then
  say "waiting for another install test to finish"
  flock 9
fi

# ── 1. pack ───────────────────────────────────────────────────────────────
say "[1/7] build and pack the publishable packages"
run build yarn tsc
run build yarn build:plugins
mkdir -p "$RUN/pack"
while IFS=$'\t' read -r name location; do
  file=$(echo "${name#@}" | tr / -).tgz
  PACKING=$REPO/$location
  run pack yarn workspace "$name" pack --out "$RUN/pack/$file"
  PACKING=''
  say "      $name → $file ($(du -k "$RUN/pack/$file" | cut -f1) KiB)"
done < <(yarn workspaces list --json --no-private |
  node -e 'for (const l of require("fs").readFileSync(0, "utf8").trim().split("\n")) {
    const w = JSON.parse(l); if (w.location !== ".") console.log(`${w.name}\t${w.location}`); }')
[[ -n $(ls "$RUN/pack") ]] || fail "no package was packed"

# ── 2. the app ────────────────────────────────────────────────────────────
key=$(helper key "$RUN/pack" "$CREATE_APP_VERSION")
if [[ ${NS_INSTALL_TEST_FRESH:-} != 1 && -f $APP/.install-test-key &&
  $(cat "$APP/.install-test-key") == "$key" ]]; then
  say "[2/7] cached app (key ${key:0:12}): re-install the tarballs"
  rm -f "$TARBALLS"/*.tgz
  cp "$RUN/pack"/*.tgz "$TARBALLS/"
  helper resolve-tarballs "$APP" "$TARBALLS"
  (cd "$APP" && run install yarn install)
else
  say "[2/7] new app: @backstage/create-app@$CREATE_APP_VERSION (key ${key:0:12})"
  rm -rf "$APP" "$TARBALLS"
  mkdir -p "$TARBALLS"
  cp "$RUN/pack"/*.tgz "$TARBALLS/"
  echo app | BACKSTAGE_APP_NAME=app run create-app \
    npx -y "@backstage/create-app@$CREATE_APP_VERSION" --path "$APP" --skip-install
  # The repo's Yarn release; node_modules as in this repo.
  cp "$REPO/.yarn/releases/yarn-4.13.0.cjs" "$APP/.yarn/releases/"
  grep -q '^nodeLinker: node-modules' "$APP/.yarnrc.yml" ||
    echo 'nodeLinker: node-modules' >>"$APP/.yarnrc.yml"
  grep -q '^yarnPath:' "$APP/.yarnrc.yml" ||
    echo 'yarnPath: .yarn/releases/yarn-4.13.0.cjs' >>"$APP/.yarnrc.yml"
  # create-app seeds yarn.lock from the Backstage repository at its release
  # ("fetching yarn.lock seed"), which fails offline; without a seed the newest
  # patch releases are mixed in and the backend does not start
  # (plugin-signals-backend 0.3.21 needs backend-defaults 0.19). This repo's
  # lockfile, on the same release (backstage.json), is that seed.
  cp "$REPO/yarn.lock" "$APP/yarn.lock"
  # Registry pins (root resolutions), the tarballs (resolutions: the packed
  # packages depend on each other by version), the legacy test's dev deps.
  helper configure "$APP" "$TARBALLS" "$REPO"
  tgz() { echo "$(helper packages "$TARBALLS" | awk -F'\t' -v n="$1" '$1 == n { print $2 }')"; }
  backend_pkgs=()
  for name in @namespace-scheduler/backstage-plugin-backend \
    @namespace-scheduler/backstage-plugin-common \
    @namespace-scheduler/backstage-plugin-backend-module-permission-policy \
    @namespace-scheduler/backstage-plugin-catalog-backend-module \
    @namespace-scheduler/backstage-plugin-scaffolder-backend-module; do
    [[ -n $(tgz "$name") ]] || fail "$name was not packed"
    backend_pkgs+=("$name@file:$TARBALLS/$(tgz "$name")")
  done
  say "      yarn --cwd packages/backend add (the backend README), first install"
  (cd "$APP" && run install yarn --cwd packages/backend add "${backend_pkgs[@]}")
  say "      yarn --cwd packages/app add (the frontend README)"
  (cd "$APP" && run install yarn --cwd packages/app add \
    "@namespace-scheduler/backstage-plugin@file:$TARBALLS/$(tgz @namespace-scheduler/backstage-plugin)")
  echo "$key" >"$APP/.install-test-key"
fi
for name in backstage-plugin backstage-plugin-backend backstage-plugin-common; do
  [[ -f $APP/node_modules/@namespace-scheduler/$name/dist/index.d.ts ]] ||
    fail "@namespace-scheduler/$name is not installed from its tarball" "$LOGS/install.log"
done

# Wiring, as the READMEs say: backend.add(...) of the plugin and the policy
# module (in place of create-app's allow-all policy); the frontend needs
# nothing in the new frontend system (app.packages: all). The legacy
# frontend system's EntityPage route lives in src/legacy with its test.
helper wire-backend "$APP"
cp -r "$FIXTURES/app/." "$APP/"

# ── 3. types ──────────────────────────────────────────────────────────────
say "[3/7] yarn tsc in the app (packed type declarations, both frontend systems)"
(cd "$APP" && run tsc yarn tsc)

# ── 4. bundle ─────────────────────────────────────────────────────────────
say "[4/7] build the app bundle and find the entity tab in it"
(cd "$APP" && run app-build yarn --cwd packages/app build)
helper check-bundle "$APP/packages/app/dist" || fail "the plugin is not in the app bundle"

# ── 5. cluster and backend ────────────────────────────────────────────────
say "[5/7] start a kube-sandbox cluster and the app's backend"
mkdir -p "$RUN/cluster" "$RUN/catalog"
cp "$FIXTURES/cluster/"*.yaml "$RUN/cluster/"
cp "$FIXTURES/catalog/"*.yaml "$RUN/catalog/"
export NS_INSTALL_TEST_SA_TOKEN
NS_INSTALL_TEST_SA_TOKEN=$(node -p 'require("crypto").randomBytes(18).toString("hex")')
setsid node --require @backstage/cli/config/nodeTransform.cjs \
  packages/kube-sandbox/src/cli.ts --name "$CLUSTER" --port 0 \
  --token "$NS_INSTALL_TEST_SA_TOKEN" --seed-dir "$RUN/cluster" \
  --kubeconfig "$RUN/kubeconfig" >"$LOGS/sandbox.log" 2>&1 &
SANDBOX_PID=$!
sandbox_url=''
for _ in $(seq 1 120); do
  sandbox_url=$(sed -n 's/.* listening on \(http[^ ]*\).*/\1/p' "$LOGS/sandbox.log")
  [[ -n $sandbox_url ]] && break
  kill -0 "$SANDBOX_PID" 2>/dev/null || fail "the sandbox exited" "$LOGS/sandbox.log"
  sleep 0.5
done
[[ -n $sandbox_url ]] || fail "the sandbox did not start in 60 s" "$LOGS/sandbox.log"
say "      cluster $CLUSTER at $sandbox_url (service-account token)"

port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => {
  console.log(s.address().port); s.close(); });')
BACKEND=http://127.0.0.1:$port
cat >"$APP/app-config.install-test.yaml" <<EOF
# Written by scripts/test-install.sh for one run.
backend:
  baseUrl: $BACKEND
  listen:
    port: $port
    host: 127.0.0.1
kubernetes:
  serviceLocatorMethod:
    type: multiTenant
  clusterLocatorMethods:
    - type: config
      clusters:
        - name: $CLUSTER
          url: $sandbox_url
          authProvider: serviceAccount
          serviceAccountToken: \${NS_INSTALL_TEST_SA_TOKEN}
          skipTLSVerify: true
catalog:
  locations:
    - type: file
      target: $RUN/catalog/adopter.yaml
      rules:
        - allow: [Component]
namespaceScheduler:
  defaultCluster: $CLUSTER
  # adopter-service declares its schedule in the catalog, charged to CC-ADOPT.
  costCenters:
    permissions:
      - { costCenter: CC-ADOPT, authorized: true }
  catalogSchedules:
    frequency: { seconds: 3 }
EOF
configs=(--config ../../app-config.yaml --config ../../app-config.install-test.yaml)
(cd "$APP/packages/backend" && run config-check yarn backstage-cli config:check --strict "${configs[@]}")
say "      config:check --strict passes with the plugin's configuration schema"

(cd "$APP" && exec setsid yarn --cwd packages/backend start "${configs[@]}") \
  >"$LOGS/backend.log" 2>&1 &
BACKEND_PID=$!
ready=''
for _ in $(seq 1 240); do
  code=$(curl -s -o "$RUN/ready.json" -w '%{http_code}' \
    "$BACKEND/api/namespace-scheduler/health/ready" || true)
  if [[ $code == 200 ]]; then ready=1 && break; fi
  grep -q 'Backend startup failed' "$LOGS/backend.log" &&
    fail "the backend did not start" "$LOGS/backend.log" 60
  kill -0 "$BACKEND_PID" 2>/dev/null || fail "the backend exited" "$LOGS/backend.log" 60
  sleep 1
done
[[ -n $ready ]] || fail "/api/namespace-scheduler/health/ready is $code after 240 s: $(cat "$RUN/ready.json" 2>/dev/null)" "$LOGS/backend.log"
say "      backend at $BACKEND: GET /api/namespace-scheduler/health/ready → 200 $(node -p \
  'Object.entries(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).checks).map(([k, v]) => `${k} ${v.status}`).join(", ")' "$RUN/ready.json")"

# ── 6. the plugin's API over HTTP ─────────────────────────────────────────
say "[6/7] guest sign-in, the entities' namespaces, permission decisions"
token=$(curl -sf -H 'X-Requested-With: XMLHttpRequest' \
  "$BACKEND/api/auth/guest/refresh?env=development" |
  node -p 'JSON.parse(require("fs").readFileSync(0, "utf8")).backstageIdentity.token') ||
  fail "guest sign-in failed" "$LOGS/backend.log"
# GET entity-namespaces ENTITY FILE: waits for the catalog to have the entity.
entity_namespaces() {
  for _ in $(seq 1 90); do
    code=$(curl -s -o "$2" -w '%{http_code}' -H "Authorization: Bearer $token" \
      "$BACKEND/api/namespace-scheduler/entity-namespaces?entityRef=$1" || true)
    if [[ $code == 200 ]] && grep -q '"namespace"' "$2"; then return 0; fi
    sleep 1
  done
  fail "GET entity-namespaces?entityRef=$1 → $code: $(cat "$2")" "$LOGS/backend.log"
}
entity_namespaces component:default/adopter-service "$LOGS/adopter-service.json"
helper check-namespaces "$LOGS/adopter-service.json" adopter-dev awake ||
  fail "adopter-service: unexpected answer"
entity_namespaces component:default/adopter-batch "$LOGS/adopter-batch.json"
helper check-namespaces "$LOGS/adopter-batch.json" adopter-nightly asleep ||
  fail "adopter-batch: unexpected answer"
# The permission-policy module: anyone reads, owners operate, admins manage.
resource='"type":"resource","resourceType":"namespace-scheduler-namespace"'
curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -o "$LOGS/decisions.json" "$BACKEND/api/permission/authorize" -d "{\"items\":[
  {\"id\":\"read $CLUSTER/adopter-nightly\",\"resourceRef\":\"$CLUSTER/adopter-nightly\",
   \"permission\":{$resource,\"name\":\"namespace-scheduler.namespace.read\",\"attributes\":{\"action\":\"read\"}}},
  {\"id\":\"operate $CLUSTER/adopter-dev (owner)\",\"resourceRef\":\"$CLUSTER/adopter-dev\",
   \"permission\":{$resource,\"name\":\"namespace-scheduler.namespace.operate\",\"attributes\":{\"action\":\"update\"}}},
  {\"id\":\"operate $CLUSTER/adopter-nightly (not owner)\",\"resourceRef\":\"$CLUSTER/adopter-nightly\",
   \"permission\":{$resource,\"name\":\"namespace-scheduler.namespace.operate\",\"attributes\":{\"action\":\"update\"}}},
  {\"id\":\"cost-center.manage (no admin)\",
   \"permission\":{\"type\":\"basic\",\"name\":\"namespace-scheduler.cost-center.manage\",\"attributes\":{\"action\":\"update\"}}}
  ]}" || fail "POST /api/permission/authorize failed" "$LOGS/backend.log"
helper check-decisions "$LOGS/decisions.json" \
  "read $CLUSTER/adopter-nightly=ALLOW" \
  "operate $CLUSTER/adopter-dev (owner)=ALLOW" \
  "operate $CLUSTER/adopter-nightly (not owner)=DENY" \
  "cost-center.manage (no admin)=DENY" ||
  fail "the permission-policy module decided otherwise"

# The catalog module and the plugin: adopter-service's declared schedule is
# applied. The scaffolder module: its actions are the scaffolder's.
declared=''
for _ in $(seq 1 60); do
  curl -s -H "Authorization: Bearer $token" -o "$LOGS/declared.json" \
    "$BACKEND/api/namespace-scheduler/declared-schedules?entityRef=component:default/adopter-service"
  if node -e 'const { items } = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    process.exit(items.some(i => i.status === "applied") ? 0 : 1)' "$LOGS/declared.json" 2>/dev/null; then
    declared=1 && break
  fi
  sleep 1
done
[[ -n $declared ]] || fail "adopter-service's declared schedule was not applied: $(cat "$LOGS/declared.json")" "$LOGS/backend.log"
say "      declared in the catalog: $(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).items.map(i => `${i.text} → ${i.status}`).join(", ")' "$LOGS/declared.json")"
curl -sf -H "Authorization: Bearer $token" -o "$LOGS/actions.json" \
  "$BACKEND/api/scaffolder/v2/actions" || fail "GET /api/scaffolder/v2/actions failed" "$LOGS/backend.log"
for action in namespace-scheduler:schedule:create namespace-scheduler:sleep namespace-scheduler:wake; do
  grep -q "\"$action\"" "$LOGS/actions.json" || fail "the scaffolder has no action $action"
done
say "      scaffolder actions: namespace-scheduler:schedule:create, :sleep, :wake"

# ── 7. legacy frontend system ─────────────────────────────────────────────
say "[7/7] legacy EntityPage route rendered in Jest against the backend"
(cd "$APP" && CI=true NS_INSTALL_TEST_BACKEND_URL=$BACKEND NS_INSTALL_TEST_TOKEN=$token \
  NS_INSTALL_TEST_ENTITY=component/default/adopter-service \
  NS_INSTALL_TEST_NAMESPACE=adopter-dev NS_INSTALL_TEST_STATE_LABEL=Awake \
  run legacy-test yarn --cwd packages/app test src/legacy)
say "      $(grep -E '^Tests:' "$LOGS/legacy-test.log" | tail -1)"

PASSED=1
