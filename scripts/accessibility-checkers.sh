#!/bin/sh
# Third-party checkers of PDF/UA-1's machine-checkable subset, as found on PyPI
# (veraPDF, the reference validator, is not on the registries this project
# reaches): pdfua (pikepdf, 16 of the 106 PDF/UA-1 rules), outloud (PDF/UA-1,
# the Matterhorn Protocol and WCAG 2.2, with semantic checks) and avalpdf
# (accessibility heuristics).  They are installed, pinned, into a venv of
# their own (.venv-checkers), not into the project's, and run on the PDFs
# given (default: output/edition.pdf).  Their findings are reported, not
# judged: the project's own checks are tests/standards (see README).
#
#   sh scripts/accessibility-checkers.sh [PDF...]
set -e
cd "$(dirname "$0")/.."
venv=${CHECKERS_VENV:-.venv-checkers}
if [ ! -x "$venv/bin/outloud" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q pdfua==0.1.3 outloud==0.2.1 avalpdf==0.1.10
fi
[ $# -gt 0 ] || set -- output/edition.pdf
status=0
for pdf in "$@"; do
  printf '\n== pdfua check %s\n' "$pdf"
  "$venv/bin/pdfua" check "$pdf" || status=1
  printf '\n== outloud %s\n' "$pdf"
  "$venv/bin/outloud" --fail-on error "$pdf" || status=1
  printf '\n== avalpdf %s (numeric link texts summarised)\n' "$pdf"
  "$venv/bin/avalpdf" --show-validation "$pdf" 2>&1 | grep -v "contains only numbers" | sed -n '/Validation\|Warnings\|Issues\|Summary\|Successes\|Score/,$p' || true
done
exit $status
