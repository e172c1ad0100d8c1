"""Citations of any archive: the national forms read from as_given, the fields, their checks and their printing.

The REAL table quotes citations verbatim from public pages (the address of each
is in its row), found through the search tool's ``pages`` corpus; its Chinese row
is the only Chinese Foreign Ministry Archive file number the corpus yielded, and
it holds two Russian ones.  The FORMS table holds the forms issue 21 names, in
the shape its examples give them (not quotations).
"""
from dataclasses import asdict, dataclass, field

import pytest

from edition.citation import parse_citation, parse_shelfmark, shelfmark
from edition.cli import main
from edition.model import Citation
from edition.diagnostics import SourcePos
from edition.writer.html import source_note

from sources import DOCUMENT_YAML, X


def printed(doc) -> str:
    """The citation block's first sentence as printed, its no-break spaces (the ties of "F. 3") read as spaces."""
    return str(source_note(doc)).replace("\u00a0", " ")


@dataclass(frozen=True)
class Case:
    text: str
    form: str
    fields: dict
    printed: str
    source: str = ""
    id: str = field(default="", compare=False)


REAL = [
    # Russian
    Case('"Working Notes from the Session of the CPSU CC Presidium on 26 October 1956", October 26, 1956, Wilson '
         'Center Digital Archive, TsKhSD, F. 3, Op. 12, D. 1005, Ll. 53-53ob, 62-62ob, compiled by V. N. Malin. '
         'Published in CWIHP Bulletin 8-9, p.389 <https://wilson-center-digital-archive.dvincitest.com/document/111881>',
         "russian", {"repository": "TsKhSD", "collection": "3", "series": "12", "file": "1005",
                     "folios": ("53-53ob", "62-62ob")}, "F. 3, Op. 12, D. 1005, Ll. 53–53ob, 62–62ob",
         "https://wilson-center-digital-archive.dvincitest.com/document/111881 (the seed)", "TsKhSD"),
    Case("[Source: APRF, f. 3, op. 120, d. 37, ll. 51, 56; translated by Svetlana Savranskaya.]",
         "russian", {"repository": "APRF", "collection": "3", "series": "120", "file": "37", "folios": ("51", "56")},
         "F. 3, Op. 120, D. 37, Ll. 51, 56", "https://wilson-center-digital-archive.dvincitest.com/node/88381", "APRF"),
    # British
    Case("(c) crown copyright Catalogue Reference:CAB/128/5 Image Reference:0035",
         "british", {"collection": "CAB", "series": "128", "file": "5"}, "CAB 128/5",
         "https://vdocuments.mx/c-crown-copyright-catalogue-referencecab1285-image-reference-2014-4-14.html", "CAB"),
    Case("Catalogue Reference:CAB/65/50/12 Image Reference:0001",
         "british", {"collection": "CAB", "series": "65", "file": "50", "item": "12"}, "CAB 65/50/12",
         "https://studylib.net/doc/11230050/-c--crown-copyright-catalogue-reference-cab-65-50-12-imag...", "CAB-item"),
    Case("PREM 11/1565 1955-56 Royal Family (HRH Princess Margaret)",
         "british", {"collection": "PREM", "series": "11", "file": "1565"}, "PREM 11/1565",
         "http://www.nationalarchives.gov.uk/releases/2004/january/list.htm", "PREM"),
    Case("FCO 73/131 1970 Various correspondence and papers:",
         "british", {"collection": "FCO", "series": "73", "file": "131"}, "FCO 73/131",
         "http://www.nationalarchives.gov.uk/releases/2004/july23/list.htm", "FCO"),
    Case("21 HO 144/2158/322428/6 and 9; see also H. Shukman,",
         "british", {"collection": "HO", "series": "144", "file": "2158", "item": "322428/6"}, "HO 144/2158/322428/6",
         "https://trantor.is/content/ACHZ-wcQCKVC5mZU/robe_9781610391412_oeb_nts_r1.html", "HO"),
    # US
    Case("Source: National Archives, RG 59, Central Decimal File 1910–1929, Box 733, 103.93/644. No classification "
         "marking.", "us", {"repository": "National Archives", "collection": "59",
                             "series": "Central Decimal File 1910–1929", "file": "103.93/644", "box": "733"},
         "RG 59, Central Decimal File 1910–1929, 103.93/644, box 733",
         "https://history.state.gov./historicaldocuments/frus1917-72PubDip/comp1?start=31", "RG59-decimal"),
    Case("Source: National Archives, RG 63, Entry 105, Director’s Office of the Foreign Section, General "
         "Correspondence, Box 5, Blankenhorn—Military Information Abroad. No classification marking.",
         "us", {"repository": "National Archives", "collection": "63",
                "series": "Entry 105, Director’s Office of the Foreign Section, General Correspondence", "box": "5",
                "folder": "Blankenhorn—Military Information Abroad"},
         "RG 63, Entry 105, Director’s Office of the Foreign Section, General Correspondence, box 5, "
         "folder Blankenhorn—Military Information Abroad",
         "https://history.state.gov./historicaldocuments/frus1917-72PubDip/comp1?start=31", "RG63-entry"),
    Case("Source: National Archives and Records Administration, RG 59, Central Files 1967–69, POL 15 VIET S. "
         "Secret; Immediate; Nodis.", "us",
         {"repository": "National Archives and Records Administration", "collection": "59",
          "series": "Central Files 1967–69", "file": "POL 15 VIET S"}, "RG 59, Central Files 1967–69, POL 15 VIET S",
         "https://history.state.gov/historicaldocuments/frus1964-68v05/ch5", "RG59-subject"),
    Case("Source: Department of State, Central Files, 764.00/10–2356. Confidential; Priority.", "us",
         {"repository": "Department of State", "series": "Central Files", "file": "764.00/10–2356"},
         "Central Files 764.00/10–2356", "https://history.state.gov/historicaldocuments/frus1955-57v25/ch7", "DoS"),
    Case("Source: Department of State, Central Files, 748.5–MSP/10–2456. Secret.", "us",
         {"repository": "Department of State", "series": "Central Files", "file": "748.5–MSP/10–2456"},
         "Central Files 748.5–MSP/10–2456", "https://history.state.gov/historicaldocuments/frus1955-57v25/ch7",
         "DoS-MSP"),
    # Hungarian
    Case("Jelzet: MNL OL P 2343. – Magyar Nemzeti Levéltár Országos Levéltára, Családok, személyek, testületek és "
         "egyesületek iratai", "hungarian", {"repository": "MNL OL", "collection": "P 2343"}, "P 2343",
         "https://archivnet.hu/dekonspiracio-az-egyhazi-reakcioban-egy-beszervezes-tortenete-kovrig-bela-az-aldozat-"
         "szemszogebol?oldal=0&page=1", "MNL-P"),
    Case("Az irat jelzete: MNL OL K 606–I–1920. – Német nyelvű, gépelt levél", "hungarian",
         {"repository": "MNL OL", "collection": "K 606–I–1920"}, "K 606–I–1920",
         "https://mnl.gov.hu/habsburg_otto_es_oroksege/02_iv_karoly_az_emigracioban.html", "MNL-K606"),
    Case("<unitid>MNL OL K 63-64</unitid>", "hungarian", {"repository": "MNL OL", "collection": "K 63-64"}, "K 63-64",
         "https://portal.ehri-project-stage.eu/units/hu-002739-mnl_ol_k_63_64/export?asFile=true", "MNL-K63"),
    # Chinese
    Case("6 Archives of the Ministry of Foreign Affairs of China, Beijing (hereafter: AMFAC), 109–01041–01, 3–4. "
         "Report on demonstration of university students in Budapest, October 23, 1956", "chinese",
         {"repository": "Archives of the Ministry of Foreign Affairs of China", "collection": "109", "file": "01041",
          "item": "01", "folios": ("3-4",)}, "No. 109-01041-01, pp. 3–4",
         "https://issuu.com/jcubas/docs/the_1956hungarianrev/25", "AMFAC"),
]

