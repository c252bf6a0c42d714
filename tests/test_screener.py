"""The pipeline end to end on the real spaCy model and Presidio."""

from __future__ import annotations

import socket

import pytest

from app.screener import Screener

pytestmark = pytest.mark.slow


def _flagged(screener: Screener, text: str) -> dict[str, str]:
    return {v.text: v.rule_id for v in screener.check(text).violations}


def test_client_name_dob_and_phone_block(screener: Screener) -> None:
    text = (
        "So proud of my client Maria Lopez (DOB 03/14/2009) who finally got her GED! "
        "Call me at 555-201-3344"
    )
    result = screener.check(text)
    assert result.verdict == "block"
    flagged = _flagged(screener, text)
    assert flagged["Maria Lopez"] == "client_identifiers.name_with_client_role"
    assert flagged["03/14/2009"] == "client_identifiers.date_of_birth"
    assert "555-201-3344" in flagged
    assert "GED" not in flagged
    assert all(v.entity_type != "UK_NHS" for v in result.violations)
    assert "Maria Lopez" not in result.redacted_text
    assert "03/14/2009" not in result.redacted_text


def test_shelter_address_and_relapse_block(screener: Screener) -> None:
    text = (
        "Long day at the Riverside shelter on 1420 Elm Street. One of my kids on my "
        "caseload relapsed again after rehab."
    )
    result = screener.check(text)
    assert result.verdict == "block"
    flagged = _flagged(screener, text)
    assert flagged["1420 Elm Street"].startswith("location_details.")
    assert any(t.startswith("relapsed") for t in flagged)
    assert "Long day" not in flagged
    assert "1420" not in flagged


def test_event_announcement_passes(screener: Screener) -> None:
    text = (
        "Join us Saturday for our annual fundraiser at City Hall! Tickets at "
        "www.example.org/gala #community"
    )
    result = screener.check(text)
    assert result.verdict == "pass", result.violations
    assert [v for v in result.violations if v.severity != "info"] == []


def test_initials_and_case_number_block(screener: Screener) -> None:
    text = (
        "Client J.M., 14, case #CW-2023-00817, was placed in foster care yesterday in Springfield."
    )
    result = screener.check(text)
    assert result.verdict == "block"
    flagged = _flagged(screener, text)
    assert flagged["J.M."] == "client_identifiers.initials_with_client_role"
    assert flagged["CW-2023-00817"] == "client_identifiers.case_number"


def test_presidio_false_positives_are_not_reported(screener: Screener) -> None:
    # Each was reported by stock Presidio + en_core_web_sm.
    text = "Long day. Our annual GED class meets Saturday; case #CW-2023-00817 closed."
    entity_types = {(v.text, v.entity_type) for v in screener.check(text).violations}
    assert not any(t in {"DATE_TIME", "ORGANIZATION"} for _, t in entity_types)
    assert not any(text_ in {"Long day", "annual", "GED", "Saturday"} for text_, _ in entity_types)


def test_uk_nhs_recognizer_is_off_by_default(screener: Screener) -> None:
    policy = screener.policy(None)
    assert "UK_NHS" not in policy.entities
    assert "UK_NHS" in screener.adapter.available_entities


def test_offsets_point_into_the_original_text_after_emoji_and_zero_width(
    screener: Screener,
) -> None:
    text = "🎉🎉 So proud of my client Ma\u200bria Lopez today!"
    result = screener.check(text)
    names = [v for v in result.violations if v.entity_type == "PERSON"]
    assert names, result.violations
    assert text[names[0].start : names[0].end] == "Ma\u200bria Lopez"
    assert names[0].text == "Ma\u200bria Lopez"


def test_batch_gives_the_same_results_as_single_checks(screener: Screener) -> None:
    texts = [
        "My client Maria Lopez got her GED!",
        "Join us Saturday for our annual fundraiser!",
        "Client J.M., case #CW-2023-00817, moved today.",
    ]
    assert screener.check_many(texts) == [screener.check(t) for t in texts]


def test_email_check_makes_no_network_call(
    screener: Screener, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network call at run time")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    result = screener.check("Email my client at jdoe@agency.gov or visit www.example.org")
    assert any(v.text == "jdoe@agency.gov" for v in result.violations)


def test_unknown_policy_is_not_found(screener: Screener) -> None:
    from app.errors import NotFound

    with pytest.raises(NotFound):
        screener.check("hello", "no-such-policy")


@pytest.mark.parametrize(
    ("text", "span"),
    [
        (
            "Throwback to this insane compound fracture from last week "
            "[photo of leg, hospital wristband visible]",
            "[photo of leg, hospital wristband visible]",
        ),
        (
            "Here's the scene we rolled up to on I-70 this afternoon. "
            "[photo of wrecked car, plate visible]",
            "[photo of wrecked car, plate visible]",
        ),
    ],
)
def test_a_described_photo_that_shows_an_identifier_blocks(
    screener: Screener, text: str, span: str
) -> None:
    result = screener.check(text)
    assert result.verdict == "block"
    assert any(v.text == span and v.category == "client_media" for v in result.violations)


def test_a_described_photo_of_nothing_identifying_passes(screener: Screener) -> None:
    assert screener.check("Sunset over the lake after a long week [photo]").verdict == "pass"
