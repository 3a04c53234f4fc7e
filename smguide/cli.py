"""The ``smguide`` command: the desktop app, and check, list, paths, graph and export.

It drives the same core the desktop app uses. Problems in content are
messages, never tracebacks; an unknown council or tree exits with status 2.
Each command imports what it needs when it runs, so starting the window pays
for none of them.
"""

from __future__ import annotations

import time

# Taken first, so --self-test reports start-up including imports.
STARTED = time.perf_counter()

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smguide import __version__

if TYPE_CHECKING:
    from smguide.core.model import CouncilContent, Library, Tree

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A mistake on the command line, reported in one line with exit status 2."""


#: The command names; any of them on the command line means a command, not the app.
COMMAND_NAMES = (
    "check",
    "list",
    "paths",
    "graph",
    "coverage",
    "export",
    "import",
    "search",
    "kiosk-pin",
    "config",
)
#: Options of the app that take no value, and their names in the parsed arguments.
SWITCHES = {"--self-test": "self_test", "--kiosk": "kiosk"}


def _common() -> argparse.ArgumentParser:
    """The options every command and the app share."""
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS lets the options stand before or after the command name.
    common.add_argument(
        "--council",
        metavar="ID",
        default=argparse.SUPPRESS,
        help="the council to use (default: the only or first council)",
    )
    common.add_argument(
        "--content",
        metavar="DIR",
        type=Path,
        default=argparse.SUPPRESS,
        help="a content root holding content/ and decision_trees/ (default: built in)",
    )
    common.add_argument(
        "--config",
        metavar="FILE",
        type=Path,
        default=argparse.SUPPRESS,
        help="the machine configuration file (default: see 'smguide config')",
    )
    return common


def _app_parser(common: argparse.ArgumentParser | None = None) -> argparse.ArgumentParser:
    """The parser for starting the app: the top level, without the commands."""
    parser = argparse.ArgumentParser(
        prog="smguide",
        description="A guide to your council's social media policy.",
        parents=[common or _common()],
    )
    parser.add_argument("--version", action="version", version=f"smguide {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="start the app, show the home page, print 'ready in N ms' and exit",
    )
    parser.add_argument(
        "--kiosk",
        action="store_true",
        help="run as a locked-down kiosk, whatever the configuration file says",
    )
    return parser


def _parser() -> argparse.ArgumentParser:
    """The whole command line: the app's options and every command."""
    common = _common()
    parser = _app_parser(common)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser(
        "check", parents=[common], help="validate all content; print path:line: message"
    )
    check.add_argument(
        "--reading",
        action="store_true",
        help="also print every question's and outcome's reading ease and sentence length",
    )
    commands.add_parser("list", parents=[common], help="councils, documents and trees")
    paths = commands.add_parser(
        "paths", parents=[common], help="every path through the trees and its outcome"
    )
    paths.add_argument("tree", nargs="?", metavar="TREE", help="only this tree")
    paths.add_argument("--json", action="store_true", help="print JSON")
    graph = commands.add_parser("graph", parents=[common], help="a tree as Graphviz DOT")
    graph.add_argument("tree", metavar="TREE")
    cover = commands.add_parser(
        "coverage", parents=[common], help="which clauses the trees cite, and which none do"
    )
    cover.add_argument("--json", action="store_true", help="print JSON")
    export = commands.add_parser("export", parents=[common], help="all loaded content")
    export.add_argument("--json", action="store_true", required=True, help="print JSON")
    search = commands.add_parser(
        "search", parents=[common], help="find the topics, outcomes and clauses for a situation"
    )
    search.add_argument("query", metavar="QUERY", help="a situation in your words, in quotes")
    search.add_argument("--json", action="store_true", help="print JSON")
    search.add_argument(
        "--library", action="store_true", help="search every document's clauses, by document"
    )
    search.add_argument("--limit", type=int, default=8, metavar="N", help="results of each kind")
    pin = commands.add_parser(
        "kiosk-pin",
        parents=[common],
        help="set the kiosk administrator's PIN in the configuration file",
    )
    pin.add_argument(
        "--print",
        action="store_true",
        dest="print_only",
        help="print the 'pin = ...' line to copy into a file, and write nothing",
    )
    commands.add_parser(
        "config", parents=[common], help="where the configuration file is, and what it sets"
    )
    importer = commands.add_parser(
        "import", help="draft a clause document from a council's policy text"
    )
    importer.add_argument("source", type=Path, metavar="SOURCE.txt")
    importer.add_argument("--id", required=True, dest="document_id", metavar="DOC")
    importer.add_argument("--council", required=True, dest="import_council", metavar="C")
    importer.add_argument("--title", help="the document's title (default: its first line)")
    importer.add_argument(
        "--lines", metavar="FIRST-LAST", help="import only these lines (one part of a file)"
    )
    importer.add_argument(
        "--output", type=Path, metavar="FILE", help="write the draft here (default: print it)"
    )
    return parser


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    """The parsed command line.

    Starting the app, the commonest case, is parsed by the app's parser
    alone: building every command's parser costs the window 5 ms or more.
    Anything it does not fully understand goes to the whole parser, so help,
    errors and commands read the same either way.
    """
    if all(arg in SWITCHES for arg in argv):
        # Nothing but switches (the way people and shortcuts start the app):
        # no parser needed, and building one costs the window about 5 ms.
        switches = {name: arg in argv for arg, name in SWITCHES.items()}
        return argparse.Namespace(**switches, command=None)
    if not any(arg in COMMAND_NAMES or arg in ("-h", "--help") for arg in argv):
        args, rest = _app_parser().parse_known_args(argv)
        if not rest:
            args.command = None
            return args
    return _parser().parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(sys.argv[1:] if argv is None else argv)
    if args.command is None:
        # The desktop app; Qt is imported only now, so the commands never need it.
        # The core goes first: PySide6 reads the source of every module imported
        # after it (for its __feature__ switch), which the core does not need.
        import smguide.core.content_source  # noqa: F401
        from smguide.ui.app import run

        status = run(
            getattr(args, "content", None),
            getattr(args, "council", None),
            self_test=args.self_test,
            started=STARTED,
            kiosk=args.kiosk,
            config_path=getattr(args, "config", None),
        )
        if args.self_test and argv is None:
            # The program itself (not a caller in Python): a self-test has saved
            # all it saves, so it ends at once rather than spend 20-30 ms taking
            # the window's hundreds of widgets apart one by one.
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)
        return status
    from smguide.core.model import UnknownCouncilError

    try:
        if args.command in WITHOUT_CONTENT:
            return WITHOUT_CONTENT[args.command](args)
        library, shown_instead = _content(args)
        if library is None:
            return EXIT_PROBLEMS
        status = COMMANDS[args.command](library, args)
        if shown_instead is not None and status != EXIT_OK:
            print(f"smguide: the app shows {shown_instead()} instead", file=sys.stderr)
        return status
    except (UsageError, UnknownCouncilError) as error:
        print(f"smguide: {error.args[0]}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. `smguide paths | head`
        sys.stderr.close()
        return EXIT_OK


def _content(args: argparse.Namespace) -> tuple[Library | None, Callable[[], str] | None]:
    """The library a command works on, and what the app would show if that one fails.

    ``--content`` (or ``SMGUIDE_CONTENT``), else the content folder in the
    machine configuration, else the built-in content. ``check`` checks the
    configured folder itself, so its author sees its problems; the other
    commands, like the app, use the last good copy or the built-in content
    when the folder is out of reach or broken, and say so. The command line
    reads the user's cache but never writes it.
    """
    from smguide.core import locations
    from smguide.core.config import load_config
    from smguide.core.loading import load_library

    override = getattr(args, "content", None) or os.environ.get(locations.ENV_VAR)
    if override:
        return load_library(override), None
    config_path = getattr(args, "config", None)
    folder = load_config(config_path, explicit=config_path is not None).content
    if folder is None:
        return load_library(None), None

    from smguide.core.content_source import choose_content, unreachable

    def shown_instead() -> str:
        cache = locations.user_cache_dir()
        return choose_content(None, folder, cache, writable=False).source.version()

    if args.command == "check":
        reason = unreachable(folder)
        if reason:
            print(f"smguide: the content folder {folder} {reason}", file=sys.stderr)
            print(f"smguide: the app shows {shown_instead()} instead", file=sys.stderr)
            return None, None
        print(f"checking the content folder {folder} (from the machine configuration)")
        return load_library(folder), shown_instead
    chosen = choose_content(None, folder, locations.user_cache_dir(), writable=False)
    if chosen.source.fallen_back:
        print(f"smguide: {chosen.source.describe()}", file=sys.stderr)
    return chosen.checked.library, None


def _chosen(library: Library, args: argparse.Namespace) -> list[CouncilContent]:
    """The council named by --council, or every council."""
    council_id = getattr(args, "council", None)
    return [library.council(council_id)] if council_id else list(library.councils.values())


def _council(library: Library, args: argparse.Namespace) -> CouncilContent:
    return library.council(getattr(args, "council", None))


def _tree(content: CouncilContent, tree_id: str) -> Tree:
    tree = content.trees.get(tree_id)
    if tree is None:
        known = ", ".join(content.trees) or "none"
        raise UsageError(f"unknown tree {tree_id!r} for council {content.id!r} (known: {known})")
    return tree


def _warn_if_broken(library: Library) -> None:
    from smguide.core.problems import errors
    from smguide.core.validation import check

    count = len(errors(check(library)))
    if count:
        print(
            f"smguide: warning: the content has {count} problem(s); run 'smguide check'",
            file=sys.stderr,
        )


def cmd_check(library: Library, args: argparse.Namespace) -> int:
    from smguide.core.problems import errors, merged
    from smguide.core.readability import reading_problems
    from smguide.core.routes import routes
    from smguide.core.validation import check

    councils = _chosen(library, args)
    # Reading ease is checked here, not in check(): the app need not pay for it at start-up.
    problems = merged(check(library), reading_problems(library))
    if getattr(args, "council", None) is not None:
        problems = library.problems_of(problems, councils[0].id)
    for problem in problems:
        print(problem.format(Path.cwd()))
    if getattr(args, "reading", False):
        _print_readings(councils)
    found = errors(problems)
    if found:
        print(f"{len(found)} problem(s) found", file=sys.stderr)
        return EXIT_PROBLEMS
    trees = sum(len(c.trees) for c in councils)
    clauses = sum(len(d.clauses) for c in councils for d in c.documents.values())
    count = sum(1 for c in councils for t in c.trees.values() for _ in routes(t))
    warnings = len(problems) - len(found)
    note = f" ({warnings} warning(s) above)" if warnings else ""
    print(
        f"content is clean: {len(councils)} council(s), {clauses} clauses, "
        f"{trees} trees, {count} paths{note}"
    )
    return EXIT_OK


def _print_readings(councils: list[CouncilContent]) -> None:
    """Every node's reading ease, for a policy owner revising the words."""
    from smguide.core.problems import Problem
    from smguide.core.readability import (
        MAX_WORDS_PER_SENTENCE,
        MIN_EASE,
        describe,
        node_readings,
    )

    print(
        f"reading ease (higher is easier; warned below {MIN_EASE:.0f}, or above "
        f"{MAX_WORDS_PER_SENTENCE:.0f} words a sentence; quotations are left out):"
    )
    for content in councils:
        for item in node_readings(content):
            flag = "  (hard to read)" if item.reading.hard else ""
            # A problem's format names the file and line as check's other lines do.
            print(
                Problem(item.tree.path, item.node.line, describe(item) + flag).format(Path.cwd())
            )


def cmd_list(library: Library, args: argparse.Namespace) -> int:
    _warn_if_broken(library)
    chosen = _chosen(library, args)
    for content in chosen:
        council = content.council
        print(f"{council.id}: {council.name} ({council.short_name})")
        print("  documents:")
        for document in content.documents.values():
            status = document.status
            if document.superseded_by:
                status += f" by {document.superseded_by}"
            print(
                f"    {document.id:<20} {status:<10} {len(document.clauses):>3} clauses  "
                f"{document.title}"
            )
        print("  trees:")
        for tree in content.trees.values():
            print(f"    {tree.id:<26} {tree.title}")
        if content.sessions.scenarios:
            print(f"  scenario cards: {len(content.sessions.scenarios)} (sessions.yaml)")
    return EXIT_OK


def cmd_paths(library: Library, args: argparse.Namespace) -> int:
    from smguide.core.export import route_data
    from smguide.core.routes import routes

    _warn_if_broken(library)
    content = _council(library, args)
    trees = [_tree(content, args.tree)] if args.tree else list(content.trees.values())
    data = [route_data(route, content.council) for tree in trees for route in routes(tree)]
    if args.json:
        _print_json(data)
        return EXIT_OK
    for item in data:
        answers = " / ".join(a["answer"] for a in item["answers"])
        outcome = item["outcome"]
        end = (
            "(no outcome)"
            if outcome is None
            else f"{outcome['verdict'].upper()} {outcome['title']} [{', '.join(outcome['cites'])}]"
        )
        print(f"{item['tree']}: {answers} -> {end}")
    return EXIT_OK


def cmd_graph(library: Library, args: argparse.Namespace) -> int:
    from smguide.core.graph import to_dot

    content = _council(library, args)
    sys.stdout.write(to_dot(_tree(content, args.tree)))
    return EXIT_OK


def cmd_coverage(library: Library, args: argparse.Namespace) -> int:
    from smguide.core.coverage import coverage, coverage_data

    _warn_if_broken(library)
    chosen = _chosen(library, args)
    if args.json:
        _print_json([coverage_data(content) for content in chosen])
        return EXIT_OK
    for content in chosen:
        print(f"{content.id}: {content.council.name}")
        for item in coverage(content):
            informational = len(item.clauses) - len(item.rules)
            print(
                f"  {item.document.id}: {len(item.covered)} of {len(item.rules)} clauses "
                f"cited by an outcome ({item.percent:.1f}%); {informational} informational"
            )
            for clause in item.clauses:
                trees = sorted({f"{u.tree} ({u.kind})" for u in clause.uses})
                where = ", ".join(trees) if trees else "cited nowhere"
                mark = "i" if clause.informational else ("-" if not clause.in_outcome else " ")
                print(f"    {mark} {clause.clause.label:<12} {where}")
            if item.uncovered:
                numbers = ", ".join(c.clause.label for c in item.uncovered)
                print(f"    not behind any outcome: {numbers}")
    print("key: i informational, - not cited by any outcome")
    return EXIT_OK


def cmd_export(library: Library, args: argparse.Namespace) -> int:
    from smguide.core.export import council_data

    _warn_if_broken(library)
    chosen = _chosen(library, args)
    _print_json({"councils": [council_data(content) for content in chosen]})
    return EXIT_OK


def cmd_search(library: Library, args: argparse.Namespace) -> int:
    from smguide.core.export import hit_data
    from smguide.core.search import SearchIndex

    content = _council(library, args)
    index = SearchIndex(content)
    if index.notice:
        print(f"smguide: {index.notice}", file=sys.stderr)
    limit = max(1, args.limit)
    if args.library:
        grouped = index.search_library(args.query, limit=limit * 25)
        if args.json:
            _print_json(
                {
                    "query": args.query,
                    "council": content.id,
                    "engine": index.engine,
                    "documents": [
                        {
                            "document": document,
                            "title": content.documents[document].title,
                            "clauses": [hit_data(hit) for hit in hits],
                        }
                        for document, hits in grouped.items()
                    ],
                }
            )
            return EXIT_OK
        if not grouped:
            print("no matches")
        for document, hits in grouped.items():
            print(f"{content.documents[document].title} ({document})")
            for hit in hits:
                print(f"  {hit.label:<12} {_plain(hit.excerpt_html)}")
        return EXIT_OK

    results = index.search(args.query, limit=limit)
    if args.json:
        _print_json(
            {
                "query": results.query,
                "council": content.id,
                "engine": results.engine,
                "terms": list(results.terms),
                "trees": [hit_data(hit) for hit in results.trees],
                "outcomes": [hit_data(hit) for hit in results.outcomes],
                "clauses": [hit_data(hit) for hit in results.clauses],
            }
        )
        return EXIT_OK
    if results.empty:
        print("no matches")
        return EXIT_OK
    if results.trees:
        print("Topics:")
        for tree_hit in results.trees:
            print(f"  {tree_hit.tree:<28} {tree_hit.title}")
    if results.outcomes:
        print("Answers:")
        for outcome_hit in results.outcomes:
            print(f"  {outcome_hit.tree + '/' + outcome_hit.outcome:<48} {outcome_hit.title}")
    if results.clauses:
        print("Policy:")
        for hit in results.clauses:
            print(f"  {hit.clause:<28} {_plain(hit.excerpt_html)}")
    return EXIT_OK


def _plain(marked_html: str) -> str:
    """Search HTML for a terminal: bold as *word*, entities back to characters."""
    import html

    return html.unescape(marked_html.replace("<b>", "*").replace("</b>", "*"))


def cmd_import(args: argparse.Namespace) -> int:
    """Draft a document; the notes (what to check) go to stderr."""
    import re

    from smguide.core.importer import draft_document

    line_range = None
    if args.lines:
        match = re.fullmatch(r"(\d+)-(\d+)", args.lines)
        if not match or int(match[1]) > int(match[2]) or int(match[1]) < 1:
            raise UsageError(f"--lines must be FIRST-LAST, e.g. 95-200, not {args.lines!r}")
        line_range = (int(match[1]), int(match[2]))
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", args.document_id):
        raise UsageError(
            f"--id must be lower-case letters, digits and hyphens: {args.document_id!r}"
        )
    try:
        text = args.source.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read {args.source}: {error}") from None
    draft = draft_document(
        text,
        args.document_id,
        args.import_council,
        args.source.name,
        title=args.title,
        line_range=line_range,
    )
    if args.output:
        args.output.write_text(draft.markdown, encoding="utf-8")
    else:
        sys.stdout.write(draft.markdown)
    print(
        f"smguide import: {len(draft.clauses)} clauses and {len(draft.headings)} headings found; "
        f"copy {args.source.name} into content/{args.import_council}/sources/ and check the "
        "draft against it",
        file=sys.stderr,
    )
    for note in draft.notes:
        print(f"smguide import: check {note}", file=sys.stderr)
    return EXIT_OK


def _print_json(data: Any) -> None:
    import json

    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def cmd_kiosk_pin(args: argparse.Namespace) -> int:
    """Ask for a PIN twice (or read it from stdin) and store its hash, or print it."""
    from smguide.core import config
    from smguide.core.pin import PinError, check_pin_shape, hash_pin

    if sys.stdin.isatty():
        import getpass

        pin = getpass.getpass("New kiosk PIN (4-12 digits): ")
        if getpass.getpass("The same PIN again: ") != pin:
            raise UsageError("the two PINs were not the same; nothing was changed")
    else:  # a deployment script: echo 123456 | smguide kiosk-pin
        pin = sys.stdin.readline().strip()
    try:
        check_pin_shape(pin)
    except PinError as error:
        raise UsageError(f"{error} Nothing was changed.") from error
    stored = hash_pin(pin)
    if args.print_only:
        print(f"pin = {stored}")
        return EXIT_OK
    path = getattr(args, "config", None) or config.default_path()
    try:
        text = path.read_text(encoding="utf-8-sig") if path.exists() else ""
        config.write_atomically(path, config.with_pin(text, stored))
    except (OSError, UnicodeDecodeError) as error:
        from smguide.core.diskerrors import plain_reason

        reason = plain_reason(error) if isinstance(error, OSError) else "it is not UTF-8 text"
        raise UsageError(
            f"could not write {path} ({reason}); an administrator may need to run this, "
            "or use --print and deploy the line yourself. Nothing was changed."
        ) from error
    found = config.load_config(path)
    if found.pin_hash != stored:
        raise UsageError(f"the PIN was written to {path} but does not read back; check the file")
    state = "on" if found.kiosk else "off (add 'enabled = yes' under [kiosk], or use --kiosk)"
    print(f"The kiosk PIN is set in {path}. Kiosk mode is {state}.")
    return EXIT_OK


def cmd_config(args: argparse.Namespace) -> int:
    """Show IT what the app will do on this machine, and anything wrong with the file."""
    from smguide.core import config

    path = getattr(args, "config", None)
    found = config.load_config(path, explicit=path is not None)
    where = path or config.default_path()
    exists = "" if where.exists() else " (not there: an ordinary desktop)"
    print(f"configuration file: {where}{exists}")
    print(f"  council:            {found.council or '(the last used, or the first)'}")
    print(f"  content:            {found.content or '(built in)'}")
    print(f"  kiosk:              {'on' if found.kiosk else 'off'}")
    print(f"  inactivity_seconds: {found.inactivity_seconds}")
    print(f"  countdown_seconds:  {found.countdown_seconds}")
    print(f"  pin:                {'set' if found.pin_hash else 'not set'}")
    print(f"  printer:            {found.printer or '(none: a kiosk cannot print)'}")
    for problem in found.problems:
        print(problem)
    if found.content is None:
        return EXIT_PROBLEMS if found.problems else EXIT_OK
    # What the app would show for this user now: the folder, or why not.
    from smguide.core.content_source import choose_content
    from smguide.core.locations import user_cache_dir

    source = choose_content(None, found.content, user_cache_dir(), writable=False).source
    print(f"content shown: {source.describe()}")
    for problem in source.folder_problems:
        print(problem)
    return EXIT_PROBLEMS if found.problems or source.fallen_back else EXIT_OK


#: Commands that work without loading the content.
WITHOUT_CONTENT = {"import": cmd_import, "kiosk-pin": cmd_kiosk_pin, "config": cmd_config}

COMMANDS = {
    "check": cmd_check,
    "list": cmd_list,
    "paths": cmd_paths,
    "graph": cmd_graph,
    "coverage": cmd_coverage,
    "export": cmd_export,
    "search": cmd_search,
}