FORMS = [
    Case("AVP RF, F. 059a, Op. 4, P. 6, D. 5, Ll. 8-11.", "russian",
         {"repository": "AVP RF", "collection": "059a", "series": "4", "box": "6", "file": "5", "folios": ("8-11",)},
         "F. 059a, Op. 4, P. 6, D. 5, Ll. 8–11", id="AVP-RF-papka"),
    Case("RGANI, F. 5, Op. 30, D. 163, L. 12", "russian",
         {"repository": "RGANI", "collection": "5", "series": "30", "file": "163", "folios": ("12",)},
         "F. 5, Op. 30, D. 163, L. 12", id="RGANI-one-leaf"),
    Case("FO 371/106432, f. 17", "british", {"collection": "FO", "series": "371", "file": "106432", "folios": ("17",)},
         "FO 371/106432, f. 17", id="FO"),
    Case("The National Archives, Kew, PREM 11/1234, ff. 3-5", "british",
         {"repository": "The National Archives, Kew", "collection": "PREM", "series": "11", "file": "1234",
          "folios": ("3-5",)}, "PREM 11/1234, ff. 3–5", id="TNA-Kew"),
    Case("RG 59, Central Decimal File, 764.00/10-2656, box 3456", "us",
         {"collection": "59", "series": "Central Decimal File", "file": "764.00/10-2656", "box": "3456"},
         "RG 59, Central Decimal File 764.00/10-2656, box 3456", id="RG59"),
    Case("NARA, RG 59, Central Decimal File, 764.00/10-2656, box 3456", "us",
         {"repository": "NARA", "collection": "59", "series": "Central Decimal File", "file": "764.00/10-2656",
          "box": "3456"}, "RG 59, Central Decimal File 764.00/10-2656, box 3456", id="NARA"),
    Case("MOL XIX-J-1-k, box 12, folder 3", "hungarian",
         {"repository": "MOL", "collection": "XIX-J-1-k", "box": "12", "folder": "3"},
         "XIX-J-1-k, box 12, folder 3", id="MOL"),
    Case("Hungarian National Archives (MOL), M-KS 288. f. 5/393. ő.e. Translated by Zoltán Komócsin.", "hungarian",
         {"repository": "Hungarian National Archives (MOL)", "collection": "M-KS 288", "series": "5", "file": "393"},
         "M-KS 288. f. 5/393. ő.e.", id="MOL-MKS"),
    Case("PRC FMA 109-01040-01", "chinese", {"repository": "PRC FMA", "collection": "109", "file": "01040",
                                             "item": "01"}, "No. 109-01040-01", id="PRC-FMA"),
    Case("Chinese Foreign Ministry Archive, Beijing. No. 109-01040-01.", "chinese",
         {"repository": "Chinese Foreign Ministry Archive", "collection": "109", "file": "01040", "item": "01"},
         "No. 109-01040-01", id="FMA-No"),
    Case("中华人民共和国外交部档案馆，档号 109-01040-01", "chinese",
         {"repository": "中华人民共和国外交部档案馆", "collection": "109", "file": "01040", "item": "01"},
         "No. 109-01040-01", id="FMA-zh"),
]


