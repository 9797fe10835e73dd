#!/usr/bin/env bash
# Installs everything MedReview needs on a fresh Debian machine with Node 20, then builds it:
#   - Debian packages: Chromium (the browser the end-to-end tests drive), ripgrep, and the compilers and
#     headers code-server's native modules build against;
#   - the project's npm dependencies (npm ci);
#   - code-server, a real VS Code, pinned by scripts/code-server/package-lock.json, into .tools/code-server.
# Safe to run again: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

APT_PACKAGES=(chromium ripgrep build-essential pkg-config python3 libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev git ca-certificates)

install_apt_packages() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return
  local sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  log "installing Debian packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

check_node() {
  local major
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ "$major" -lt 20 ]; then
    log "Node.js 20 or newer is required (found: $(node -v 2>/dev/null || echo none))"
    exit 1
  fi
}

# code-server's @vscode/ripgrep downloads a binary from GitHub in its postinstall, which fails without
# internet access; it reuses an archive already in its cache folder, so put Debian's ripgrep there.
seed_ripgrep_cache() {
  local version tmp cache archive staging
  version=$(node -p 'require("./scripts/code-server/ripgrep.json").vscodeRipgrep')
  tmp=$(node -p 'require("os").tmpdir()')
  cache="$tmp/vscode-ripgrep-cache-$version"
  archive="$cache/ripgrep-$(node -p 'require("./scripts/code-server/ripgrep.json").release')-x86_64-unknown-linux-musl.tar.gz"
  [ -s "$archive" ] && return
  mkdir -p "$cache"
  staging=$(mktemp -d)
  cp "$(command -v rg)" "$staging/rg"
  tar czf "$archive" -C "$staging" rg
  rm -rf "$staging"
}

install_code_server() {
  local dir=.tools/code-server
  if [ -x "$dir/node_modules/.bin/code-server" ] && cmp -s scripts/code-server/package-lock.json "$dir/package-lock.json"; then
    return
  fi
  log "installing code-server (a real VS Code) into $dir"
  seed_ripgrep_cache
  rm -rf "$dir"
  mkdir -p "$dir"
  cp scripts/code-server/package.json scripts/code-server/package-lock.json "$dir/"
  (cd "$dir" && npm_config_unsafe_perm=true npm_config_yes=true npm ci --no-audit --no-fund)
}

install_apt_packages
check_node
log "installing npm dependencies"
npm ci --no-audit --no-fund
install_code_server
log "building"
npm run build
log "done"
