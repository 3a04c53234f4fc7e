"""Comparing a superseded policy with the version that replaced it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from smguide.core.changes import compare, word_diff
from smguide.core.rendering import Renderer


def _pairs(ncc) -> dict[str, tuple[str, str]]:
    changes = compare(ncc.documents["ncc-policy-2012"], ncc.documents["ncc-policy"])
    return {
        change.new.number: (change.old.number, change.kind)
        for change in changes
        if change.old and change.new
    }


def test_renumbered_paragraphs_are_matched_by_their_words(ncc) -> None:
    pairs = _pairs(ncc)
    # Political neutrality: 12 in 2012, 17 now, word for word.
    assert pairs["17"] == ("12", "same")
    # Account authorisation: 14 in 2012, 19 now, slightly reworded.
    assert pairs["19"] == ("14", "changed")
    # "Social media is the term commonly given to online tools...", reworded.
    assert pairs["2"] == ("1", "changed")


def test_every_paragraph_of_both_versions_appears_once(ncc) -> None:
    old, new = ncc.documents["ncc-policy-2012"], ncc.documents["ncc-policy"]
    changes = compare(old, new)
    assert sorted(c.new.number for c in changes if c.new) == sorted(c.number for c in new.clauses)
    assert sorted(c.old.number for c in changes if c.old) == sorted(c.number for c in old.clauses)
    removed = {c.old.number for c in changes if c.kind == "removed"}
    # 2012's 15 (no liability for individuals) has no counterpart in the new policy.
    assert "15" in removed


def test_word_diff_marks_removed_and_added_words() -> None:
    runs = word_diff(
        "Accounts will only be authorised by Comms.",
        "Accounts will only be authorised by Comms with approval.",
    )
    assert ("added", "with approval.") in runs or ("added", "Comms with approval.") in runs
    assert runs[0] == ("same", "Accounts will only be authorised by")


def test_changes_page_shows_both_numbers_and_marks_without_colour_alone(ncc) -> None:
    html = Renderer(ncc).changes(ncc.documents["ncc-policy-2012"], ncc.documents["ncc-policy"])
    assert "<h1>What changed</h1>" in html
    assert 'href="clause:ncc-policy-2012:12">12</a>' in html
    assert 'href="clause:ncc-policy:17">17</a>' in html
    assert "<s " in html and "<u " in html  # struck through and underlined


def test_library_offers_what_changed_for_the_superseded_policy(qtbot, make_window) -> None:
    window = make_window()
    window.open_library()
    library = window.library
    assert library.documents.item(0).text() == "Nottinghamshire County Council"
    assert not library.changes_button.isVisibleTo(window)
    window.open_library("ncc-policy-2012:12")
    assert "has been superseded by Social Media Policy" in library.view.toPlainText()
    assert library.changes_button.isVisibleTo(window)
    qtbot.mouseClick(library.changes_button, Qt.MouseButton.LeftButton)
    text = library.view.toPlainText()
    assert "What changed" in text and "unchanged" in text and "Reworded" in text
    # Choosing the document again shows the document, not the comparison.
    library.show_document("ncc-policy-2012")
    assert "What changed" not in library.view.toPlainText()