def _citation(found) -> Citation:
    values = asdict(found)
    return Citation("", SourcePos("x"), form=values.pop("form"), **values)


@pytest.mark.parametrize("case", REAL + FORMS, ids=lambda c: c.id)
def test_a_citation_is_read_in_its_national_form_and_printed_in_its_convention(case):
    found = parse_citation(case.text)
    assert found is not None
    assert found.form == case.form
    assert {k: v for k, v in asdict(found).items() if v and k != "form"} == case.fields
    assert shelfmark(_citation(found)) == case.printed


@pytest.mark.parametrize("text", [
    # http://oac.cdlib.org/findaid/ark:/13030/tf8d5nb2w9/entire_text/ (Preferred Citation)
    "[Identification of item], Tibor Eckhardt Papers, [Box no.], Hoover Institution Archives.",
    # https://digitalarchive.wilsoncenter.org/document/112645 (a repository, no shelfmark)
    "History and Public Policy Program Digital Archive, AVP RF; obtained by NHK, provided to CWIHP",
    "a letter in a drawer, 1956",
])
def test_a_citation_in_no_known_form_is_not_read(text):
    assert parse_citation(text) is None


def test_the_importer_reads_russian_fields_under_their_russian_names():
    assert parse_shelfmark("Wilson Center, TsKhSD, F. 3, Op. 12, D. 1005, Ll. 53-53ob, 62-62ob, compiled") == {
        "archive": "TsKhSD", "fond": "3", "opis": "12", "delo": "1005", "listy": ("53-53ob", "62-62ob")}
    assert parse_shelfmark("AVPRF, F. 059a, Op. 4, P. 6, D. 5, Ll. 8-11.")["delo"] == "5"
    assert parse_shelfmark("FO 371/106432, f. 17") is None


