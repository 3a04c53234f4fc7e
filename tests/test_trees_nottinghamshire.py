"""Node by node through the Nottinghamshire trees, against the paragraphs they rest on.

Each test is one situation an employee might bring, walked answer by answer,
asserting where it lands and which clauses the outcome must quote. The
paragraph numbers come from the Guidelines (ncc-guidelines) and the Policy
(ncc-policy); a test failing here means the advice no longer rests on them.
"""

from __future__ import annotations


def test_a_parent_of_a_child_i_support_sends_a_friend_request(walk) -> None:
    outcome = (
        walk("friend-request")
        .expect_question("who")
        .answer("client")
        .expect_question("responded")
        .answer("not-yet")
        .expect_outcome("decline-client-request", "stop", {"ncc-guidelines:29"})
    )
    assert any("against Council policy" in step for step in outcome.steps)


def test_i_already_accepted_a_clients_request(walk) -> None:
    walk("friend-request").answer("client", "already").expect_outcome(
        "end-private-contact", "stop", {"ncc-guidelines:29", "ncc-guidelines:12"}
    )


def test_a_stranger_sends_a_friend_request(walk) -> None:
    walk("friend-request").answer("stranger").expect_outcome(
        "decline-stranger", "stop", {"ncc-guidelines:35"}
    )


def test_a_colleague_sends_a_friend_request(walk) -> None:
    walk("friend-request").answer("colleague").expect_outcome(
        "colleague-request", "caution", {"ncc-guidelines:21", "ncc-guidelines:73"}
    )


def test_threatened_with_legal_action_with_my_line_manager_around(walk) -> None:
    outcome = (
        walk("legal-threat")
        .answer("mine")
        .expect_question("manager")
        .answer("available")
        .expect_outcome("tell-line-manager", "urgent", {"ncc-guidelines:27", "ncc-guidelines:72"})
    )
    assert outcome.steps[0] == "Remove the posting immediately."


def test_threatened_with_legal_action_when_my_line_manager_is_away(walk) -> None:
    outcome = (
        walk("legal-threat")
        .answer("mine", "not-available")
        .expect_outcome("notify-services-yourself", "urgent", {"ncc-guidelines:27"})
    )
    assert {"comms-marketing", "legal-services"} <= set(outcome.contacts)


def test_a_manager_whose_employee_is_threatened(walk) -> None:
    outcome = (
        walk("legal-threat")
        .answer("team-member")
        .expect_outcome("manager-must-act", "urgent", {"ncc-guidelines:27"})
    )
    assert {"comms-marketing", "legal-services"} <= set(outcome.contacts)


def test_someone_may_be_in_danger_now(walk) -> None:
    walk("safeguarding-concern").answer("in-danger").expect_outcome(
        "act-now", "urgent", {"ncc-guidelines:33"}
    )


def test_a_care_leaver_posts_something_worrying(walk) -> None:
    outcome = (
        walk("safeguarding-concern")
        .answer("not-in-danger", "specific-worry", "looked-after")
        .expect_outcome(
            "tell-social-worker", "caution", {"ncc-guidelines:33", "ncc-guidelines:34"}
        )
    )
    assert "social-worker" in outcome.contacts


def test_a_worrying_post_about_a_child_not_in_care(walk) -> None:
    walk("safeguarding-concern").answer(
        "not-in-danger", "specific-worry", "not-looked-after"
    ).expect_outcome("report-concern", "caution", {"ncc-guidelines:33"})


def test_i_want_to_know_the_online_safety_advice(walk) -> None:
    walk("safeguarding-concern").answer("not-in-danger", "general").expect_outcome(
        "online-safety-advice", "ok", {"ncc-guidelines:36"}
    )


def test_posting_on_a_council_page_with_doubts(walk) -> None:
    walk("professional-or-personal").expect_question("account").answer(
        "council-account", "doubts"
    ).expect_outcome("ask-first", "stop", {"ncc-guidelines:26"})


def test_posting_on_my_own_account_as_a_private_individual(walk) -> None:
    walk("professional-or-personal").answer("own-account", "private").expect_outcome(
        "personal-use", "ok", {"ncc-guidelines:70", "ncc-guidelines:72"}
    )


def test_joining_a_discussion_saying_i_work_for_the_council(walk) -> None:
    walk("professional-or-personal").answer("own-account", "as-employee").expect_outcome(
        "identified-contribution",
        "caution",
        {"ncc-guidelines:37", "ncc-guidelines:39", "ncc-guidelines:41", "ncc-guidelines:42"},
    )


def test_setting_up_a_page_for_my_service(walk) -> None:
    walk("professional-or-personal").answer("new-account").expect_outcome(
        "get-approval-first", "stop", {"ncc-guidelines:44", "ncc-guidelines:50", "ncc-policy:19"}
    )


def test_a_discussion_about_the_council_turns_negative(walk) -> None:
    walk("contact-digital-team").answer("discussion", "negative").expect_outcome(
        "negative-turn", "caution", {"ncc-guidelines:42"}
    )


def test_my_contribution_led_to_a_satisfied_customer(walk) -> None:
    walk("contact-digital-team").answer("discussion", "positive").expect_outcome(
        "positive-outcome", "ok", {"ncc-guidelines:42"}
    )


def test_requesting_a_new_account_gives_the_digital_team_address(walk, ncc) -> None:
    outcome = (
        walk("contact-digital-team")
        .answer("new-account")
        .expect_outcome("new-account-request", "ok", {"ncc-guidelines:50", "ncc-guidelines:51"})
    )
    assert "digital-team" in outcome.contacts
    assert ncc.council.contacts["digital-team"].email == "econtent@nottscc.gov.uk"
