#!/usr/bin/env bash
# Runs the Python and Go SDKs' tests (sdk-clients/python with pytest, sdk-clients/go with go test); the
# TypeScript SDK's tests are part of the ava run. Needs Python ≥ 3.11 and Go ≥ 1.23, and the network only
# for PyPI and the Go module proxy: the virtualenv (.cache/sdk-python-venv) and the Go module and build
# caches (.cache/go) are made on first use and reused. The live tests start `caravan dev` themselves.
# Called by scripts/test.sh after a full ava run. Extra arguments: PYTEST_ARGS, GO_TEST_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
for tool in python3 go node; do
  command -v "$tool" >/dev/null || { echo "test-sdks: $tool is required" >&2; exit 1; }
done

# Python: a virtualenv with the package (editable) and its test extra, reinstalled when pyproject changes.
venv=$root/.cache/sdk-python-venv
stamp=$venv/.installed
want=$(sha256sum sdk-clients/python/pyproject.toml | cut -d' ' -f1)
[[ -x $venv/bin/python ]] || python3 -m venv "$venv"
if [[ "$(cat "$stamp" 2>/dev/null)" != "$want" ]]; then
  PIP_DISABLE_PIP_VERSION_CHECK=1 "$venv/bin/pip" install --quiet --no-input -e "sdk-clients/python[test]"
  echo "$want" >"$stamp"
fi
echo "== Python SDK (sdk-clients/python)"
(cd sdk-clients/python && "$venv/bin/python" -m pytest -q -p no:cacheprovider ${PYTEST_ARGS:-} </dev/null)

# Go: module and build caches inside the repository; the toolchain installed, never a downloaded one.
export GOMODCACHE=$root/.cache/go/mod GOCACHE=$root/.cache/go/build GOFLAGS="-modcacherw -buildvcs=false" \
  GOTOOLCHAIN=local
echo "== Go SDK (sdk-clients/go)"
(cd sdk-clients/go && go vet ./... && go test -count=1 ${GO_TEST_ARGS:-} ./... </dev/null)
