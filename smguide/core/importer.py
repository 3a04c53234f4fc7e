"""Turning a council's policy text into a draft clause document.

A new council brings its policy as text copied out of a PDF or Word file.
This finds the numbered paragraphs and headings, mends lines the extraction
broke, turns bullets into lists, and writes a draft in the content format.
The author then checks it against the source: the draft says what it could
not place, and ``smguide check`` and the fidelity test do the rest.

The rules come from the documents this product ships: a numbered line is a
heading when the next number is its child (``7.`` then ``7.1``), when it ends
in ``.0`` or when it is in capitals; otherwise it starts a clause. Short lines
standing alone, without closing punctuation, are headings. Lines holding tabs
are contents pages and document-control tables, and are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

NUMBERED = re.compile(r"^(?:[-•–]\s+)?(?P<number>\d+(?:\.\d+)*)(?P<dot>\.?)\s+(?P<text>\S.*)$")
BULLET = re.compile(r"^\s*[-•–*▪·]\s+(?P<text>\S.*)$")
FOOTNOTE = re.compile(r"^(?P<mark>[¹²³⁴⁵⁶⁷⁸⁹])\s*(?P<text>\S.*)$")
SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹"
SENTENCE_END = (".", ":", ";", "?", "!", ",", "'", '"', "”", "’", ")")
#: Endings a standalone heading may still have ("What is social media?", "Appendix One:").
HEADING_END = ("?", ":")
APPENDIX = re.compile(r"^Appendix\s+(?P<name>[A-Za-z0-9]+)\b")


@dataclass
class Draft:
    """The draft document and what the author should look at."""

    markdown: str
    clauses: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class _Block:
    kind: str  # "clause", "heading", "text", "item", "footnote"
    text: str
    number: str = ""
    dot: str = ""
    level: int = 1
    source_line: int = 0


def _is_child(number: str, following: str | None) -> bool:
    return following is not None and following.startswith(number + ".")


def _looks_like_heading(text: str, limit: int = 80) -> bool:
    stripped = text.strip().strip("*").strip()
    if not stripped or len(stripped) > limit or not stripped[0].isupper():
        return False
    return (
        not stripped.endswith(SENTENCE_END) or stripped.endswith(HEADING_END) or stripped.isupper()
    )


def _blocks(lines: list[tuple[int, str]]) -> list[_Block]:
    """Lines into blocks, each logical paragraph joined onto one line."""
    numbers = [
        (index, match["number"])
        for index, (_, line) in enumerate(lines)
        if (match := NUMBERED.match(line.strip()))
    ]
    next_number = {
        index: numbers[position + 1][1] if position + 1 < len(numbers) else None
        for position, (index, _) in enumerate(numbers)
    }
    blocks: list[_Block] = []
    previous_blank = True
    for index, (line_number, raw) in enumerate(lines):
        line = raw.strip()
        if not line:
            previous_blank = True
            continue
        following_blank = index + 1 >= len(lines) or not lines[index + 1][1].strip()
        numbered = NUMBERED.match(line)
        footnote = FOOTNOTE.match(line)
        bullet = BULLET.match(line)
        if numbered:
            number, text = numbered["number"], numbered["text"]
            if (
                (_is_child(number, next_number.get(index)) and _looks_like_heading(text, 90))
                or number.endswith(".0")
                or text.isupper()
                or (
                    _looks_like_heading(text)
                    and "." in number
                    and following_blank
                    and len(text) < 40
                )
            ):
                level = 1 if "." not in number or number.endswith(".0") else 2
                blocks.append(
                    _Block(
                        "heading",
                        f"{number}{numbered['dot']} {text}".strip(),
                        level=level,
                        source_line=line_number,
                    )
                )
            else:
                blocks.append(
                    _Block(
                        "clause", text, number=number, dot=numbered["dot"], source_line=line_number
                    )
                )
        elif footnote:
            mark = str(SUPERSCRIPTS.index(footnote["mark"]) + 1)
            blocks.append(
                _Block("footnote", line, number=f"footnote-{mark}", source_line=line_number)
            )
        elif bullet:
            blocks.append(_Block("item", bullet["text"], source_line=line_number))
        elif previous_blank and following_blank and _looks_like_heading(line):
            blocks.append(_Block("heading", line, level=2, source_line=line_number))
        elif (
            blocks
            and not previous_blank
            and blocks[-1].kind in ("clause", "text", "item", "footnote")
        ) or (
            # A paragraph broken across a blank line mid-sentence.
            blocks
            and blocks[-1].kind in ("clause", "text", "item")
            and not blocks[-1].text.rstrip().endswith(SENTENCE_END)
            and line[:1].islower()
        ):
            blocks[-1].text = f"{blocks[-1].text.rstrip()} {line}"
        else:
            blocks.append(_Block("text", line, source_line=line_number))
        previous_blank = False
    return blocks


def draft_document(
    source: str,
    document_id: str,
    council: str,
    source_file: str,
    *,
    title: str | None = None,
    line_range: tuple[int, int] | None = None,
) -> Draft:
    """A draft clause document from *source*, the policy's text as received."""
    all_lines = source.splitlines()
    first, last = line_range or (1, len(all_lines))
    selected = [
        (number, line.rstrip())
        for number, line in enumerate(all_lines, start=1)
        if first <= number <= last and "\t" not in line
    ]
    skipped = sum(1 for line in all_lines[first - 1 : last] if "\t" in line)
    blocks = _blocks(selected)
    found_title = title or next(
        (line.strip() for _, line in selected if line.strip()), document_id
    )

    result = Draft("")
    body: list[str] = []
    in_clause = False
    seen: set[str] = set()
    for block in blocks:
        if block.kind == "heading":
            if block.text == found_title and not result.headings:
                continue  # the title line, already in the front matter
            body += ["", f"{'#' * block.level} {block.text}", ""]
            result.headings.append(block.text)
            in_clause = False
            appendix = APPENDIX.match(block.text)
            if appendix:
                # An appendix is one unnumbered clause holding its text.
                name = f"appendix-{appendix['name'].lower()}"
                body += [f"**[{name}]**"]
                result.clauses.append(name)
                in_clause = True
        elif block.kind in ("clause", "footnote"):
            marker = (
                f"**{block.number}{block.dot}**"
                if block.kind == "clause"
                else f"**[{block.number}]**"
            )
            if block.number in seen:
                result.notes.append(
                    f"source line {block.source_line}: clause {block.number} appears twice; "
                    "is this a second numbering (use --lines to import each part)?"
                )
            seen.add(block.number)
            body += ["", f"{marker} {block.text}"]
            result.clauses.append(block.number)
            in_clause = True
        elif block.kind == "item":
            if body and not body[-1].startswith("- "):
                body.append("")
            body.append(f"- {block.text}")
        else:
            if not in_clause:
                result.notes.append(
                    f"source line {block.source_line}: text outside any clause "
                    f"({block.text[:50]}...): make it a clause, a heading, or remove it"
                )
            body += ["", block.text]
    if skipped:
        result.notes.append(f"{skipped} line(s) with tabs (contents, tables) were left out")

    front = [
        "---",
        f"title: {_yaml_text(found_title)}",
        f"council: {council}",
        "kind: policy",
        "status: current",
        f"source: sources/{source_file}",
    ]
    if line_range:
        front.append(f"source_lines: [{first}, {last}]")
    front.append("---")
    text = "\n".join(front + _tidy(body)) + "\n"
    result.markdown = text
    return result


def _tidy(body: list[str]) -> list[str]:
    """No runs of blank lines, and none at the start."""
    tidy: list[str] = []
    for line in body:
        if line == "" and (not tidy or tidy[-1] == ""):
            continue
        tidy.append(line)
    return ["", *tidy] if tidy and tidy[0] != "" else tidy


def _yaml_text(text: str) -> str:
    if re.search(r"[:#\[\]{}&*!|>'\"%@`]", text) or text != text.strip():
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text
