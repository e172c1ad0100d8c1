#!/bin/sh
# Debian packages the build relies on: Pango (WeasyPrint's text layout),
# libharfbuzz-subset0 (fast, reproducible font subsetting), poppler-utils and
# qpdf (PDF checks), and the fonts of the default design's fallback chain for
# scripts EB Garamond lacks (fonts-noto-core: Noto Serif, Noto Naskh Arabic;
# fonts-noto-cjk: Noto Serif CJK SC; SIL Open Font License).  Installed when
# missing and we are root; otherwise we say what is missing and go on.
missing=""
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_lib libpango-1.0.so.0 || missing="$missing libpango-1.0-0 libpangoft2-1.0-0"
have_lib libharfbuzz-subset.so.0 || missing="$missing libharfbuzz-subset0"
command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
command -v qpdf >/dev/null 2>&1 || missing="$missing qpdf"
have_family() { fc-list : family 2>/dev/null | grep -q "^$1\(,\|$\)"; }
have_family "Noto Serif" || missing="$missing fonts-noto-core"
have_family "Noto Serif CJK SC" || missing="$missing fonts-noto-cjk"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian packages:$missing"
  (apt-get install -y -qq $missing >/dev/null 2>&1 ||
   (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq $missing >/dev/null 2>&1)) ||
    echo "warning: could not install$missing" >&2
else
  echo "warning: missing Debian packages:$missing (install them for reproducible, fast builds)" >&2
fi
exit 0
