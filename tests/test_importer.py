"""The importer on all five sources, and on policy text it has never seen.

For each source the draft must parse as a clause document with the right
numbers, and every clause of it must be word for word in the source: the
author's job is to check the draft, not to retype it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smguide.cli import main
from smguide.core import locations
from smguide.core.documents import parse_document
from smguide.core.fidelity import differing_clauses, normalise
from smguide.core.importer import draft_document
from smguide.core.model import Document
from smguide.core.problems import Problem, ProblemList

SOURCES = locations.builtin_root() / "content"


def _parsed(tmp_path: Path, source: Path, doc_id: str, **options) -> Document:
    """Draft *source*, write it beside a copy of the source, and parse it back."""
    folder = tmp_path / "council"
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    shutil.copy(source, folder / "sources" / source.name)
    draft = draft_document(
        source.read_text(encoding="utf-8"), doc_id, "council", source.name, **options
    )
    path = folder / f"{doc_id}.md"
    path.write_text(draft.markdown, encoding="utf-8")
    sink: list[Problem] = []
    document = parse_document(path, draft.markdown, ProblemList(path, sink), "council")
    assert document is not None
    assert [p for p in sink if p.severity == "error"] == []
    return document


@pytest.mark.parametrize(
    ("council", "source", "count"),
    [
        ("nottinghamshire", "000_a91ab104a3887eec.txt", 74),
        ("nottinghamshire", "004_99a93af4dc383ae4.txt", 32),
        ("nottinghamshire", "002_1125d7b95af227c5.txt", 20),
    ],
)
def test_numbered_paragraphs_become_clauses_word_for_word(
    tmp_path: Path, council: str, source: str, count: int
) -> None:
    document = _parsed(tmp_path, SOURCES / council / "sources" / source, "doc")
    assert [c.number for c in document.clauses] == [str(n) for n in range(1, count + 1)]
    assert differing_clauses(document) == []


def test_draft_matches_the_curated_nottinghamshire_guidelines(tmp_path: Path, ncc) -> None:
    """Clause by clause, the draft says what the checked document says."""
    curated = ncc.documents["ncc-guidelines"]
    source = SOURCES / "nottinghamshire" / "sources" / "000_a91ab104a3887eec.txt"
    draft = _parsed(tmp_path, source, "ncc-guidelines")
    for ours, theirs in zip(draft.clauses, curated.clauses, strict=True):
        assert normalise(ours.text) == normalise(theirs.text), ours.number
        assert ours.heading == theirs.heading, ours.number


WBC = locations.builtin_root() / "content" / "wbc" / "sources" / "001_79f148c613570ebe.txt"
NLC = (
    locations.builtin_root()
    / "content"
    / "north-lincolnshire"
    / "sources"
    / "003_6e42df1b0be1138a.txt"
)
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def _source(path: Path) -> Path:
    if path.is_file():
        return path
    seed = SEEDS / path.name
    if not seed.is_file():
        pytest.skip(f"{path.name} is not available")
    return seed


def test_wbc_section_numbering_footnotes_and_appendix(tmp_path: Path) -> None:
    document = _parsed(tmp_path, _source(WBC), "wbc-guidance")
    numbers = [c.number for c in document.clauses]
    assert numbers[:5] == ["1.1", "1.1.1", "1.1.2", "1.1.3", "2.1"]
    assert {"4.2", "4.3", "4.4", "5.3", "7.4", "8.5", "9.1", "9.2"} <= set(numbers)
    assert {"footnote-1", "footnote-2", "appendix-one"} <= set(numbers)
    assert "9. Examples of unacceptable use of private social media" in document.body
    assert differing_clauses(document) == []


@pytest.mark.parametrize(
    ("doc_id", "lines", "expected"),
    [
        ("nlc-report", (1, 92), ["1.1", "2.1", "2.2", "2.3", "2.4", "3.1", "3.1.1"]),
        ("nlc-policy", (93, 300), ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "2.1"]),
    ],
)
def test_two_numberings_in_one_file_by_line_range(
    tmp_path: Path, doc_id: str, lines: tuple[int, int], expected: list[str]
) -> None:
    source = _source(NLC)
    total = len(source.read_text(encoding="utf-8").splitlines())
    document = _parsed(tmp_path, source, doc_id, line_range=(lines[0], min(lines[1], total)))
    numbers = [c.number for c in document.clauses]
    assert numbers[: len(expected)] == expected
    assert len(numbers) == len(set(numbers)), "a second numbering leaked in"
    assert differing_clauses(document) == []


# -- text it has never seen ---------------------------------------------------

VOCABULARY = (
    "staff", "must", "not", "post", "service", "users", "photos", "without", "consent",
    "and", "should", "ask", "their", "manager", "before", "using", "council", "accounts",
    "online", "forums", "comments", "privacy", "settings",
)  # fmt: skip
words = st.lists(st.sampled_from(VOCABULARY), min_size=4, max_size=30)


@st.composite
def policies(draw):
    """A made-up numbered policy, laid out the way extracted text is."""
    sections = draw(st.integers(min_value=1, max_value=4))
    lines: list[str] = ["Made-up Council", "", "Use of Social Media", ""]
    expected: dict[str, str] = {}
    for section in range(1, sections + 1):
        lines += [f"{section}. Section {section} heading", ""]
        for paragraph in range(1, draw(st.integers(min_value=1, max_value=5)) + 1):
            number = f"{section}.{paragraph}"
            sentence = " ".join(draw(words)).capitalize() + "."
            wrap = draw(st.integers(min_value=20, max_value=90))
            chunks = [sentence[i : i + wrap] for i in range(0, len(sentence), wrap)]
            # Extraction breaks lines anywhere; bullets follow some paragraphs.
            lines.append(f"- {number} {chunks[0]}")
            lines += chunks[1:]
            items = draw(st.lists(words.map(lambda w: " ".join(w)), max_size=3))
            lines += [f"• {item}" for item in items]
            lines.append("")
            expected[number] = " ".join([sentence, *items])
    return "\n".join(lines), expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(policies())
def test_unseen_policy_text_is_drafted_faithfully(policy) -> None:
    text, expected = policy
    draft = draft_document(text, "made-up", "made-up", "made-up.txt")
    assert draft.clauses == list(expected)
    body = draft.markdown
    for number, content in expected.items():
        marker = f"**{number}**"
        start = body.index(marker) + len(marker)
        end = min((body.find("\n**", start) % (len(body) + 1)), len(body))
        section = body[start:end].split("\n#")[0]
        assert normalise(section).replace(" ", "") == normalise(content).replace(" ", "")


def test_import_command_writes_the_draft_and_notes(tmp_path: Path, capsys) -> None:
    source = tmp_path / "policy.txt"
    source.write_text("Our Policy\n\n1. Scope\n\n1.1 Everyone.\n1.2 Ask first.\n\nStray words\n")
    out = tmp_path / "draft.md"
    code = main(
        ["import", str(source), "--id", "our-policy", "--council", "ours", "--output", str(out)]
    )
    assert code == 0
    text = out.read_text()
    assert "**1.1** Everyone." in text and "# 1. Scope" in text
    err = capsys.readouterr().err
    assert "2 clauses and 2 headings found" in err  # "Stray words" stands alone: a heading


@pytest.mark.parametrize(
    "argv",
    [
        ["--lines", "9-3"],
        ["--lines", "x"],
        ["--id", "Bad Id"],
    ],
)
def test_import_command_rejects_bad_options(tmp_path: Path, capsys, argv) -> None:
    source = tmp_path / "policy.txt"
    source.write_text("1. Text.\n")
    base = ["import", str(source), "--id", "ok", "--council", "c"]
    code = main(base + argv)
    assert code == 2
    assert capsys.readouterr().err.startswith("smguide: ")