# ---------------------------------------------------------------- the fields in a document


def _document(citation: str) -> str:
    """DOCUMENT_YAML with its citation mapping replaced by ``citation`` (indented YAML lines)."""
    return DOCUMENT_YAML.replace("  as_given: TsKhSD, F. 3, Op. 12, D. 1005, Ll. 53-53ob\n", citation)


def test_fields_left_out_are_read_from_as_given(check):
    c = check().doc.citation
    assert (c.repository, c.collection, c.series, c.file, c.folios, c.form) == \
        ("TsKhSD", "3", "12", "1005", ("53-53ob",), "russian")


def test_russian_names_and_generic_names_give_the_same_citation(check):
    russian = check(document=_document("  as_given: a report\n  archive: GARF\n  fond: 9401\n  opis: 2\n"
                                       "  delo: 65\n  listy: [1-3]\n")).doc.citation
    generic = check(document=_document("  as_given: a report\n  repository: GARF\n  collection: 9401\n  series: 2\n"
                                       "  file: 65\n  folios: [1-3]\n")).doc.citation
    assert (russian.repository, russian.collection, russian.series, russian.file, russian.folios) == \
        (generic.repository, generic.collection, generic.series, generic.file, generic.folios) == \
        ("GARF", "9401", "2", "65", ("1-3",))


def test_russian_names_print_in_the_russian_convention(check):
    doc = check(document=_document("  as_given: a report\n  archive: GARF\n  fond: 9401\n  opis: 2\n  delo: 65\n"
                                   "  listy: [1-3]\n")).doc
    assert printed(doc).startswith("GARF, F. 9401, Op. 2, D. 65, Ll. 1–3.")


def test_an_alias_and_its_generic_field_together_are_an_error(check):
    result = check(document=_document("  as_given: a report\n  fond: 3\n  collection: 3\n"))
    assert result.lines == [f'{X}:5:9: error: "fond" is the Russian name of "collection": give one of them, not both']


def test_fields_that_contradict_the_citation_as_given(check):
    result = check(document=DOCUMENT_YAML.replace("Ll. 53-53ob\n", "Ll. 53-53ob\n  fond: 4\n  listy: [53-54]\n"))
    assert result.lines == [f'{X}:5:9: error: citation fond "4" disagrees with the citation as given ("3")',
                            f"{X}:6:10: error: citation leaves 53-54 disagree with the citation as given (53-53ob)"]


def test_a_generic_field_that_contradicts_a_british_citation(check):
    result = check(document=_document("  as_given: TNA, FO 371/106432, f. 17\n  file: 106433\n  folios: [18]\n"))
    assert result.lines == [
        f'{X}:5:9: error: citation file "106433" disagrees with the citation as given ("106432")',
        f"{X}:6:11: error: citation folios 18 disagree with the citation as given (17)"]


def test_the_repository_may_be_named_in_full(check):
    doc = check(document=_document("  as_given: TNA, FO 371/106432, f. 17\n"
                                   "  repository: The National Archives, Kew\n")).doc
    assert printed(doc).startswith("The National Archives, Kew, FO 371/106432, f. 17.")


