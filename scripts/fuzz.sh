#!/usr/bin/env bash
# The fuzz tier (npm run test:fuzz):
#   1. the fast-check property tests of the parsers (`*.property.test.ts` beside the code);
#   2. schemathesis over every operation of openapi/caravan.yaml against a real, compiled
#      `caravan dev` on a free loopback port: every check, a bounded number of examples per operation.
#      It fails on any 5xx, any response that breaks the contract, and any answer slower than 5 s.
# schemathesis comes from PyPI, pinned, into a virtualenv under .cache/ made on first use (no stdin is
# read, so it runs as it is under CI and as root). Needs Python >= 3.10 and curl.
# Settings: FUZZ_MAX_EXAMPLES (per operation, default 20), FUZZ_SEED, FUZZ_REPORT_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
SCHEMATHESIS_VERSION=4.32.5

echo "== fast-check properties"
CARAVAN_TEST_TIER=fuzz npx ava

venv=$root/.cache/fuzz-venv
if [[ "$(cat "$venv/.installed" 2>/dev/null)" != "$SCHEMATHESIS_VERSION" ]]; then
  [[ -x $venv/bin/python ]] || python3 -m venv "$venv"
  PIP_DISABLE_PIP_VERSION_CHECK=1 "$venv/bin/pip" install --quiet --no-input "schemathesis==$SCHEMATHESIS_VERSION" </dev/null
  echo "$SCHEMATHESIS_VERSION" >"$venv/.installed"
fi

# The compiled CLI, as production runs it; tsc -b rebuilds only what changed.
npm run build --silent
work=$(mktemp -d "${TMPDIR:-/tmp}/caravan-fuzz.XXXXXX")
report=${FUZZ_REPORT_DIR:-$work/report}
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
admin_key="cadm_fuzz_$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
base=http://127.0.0.1:$port

# Endpoint URLs are resolved before they are accepted (the SSRF guard gives DNS 5 s). The examples' hosts
# (*.example) resolve nowhere; a short resolver timeout keeps a slow or unreachable nameserver on the
# machine from being measured as Caravan's answer time.
RES_OPTIONS="timeout:1 attempts:2" CARAVAN_PORT=$port CARAVAN_ADMIN_KEY=$admin_key CARAVAN_LOG_LEVEL=warn \
  node --max-semi-space-size=16 --heap-growing-percent=50 api/dist/cli/caravan.js dev --data-dir "$work/data" </dev/null >"$work/caravan.log" 2>&1 &
caravan_pid=$!
stop() {
  kill "$caravan_pid" 2>/dev/null && wait "$caravan_pid" 2>/dev/null || true
  [[ -n ${FUZZ_REPORT_DIR:-} ]] || rm -rf "$work"
}
trap stop EXIT
for _ in $(seq 1 300); do
  curl -fsS "$base/healthz" >/dev/null 2>&1 && break
  kill -0 "$caravan_pid" 2>/dev/null || { cat "$work/caravan.log" >&2; exit 1; }
  sleep 0.2
done
curl -fsS "$base/healthz" >/dev/null || { echo "fuzz: caravan dev did not answer" >&2; cat "$work/caravan.log" >&2; exit 1; }

json_field() { python3 -c "import json, sys; print(json.load(sys.stdin)['$1'])"; }
admin() { curl -fsS -H "Authorization: Bearer $admin_key" -H 'content-type: application/json' "$@"; }
tenant_id=$(admin -X POST "$base/v1/tenants" -d '{"name":"Fuzz"}' | json_field id)
tenant_key=$(admin -X POST "$base/v1/tenants/$tenant_id/api-keys" -d '{}' | json_field key)

# Admin operations (tenants and their keys, egress pools) take the admin key; every other one a tenant key.
admin_paths='^/v1/(tenants|egress-pools)'
# Every check but positive_data_acceptance: the contract cannot state the rules ingest and the
# management API also apply (a cursor must come from a previous page, an expiry must be in the future,
# a URL must resolve to an address, a filter path must start with payload. or headers., a payload must
# match its event type's schema), so a schema-valid request answered 400 there is no defect. Negative
# data must still be refused (negative_data_rejection), and nothing may answer 5xx or off-contract.
# ensure_resource_availability is left out too: a POST repeated with an Idempotency-Key it used before
# answers the first response by contract, even after the resource was deleted since, which that check
# reads as "created, then not found".
common=("$root/openapi/caravan.yaml" --url "$base" --checks all
  --exclude-checks positive_data_acceptance,ensure_resource_availability
  --max-response-time 5 --workers 1
  --max-examples "${FUZZ_MAX_EXAMPLES:-20}" --request-timeout 30 --suppress-health-check all
  --report junit --report-dir "$report" --output-truncate true)
[[ -n ${FUZZ_SEED:-} ]] && common+=(--seed "$FUZZ_SEED")

status=0
echo "== schemathesis $SCHEMATHESIS_VERSION: tenant operations"
# From the scratch folder: schemathesis keeps its example database in the working directory.
cd "$work"
"$venv/bin/schemathesis" run "${common[@]}" --exclude-path-regex "$admin_paths" \
  -H "Authorization: Bearer $tenant_key" --report-junit-path "$report/tenant.xml" </dev/null || status=1
echo "== schemathesis $SCHEMATHESIS_VERSION: admin operations"
"$venv/bin/schemathesis" run "${common[@]}" --include-path-regex "$admin_paths" \
  -H "Authorization: Bearer $admin_key" --report-junit-path "$report/admin.xml" </dev/null || status=1

cd "$root"
if ! kill -0 "$caravan_pid" 2>/dev/null; then
  echo "fuzz: caravan dev died during the run" >&2
  tail -n 50 "$work/caravan.log" >&2
  status=1
fi
exit $status
