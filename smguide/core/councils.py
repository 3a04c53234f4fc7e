"""``council.yaml``: who the council is, which documents it issues, who to contact."""

from __future__ import annotations

import re
from pathlib import Path

from smguide.core.citations import read_citations
from smguide.core.fields import Fields, expect_mapping, type_name
from smguide.core.model import Contact, Council, UrgentEntry
from smguide.core.problems import ProblemList
from smguide.core.yamlsource import LDict, load_yaml

ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")

CONTACT_FIELDS = ("role", "email", "phone", "how", "cites")


def parse_council(path: Path, text: str, problems: ProblemList) -> Council | None:
    data = load_yaml(text, problems)
    if data is None:
        if problems.count == 0:
            problems.add(1, "council.yaml is empty")
        return None
    mapping = expect_mapping(data, "council.yaml", 1, problems)
    if mapping is None:
        return None
    fields = Fields(
        mapping,
        "council.yaml",
        problems,
        required=("name", "short_name", "documents", "contacts"),
        optional=("review_due", "urgent", "trees"),
    )
    name = fields.text("name")
    short_name = fields.text("short_name")
    documents = fields.texts("documents")
    review_due = fields.date("review_due")
    seen: dict[str, int] = {}
    for document_id, line in documents:
        if document_id in seen:
            problems.add(line, f"document {document_id!r} is listed twice")
        seen.setdefault(document_id, line)
        fields.lines[f"document:{document_id}"] = line

    urgent = _urgent(fields, problems)
    trees = fields.texts("trees")
    contacts: dict[str, Contact] = {}
    raw_contacts = fields.mapping_of("contacts")
    for contact_id, value in (raw_contacts or {}).items():
        line = raw_contacts.line_of(contact_id) if raw_contacts is not None else 1
        if not isinstance(contact_id, str) or not ID.match(contact_id):
            problems.add(
                line, f"contact id {contact_id!r} must be lower-case letters, digits and hyphens"
            )
            continue
        entry = expect_mapping(value, f"contact {contact_id!r}", line, problems)
        if entry is None:
            continue
        contact_fields = Fields(
            entry,
            f"contact {contact_id!r}",
            problems,
            required=("name",),
            optional=CONTACT_FIELDS,
        )
        contacts[contact_id] = Contact(
            id=contact_id,
            name=contact_fields.text("name"),
            role=contact_fields.text("role"),
            email=contact_fields.text("email"),
            phone=contact_fields.text("phone"),
            how=contact_fields.text("how"),
            cites=read_citations(contact_fields),
            lines={"": line, **contact_fields.lines},
        )
    return Council(
        id=path.parent.name,
        name=name,
        short_name=short_name,
        documents=tuple(document_id for document_id, _ in documents),
        contacts=contacts,
        path=path,
        urgent=urgent,
        trees=tuple(tree for tree, _ in trees),
        review_due=review_due,
        lines=fields.lines,
    )


def _urgent(fields: Fields, problems: ProblemList) -> tuple[UrgentEntry, ...]:
    """The ``urgent`` entries: ``{label: ..., tree: ...}``, shown on every screen."""
    entries = []
    for index, (item, line) in enumerate(fields.items("urgent")):
        if not isinstance(item, LDict):
            problems.add(
                line,
                f"urgent entry {index + 1} must be a mapping with label and tree, "
                f"not {type_name(item)}",
            )
            continue
        entry = Fields(item, f"urgent entry {index + 1}", problems, required=("label", "tree"))
        label, tree = entry.text("label"), entry.text("tree")
        if label and tree:
            entries.append(UrgentEntry(label, tree, entry.line("tree")))
    return tuple(entries)
