#!/usr/bin/env bash
# Runs every test level: formatting and lints, unit tests, the API tests on SQLite and on
# PostgreSQL, the OpenAPI freshness test, the contract test (schemathesis against the
# served spec), the receipts read back by poppler, and the browser tests in headless
# Chromium. With CI=true a missing PostgreSQL, Chromium or poppler is a failure, never a skip.
source "$(dirname "$0")/setup.sh"
cd "$ROOT"

ensure_build_libs
ensure_chromium
ensure_pdf_tools
ensure_schemathesis

# PostgreSQL: the given URL, else the local server on 127.0.0.1:5432.
if [ -z "${DOMKOM_TEST_POSTGRES_URL:-}" ]; then
  ensure_apt psql postgresql-client
  if psql -h 127.0.0.1 -U postgres -d postgres -Atqc 'SELECT 1' >/dev/null 2>&1; then
    export DOMKOM_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres
  elif [ "${CI:-}" = true ]; then
    echo "CI=true but no PostgreSQL answers on 127.0.0.1:5432 (set DOMKOM_TEST_POSTGRES_URL)" >&2
    exit 1
  else
    say "no PostgreSQL on 127.0.0.1:5432: its tests will say they are skipped"
  fi
fi
say "PostgreSQL tests: ${DOMKOM_TEST_POSTGRES_URL:-skipped}"

say "checking formatting and lints"
cargo fmt --all -- --check
cargo clippy --all-targets -- -D warnings

build_spa
ensure_wasm_target
cargo clippy -p domkom-web --target wasm32-unknown-unknown -- -D warnings

say "running the tests"
export DOMKOM_TEST_STATIC_DIR="$ROOT/frontend/dist"
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver || true)}"
cargo test --workspace --exclude domkom-web
# The SPA's own tests (number formatting) run natively.
cargo test -p domkom-web
