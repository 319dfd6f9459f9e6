#!/usr/bin/env bash
# The whole test suite: starts the real services (MariaDB, Redis, Kafka, the Pub/Sub emulator,
# ElasticMQ) if they are not running, builds every package, runs every ava test against them, and,
# after a full run, checks that every operation of the API contract was exercised by some test, then
# runs the fuzz tier, the noisy-tenant guard and the chaos tier.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/services.sh up
# End-to-end tests run the compiled CLI, as production does; tsc -b rebuilds only what changed.
npm run build
rm -rf .cache/coverage
# When a test fails, the broker's own account of those minutes helps tell a fault from a slow machine.
npx ava "$@" || {
  status=$?
  echo "--- Kafka's warnings and errors, last 60 (.cache/services/kafka/logs/server.log) ---"
  grep -E ' (WARN|ERROR) ' .cache/services/kafka/logs/server.log 2>/dev/null | tail -60 || true
  exit "$status"
}
if [[ $# -eq 0 ]]; then bash scripts/test-sdks.sh; fi # the Python and Go SDKs
if [[ $# -eq 0 ]]; then
  node scripts/check-operation-coverage.js
  # fast-check properties of the parsers, then schemathesis over the whole contract (scripts/fuzz.sh).
  bash scripts/fuzz.sh
  # The noisy-tenant guard compares latencies, so it runs alone, right after the fuzz tier.
  CARAVAN_TEST_TIER=guard npx ava --concurrency=1
  # Chaos suites kill workers and restart Kafka, so they run alone, one at a time.
  CARAVAN_CHAOS=1 npx ava --concurrency=1
fi
