"""Assembling parts written separately by WeasyPrint into one PDF: pages, structure tree, names, outline, finish."""
from __future__ import annotations

import functools
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from edition.diagnostics import SourcePos
from edition.model import EditionMeta
from edition.render import assemble as assemble_module
from edition.render.assemble import Assembler, AssemblyError
from edition.render.finish import LabelRange

META = EditionMeta(title="Hegedüs and Gomułka", subtitle="Documents", editors=("A. Editor",), publisher="Press",
                   place="Budapest", year="1956", language="en", licence="CC BY 4.0", pos=SourcePos("edition.yaml"))


def merge_parts(parts, profile="screen", order=None, labels=None) -> bytes:
    """The final PDF of ``parts`` added in the given order and finished in ``order`` (default: as added)."""
    assembler = Assembler(profile)
    handles = [assembler.add(data) for data in parts]
    return assembler.finish(order or handles, META, labels or [LabelRange(0, "arabic")])


@functools.lru_cache(maxsize=None)
def part(html: str, variant: str = "pdf/a-2a") -> bytes:
    """A part as the build writes it (``finish.write_pdf``): tagged for PDF/A-2a and PDF/UA-1, untagged for
    PDF/X-4."""
    from weasyprint import HTML

    from edition.profiles import PRINT, SCREEN
    from edition.render.finish import write_pdf
    document = HTML(string=f'<html lang="en"><body>{html}</body></html>').render()
    return write_pdf(document, SCREEN if variant == "pdf/a-2a" else PRINT)


def written(data: bytes) -> bytes:
    return data


