"""``synonyms.yaml``: the words staff use, mapped to the words the policy uses.

Search reads it so that "fb", "insta" or "sue" find Facebook, Instagram and
legal action. It belongs to the council's content, not to the code, so a
policy owner can add a word the day they hear it used.
"""

from __future__ import annotations

import re

from smguide.core.fields import type_name
from smguide.core.problems import ProblemList
from smguide.core.yamlsource import LDict, LList, load_simple_mapping, load_yaml

FILE = "synonyms.yaml"

#: A word as search sees it: letters and digits; anything else separates words.
WORD = re.compile(r"[^\W_]+")
#: The same for text of ASCII only (most of it): the same words, in half the time.
_ASCII_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> tuple[str, ...]:
    """The lower-case words of *text*, split the way the search index splits them."""
    folded = text.casefold()
    return tuple((_ASCII_WORD if folded.isascii() else WORD).findall(folded))


def parse_synonyms(text: str, problems: ProblemList) -> dict[str, tuple[str, ...]]:
    """``staff words: policy words`` (or a list of them), keyed by the staff words' normal form."""
    data = load_simple_mapping(text, problems)
    if data is None:
        data = load_yaml(text, problems)
    if data is None:
        return {}
    if not isinstance(data, LDict):
        problems.add(1, f"{FILE} must map words to words, not be {type_name(data)}")
        return {}
    found: dict[str, tuple[str, ...]] = {}
    for key, value in data.items():
        line = data.line_of(key)
        if isinstance(key, bool) or not isinstance(key, str | int):
            problems.add(line, f"{key!r} in {FILE} must be words, not {type_name(key)}")
            continue
        key_words = words(str(key))
        if not key_words:
            problems.add(line, f"{key!r} in {FILE} has no letters or digits to search for")
            continue
        values = list(value) if isinstance(value, LList) else [value]
        meanings: list[str] = []
        for item in values:
            readable = isinstance(item, str | int) and not isinstance(item, bool)
            item_words = words(str(item)) if readable else ()
            if not item_words:
                problems.add(
                    line,
                    f"{key!r} in {FILE} must give words to search for instead "
                    f"(text, or a list of texts), not {type_name(item)}",
                )
                continue
            meanings.append(" ".join(item_words))
        normal = " ".join(key_words)
        if normal in found:
            problems.add(line, f"{key!r} in {FILE} is given twice")
            continue
        if meanings:
            found[normal] = tuple(meanings)
    return found
