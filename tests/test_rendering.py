"""Outcome and help HTML: what the templates show, and that content cannot inject."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import jinja2
import pytest

from smguide.core.loading import load_library
from smguide.core.model import CouncilContent
from smguide.core.rendering import Renderer, environment
from smguide.core.richtext import markdown_to_html, render_content, template_context
from smguide.core.walk import Walk


@pytest.fixture
def mini(mini_root: Path) -> CouncilContent:
    return load_library(mini_root).council("mini")


def test_outcome_page_has_verdict_in_words_steps_contacts_and_full_clauses(mini) -> None:
    walk = Walk(mini.trees["basic"]).answer("other").answer("yes")
    html = Renderer(mini).walk_outcome(walk)
    assert "Go ahead with care" in html and "!" in html
    assert "<h1>Ask first</h1>" in html
    assert "Email comms@example.invalid before posting." in html  # template variable filled
    assert "<li>Ask the Communications team.</li>" in html
    assert "Communications team" in html and "Phone: ask your line manager" in html
    # The clause is quoted in full, list kept, with its source and a library link.
    assert '<a href="clause:mini-policy:2">Mini Policy, paragraph 2</a>' in html
    assert "<li>on Facebook</li>" in html and "<li>on Twitter</li>" in html
    assert "Old Mini Policy, paragraph 1</a>" in html and "(superseded version)" in html
    # The answers given are listed for the record.
    assert "Who sent it? <strong>Someone else</strong>" in html


def test_line_manager_contact_shows_no_placeholder_details(mini) -> None:
    html = Renderer(mini).walk_outcome(Walk(mini.trees["basic"]).answer("client"))
    assert "How: Speak to them." in html
    assert "ask your line manager" not in html


def test_help_shows_text_and_the_clauses_it_rests_on(mini) -> None:
    question = mini.trees["basic"].questions["who"]
    html = Renderer(mini).help(question)
    assert "Clients are treated differently, MBC says." in html
    assert "Do not accept friend requests from clients." in html


def test_outcome_text_is_escaped_where_it_is_plain(mini) -> None:
    outcome = mini.trees["basic"].outcomes["decline"]
    hostile = dataclasses.replace(outcome, title="<b onclick=x>Decline</b>")
    html = Renderer(mini).outcome(hostile)
    assert "&lt;b onclick=x&gt;Decline&lt;/b&gt;" in html


@pytest.mark.parametrize(
    ("markdown", "absent", "present"),
    [
        ("Hi <script>alert(1)</script> there", ["<script", "alert(1)"], ["Hi", "there"]),
        ("[x](javascript:alert(1))", ["javascript:"], [">x</a>"]),
        ("[x](file:///etc/passwd)", ["file:"], [">x</a>"]),
        ("[x](http://example.com)", ["http://"], [">x</a>"]),
        ("![](https://tracker.example/p.gif)", ["<img", "tracker"], []),
        ('<iframe src="https://e.example"></iframe>ok', ["<iframe"], ["ok"]),
        ('<p style="font-size:90px" onmouseover="x()">big</p>', ["style", "onmouseover"], ["big"]),
        ("[safe](https://www.nspcc.org.uk/)", [], ['href="https://www.nspcc.org.uk/"']),
        ("[anchor](#ncc-guidelines:29)", [], ['href="#ncc-guidelines:29"']),
    ],
)
def test_markdown_is_sanitised(markdown: str, absent: list[str], present: list[str]) -> None:
    html = str(markdown_to_html(markdown))
    for text in absent:
        assert text not in html
    for text in present:
        assert text in html


def test_template_variables_cannot_reach_python_internals(mini) -> None:
    context = template_context(mini.council)
    html = render_content("{{ council.__class__.__mro__ }}", context)
    # The sandbox refuses; the text is shown as written rather than evaluated.
    assert "object" not in html


def test_templates_use_strict_undefined() -> None:
    template = environment().from_string("{{ missing }}")
    with pytest.raises(jinja2.UndefinedError):
        template.render()
