"""The tiny edition the tests start from; tests that assert positions count the lines of DOCUMENT_YAML.

Imported as ``from sources import ...`` (pytest puts tests/ on the path, see pyproject.toml).
"""

EDITION_YAML = """\
title: A Volume
editors: [An Editor]
publisher: A Press
place: Somewhere
year: 2026
language: en
"""

# The smallest valid document, the default of the make_edition fixture (line 7 is "      - Text.").
DOCUMENT_YAML = """\
title: A Session
date: 1956-10-26
citation:
  as_given: TsKhSD, F. 3, Op. 12, D. 1005, Ll. 53-53ob
body:
  - paragraphs:
      - Text.
"""

X = "documents/x.yaml"
