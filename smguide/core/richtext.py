"""Turning text written by a policy owner into safe HTML.

Content text may use Markdown and a few template variables (the council's
name, a contact's details). It passes through three stages, each with its own
guard: a sandboxed jinja2 render with ``StrictUndefined`` (a misspelt
variable is an error, never a blank), Markdown, then ``nh3`` so only a small
set of tags and ``https:`` or in-page links reach Qt.

Templates may only name variables (``{{ contacts["digital-team"].email }}``):
no statements, loops, filters, calls or arithmetic. The sandbox stops code
from escaping, but not ``{{ "x" * 10**10 }}`` or nested ``range`` loops, which
would hang the check or the app on one line of content.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache, lru_cache
from typing import Any

import jinja2
import nh3
from jinja2 import nodes
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from smguide.core.model import Council

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "strong",
        "em",
        "b",
        "i",
        "ul",
        "ol",
        "li",
        "a",
        "blockquote",
        "code",
        "h3",
        "h4",
        "h5",
        "h6",
        "span",
        "sup",
        "sub",
        "hr",
    }
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}


@cache
def _sandbox() -> SandboxedEnvironment:
    return SandboxedEnvironment(
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the result is Markdown, escaped by the sanitiser below
        keep_trailing_newline=False,
    )


def template_context(council: Council) -> dict[str, Any]:
    """The variables content text may use."""
    return {
        "council": {"name": council.name, "short_name": council.short_name, "id": council.id},
        "contacts": {
            contact_id: {
                "name": contact.name,
                "role": contact.role,
                "email": contact.email,
                "phone": contact.phone,
                "how": contact.how,
            }
            for contact_id, contact in council.contacts.items()
        },
    }


#: What a template may hold: text, and variables with attributes or quoted keys.
_ALLOWED_NODES = (
    nodes.Template,
    nodes.Output,
    nodes.TemplateData,
    nodes.Name,
    nodes.Getattr,
    nodes.Getitem,
    nodes.Const,
)
NOT_A_VARIABLE = (
    'only variables such as {{ council.name }} or {{ contacts["id"].email }} may be used '
    "in content, not statements, filters, calls or arithmetic"
)


def _only_variables(template: nodes.Template) -> bool:
    for node in template.find_all(nodes.Node):
        if not isinstance(node, _ALLOWED_NODES):
            return False
        if isinstance(node, nodes.Const) and not isinstance(node.value, str | int):
            return False
    return True


def template_error(text: str, context: Mapping[str, Any]) -> str | None:
    """Why *text* cannot be filled in, or ``None`` when it can."""
    try:
        template = _sandbox().parse(text)
        if not _only_variables(template):
            return NOT_A_VARIABLE
        _sandbox().from_string(template).render(context)
    except jinja2.TemplateSyntaxError as error:
        return f"template syntax error: {error.message}"
    except jinja2.UndefinedError as error:
        return f"unknown template variable: {error.message}"
    except jinja2.TemplateError as error:
        return f"template error: {error}"
    return None


def fill(text: str, context: Mapping[str, Any]) -> str:
    """*text* with its template variables filled in; broken templates left as written."""
    if "{" not in text:
        return text
    try:
        template = _sandbox().parse(text)
        if not _only_variables(template):
            return text
        return _sandbox().from_string(template).render(context)
    except jinja2.TemplateError:
        # check reports it with file and line; the reader still gets the words.
        return text


def _keep_anchor_only(url: str) -> str | None:
    """Relative links survive only as in-page anchors."""
    return url if url.startswith("#") else None


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes={"https"},
        url_relative=_keep_anchor_only,
        link_rel="noopener noreferrer",
    )


@cache
def _converter() -> Any:
    """One Markdown converter, reused: building one costs more than converting."""
    import markdown  # here, not above: the app's first screen needs no Markdown

    return markdown.Markdown(extensions=["sane_lists"], output_format="html")


@lru_cache(maxsize=4096)
def markdown_to_html(text: str) -> Markup:
    """Markdown to sanitised HTML, marked safe for templates.

    Cached: the same clause or step is shown again and again, and its HTML
    depends on nothing but its text.
    """
    converter = _converter()
    html = converter.reset().convert(text)
    return Markup(sanitise(html))  # noqa: S704 - sanitised on the line above


def inline_markdown(text: str) -> Markup:
    """Markdown for a single line: the same as ``markdown_to_html`` without the ``<p>``."""
    html = str(markdown_to_html(text)).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)  # noqa: S704 - already sanitised


def render_content(text: str, context: Mapping[str, Any], *, inline: bool = False) -> Markup:
    """Content text (template variables, then Markdown) as safe HTML."""
    filled = fill(text, context)
    return inline_markdown(filled) if inline else markdown_to_html(filled)
