#!/usr/bin/env bash
# `npm test`: system programs the suite needs, a fresh build, the type-check, then every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-system-deps.sh
PYRA_REQUIRE_SNAPSHOT=1 npm run build --silent
npx tsc --noEmit -p .
if [ $# -eq 0 ]; then
  set -- 'test/unit/**/*.test.ts' 'test/widgets/**/*.test.ts' 'test/integration/**/*.test.ts' 'test/e2e/**/*.test.ts'
fi
exec bash scripts/with-keyring.sh npx mocha "$@"
