#!/usr/bin/env bash
# The whole test suite: set up, then lint, format check, type check, unit and integration tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "› lint";        npx eslint . --max-warnings 0
echo "› format";      npx prettier --check . --log-level warn
echo "› typecheck";   npx tsc --noEmit -p tsconfig.json
echo "› build";       npm run --silent build
echo "› unit tests";  npx jest --ci --selectProjects unit
# The console before the integration tests: test/web-delivery.e2e-spec.ts checks how the API serves its build.
echo "› web console: type check, unit tests, build"
npm run --silent typecheck --prefix apps/web
npm run --silent test --prefix apps/web
npm run --silent build --prefix apps/web
echo "› integration tests (PostgreSQL, Redis, Temporal dev server and time-skipping test server)"
npx jest --ci --selectProjects integration --runInBand
echo "› fault suite, short (own PostgreSQL, Redis and Temporal, killed and restarted; docs/reliability.md)"
npm run --silent faults:short
echo "› deployment files: Dockerfile, compose file, Kubernetes manifests"
bash scripts/lint-deploy.sh
echo "› Schemathesis against the OpenAPI document, as admin and as a caseworker (no server errors)"
bash scripts/schemathesis.sh
echo "› web console end to end (Chromium against the real stack)"
bash scripts/ensure-chromium.sh
npm run --silent e2e --prefix apps/web
