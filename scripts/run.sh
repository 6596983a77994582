#!/usr/bin/env bash
# Takes a fresh machine (Rust, Node, apt) to a running Domkom on http://127.0.0.1:8080 with the
# embedded SQLite database: installs what is missing, builds the SPA and the server,
# migrates, and serves. Settings come from the environment (see README).
source "$(dirname "$0")/setup.sh"
cd "$ROOT"

started=$SECONDS
ensure_build_libs
build_spa
say "building the server (release)"
cargo build --release -p domkom-server
# The first build on a fresh machine is the long one (the SPA about 6 minutes on 2 cores,
# then the server); later starts rebuild only what changed.
say "built in $((SECONDS - started)) s"
say "starting: open http://${DOMKOM_ADDR:-127.0.0.1:8080}/ (API docs at /swagger-ui/)"
exec ./target/release/domkom serve
