#!/usr/bin/env bash
# Builds the fonts shipped in this folder.
#
# - Noto Sans CJK SC and Noto Serif CJK SC (SIL Open Font License 1.1) from Debian's
#   fonts-noto-cjk, subset. The subset keeps every glyph the UI and documents need: ASCII and
#   Latin-1, general punctuation, CJK symbols and punctuation, CJK Unified Ideographs with
#   Extensions A to H (Noto has A whole and about two thousand of B to H, among them rarer
#   characters of names such as 𬌗 𫖮 𬘡 of the 通用规范汉字表),
#   compatibility ideographs and fullwidth forms. Layout tables are dropped
#   (CJK needs none for horizontal text), which keeps the files small. A second, tiny cut of
#   Noto Serif holds only the characters of page numbers.
# - Fandol Fang, Kai, Hei and Song Bold (GPL with font exception) from Debian's
#   texlive-lang-chinese, with their outlines slimmed by slim_fonts.py (fewer segments within
#   3/1000 em, 200 units per em, no stem hints) so that an embedded subset is about half the
#   size; see that script for the method and the tolerance. Takes ~25 minutes on 2 cores.
#   tidy_outlines.py then drops what the rounding to 200 units left behind (segments of zero
#   length, straight curves, lines running on in one line) without changing the filled shapes,
#   another 4 % of the charstrings (a few minutes).
#
# Needs: apt-get install fonts-noto-cjk; pip install fonttools; apt-get (to download the
# texlive-lang-chinese package, which is unpacked into a temporary folder, not installed).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=/usr/share/fonts/opentype/noto
ranges="U+0020-007E,U+00A0-00FF,U+0100-017F,U+02C6-02DD,U+2000-206F,U+20AC,U+2100-218F,U+2190-21FF,U+2200-22FF,U+2460-24FF,U+2500-257F,U+25A0-25FF,U+2600-26FF,U+3000-303F,U+3040-30FF,U+3100-312F,U+3200-32FF,U+3300-33FF,U+3400-4DBF,U+4E00-9FFF,U+F900-FAFF,U+FE30-FE4F,U+FF00-FFEF,U+20000-2A6DF,U+2A700-2EBEF,U+30000-3134F"
subset() { # source-file face-index output-name
  pyftsubset "$src/$1" --font-number="$2" --unicodes="$ranges" \
    --layout-features='' --no-hinting \
    --name-IDs='*' --name-languages='*' --output-file="$here/$3"
}
# Face 2 of both collections is Simplified Chinese (SC).
subset NotoSansCJK-Regular.ttc 2 NotoSansSC-Regular-subset.otf
subset NotoSerifCJK-Regular.ttc 2 NotoSerifSC-Regular-subset.otf
# A small cut of a collection's SC face holding only `chars` (pyftsubset's --text or
# --unicodes argument), given the PostScript name `name` (and `suffix` after its full name)
# so that a PDF or a font list holding it and the full face names them apart; with
# `latin_metrics`, given the vertical metrics of egui's Latin face (Ubuntu Light, also 1000
# units per em: hhea 932/-189/28, typo 776/-185/56).
cut() { # collection chars-argument output name suffix [latin_metrics]
  pyftsubset "$src/$1" --font-number=2 "$2" \
    --layout-features='' --no-hinting --name-IDs='*' --name-languages='*' \
    --output-file="$here/$3"
  python3 - "$here/$3" "$4" "$5" "${6:-}" <<'PY'
import sys
from fontTools.ttLib import TTFont
path, name, suffix, latin_metrics = sys.argv[1:5]
font = TTFont(path)
for record in font["name"].names:
    if record.nameID == 6:
        record.string = name
    elif record.nameID == 3:
        record.string = record.toUnicode() + "-" + suffix
font["CFF "].cff.fontNames = [name]
if latin_metrics:
    hhea, os2 = font["hhea"], font["OS/2"]
    hhea.ascent, hhea.descent, hhea.lineGap = 932, -189, 28
    os2.sTypoAscender, os2.sTypoDescender, os2.sTypoLineGap = 776, -185, 56
    os2.usWinAscent, os2.usWinDescent = 932, 189
font.save(path)
PY
}
# Page numbers ("— 1 —") are set in a Song face; this small cut of Noto Serif holds only what
# they need, so that every PDF embeds a few glyphs' font instead of subsetting the large one.
cut NotoSerifCJK-Regular.ttc --text="0123456789— " NotoSerifSC-PageNumbers.otf \
  NotoSerifCJKsc-PageNumbers PageNumbers
