#!/usr/bin/env bash
# Regenerates every file generated from openapi/caravan.yaml. With --check, regenerates into a temporary
# folder and fails when the committed files differ (the drift check of `npm run check`).
set -euo pipefail
cd "$(dirname "$0")/.."
out=.
if [[ "${1:-}" == "--check" ]]; then
  out=$(mktemp -d)
  trap 'rm -rf "$out"' EXIT
fi
header='/**
 * @generated from openapi/caravan.yaml by openapi-typescript — do not edit; run `npm run generate`.
 */'
gen_types() { # target
  mkdir -p "$(dirname "$out/$1")"
  { echo "$header"; npx openapi-typescript openapi/caravan.yaml --silent 2>/dev/null | sed '1,4d'; } >"$out/$1.tmp"
  npx prettier --parser typescript <"$out/$1.tmp" >"$out/$1"
  rm "$out/$1.tmp"
}
gen_types api/src/generated/openapi.ts
if [[ "${1:-}" == "--check" ]]; then
  status=0
  for f in api/src/generated/openapi.ts; do
    if ! diff -q "$f" "$out/$f" >/dev/null 2>&1; then
      echo "generated file is stale: $f (run npm run generate)"
      status=1
    fi
  done
  exit $status
fi
