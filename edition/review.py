"""Review comments: a source document's text in, a warning for each "# REVIEW:" comment left by an import out.

``edition import`` writes a ``# REVIEW: ...`` comment next to each field,
paragraph or note an editor must look at; ``edition check`` reports those
still there, at their line, so that none is forgotten.  A comment is read
only at the start of a line (after spaces): "# REVIEW:" inside a text is text.
"""
from __future__ import annotations

import re

from .diagnostics import Diagnostics, SourcePos

_REVIEW = re.compile(r"^[ \t]*#[ \t]*REVIEW:[ \t]*(?P<message>.*)$")


def report_review_comments(text: str, shown: str, diags: Diagnostics) -> None:
    """A warning at each "# REVIEW:" comment of ``text`` (the file ``shown``); continuation lines are joined."""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        m = _REVIEW.match(lines[i])
        if m is None:
            i += 1
            continue
        message = [m["message"].strip()]
        indent = len(lines[i]) - len(lines[i].lstrip())
        j = i + 1
        going_on = re.compile(rf"^[ \t]{{{indent}}}#[ \t]{{2,}}\S")
        while j < len(lines) and going_on.match(lines[j]) and not _REVIEW.match(lines[j]):
            message.append(lines[j].strip().lstrip("#").strip())
            j += 1
        diags.warning(SourcePos(shown, i + 1, indent + 1), "left for review by the import: " + " ".join(message),
                      code="review")
        i = j
