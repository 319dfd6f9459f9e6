#!/usr/bin/env bash
# The whole test suite: starts the real services (MariaDB, Redis, Kafka, the Pub/Sub emulator,
# ElasticMQ) if they are not running, then runs every ava test against them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/services.sh up
npx ava "$@"
