"""Policies: allow-list, deny-list, severity overrides, disabled rules, extra entities."""

from __future__ import annotations

import shutil

import pytest
import yaml

from app.config import Settings
from app.screener import Screener

pytestmark = pytest.mark.slow


def test_the_organisations_own_address_is_allowed(screener: Screener) -> None:
    text = "Our office at 12 Main St is hiring a case manager!"
    assert screener.check(text, "example-agency").verdict == "pass"
    default = screener.check(text, "default")
    assert any(v.text == "12 Main St" for v in default.violations)


def test_a_client_address_is_not_allowed_by_the_organisations(screener: Screener) -> None:
    text = "Visited my client at 14 Elm St today."
    assert screener.check(text, "example-agency").verdict == "block"


def test_national_hotlines_are_allowed(screener: Screener) -> None:
    text = "If you are struggling, call 988 or the DV hotline at 1-800-799-7233."
    result = screener.check(text)
    assert result.verdict == "pass", result.violations


def test_deny_listed_name_blocks_in_any_case(screener: Screener) -> None:
    result = screener.check("Great dinner at harbor house tonight with the moms!", "example-agency")
    assert result.verdict == "block"
    v = result.violations[0]
    assert (v.rule_id, v.text, v.category) == (
        "policy.deny_list",
        "harbor house",
        "location_detail",
    )
    assert "confidential shelter" in v.message
    assert screener.check("Harbor Housekeeping is hiring", "example-agency").verdict == "pass"


def test_consenting_staff_name_is_allowed(screener: Screener) -> None:
    text = "So grateful to Dana Whitfield for showing up for my clients every day."
    assert screener.check(text, "default").verdict == "block"
    assert screener.check(text, "example-agency").verdict == "pass"


@pytest.fixture(scope="module")
def custom(tmp_path_factory: pytest.TempPathFactory) -> Screener:
    rules = tmp_path_factory.mktemp("rules")
    shutil.copytree(Settings().rules_dir, rules, dirs_exist_ok=True)
    base = yaml.safe_load((rules / "policies" / "default.yaml").read_text())
    variants = {
        "quiet": {"disabled_rules": ["client_identifiers.name_with_client_role"]},
        # lowering one rule: the default's client escalation and second reader would
        # raise its neighbours on the same name back to block, so this policy turns
        # them off too
        "lenient": {
            "severity_overrides": {"client_identifiers.name_with_client_role": "warn"},
            "client_escalation": None,
            "second_reader": None,
        },
        # the default without its second reader, to see the client escalation alone
        "no_reader": {"second_reader": None},
        "uk": {"entities": {"enable": ["UK_NHS"], "disable": []}},
        "no_names": {"extends": "default", "disabled_packs": ["client_identifiers"]},
        "pack_warn": {"severity_overrides": {"client_identifiers": "warn"}},
    }
    for pid, change in variants.items():
        policy = {**base, **change, "id": pid}
        (rules / "policies" / f"{pid}.yaml").write_text(yaml.safe_dump(policy))
    return Screener(Settings(rules_dir=rules))


def test_disabled_rule_does_not_fire(custom: Screener) -> None:
    text = "So proud of my client Maria Lopez!"
    assert custom.check(text, "default").verdict == "block"
    assert all(
        v.rule_id != "client_identifiers.name_with_client_role"
        for v in custom.check(text, "quiet").violations
    )


def test_severity_override_changes_verdict(custom: Screener) -> None:
    result = custom.check("So proud of my client Maria Lopez!", "lenient")
    assert result.verdict == "warn"
    assert result.violations[0].severity == "warn"


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        # a warning in a post about a particular client is that client's: block
        ("Anyone near 1148 Wren Street? Asking for a friend.", "warn"),
        ("Anyone near 1148 Wren Street? My client is locked out.", "block"),
        ("Anyone near 1148 Wren Street? Mi cliente no puede entrar.", "block"),
        # not for clients in general
        ("Anyone near 1148 Wren Street? Our clients say it floods.", "warn"),
    ],
)
def test_default_policy_blocks_a_warning_about_a_particular_client(
    custom: Screener, text: str, verdict: str
) -> None:
    assert custom.check(text, "no_reader").verdict == verdict


def test_a_policy_without_client_escalation_keeps_warnings(custom: Screener) -> None:
    text = "Anyone near 1148 Wren Street? My client is locked out."
    assert custom.check(text, "lenient").verdict == "warn"


def test_policy_can_enable_an_entity_type(custom: Screener) -> None:
    assert "UK_NHS" in custom.policy("uk").entities
    assert "UK_NHS" not in custom.policy("default").entities
    text = "Her NHS number is 943 476 5919, can someone chase the GP?"
    assert any(v.entity_type == "UK_NHS" for v in custom.check(text, "uk").violations)
    assert all(v.entity_type != "UK_NHS" for v in custom.check(text, "default").violations)


def test_strict_raises_every_warning_to_a_block(screener: Screener) -> None:
    text = "The open house is at 12 Main St, come hungry!"
    default = screener.check(text, "default")
    strict = screener.check(text, "strict")
    assert default.verdict == "warn"
    assert strict.verdict == "block"
    assert [v.rule_id for v in strict.violations] == [v.rule_id for v in default.violations]
    # what passes under the default still passes, a note included: the organisation's own
    # office is a reminder to allow-list it, not a warning, in both
    benign = "May is Mental Health Awareness Month: therapy works."
    assert screener.check(benign, "strict").verdict == "pass"
    office = "Our office at 12 Main St is hiring two case managers!"
    for policy in ("default", "strict"):
        result = screener.check(office, policy)
        assert (result.verdict, [v.severity for v in result.violations]) == ("pass", ["info"])


def test_strict_keeps_the_defaults_allow_list(screener: Screener) -> None:
    result = screener.check("If you are struggling, call 988.", "strict")
    assert result.verdict == "pass", result.violations


def test_a_disabled_pack_does_not_run(custom: Screener) -> None:
    text = "So proud of my client Maria Lopez!"
    assert not any(
        v.rule_id.startswith("client_identifiers.")
        for v in custom.check(text, "no_names").violations
    )
    assert custom.policy("no_names").policy.packs == custom.policy("default").policy.packs


def test_a_pack_wide_override_applies_to_each_of_its_rules(custom: Screener) -> None:
    result = custom.check("So proud of my client Maria Lopez!", "pack_warn")
    names = [v for v in result.violations if v.rule_id.startswith("client_identifiers.")]
    assert names
    assert {v.severity for v in names} == {"warn"}


def test_the_identifiers_policy_flags_identifiers_only(screener: Screener) -> None:
    # a name and a phone number: flagged as by the default
    text = "My client Maria Lopez relapsed again, her cell is 312-555-0199."
    default = screener.check(text, "default")
    ids = screener.check(text, "identifiers")
    assert {v.text for v in ids.violations} == {"Maria Lopez", "312-555-0199"}
    assert {v.rule_id.split(".")[0] for v in ids.violations} <= {
        "client_identifiers",
        "contact_identifiers",
        "location_details",
        "dual_relationship",
    }
    assert "relapsed" in {v.text for v in default.violations}
    # a client story with no identifier: the default's packs or its reader flag it, this
    # policy does not (no pack of it runs, and its reader adds no finding of its own)
    story = "Kid on my caseload got arrested again last night. I give up."
    assert screener.check(story, "default").verdict == "block"
    assert screener.check(story, "identifiers").verdict == "pass"
    # it keeps the default's allow-list
    assert screener.check("If you are struggling, call 988.", "identifiers").verdict == "pass"
