#!/usr/bin/env bash
# Schemathesis (pinned in .tools by scripts/setup.sh) against a fresh stack, as admin and as a
# caseworker: no generated request may get a server error. Needs `npm run build` and the
# console's build (`npm run build --prefix apps/web`); scripts/test.sh runs it after both.
set -euo pipefail
cd "$(dirname "$0")/.."
exec apps/web/node_modules/.bin/vite-node scripts/schemathesis.mts
