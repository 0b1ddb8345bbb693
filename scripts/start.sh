#!/usr/bin/env bash
# Starts the demo portal on embedded defaults: SQLite in memory, the
# in-process Kubernetes sandbox, the example catalog and guest sign-in.
# Bootstraps Node 22 and Yarn when the machine lacks them.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

yarn install --immutable
cat <<'MSG'

  Namespace Scheduler demo portal
  ───────────────────────────────
  Open http://localhost:3000 and choose "Guest" (a member of team-commerce).
  Try the "Namespace schedule" tab of the shop-api component. The
  "Namespace Scheduler" admin page in the sidebar is for admins: to see it
  as the guest, put this in app-config.local.yaml and restart:
    namespaceScheduler:
      adminGroups: [group:default/platform-team, group:default/team-commerce]
  Backend: http://localhost:7007

MSG
exec yarn start