def reopened(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def texts(reader: PdfReader) -> list[str]:
    return [page.extract_text().strip() for page in reader.pages]


def kids(element: DictionaryObject) -> list:
    k = element.get("/K")
    k = k.get_object() if isinstance(k, IndirectObject) else k
    return list(k) if isinstance(k, ArrayObject) else ([] if k is None else [k])


def struct_elements(root: DictionaryObject):
    """Every (reference, element) reachable from the structure tree root through ``/K``."""
    stack = [k for k in kids(root) if isinstance(k, IndirectObject)]
    while stack:
        ref = stack.pop()
        element = ref.get_object()
        if element.get("/Type", "/StructElem") != "/StructElem":
            continue
        yield ref, element
        stack.extend(k for k in kids(element) if isinstance(k, IndirectObject))


def parent_tree(root: DictionaryObject) -> dict[int, object]:
    entries: dict[int, object] = {}

    def walk(node):
        nums = node.get("/Nums")
        if nums is not None:
            nums = nums.get_object()
            entries.update((int(nums[i]), nums[i + 1]) for i in range(0, len(nums), 2))
        for kid in node.get("/Kids", ()):
            walk(kid.get_object())

    walk(root["/ParentTree"])
    return entries


TWO_PAGES = '<h1>Alpha</h1><p>first</p><p style="break-before: page">second <a href="#a-end">end</a></p>' \
            '<p id="a-end">end</p>'
ONE_PAGE = '<h1>Beta</h1><p>third <a href="#b-top">top</a></p><p id="b-top">top</p>'


def test_pages_keep_their_order_content_boxes_and_annotations():
    parts = [part(TWO_PAGES), part(ONE_PAGE), part("<p>Gamma</p>")]
    data = merge_parts(parts)
    reader = reopened(data)
    assert [t.split("\n")[0] for t in texts(reader)] == ["Alpha", "second end", "Beta", "Gamma"]
    source = PdfReader(io.BytesIO(parts[0])).pages[0]
    for box in ("/MediaBox", "/TrimBox", "/BleedBox"):
        assert list(reader.pages[0][box]) == list(source[box])
    assert len(reader.pages[1]["/Annots"]) == 1 and len(reader.pages[2]["/Annots"]) == 1
    assert data.startswith(b"%PDF-1.7\n")


def test_the_catalog_takes_language_mark_info_preferences_intents_and_metadata_from_the_first_part():
    root = reopened(merge_parts([part("<p>a</p>"), part("<p>b</p>")])).root_object
    assert root["/Lang"] == "en"
    assert root["/MarkInfo"]["/Marked"].value is True  # a BooleanObject: truthy even when false
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert len(root["/OutputIntents"]) == 1
    assert root["/Metadata"].get_data().startswith(b"<?xpacket")
    assert isinstance(root.raw_get("/Metadata"), IndirectObject)


def test_one_document_element_holds_every_parts_elements_in_order():
    parts = [part("<h1>One</h1><p>a</p>"), part("<h2>Two</h2><p>b</p><p>c</p>")]
    root = reopened(merge_parts(parts)).root_object["/StructTreeRoot"]
    (document_ref,) = kids(root)
    document = document_ref.get_object()
    assert document["/S"] == "/Document"
    assert [k.get_object()["/S"] for k in kids(document)] == ["/H1", "/P", "/H2", "/P", "/P"]
    assert all(k.get_object().raw_get("/P") == document_ref for k in kids(document))


def holds(element: DictionaryObject, page, mcid: int) -> bool:
    """The element holds marked-content ``mcid`` of ``page``: as an integer (its /Pg) or a marked-content reference."""
    for kid in kids(element):
        kid = kid.get_object() if isinstance(kid, IndirectObject) else kid
        if isinstance(kid, int) and not isinstance(kid, bool) and kid == mcid:
            return element.raw_get("/Pg") == page.indirect_reference
        if isinstance(kid, DictionaryObject) and kid.get("/MCID") == mcid:
            return kid.raw_get("/Pg") == page.indirect_reference
    return False


def test_every_page_and_link_annotation_is_keyed_in_the_one_parent_tree():
    reader = reopened(merge_parts([part(TWO_PAGES), part(ONE_PAGE)]))
    root = reader.root_object["/StructTreeRoot"]
    entries = parent_tree(root)
    keys = [page["/StructParents"] for page in reader.pages]
    assert len(set(keys)) == 3
    for key, page in zip(keys, reader.pages):
        elements = entries[key].get_object()
        assert elements and all(holds(e.get_object(), page, mcid) for mcid, e in enumerate(elements))
    annots = [a.get_object() for page in reader.pages for a in page.get("/Annots", ())]
    assert len({a["/StructParent"] for a in annots} | set(keys)) == 5
    for annot in annots:
        element = entries[annot["/StructParent"]].get_object()
        objrs = [k.get_object() for k in kids(element) if isinstance(k, (IndirectObject, DictionaryObject))]
        assert element["/S"] == "/Link"
        assert any(o.get("/Type") == "/OBJR" and o.raw_get("/Obj") == annot.indirect_reference for o in objrs)
    assert root["/ParentTreeNextKey"] == 5


def test_no_element_of_the_tree_points_at_a_page_or_annotation_outside_the_merged_file():
    reader = reopened(merge_parts([part(TWO_PAGES), part(ONE_PAGE), part('<p>x<a href="#x">y</a></p><p id="x">z</p>')]))
    root = reader.root_object["/StructTreeRoot"]
    pages = {page.indirect_reference.idnum for page in reader.pages}
    annots = {a.idnum for page in reader.pages for a in page.get("/Annots", ())}
    seen = 0
    for ref, element in struct_elements(root):
        seen += 1
        if "/Pg" in element:
            assert element.raw_get("/Pg").idnum in pages
        for kid in kids(element):
            if isinstance(kid, IndirectObject) and kid.get_object().get("/Type") == "/OBJR":
                assert kid.get_object().raw_get("/Obj").idnum in annots
                assert kid.get_object().raw_get("/Pg").idnum in pages
            elif isinstance(kid, IndirectObject) and "/S" in kid.get_object():
                assert kid.get_object().raw_get("/P") == ref  # each child's parent is the element holding it
    assert seen > 10


def test_running_heads_are_artifacts_and_a_paragraph_across_a_page_break_is_one_element():
    head = '<style>@page { size: 200pt 120pt; margin: 30pt; @top-center { content: "Running head" } }</style>'
    turn = "<p>" + "Gomułka spoke at length to the Presidium. " * 12 + "</p>"
    reader = reopened(merge_parts([part(head + turn), part(head + "<p>two</p>")]))
    root = reader.root_object["/StructTreeRoot"]
    entries = parent_tree(root)
    paragraphs = {id(e.get_object()) for page in reader.pages[:-1] for e in entries[page["/StructParents"]]}
    assert len(reader.pages) > 2 and len(paragraphs) == 1  # one P, however many pages it spans
    for page in reader.pages:
        content = page.get_contents().get_data()
        assert re.search(rb"/Artifact\s*<</Type /Pagination>>\s*BDC", content)
        assert content.count(b"/MCID") == len(entries[page["/StructParents"]])


def test_nothing_unreachable_is_written():
    """Cloning elements and outline items must not drag in a part's old root, Document or outline."""
    head = '<style>@page { @top-center { content: "Running head" } }</style>'
    data = written(merge_parts([part(TWO_PAGES), part(head + ONE_PAGE), part("<h1>Хрущёв</h1><h2>Kremlin</h2>")]))
    reader = PdfReader(io.BytesIO(data))
    seen: set[int] = set()
    stack: list = [reader.trailer.raw_get(key) for key in reader.trailer]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            if obj.idnum not in seen:
                seen.add(obj.idnum)
                stack.append(obj.get_object())
        elif isinstance(obj, DictionaryObject):
            stack.extend(obj.raw_get(key) for key in obj)
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    assert set(reader.xref[0]) == seen


def test_a_link_to_an_anchor_in_another_part_resolves_to_it():
    first = part('<p>See <a href="edition-part:there">there</a>.</p>')
    second = part('<p>filler</p><h2 id="there" style="break-before: page">There</h2>')
    reader = reopened(merge_parts([first, second]))
    assert reader.get_destination_page_number(reader.named_destinations["there"]) == 2
    assert reader.pages[0]["/Annots"][0].get_object()["/Dest"] == "there"


def test_non_ascii_names_resolve_across_parts():
    first = part('<p><a href="edition-part:Хрущёв">Хрущёв</a></p>')
    second = part('<h1 id="Хрущёв">Хрущёв</h1><h2 id="Gomułka">Gomułka</h2>')
    reader = reopened(merge_parts([first, second]))
    assert reader.get_destination_page_number(reader.named_destinations["Хрущёв"]) == 1
    assert "Gomułka" in reader.named_destinations


def test_a_name_given_by_two_parts_raises_naming_it():
    with pytest.raises(ValueError, match="'twice'"):
        merge_parts([part('<p id="twice">a</p>'), part('<p id="twice">b</p>')])


def test_a_link_to_a_name_no_part_gives_raises():
    lonely = part('<p><a href="edition-part:nowhere">x</a></p>')
    with pytest.raises(ValueError, match="'nowhere'"):
        merge_parts([lonely, part("<p>b</p>")])


def test_the_order_must_name_every_part_once():
    assembler = Assembler()
    assembler.add(part("<p>a</p>"))
    assembler.add(part("<p>b</p>"))
    with pytest.raises(AssemblyError, match="once"):
        assembler.finish([0, 0], META, [LabelRange(0, "arabic")])


def test_a_part_added_last_can_open_the_book():
    """The front matter is laid out after the documents (it prints their folios) and comes first."""
    front = part('<h1>Contents</h1><p><a href="edition-part:doc">Document 1</a></p>')
    body = [part('<h1 id="doc">Gomułka</h1><p>one</p>'), part("<h1>Hegedüs</h1><p>two</p>")]
    data = merge_parts(body + [front], order=[2, 0, 1],
                       labels=[LabelRange(0, "roman"), LabelRange(1, "arabic")])
    reader = reopened(data)
    assert [t.split("\n")[0] for t in texts(reader)] == ["Contents", "Gomułka", "Hegedüs"]
    assert [o.title for o in reader.outline] == ["Contents", "Gomułka", "Hegedüs"]
    assert reader.page_labels == ["i", "1", "2"]
    assert reader.get_destination_page_number(reader.named_destinations["doc"]) == 1
    document = kids(reader.root_object["/StructTreeRoot"])[0].get_object()
    firsts = [k.get_object() for k in kids(document)]
    assert firsts[0].raw_get("/Pg") == reader.pages[0].indirect_reference  # the front's elements come first


def test_the_finished_file_says_what_it_is_and_dates_only_from_the_edition():
    reader = reopened(merge_parts([part("<p>a</p>")]))
    info = reader.metadata
    assert info["/Title"] == "Hegedüs and Gomułka: Documents" and info["/Author"] == "A. Editor"
    assert info["/CreationDate"].startswith("D:1956") or info["/CreationDate"].startswith("D:20")
    metadata = reader.root_object["/Metadata"]
    assert "/Filter" not in metadata  # PDF/A: an unfiltered XMP stream
    xmp = metadata.get_data().decode()
    assert "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>A</pdfaid:conformance>" in xmp
    assert reader.trailer["/ID"][0] == reader.trailer["/ID"][1]


def test_the_file_id_follows_the_content():
    one = reopened(merge_parts([part("<p>a</p>")])).trailer["/ID"][0]
    same = reopened(merge_parts([part("<p>a</p>")])).trailer["/ID"][0]
    other = reopened(merge_parts([part("<p>b</p>")])).trailer["/ID"][0]
    assert one == same != other


def test_print_has_no_links_an_even_page_count_a_named_condition_and_one_copy_of_the_profile():
    icc = (Path(__file__).parents[2] / "styles" / "color" / "FOGRA39L.icc").as_uri()
    css = (f'<style>@color-profile device-cmyk {{ src: url("{icc}"); components: c, m, y, k; }} '
           "@page { size: A5; bleed: 3mm } html, a { color: device-cmyk(0 0 0 1) }</style>")
    parts = [part(css + TWO_PAGES, "pdf/x-4"), part(css + ONE_PAGE, "pdf/x-4")]
    reader = reopened(merge_parts(parts, profile="print"))
    assert len(reader.pages) == 4
    assert all("/Annots" not in page for page in reader.pages)
    assert reader.metadata["/Trapped"] == "/False"
    intent = reader.root_object["/OutputIntents"][0]
    assert intent["/OutputConditionIdentifier"] == "FOGRA39" and "ArgyllCMS" in intent["/Info"]
    for page in reader.pages:  # the padding page too
        assert [list(page[box]) for box in ("/TrimBox", "/BleedBox")] == \
            [list(reader.pages[0][box]) for box in ("/TrimBox", "/BleedBox")]
        content = page.get_contents().get_data()
        assert content.rstrip().endswith(b"S Q") and b" 0 0 0 1 K " in content  # the marks, on the K plate
        assert b" rg" not in content and b" RG" not in content
    streams = [reader.get_object(n) for n in reader.xref[0]]
    icc = [s for s in streams if hasattr(s, "get_data") and "/N" in s and s.get("/Filter") is not None]
    assert len(icc) <= 1


def test_outline_keeps_part_order_nesting_titles_and_pages():
    first = part("<h1>Gomułka</h1><h2>Warsaw</h2><h2 style='break-before: page'>Moscow</h2>")
    second = part("<h1>Хрущёв</h1><h2>Kremlin</h2>")
    reader = reopened(merge_parts([first, second]))

    def shape(items):
        out = []
        for item in items:
            if isinstance(item, list):
                out.append(shape(item))
            else:
                out.append((item.title, reader.get_destination_page_number(item)))
        return out

    assert shape(reader.outline) == [("Gomułka", 0), [("Warsaw", 0), ("Moscow", 1)], ("Хрущёв", 2), [("Kremlin", 2)]]
    assert reader.root_object["/Outlines"]["/Count"] == 5


def test_outline_items_keep_their_closed_state():
    closed = part("<h1 style='bookmark-state: closed'>Closed</h1><h2>Hidden</h2>")
    reader = reopened(merge_parts([part("<h1>Open</h1><h2>Shown</h2>"), closed]))
    first = reader.root_object["/Outlines"]["/First"]
    assert first["/Count"] > 0 and first["/Next"]["/Count"] < 0
    assert reader.root_object["/Outlines"]["/Count"] == 3  # Open, Shown, Closed
    assert first["/Next"]["/Prev"] == first and first["/Next"]["/Parent"] == reader.root_object["/Outlines"]


def test_print_parts_without_structure_tree_merge():
    parts = [part(TWO_PAGES, "pdf/x-4"), part(ONE_PAGE, "pdf/x-4")]
    data = merge_parts(parts, profile="print")
    reader = reopened(data)
    assert len(reader.pages) == 4 and data.startswith(b"%PDF-1.6\n")  # an even count for print
    assert "/StructTreeRoot" not in reader.root_object
    assert all("/StructParents" not in page for page in reader.pages)
    assert set(reader.named_destinations) == {"a-end", "b-top"}


def test_element_ids_stay_unique_across_parts_and_are_in_the_id_tree():
    note = '<p>Text<edition-note id="{}">{}</edition-note></p>'
    reader = reopened(merge_parts([part(note.format("n1", "Hegedüs")), part(note.format("n2", "Gomułka"))]))
    root = reader.root_object["/StructTreeRoot"]
    elements = {ref.idnum: e for ref, e in struct_elements(root)}
    ids = [e["/ID"] for e in elements.values() if "/ID" in e]
    assert len(ids) == 2 and len(set(ids)) == 2
    tree = root["/IDTree"]["/Names"]
    assert {tree[i]: tree[i + 1].idnum for i in range(0, len(tree), 2)} == {
        e["/ID"]: n for n, e in elements.items() if "/ID" in e}


def test_large_name_and_number_trees_are_split_into_balanced_kids(monkeypatch):
    monkeypatch.setattr(assemble_module, "TREE_LEAF_SIZE", 2)
    html = "".join(f'<p id="n{i}">{i} <a href="#n{(i + 1) % 5}">next</a></p>' for i in range(5))
    reader = reopened(merge_parts([part(html), part('<p id="last">x</p>')]))
    dests = reader.root_object["/Names"]["/Dests"]
    assert "/Kids" in dests and "/Limits" not in dests
    assert set(reader.named_destinations) == {"n0", "n1", "n2", "n3", "n4", "last"}
    entries = parent_tree(reader.root_object["/StructTreeRoot"])
    assert len(entries) == 2 + 5  # 2 pages, 5 links


def test_the_same_parts_give_the_same_bytes():
    parts = [part(TWO_PAGES), part(ONE_PAGE)]
    assert written(merge_parts(parts)) == written(merge_parts(parts))


def test_the_same_parts_give_the_same_bytes_in_another_process(tmp_path):
    parts = [part(TWO_PAGES), part(ONE_PAGE)]
    for i, data in enumerate(parts):
        (tmp_path / f"{i}.pdf").write_bytes(data)
    script = textwrap.dedent("""
        import hashlib, io, sys
        from pathlib import Path
        sys.path.insert(0, sys.argv[2])
        from test_assemble import merge_parts
        print(hashlib.sha256(merge_parts([Path(sys.argv[1], f"{i}.pdf").read_bytes() for i in range(2)])).hexdigest())
    """)
    result = subprocess.run([sys.executable, "-c", script, str(tmp_path), str(Path(__file__).parent)],
                            capture_output=True, text=True,
                            check=True, env={"PYTHONHASHSEED": "12345", "PATH": "",
                                 "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "")})
    assert result.stdout.strip() == hashlib.sha256(written(merge_parts(parts))).hexdigest()


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed")
def test_qpdf_finds_no_errors(tmp_path):
    target = tmp_path / "merged.pdf"
    target.write_bytes(written(merge_parts([part(TWO_PAGES), part(ONE_PAGE), part("<h1>Хрущёв</h1>")])))
    result = subprocess.run(["qpdf", "--check", str(target)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_part_still_being_written_is_taken_in_its_turn_and_gives_the_same_bytes():
    from edition.render.documents import Pending
    first, second = part("<p>Gomułka</p>"), part("<p>Хрущёв and 刘少奇</p>")
    assembler = Assembler()
    handles = [assembler.add(Pending(lambda: first)), assembler.add(second)]
    assert handles == [0, 1]
    assert assembler.finish(handles, META, [LabelRange(0, "arabic")]) == merge_parts([first, second])
