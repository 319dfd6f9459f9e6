#!/usr/bin/env bash
# Regenerates every file generated from openapi/caravan.yaml. With --check, regenerates into a temporary
# folder and fails when the committed files differ (the drift check of `npm run check`).
# Generated: the API's types (api/src/generated/) and the SDK's types and resource classes
# (sdk-clients/typescript/src/generated/: openapi-typescript, then scripts/generate-sdk.js).
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
gen_types() { # target [openapi-typescript flags…]
  local target=$1
  shift
  mkdir -p "$(dirname "$out/$target")"
  { echo "$header"; npx openapi-typescript openapi/caravan.yaml --silent "$@" 2>/dev/null | sed '1,4d'; } >"$out/$target.tmp"
  npx prettier --parser typescript <"$out/$target.tmp" >"$out/$target"
  rm "$out/$target.tmp"
}
gen_sdk() { # target: the SDK's resource classes, one method per operationId
  mkdir -p "$(dirname "$out/$1")"
  node scripts/generate-sdk.js openapi/caravan.yaml | npx prettier --parser typescript >"$out/$1"
}
gen_types api/src/generated/openapi.ts
# A field with a default stays optional in what SDK users send (the server fills it in).
gen_types sdk-clients/typescript/src/generated/openapi.ts --default-non-nullable=false
gen_sdk sdk-clients/typescript/src/generated/resources.ts
bash scripts/generate-sdks.sh "$out" "${1:-}" # the Python and Go SDKs (scripts/generate-sdk-{python,go}.js)
if [[ "${1:-}" == "--check" ]]; then
  status=0
  for f in api/src/generated/openapi.ts sdk-clients/typescript/src/generated/openapi.ts \
    sdk-clients/typescript/src/generated/resources.ts; do
    if ! diff -q "$f" "$out/$f" >/dev/null 2>&1; then
      echo "generated file is stale: $f (run npm run generate)"
      status=1
    fi
  done
  exit $status
fi