# The window's Chinese quotation marks (“”‘’): egui's Latin face has narrow Western ones of its
# own, and the first face of a family gives every line its height, so this cut of Noto Sans
# holds only the four marks, with the Latin face's vertical metrics: put first, it changes the
# marks and nothing else.
cut NotoSansCJK-Regular.ttc --unicodes=U+2018,U+2019,U+201C,U+201D NotoSansSC-Quotes.otf \
  NotoSansCJKsc-Quotes Quotes latin_metrics
cp /usr/share/doc/fonts-noto-cjk/copyright "$here/NOTO-COPYRIGHT.txt"

# Fandol: download the TeX Live package and take the four faces the document roles use.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download texlive-lang-chinese >/dev/null)
dpkg -x "$work"/texlive-lang-chinese_*.deb "$work/x"
fandol="$work/x/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"
fandol_doc="$work/x/usr/share/doc/texlive-doc/fonts/fandol"
for face in FandolFang-Regular FandolKai-Regular FandolHei-Regular FandolSong-Bold; do
  python3 "$here/slim_fonts.py" "$fandol/$face.otf" "$work/$face.otf"
  python3 "$here/tidy_outlines.py" "$work/$face.otf" "$here/$face.otf"
done
{
  echo "Fandol fonts (FandolFang-Regular.otf, FandolKai-Regular.otf, FandolHei-Regular.otf,"
  echo "FandolSong-Bold.otf), from Debian's texlive-lang-chinese package"
  echo "(texmf-dist/fonts/opentype/public/fandol). Copyright (c) 2012-2013, the Fandol team"
  echo "(Clerk Ma, Jie Su). Licence: GNU General Public License version 3 with the GPL font"
  echo "exception, as the package README below states."
  echo
  echo "Modified by the zerenshu project: every outline was redrawn with fewer segments (within"
  echo "3/1000 em of the original), the fonts were rescaled to 200 units per em and their stem"
  echo "hints dropped, by fonts/slim_fonts.py; fonts/tidy_outlines.py then dropped segments that"
  echo "draw nothing or repeat a straight line. As the exception allows, the zerenshu project"
  echo "extends the GPL font exception below to these modified versions."
  echo
  echo "== README (texmf-dist/doc/fonts/fandol/README) =="
  cat "$fandol_doc/README"
  echo
  echo "== GPL font exception =="
  echo "The README names the exception without quoting it; this is the standard text from the"
  echo "Free Software Foundation's GPL FAQ (https://www.gnu.org/licenses/gpl-faq.html#FontException):"
  echo
  echo "As a special exception, if you create a document which uses this font, and embed this"
  echo "font or unaltered portions of this font into the document, this font does not by itself"
  echo "cause the resulting document to be covered by the GNU General Public License. This"
  echo "exception does not however invalidate any other reasons why the document might be"
  echo "covered by the GNU General Public License. If you modify this font, you may extend this"
  echo "exception to your version of the font, but you are not obligated to do so. If you do not"
  echo "wish to do so, delete this exception statement from your version."
  echo
  echo "== COPYING (texmf-dist/doc/fonts/fandol/COPYING) =="
  zcat "$fandol_doc/COPYING.gz"
} >"$here/FANDOL-LICENSE.txt"
ls -l "$here"
