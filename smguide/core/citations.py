"""Clause references as written in trees and council files."""

from __future__ import annotations

import re

from smguide.core.fields import Fields, type_name
from smguide.core.model import Citation
from smguide.core.yamlsource import LDict

#: ``document-id:number``, e.g. ``ncc-guidelines:29``, ``wbc-guidance:1.1.1``,
#: ``nlc-policy:2.6/be-legal`` or ``wbc-guidance:appendix-one``.
CLAUSE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*:[0-9a-z][0-9a-z.\-]*(?:/[a-z0-9][a-z0-9-]*)?$")


def read_citations(fields: Fields, key: str = "cites") -> tuple[Citation, ...]:
    """The citations in *key*: ``doc:number`` or ``{clause: doc:number, superseded: true}``."""
    result: list[Citation] = []
    where = f"{key!r} in {fields.what}"
    for item, line in fields.items(key):
        superseded = False
        if isinstance(item, LDict):
            entry = Fields(
                item,
                f"a citation in {fields.what}",
                fields.problems,
                required=("clause",),
                optional=("superseded",),
            )
            clause = entry.text("clause")
            superseded = entry.flag("superseded")
            if not clause:
                continue
        elif isinstance(item, str):
            clause = item.strip()
        else:
            fields.problems.add(
                line, f"a citation in {where} must be text like doc:12, not {type_name(item)}"
            )
            continue
        if not CLAUSE_ID.match(clause):
            fields.problems.add(
                line, f"citation {clause!r} in {fields.what} is not of the form document:number"
            )
            continue
        fields.lines[f"{key}.{len(result)}"] = line
        result.append(Citation(clause, superseded))
    return tuple(result)
