"""TEI P5: the edition out as a ``teiCorpus`` and TEI documents (ours, and FRUS) back in as YAML source.

The modules::

    ids       the TEI namespace, xml:id from the edition's ids, a safe XML parser
    header    Edition / Document metadata -> the corpus header, each document's header, the persons
    export    Edition -> teiCorpus (bytes); inline nodes -> TEI elements, one writer function each
    schema    the vendored tei_all RelaxNG (TEI P5 4.3.0) -> validation problems with line and column
    read      a TEI file (safe parser, element positions) -> inline markup, one reader per element
    blocks    a document's body -> sections of paragraphs, speakers' turns, marginal annotations
    persons   listPerson and FRUS lists of persons -> persons.yaml entries and their ids
    corpus    a teiCorpus we exported -> edition.yaml and documents, exactly
    frus      the Office of the Historian's encoding (div type="document") -> documents; other TEI
    source    what was read -> edition.yaml, persons.yaml and one YAML document each
    importer  the command: files in, source written, problems as file.xml:line:col

``export_tei`` and ``import_tei_files`` are the entry points used by the command line.
"""
