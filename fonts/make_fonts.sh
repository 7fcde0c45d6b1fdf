#!/usr/bin/env bash
# Builds the fonts shipped in this folder from Debian's fonts-noto-cjk (OFL 1.1).
# Needs: apt-get install fonts-noto-cjk; pip install fonttools.
# The subset keeps every glyph the UI and documents need: ASCII and Latin-1, general
# punctuation, CJK symbols and punctuation, CJK Unified Ideographs with Extensions A and B,
# compatibility ideographs and fullwidth forms. Layout tables are dropped (CJK needs none
# for horizontal text), which keeps the files small.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=/usr/share/fonts/opentype/noto
ranges="U+0020-007E,U+00A0-00FF,U+0100-017F,U+02C6-02DD,U+2000-206F,U+20AC,U+2100-218F,U+2190-21FF,U+2200-22FF,U+2460-24FF,U+2500-257F,U+25A0-25FF,U+2600-26FF,U+3000-303F,U+3040-30FF,U+3100-312F,U+3200-32FF,U+3300-33FF,U+3400-4DBF,U+4E00-9FFF,U+F900-FAFF,U+FE30-FE4F,U+FF00-FFEF,U+20000-2A6DF"
subset() { # source-file face-index output-name
  pyftsubset "$src/$1" --font-number="$2" --unicodes="$ranges" \
    --layout-features='' --no-hinting \
    --name-IDs='*' --name-languages='*' --output-file="$here/$3"
}
subset NotoSansCJK-Regular.ttc 2 NotoSansSC-Regular-subset.otf
cp /usr/share/doc/fonts-noto-cjk/copyright "$here/NOTO-COPYRIGHT.txt"
ls -l "$here"
