"""Policy documents: Markdown with front matter, one clause per numbered paragraph.

The format keeps the council's own numbering visible to the person editing
it: a clause starts with its number in bold (``**29.**``), and ``#``/``##``
headings give each clause its place in the document. A part of a numbered
paragraph that the policy sets apart (the principles under 2.6) is
``**2.6/be-responsible**``; an unnumbered section (an appendix, a footnote)
is ``**[appendix-one]**``.
"""

from __future__ import annotations

import re
from pathlib import Path

from smguide.core.fields import Fields, expect_mapping
from smguide.core.model import DOCUMENT_KINDS, STATUSES, Clause, Document
from smguide.core.namedfiles import inside, is_file
from smguide.core.problems import ProblemList
from smguide.core.yamlsource import load_yaml

#: ``**29.**``, ``**4.2**``, ``**1.1.1.**``, ``**2.6/be-responsible**`` or
#: ``**[appendix-one]**`` at the start of a line.
CLAUSE_MARKER = re.compile(
    r"^\*\*(?:(?P<number>\d+(?:\.\d+)*(?:/[a-z0-9][a-z0-9-]*)?)\.?|\[(?P<name>[a-z][a-z0-9-]*)\])"
    r"\*\*(?:\s+|$)(?P<rest>.*)$"
)
HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")

FRONT_MATTER_REQUIRED = ("title", "council", "kind", "status", "source")
FRONT_MATTER_OPTIONAL = (
    "superseded_by",
    "version",
    "issued",
    "informational",
    "source_lines",
)
_RANGE = re.compile(r"^(\d+)\s*-\s*(\d+)$")


def parse_document(
    path: Path, text: str, problems: ProblemList, council_id: str
) -> Document | None:
    """Parse one document file; problems are reported, never raised."""
    # Lines as an editor counts them: a form feed or NEL pasted from a PDF is
    # not a new line (``str.splitlines`` would count it, and every later
    # clause would be reported a line too far down).
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines[-1] == "":
        lines.pop()
    if not lines or lines[0].strip() != "---":
        problems.add(1, "a document must start with front matter between '---' lines")
        return None
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        problems.add(1, "front matter is not closed by a '---' line")
        return None

    data = load_yaml("\n".join(lines[1:end]), problems, line_offset=1)
    if data is None:
        if end == 1:
            problems.add(1, "front matter is empty")
        return None
    meta = expect_mapping(data, "front matter", 2, problems)
    if meta is None:
        return None
    fields = Fields(
        meta,
        "front matter",
        problems,
        required=FRONT_MATTER_REQUIRED,
        optional=FRONT_MATTER_OPTIONAL,
    )
    title = fields.text("title")
    council = fields.text("council")
    kind = fields.text("kind")
    status = fields.text("status")
    source = fields.text("source")
    superseded_by = fields.text("superseded_by")
    version = fields.text("version")
    issued = fields.text("issued")
    informational = _informational(fields, problems)
    source_lines = _source_lines(fields, problems)

    if council and council != council_id:
        problems.add(
            fields.line("council"),
            f"council {council!r} does not match the folder it is in ({council_id!r})",
        )
    if kind and kind not in DOCUMENT_KINDS:
        problems.add(
            fields.line("kind"),
            f"unknown kind {kind!r}; expected one of: {', '.join(DOCUMENT_KINDS)}",
        )
    if status and status not in STATUSES:
        problems.add(
            fields.line("status"),
            f"unknown status {status!r}; expected one of: {', '.join(STATUSES)}",
        )
    if status == "superseded" and not superseded_by:
        problems.add(fields.line("status"), "a superseded document must say 'superseded_by'")
    if superseded_by and status != "superseded":
        problems.add(
            fields.line("superseded_by"), "'superseded_by' is only for status: superseded"
        )
    if source:
        source_path = inside(path.parent, source)
        if source_path is None:
            problems.add(
                fields.line("source"),
                f"source {_shown(source)} must be a file in the council's folder, named "
                "relative to it (like sources/policy.txt)",
            )
        elif not is_file(source_path):
            problems.add(fields.line("source"), f"source file {_shown(source)} was not found")

    clauses = _parse_clauses(lines, end + 1, path.stem, problems)
    numbers = {clause.number for clause in clauses}
    for number, line in informational:
        if number not in numbers:
            problems.add(line, f"informational names clause {number}, which the document lacks")
    if not clauses:
        problems.add(end + 2, "the document has no clauses (a clause starts with **number.**)")
    return Document(
        id=path.stem,
        council=council_id,
        title=title,
        kind=kind,
        status=status,
        source=source,
        clauses=clauses,
        path=path,
        body="\n".join(lines[end + 1 :]),
        superseded_by=superseded_by,
        version=version,
        issued=issued,
        informational=frozenset(number for number, _ in informational),
        source_lines=source_lines,
        lines=fields.lines,
    )


def _shown(text: str) -> str:
    """A name as a message quotes it: whole when short, its start when not."""
    return repr(text) if len(text) <= 80 else repr(text[:60]) + f"... ({len(text)} characters)"


def _parse_clauses(
    lines: list[str], first: int, document_id: str, problems: ProblemList
) -> tuple[Clause, ...]:
    clauses: list[Clause] = []
    seen: dict[str, int] = {}
    headings: list[str] = []
    current: tuple[str, int, list[str]] | None = None

    def close() -> None:
        if current is None:
            return
        number, line, text_lines = current
        text = "\n".join(text_lines).strip("\n").rstrip()
        if not text.strip():
            problems.add(line, f"clause {number} has no text")
        clauses.append(Clause(document_id, number, tuple(headings), text, line))

    for index in range(first, len(lines)):
        line_number = index + 1
        raw = lines[index].rstrip()
        heading = HEADING.match(raw)
        if heading:
            close()
            current = None
            level = len(heading["level"])
            del headings[level - 1 :]
            headings.extend([""] * (level - 1 - len(headings)))
            headings.append(heading["text"])
            continue
        marker = CLAUSE_MARKER.match(raw)
        if marker:
            close()
            number = marker["number"] or marker["name"]
            if number in seen:
                problems.add(
                    line_number, f"clause {number} appears twice (first on line {seen[number]})"
                )
            seen.setdefault(number, line_number)
            current = (number, line_number, [marker["rest"]])
            continue
        if current is not None:
            current[2].append(raw)
    close()
    # Keep headings free of placeholders left by skipped levels.
    return tuple(
        Clause(c.document, c.number, tuple(h for h in c.headings if h), c.text, c.line)
        for c in clauses
    )


def _informational(fields: Fields, problems: ProblemList) -> list[tuple[str, int]]:
    """Clause numbers marked informational: ``[1, 2, "4-7", "2.6/be-legal"]``."""
    result: list[tuple[str, int]] = []
    for item, line in fields.texts("informational"):
        span = _RANGE.match(item)
        if span:
            first, last = int(span[1]), int(span[2])
            if first > last:
                problems.add(line, f"informational range {item!r} runs backwards")
            result += [(str(number), line) for number in range(first, last + 1)]
        else:
            result.append((item, line))
    return result


def _source_lines(fields: Fields, problems: ProblemList) -> tuple[int, int] | None:
    """``source_lines: [first, last]``: the part of a shared source this document covers."""
    items = fields.items("source_lines")
    if not items:
        return None
    values = [item for item, _ in items]
    if (
        len(values) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in values)
        or not 1 <= values[0] <= values[1]
    ):
        problems.add(
            fields.line("source_lines"),
            "source_lines must be [first, last], two line numbers with first <= last",
        )
        return None
    return values[0], values[1]
