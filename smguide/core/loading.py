"""Loading a content root: every council, its documents and its trees.

Loading never raises for bad content. A file that cannot be read or parsed
is reported and left out; the rest still loads, so one broken tree does not
take the whole guide down.
"""

from __future__ import annotations

from pathlib import Path

from smguide.core import locations
from smguide.core.collector import collector_paused
from smguide.core.councils import parse_council
from smguide.core.documents import parse_document
from smguide.core.fields import Fields, expect_mapping
from smguide.core.model import (
    Council,
    CouncilContent,
    Document,
    Library,
    SessionGuide,
    Tree,
)
from smguide.core.namedfiles import is_file
from smguide.core.problems import Problem, ProblemList
from smguide.core.sessions_content import FILE as SESSIONS_FILE
from smguide.core.sessions_content import parse_sessions
from smguide.core.synonyms import FILE as SYNONYMS_FILE
from smguide.core.synonyms import parse_synonyms
from smguide.core.trees import parse_tree
from smguide.core.yamlsource import load_yaml

COUNCIL_FILE = "council.yaml"
#: Lists the councils in the order the app shows them; the first is the default.
ORDER_FILE = "councils.yaml"
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
    with collector_paused():  # 100,000 objects and no cycles: see core/collector.py
        return _load_library(root)


def _load_library(root: Path | str | None) -> Library:
    base = locations.content_root(root)
    sink: list[Problem] = []
    content_dir = base / locations.CONTENT
    trees_dir = base / locations.TREES
    if not content_dir.is_dir():
        ProblemList(base, sink).add(1, f"no {locations.CONTENT}/ folder in {base}")
        return Library(base, {}, tuple(sink))

    councils: dict[str, CouncilContent] = {}
    folders = sorted(p for p in content_dir.iterdir() if p.is_dir())
    for folder in _in_order(content_dir, folders, sink):
        council = _load_council(folder, sink)
        if council is None:
            continue
        documents = _load_documents(folder, council, sink)
        trees = _load_trees(trees_dir / folder.name, council.id, sink)
        synonyms = _load_synonyms(folder, sink)
        sessions = _load_sessions(folder, sink)
        councils[council.id] = CouncilContent(council, documents, trees, synonyms, sessions)

    if trees_dir.is_dir():
        for folder in sorted(p for p in trees_dir.iterdir() if p.is_dir()):
            if folder.name not in councils and not (content_dir / folder.name).is_dir():
                ProblemList(folder, sink).add(
                    1, f"trees for council {folder.name!r}, which has no content/ folder"
                )
    return Library(base, councils, tuple(sink))


def _in_order(content_dir: Path, folders: list[Path], sink: list[Problem]) -> list[Path]:
    """The council folders in the order ``councils.yaml`` gives, then the rest by name.

    The first council is the one used when none is chosen, so the file is
    how a content root names its default council.
    """
    path = content_dir / ORDER_FILE
    if not path.is_file():
        return folders
    problems = ProblemList(path, sink)
    text = read_text(path, problems)
    data = None if text is None else load_yaml(text, problems)
    if data is None:
        return folders
    mapping = expect_mapping(data, ORDER_FILE, 1, problems)
    if mapping is None:
        return folders
    by_name = {folder.name: folder for folder in folders}
    ordered: list[Path] = []
    for name, line in Fields(mapping, ORDER_FILE, problems, required=("councils",)).texts(
        "councils"
    ):
        if name not in by_name:
            known = ", ".join(by_name) or "none"
            problems.add(
                line, f"{ORDER_FILE} names council {name!r}, which has no folder (known: {known})"
            )
        elif by_name[name] in ordered:
            problems.add(line, f"{ORDER_FILE} names council {name!r} twice")
        else:
            ordered.append(by_name[name])
    return ordered + [folder for folder in folders if folder not in ordered]


def _load_synonyms(folder: Path, sink: list[Problem]) -> dict[str, tuple[str, ...]]:
    path = folder / SYNONYMS_FILE
    if not path.is_file():
        return {}
    problems = ProblemList(path, sink)
    text = read_text(path, problems)
    return {} if text is None else parse_synonyms(text, problems)


def _load_sessions(folder: Path, sink: list[Problem]) -> SessionGuide:
    path = folder / SESSIONS_FILE
    if not path.is_file():
        return SessionGuide()
    problems = ProblemList(path, sink)
    text = read_text(path, problems)
    return SessionGuide(path=path) if text is None else parse_sessions(path, text, problems)


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
        if not is_file(folder / f"{document_id}.md"):
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
