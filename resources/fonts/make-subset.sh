#!/bin/sh
# Remakes the two print fonts of ChangeDesk from Debian's fonts-noto-cjk (OFL-1.1):
# the Simplified Chinese face (index 2) of Noto Serif CJK, regular and bold, cut with
# fontTools to what the paper forms print. Run from anywhere: sh resources/fonts/make-subset.sh
#
# Kept (why): ASCII and Latin-1 (numbers, §, ×, ·); pinyin letters, Greek, Cyrillic, kana,
# bopomofo, symbols, box drawing, enclosed numbers (①), CJK punctuation, full-width forms:
# every non-private character of GB 18030's double-byte area; CJK radicals, Extension A
# (U+3400–4DBF) and all of U+4E00–9FFF (GB 18030's mandatory hanzi; the 2022 source font
# ends at U+9FEA), compatibility ideographs (F900–FAFF) that GBK maps.
# Dropped: hinting (the PDF is printed, not shown at 9 px), vertical metrics/forms, and every
# OpenType feature but kerning and proportional punctuation (the forms lay out horizontally).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=/usr/share/fonts/opentype/noto
py=/usr/bin/python3
unicodes="U+0020-007E,U+00A0-024F,U+0250-02AF,U+02B0-02FF,U+1E00-1EFF,U+0300-036F,U+0370-03FF,U+0400-04FF,\
U+2000-206F,U+20A0-20CF,U+2100-218F,U+2190-21FF,U+2200-22FF,U+2300-23FF,U+2460-24FF,\
U+2500-257F,U+2580-259F,U+25A0-25FF,U+2600-26FF,U+2E80-2EFF,U+2F00-2FDF,U+2FF0-2FFF,\
U+3000-303F,U+3040-30FF,U+3100-312F,U+3190-319F,U+31C0-31EF,U+3200-32FF,U+3300-33FF,\
U+3400-4DBF,U+4E00-9FFF,U+F900-FAFF,U+FE10-FE1F,U+FE30-FE4F,U+FE50-FE6F,U+FF00-FFEF"
for weight in Regular Bold; do
  "$py" -m fontTools.subset "$src/NotoSerifCJK-$weight.ttc" --font-number=2 \
    --unicodes="$unicodes" \
    --layout-features='kern,palt,halt' \
    --no-hinting --desubroutinize \
    --name-IDs='*' --name-languages='*' --notdef-outline \
    --output-file="$here/NotoSerifCJKsc-$weight.subset.otf"
done
# The licence travels with the font (OFL-1.1 condition 2): the copyright notice from the
# font itself, the Reserved Font Name of upstream noto-cjk, then the licence text from Debian.
{
  "$py" -c "from fontTools.ttLib import TTFont; print(TTFont('$here/NotoSerifCJKsc-Regular.subset.otf')['name'].getDebugName(0))"
  echo "Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'."
  echo "Subset for ChangeDesk with fontTools by resources/fonts/make-subset.sh from Debian's fonts-noto-cjk."
  echo
  sed -n '/^ -*$/,/OTHER DEALINGS IN THE FONT SOFTWARE/p' /usr/share/doc/fonts-noto-cjk/copyright \
    | sed 's/^ //; s/^\.$//'
} > "$here/OFL.txt"
ls -l "$here"
