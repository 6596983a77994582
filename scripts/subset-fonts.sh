#!/usr/bin/env bash
# Regenerates the receipt's fonts (crates/receipt/fonts): DejaVu Sans Condensed,
# regular and bold, cut down to the characters a receipt prints — Latin, Russian,
# Russian punctuation, №, ₽ and the spaces and dashes of Russian typography — without
# hinting or layout tables (genpdf kerns by the legacy `kern` table, which DejaVu lacks),
# so a receipt embeds some 28 KB of font, not 1.4 MB. A character outside the set (a
# foreign letter in a name) prints as an empty box.
#
#   bash scripts/subset-fonts.sh
#
# Needs Debian's fonts-dejavu-core and fontTools (installed into .tools/fonttools).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

ensure_apt /usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf fonts-dejavu-core
venv="$TOOLS/fonttools"
[ -x "$venv/bin/pyftsubset" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install --quiet fonttools==4.68.0; }

# ASCII; no-break space, « », °, ², ³, ·, ×; Russian; spaces, dashes, quotes, …, №, ₽, minus.
CHARS="U+0020-007E,U+00A0,U+00AB,U+00B0,U+00B2,U+00B3,U+00B7,U+00BB,U+00D7,U+0401,U+0410-044F,U+0451,U+2009,U+2010-2014,U+2018-201E,U+2026,U+202F,U+20BD,U+2116,U+2212"
out="${FONTS_OUT:-$ROOT/crates/receipt/fonts}"
for style in "" "-Bold"; do
  "$venv/bin/pyftsubset" "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed$style.ttf" \
    --unicodes="$CHARS" --layout-features='' --no-hinting --desubroutinize \
    --drop-tables+=FFTM,MATH --name-IDs='*' --name-languages=0 \
    --output-file="$out/DejaVuSansCondensed$style.ttf"
done
ls -l "$out"
