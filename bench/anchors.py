"""The speed anchors of issue 17: the seed edition's text written for Typst and for LaTeX, to be timed beside
``edition build`` in one run (``bench/whole.py``).

    python bench/anchors.py SOURCE FOLDER     writes FOLDER/seed.typ, seed-reledmac.tex, seed-latex.tex

Each carries what the edition's build makes of the same source, so that the times compare like with like:
the title, each document's heading, dateline, source note and headnote; its sections and paragraphs
(speakers' names in small capitals); every note at the foot of the page that calls it (Typst and LaTeX
both split a long note across pages); the editorial signs as the edition prints them ([sic: ...],
[supplied], [illegible]); and an index of names with the page of every mention, built by the tool itself
(Typst: ``query`` over labelled mentions; LaTeX: ``\\index`` and makeindex).  Not carried: the persons
list, the contents, the PDF/A and PDF/X finishing, the preflight (LaTeX and Typst have no such step).

``reledmac``: the text numbered in ``\\beginnumbering ... \\pstart ... \\pend``, the notes as reledmac's
familiar footnotes (``\\footnoteA``); run as issue 17 ran it, five pdflatex passes and makeindex.
``latex``: the article class, ``\\footnote``, makeindex, three passes.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from edition.diagnostics import Diagnostics  # noqa: E402
from edition.model import (App, CrossRef, Edition, Emphasis, Gap, Milestone, NoteCall, PersonMention,  # noqa: E402
                           Sic, Supplied, Text, plain_text)
from edition.pipeline import prepare  # noqa: E402

TYPST_SPECIAL = re.compile(r"([\\#$*_`<>@\[\]~/=+-])")
LATEX_SPECIAL = {"\\": r"\textbackslash{}", "#": r"\#", "$": r"\$", "%": r"\%", "&": r"\&", "_": r"\_",
                 "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def typst_text(text: str) -> str:
    return TYPST_SPECIAL.sub(r"\\\1", text)


def latex_text(text: str) -> str:
    return "".join(LATEX_SPECIAL.get(c, c) for c in text)


class Writer:
    """Inline nodes in one target's markup (``typst`` or ``latex``; ``numbered``: reledmac's notes)."""

    def __init__(self, edition: Edition, target: str, numbered: bool = False):
        self.persons = {p.id: p for p in edition.persons}
        self.target, self.numbered = target, numbered
        self.escape = typst_text if target == "typst" else latex_text

    def inlines(self, nodes, notes: bool = True) -> str:
        return "".join(self.inline(node, notes) for node in nodes)

    def inline(self, node, notes: bool) -> str:
        typst = self.target == "typst"
        if isinstance(node, Text):
            return self.escape(node.value)
        if isinstance(node, Emphasis):
            inner = self.inlines(node.children, notes)
            return f"#emph[{inner}]" if typst else f"\\emph{{{inner}}}"
        if isinstance(node, NoteCall):
            if not notes:
                return ""
            content = self.inlines(node.note.content, notes=False)
            if typst:
                return f"#footnote[{content}]"
            return f"\\footnoteA{{{content}}}" if self.numbered else f"\\footnote{{{content}}}"
        if isinstance(node, PersonMention):
            inner = self.inlines(node.children, notes)
            person = self.persons.get(node.person_id)
            if person is None:
                return inner
            if typst:
                return f'{inner}#metadata("{person.index_form}")<name>'
            return f"{inner}\\index{{{latex_text(person.index_form)}}}"
        if isinstance(node, Supplied):
            return "[" + self.inlines(node.children, notes) + "]"
        if isinstance(node, Sic):
            inner = self.inlines(node.children, notes)
            said = f"sic: {node.correction}" if node.correction else "sic"
            return inner + " [" + (f"#emph[{self.escape(said)}]" if typst else f"\\emph{{{self.escape(said)}}}") + "]"
        if isinstance(node, Gap):
            return "[" + self.escape(node.reason) + "]"
        if isinstance(node, Milestone):
            return "[" + self.escape(f"{node.unit} {node.n}".strip()) + "]"
        if isinstance(node, CrossRef):
            return self.escape(node.label or node.target)
        if isinstance(node, App):
            return self.inlines(node.children, notes)
        return self.escape(plain_text((node,)))


def typst_source(edition: Edition) -> str:
    w = Writer(edition, "typst")
    meta = edition.meta
    out = [
        f'#set page(width: {meta.page.width}, height: {meta.page.height}, margin: (inside: 0.85in, outside: 0.65in, '
        'top: 0.7in, bottom: 0.8in), numbering: "1")',
        '#set text(font: ("EB Garamond", "Libertinus Serif", "New Computer Modern"), size: 10.5pt, lang: "en")',
        "#set par(justify: true, leading: 0.6em, first-line-indent: 1em)",
        '#set footnote.entry(separator: line(length: 33%, stroke: 0.4pt))',
        f"#align(center)[#text(size: 20pt)[{typst_text(meta.title)}]]",
    ]
    for doc in edition.documents:
        out.append("#pagebreak(weak: true)")
        out.append(f"#align(center)[#text(size: 15pt)[{w.inlines(doc.title)}] \\ #emph[{typst_text(doc.dateline)}]]")
        out.append(f"#text(size: 8.5pt)[Source: {typst_text(doc.citation.as_given)}]")
        for para in doc.summary:
            out.append(f"#emph[{w.inlines(para.content)}]")
        for section in doc.sections:
            if section.heading:
                out.append(f"#align(center)[#smallcaps[{w.inlines(section.heading)}]]")
            for block in section.blocks:
                speaker = f"#smallcaps[{w.inlines(block.speaker)}]---" if block.speaker else ""
                out.append(speaker + w.inlines(block.content))
    out += [
        "#pagebreak()",
        "#align(center)[#smallcaps[Index]]",
        "#set par(first-line-indent: 0em, justify: false)",
        "#columns(2)[#context {",
        "  let marks = query(<name>)",
        "  let pages = (:)",
        "  for m in marks {",
        "    let p = str(counter(page).at(m.location()).first())",
        "    let have = pages.at(m.value, default: ())",
        "    if p not in have { have.push(p) }",
        "    pages.insert(m.value, have)",
        "  }",
        "  for (name, ps) in pages.pairs().sorted(key: it => it.first()) [",
        "    #name, #ps.join(\", \") \\",
        "  ]",
        "}]",
    ]
    return "\n\n".join(out) + "\n"


def latex_source(edition: Edition, reledmac: bool) -> str:
    w = Writer(edition, "latex", numbered=reledmac)
    meta = edition.meta
    out = [
        r"\documentclass[10pt]{article}",
        f"\\usepackage[paperwidth={meta.page.width},paperheight={meta.page.height},inner=0.85in,outer=0.65in,"
        "top=0.7in,bottom=0.8in,twoside]{geometry}",
        r"\usepackage[T1]{fontenc}",
        r"\usepackage{lmodern}",
        r"\usepackage{makeidx}",
        r"\makeindex",
    ]
    if reledmac:
        out.append(r"\usepackage{reledmac}")
    out += [r"\begin{document}", f"\\begin{{center}}\\Large {latex_text(meta.title)}\\end{{center}}"]
    for doc in edition.documents:
        out.append(r"\clearpage")
        out.append(f"\\begin{{center}}\\large {w.inlines(doc.title)}\\\\ \\emph{{{latex_text(doc.dateline)}}}"
                   "\\end{center}")
        out.append(f"{{\\footnotesize Source: {latex_text(doc.citation.as_given)}\\par}}")
        for para in doc.summary:
            out.append(f"\\emph{{{w.inlines(para.content)}}}\\par")
        if reledmac:
            out.append(r"\beginnumbering")
        for section in doc.sections:
            if section.heading:
                heading = f"\\begin{{center}}\\textsc{{{w.inlines(section.heading)}}}\\end{{center}}"
                out.append(heading if not reledmac else f"\\pstart {heading} \\pend")
            for block in section.blocks:
                speaker = f"\\textsc{{{w.inlines(block.speaker)}}}---" if block.speaker else ""
                text = speaker + w.inlines(block.content)
                out.append(f"\\pstart {text} \\pend" if reledmac else text + "\n")
        if reledmac:
            out.append(r"\endnumbering")
    out += [r"\printindex", r"\end{document}"]
    return "\n\n".join(out) + "\n"


def write_sources(source: Path, folder: Path) -> dict[str, Path]:
    """The three sources, written into ``folder``: {"typst": ..., "reledmac": ..., "latex": ...}."""
    diags = Diagnostics()
    edition = prepare(Path(source), diags, typeset=True)
    if edition is None:
        raise SystemExit(diags.format_text())
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"typst": folder / "seed.typ", "reledmac": folder / "seed-reledmac.tex",
             "latex": folder / "seed-latex.tex"}
    paths["typst"].write_text(typst_source(edition), encoding="utf-8")
    paths["reledmac"].write_text(latex_source(edition, reledmac=True), encoding="utf-8")
    paths["latex"].write_text(latex_source(edition, reledmac=False), encoding="utf-8")
    return paths


def latex_command(tex: Path, passes: int) -> list[str]:
    """One shell process from a clean folder (no .aux, .idx, .ind of an earlier run): ``passes`` pdflatex runs
    with makeindex after the first."""
    name = tex.stem
    run = f"pdflatex -interaction=batchmode -halt-on-error {name}.tex >/dev/null"
    clean = f"rm -f {name}.aux {name}.idx {name}.ind {name}.ilg {name}.log {name}.pdf"
    steps = [clean, run, f"makeindex -q {name}.idx"] + [run] * (passes - 1)
    return ["sh", "-c", f"cd '{tex.parent}' && " + " && ".join(steps)]


def typst_command(typ: Path) -> list[str]:
    return [sys.executable, "-c", "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2])",
            str(typ), str(typ.with_suffix(".pdf"))]


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    for kind, path in write_sources(Path(sys.argv[1]), Path(sys.argv[2])).items():
        print(kind, path)
