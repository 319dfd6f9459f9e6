#!/usr/bin/env bash
# Regenerates the Python and Go SDKs' generated files from openapi/caravan.yaml under <out> (default: the
# repository). With --check as second argument, fails when the committed files differ from what it wrote.
# Called by scripts/generate.sh (`npm run generate`, `npm run check:generated`).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-.}
mode=${2:-}
node scripts/generate-sdk-python.js openapi/caravan.yaml "$out/sdk-clients/python/src/caravan"
node scripts/generate-sdk-go.js openapi/caravan.yaml "$out/sdk-clients/go"
gofmt -w "$out/sdk-clients/go/types.gen.go" "$out/sdk-clients/go/resources.gen.go"
if [[ "$mode" == "--check" ]]; then
  status=0
  for f in sdk-clients/python/src/caravan/types.py sdk-clients/python/src/caravan/_resources.py \
    sdk-clients/go/types.gen.go sdk-clients/go/resources.gen.go; do
    if ! diff -q "$f" "$out/$f" >/dev/null 2>&1; then
      echo "generated file is stale: $f (run npm run generate)"
      status=1
    fi
  done
  exit $status
fi