def test_leaves_that_do_not_read_as_leaves(check):
    result = check(document=DOCUMENT_YAML.replace("Ll. 53-53ob\n", "Ll. 53-53ob\n  listy: [53-53x]\n"))
    assert f'{X}:5:11: error: leaves "53-53x" do not read as a leaf or range such as 53-53ob' in result.lines


def test_folios_that_do_not_read_as_folios(check):
    result = check(document=_document("  as_given: a report\n  repository: Hoover Institution Archives\n"
                                      "  folios: [three]\n"))
    assert result.lines == [f'{X}:6:12: error: folios "three" do not read as a folio, page or range such as 17, '
                            '12v or 17-19']


def test_a_citation_in_no_known_form_and_without_fields_gets_a_gentle_warning(check):
    result = check(document=_document("  as_given: a letter in a drawer somewhere\n"))
    assert result.lines == [f"{X}:4:13: warning: the citation is printed as given: it is in none of the forms read "
                            "from it (Russian, British, US, Hungarian, Chinese); to print its archive and shelfmark "
                            "too, give repository and, as they apply, collection, series, file, item, box, folder, "
                            "folios"]


def test_another_archive_is_described_by_its_fields(check):
    result = check(document=_document(
        "  as_given: '[Identification of item], Tibor Eckhardt Papers, [Box no.], Hoover Institution Archives.'\n"
        "  repository: Hoover Institution Archives\n  collection: Tibor Eckhardt Papers\n  box: 1\n  folder: 7\n"
        "  compiler: Hegedüs András\n"))
    assert result.lines == []
    assert printed(result.doc).startswith(
        "Hoover Institution Archives, Tibor Eckhardt Papers, box 1, folder 7. Compiled by Hegedüs András.")


def test_the_repository_and_shelfmark_are_escaped(check):
    doc = check(document=_document("  as_given: a report\n  repository: Archiv <b>Ost</b> & Co\n")).doc
    assert printed(doc).startswith("Archiv &lt;b&gt;Ost&lt;/b&gt; &amp; Co.")


# ---------------------------------------------------------------- an edition of every form

EVERY_FORM = {
    "russian.yaml": "TsKhSD, F. 3, Op. 12, D. 1005, Ll. 53-53ob, 62-62ob",
    "british.yaml": "TNA, FO 371/106432, f. 17",
    "us.yaml": "NARA, RG 59, Central Decimal File, 764.00/10-2656, box 3456",
    "hungarian.yaml": "MOL XIX-J-1-k, box 12, folder 3",
    "chinese.yaml": "PRC FMA 109-01040-01",
}
PRINTED = {
    "russian": "TsKhSD, F. 3, Op. 12, D. 1005, Ll. 53–53ob, 62–62ob.",
    "british": "TNA, FO 371/106432, f. 17.",
    "us": "NARA, RG 59, Central Decimal File 764.00/10-2656, box 3456.",
    "hungarian": "MOL, XIX-J-1-k, box 12, folder 3.",
    "chinese": "PRC FMA, No. 109-01040-01.",
}


@pytest.fixture
def every_form(document):
    return {name: document(title=name, citation={"as_given": text}) for name, text in EVERY_FORM.items()}


def test_citations_of_every_form_check_without_a_warning(check, every_form):
    result = check(documents=every_form)
    assert result.lines == []
    assert {d.id: d.citation.form for d in result.edition.documents} == {k: k for k in PRINTED}


def test_citations_of_every_form_print_their_archive_and_shelfmark(check, every_form):
    docs = check(documents=every_form).edition.documents
    assert {d.id: printed(d) for d in docs} == PRINTED


def test_check_strict_passes_on_citations_of_every_form(make_edition, every_form, capsys):
    root = make_edition(documents=every_form)
    assert main(["check", "--strict", str(root)]) == 0
    assert capsys.readouterr().err == "edition check: 0 error(s), 0 warning(s)\n"
