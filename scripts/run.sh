#!/usr/bin/env bash
# The main job: set up, build, then API + worker (+ an embedded Temporal dev server unless TEMPORAL_ADDRESS is set).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "› build"
npm run --silent build
npm run --silent build --prefix apps/web
exec node dist/apps/launcher/src/main.js
