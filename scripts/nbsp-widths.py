"""Give the no-break space of the vendored EB Garamond faces the width of their space.

EB Garamond draws U+00A0 narrower than U+0020 in its 8 pt faces and in the 12 pt
italic (123 units against 207 in the 8 pt regular), so that a name tied with
no-break spaces ("V. N. Malin") would print as "V.N.Malin".  The glyph is empty;
only its advance width is set to the space's.  Run once on the fonts as copied
from Debian's fonts-ebgaramond (see styles/fonts/OFL.txt); running it again
changes nothing.

    .venv/bin/python scripts/nbsp-widths.py styles/fonts/*.otf
"""
from __future__ import annotations

import sys

from fontTools.ttLib import TTFont


def fix(path: str) -> bool:
    font = TTFont(path)
    cmap = font.getBestCmap()
    metrics = font["hmtx"].metrics
    space, nbsp = cmap.get(0x20), cmap.get(0xA0)
    if space is None or nbsp is None or metrics[nbsp][0] == metrics[space][0]:
        return False
    metrics[nbsp] = (metrics[space][0], metrics[nbsp][1])
    font.save(path)
    return True


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(f"{name}: {'widened' if fix(name) else 'unchanged'}")
