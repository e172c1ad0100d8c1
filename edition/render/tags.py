"""Tagged PDF: notes are ``Note`` structure elements.

WeasyPrint 70 maps HTML elements to PDF structure types in
``weasyprint.pdf.tags._get_pdf_tag`` and has no type for notes.  The HTML
writer sets each footnote as the custom element ``<edition-note>``; this
module, imported by the finishing stage, maps that element to ``Note`` and
leaves every other mapping to WeasyPrint.  Checked by a test on the
structure tree of the built PDF.
"""
from __future__ import annotations

from weasyprint.pdf import tags as _tags

NOTE_ELEMENT = "edition-note"
_original = _tags._get_pdf_tag


def _get_pdf_tag(tag):
    if tag == NOTE_ELEMENT:
        return "Note"
    return _original(tag)


if getattr(_tags._get_pdf_tag, "__module__", "") != __name__:
    _tags._get_pdf_tag = _get_pdf_tag
