# Installs what building and testing Domkom needs, each tool only when it is missing or of
# another version. Sourced by run.sh and test.sh; every function is safe to call twice.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
BINARYEN_VERSION=132.0.0
export PATH="$HOME/.cargo/bin:$TOOLS/binaryen/node_modules/.bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

APT_UPDATED=
# ensure_apt COMMAND_OR_FILE PACKAGE...: installs the packages when the command is missing.
ensure_apt() {
  local probe=$1; shift
  if command -v "$probe" >/dev/null 2>&1 || [ -e "$probe" ]; then return; fi
  say "installing $* (apt)"
  if [ -z "$APT_UPDATED" ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

ensure_build_libs() {
  ensure_apt pkg-config pkg-config
  ensure_apt /usr/include/postgresql/libpq-fe.h libpq-dev
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

# Debian's binaryen is too old (it yields a module that shows a blank page); npm has 132.
ensure_wasm_opt() {
  if ! wasm-opt --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION%%.*}"; then
    say "installing wasm-opt (binaryen $BINARYEN_VERSION from npm)"
    mkdir -p "$TOOLS/binaryen"
    npm install --silent --no-audit --no-fund --prefix "$TOOLS/binaryen" "binaryen@$BINARYEN_VERSION" >/dev/null
  fi
}

# poppler's pdftotext and pdftoppm: the receipt tests read the PDF back as text and as a
# scan.
ensure_pdf_tools() {
  ensure_apt pdftotext poppler-utils
}

ensure_chromium() {
  ensure_apt chromium chromium chromium-driver
  ensure_apt chromedriver chromium-driver
}

# The contract test's schemathesis, in its own virtual environment, every package pinned.
ensure_schemathesis() {
  local venv="$TOOLS/schemathesis" want
  want=$(sed -n 's/^schemathesis==//p' "$ROOT/scripts/schemathesis-requirements.txt")
  if [ "$("$venv/bin/schemathesis" --version 2>/dev/null)" != "schemathesis, version $want" ]; then
    say "installing schemathesis $want (PyPI, into .tools/schemathesis)"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check \
      -r "$ROOT/scripts/schemathesis-requirements.txt"
  fi
  export DOMKOM_SCHEMATHESIS="$venv/bin/schemathesis"
}

# The SPA: crates/spa-build compiles it for the browser, splits it by section, binds it
# (wasm-bindgen as a library, the lockfile's version), optimises it with wasm-opt, names its
# directory by content, compresses every file once and prints the size report, failing when
# a size passes its limit. The first build compiles the build program and the app (about 6
# minutes on 2 cores); later ones only what changed.
build_spa() {
  ensure_wasm_target
  ensure_wasm_opt
  say "building the SPA (frontend/dist)"
  local started=$SECONDS
  cargo run --quiet -p domkom-spa-build --bin spa-build
  say "the SPA built in $((SECONDS - started)) s"
}
