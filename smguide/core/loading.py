"""Loading a content root: every council, its documents and its trees.

Loading never raises for bad content. A file that cannot be read or parsed
is reported and left out; the rest still loads, so one broken tree does not
take the whole guide down.
"""

from __future__ import annotations

from pathlib import Path

from smguide.core import locations
from smguide.core.councils import parse_council
from smguide.core.documents import parse_document
from smguide.core.model import (
    Council,
    CouncilContent,
    Document,
    Library,
    Tree,
)
from smguide.core.problems import Problem, ProblemList
from smguide.core.trees import parse_tree

COUNCIL_FILE = "council.yaml"
TREE_SUFFIXES = (".yaml", ".yml")


def read_text(path: Path, problems: ProblemList) -> str | None:
    """A file's text as UTF-8, or a problem saying why it could not be read."""
    try:
        data = path.read_bytes()
    except OSError as error:
        problems.add(1, f"cannot read the file: {error.strerror or error}")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.add(line, "the file is not UTF-8 text; save it as UTF-8")
        return None


def load_library(root: Path | str | None = None) -> Library:
    """Load every council under *root* (default: the built-in content)."""
    base = locations.content_root(root)
    sink: list[Problem] = []
    content_dir = base / locations.CONTENT
    trees_dir = base / locations.TREES
    if not content_dir.is_dir():
        ProblemList(base, sink).add(1, f"no {locations.CONTENT}/ folder in {base}")
        return Library(base, {}, tuple(sink))

    councils: dict[str, CouncilContent] = {}
    for folder in sorted(p for p in content_dir.iterdir() if p.is_dir()):
        council = _load_council(folder, sink)
        if council is None:
            continue
        documents = _load_documents(folder, council, sink)
        trees = _load_trees(trees_dir / folder.name, council.id, sink)
        councils[council.id] = CouncilContent(council, documents, trees)

    if trees_dir.is_dir():
        for folder in sorted(p for p in trees_dir.iterdir() if p.is_dir()):
            if folder.name not in councils and not (content_dir / folder.name).is_dir():
                ProblemList(folder, sink).add(
                    1, f"trees for council {folder.name!r}, which has no content/ folder"
                )
    return Library(base, councils, tuple(sink))


def _load_council(folder: Path, sink: list[Problem]) -> Council | None:
    path = folder / COUNCIL_FILE
    problems = ProblemList(path, sink)
    if not path.is_file():
        problems.add(1, f"the council folder {folder.name!r} has no {COUNCIL_FILE}")
        return None
    text = read_text(path, problems)
    return None if text is None else parse_council(path, text, problems)


def _load_documents(folder: Path, council: Council, sink: list[Problem]) -> dict[str, Document]:
    listed = set(council.documents)
    found: dict[str, Document] = {}
    for path in sorted(folder.glob("*.md")):
        problems = ProblemList(path, sink)
        if path.stem not in listed:
            problems.add(
                1, f"document {path.stem!r} is not listed under 'documents' in {COUNCIL_FILE}"
            )
        text = read_text(path, problems)
        if text is None:
            continue
        document = parse_document(path, text, problems, council.id)
        if document is not None:
            found[document.id] = document
    council_problems = ProblemList(council.path, sink)
    for document_id in council.documents:
        if not (folder / f"{document_id}.md").is_file():
            council_problems.add(
                council.lines.get(f"document:{document_id}", 1),
                f"document {document_id!r} is listed but {document_id}.md does not exist",
            )
    # Keep the council's reading order.
    return {d: found[d] for d in council.documents if d in found} | {
        d: doc for d, doc in found.items() if d not in listed
    }


def _load_trees(folder: Path, council_id: str, sink: list[Problem]) -> dict[str, Tree]:
    trees: dict[str, Tree] = {}
    if not folder.is_dir():
        return trees
    for path in sorted(p for p in folder.iterdir() if p.suffix in TREE_SUFFIXES):
        problems = ProblemList(path, sink)
        if path.stem in trees:
            problems.add(1, f"tree {path.stem!r} exists twice ({path.stem}.yaml and .yml)")
            continue
        text = read_text(path, problems)
        if text is None:
            continue
        tree = parse_tree(path, text, problems, council_id)
        if tree is not None:
            trees[tree.id] = tree
    return trees
