"""A malformed rule file fails at load, naming the file, the rule id and the field."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from app.errors import ConfigError
from app.rules.loader import load_rules, parse_marked

_RULE = {
    "id": "name_near_client",
    "severity": "block",
    "message": "Names a client.",
    "policy_ref": "NASW 1.07",
    "match": {"phrases": ["maria"]},
    "examples": {"match": ["my client [[Maria]]"], "near_miss": ["hello"]},
}
_POLICY = {"id": "default", "version": "1", "packs": ["pack_a"]}


def _write(
    tmp_path: Path,
    rule: dict[str, object] | None = None,
    policy: dict[str, object] | None = None,
    lexicon: object = None,
) -> Path:
    (tmp_path / "policies").mkdir()
    (tmp_path / "lexicon.yaml").write_text(yaml.safe_dump(lexicon or {"roles": ["client"]}))
    pack = {
        "id": "pack_a",
        "version": "1",
        "category": "client_identifier",
        "title": "A",
        "rules": [rule or _RULE],
    }
    (tmp_path / "pack_a.yaml").write_text(yaml.safe_dump(pack))
    (tmp_path / "policies" / "default.yaml").write_text(yaml.safe_dump(policy or _POLICY))
    return tmp_path


def test_a_valid_pack_loads(tmp_path: Path) -> None:
    ruleset = load_rules(_write(tmp_path))
    assert [r.id for _, r in ruleset.rules()] == ["name_near_client"]
    assert ruleset.lexicon == {"roles": ("client",)}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"severity": "fatal"}, "severity"),
        ({"message": ""}, "message"),
        ({"examples": {"match": ["no marker"], "near_miss": ["x"]}}, "examples.match"),
        ({"examples": {"match": ["[[a]]"], "near_miss": []}}, "examples.near_miss"),
        ({"match": {}}, "match"),
        ({"severty": "block"}, "severty"),
    ],
)
def test_malformed_rule_names_file_rule_and_field(
    tmp_path: Path, change: dict[str, object], field: str
) -> None:
    with pytest.raises(ConfigError) as err:
        load_rules(_write(tmp_path, rule={**_RULE, **change}))
    assert err.value.file.endswith("pack_a.yaml")
    assert err.value.rule_id == "name_near_client"
    assert err.value.field == field
    assert "pack_a.yaml, rule name_near_client, field " + field in str(err.value)


def test_missing_examples_fail(tmp_path: Path) -> None:
    rule = {k: v for k, v in _RULE.items() if k != "examples"}
    with pytest.raises(ConfigError) as err:
        load_rules(_write(tmp_path, rule=rule))
    assert err.value.field == "examples"


@pytest.mark.parametrize("pattern", [r"(a+)\1", r"(?=x)y", r"(?<!a)b", "[unclosed"])
def test_patterns_that_are_not_linear_time_are_refused(tmp_path: Path, pattern: str) -> None:
    rule = {**_RULE, "match": {"regex": [pattern]}}
    with pytest.raises(ConfigError) as err:
        load_rules(_write(tmp_path, rule=rule))
    assert err.value.field == "match.regex"
    assert "RE2" in str(err.value)


def test_unknown_lexicon_list_is_named(tmp_path: Path) -> None:
    rule = {**_RULE, "context": {"any_of": ["@nowhere"]}}
    with pytest.raises(ConfigError) as err:
        load_rules(_write(tmp_path, rule=rule))
    assert "@nowhere" in str(err.value)
    assert err.value.field == "context.any_of"


def test_unknown_lexicon_list_in_match_phrases_is_named(tmp_path: Path) -> None:
    rule = {**_RULE, "match": {"phrases": ["@nowhere"]}}
    with pytest.raises(ConfigError) as err:
        load_rules(_write(tmp_path, rule=rule))
    assert err.value.field == "match.phrases"


def test_unknown_lexicon_list_in_an_all_of_group_is_named(tmp_path: Path) -> None:
    rule = {**_RULE, "context": {"all_of": [["client"], ["@nowhere"]]}}
    with pytest.raises(ConfigError) as err:
        load_rules(_write(tmp_path, rule=rule))
    assert "@nowhere" in str(err.value)
    assert err.value.field == "context.all_of.1"


def test_duplicate_rule_ids_fail(tmp_path: Path) -> None:
    _write(tmp_path)
    pack = yaml.safe_load((tmp_path / "pack_a.yaml").read_text())
    pack["rules"].append(dict(_RULE))
    (tmp_path / "pack_a.yaml").write_text(yaml.safe_dump(pack))
    with pytest.raises(ConfigError, match="duplicate rule id"):
        load_rules(tmp_path)


def test_a_key_given_twice_in_a_rule_fails(tmp_path: Path) -> None:
    """A rule whose "- id:" line an edit dropped merges into the rule before it; PyYAML
    would keep the later value of each key without a word."""
    _write(tmp_path)
    pack = yaml.safe_load((tmp_path / "pack_a.yaml").read_text())
    rules = pack.pop("rules")
    text = yaml.safe_dump(pack) + "rules:\n" + yaml.safe_dump(rules) + "  severity: warn\n"
    (tmp_path / "pack_a.yaml").write_text(text)
    with pytest.raises(ConfigError, match="duplicate key 'severity'"):
        load_rules(tmp_path)


@pytest.mark.parametrize(
    ("policy", "needle"),
    [
        ({**_POLICY, "packs": ["nope"]}, "unknown pack"),
        ({**_POLICY, "disabled_rules": ["pack_a.nope"]}, "unknown rule id"),
        ({**_POLICY, "severity_overrides": {"pack_a.name_near_client": "loud"}}, "severity"),
        ({**_POLICY, "id": "other"}, "must match the file name"),
        ({**_POLICY, "client_escalation": {"any_of": ["@nowhere"]}}, "unknown lexicon list"),
        ({**_POLICY, "client_escalation": {"any_of": []}}, "client_escalation"),
        ({**_POLICY, "client_escalation": {"any_of": ["x"], "to": "loud"}}, "client_escalation"),
    ],
)
def test_malformed_policy_fails(tmp_path: Path, policy: dict[str, object], needle: str) -> None:
    with pytest.raises(ConfigError, match=needle):
        load_rules(_write(tmp_path, policy=policy))


def test_yaml_syntax_error_names_the_file(tmp_path: Path) -> None:
    _write(tmp_path)
    (tmp_path / "pack_a.yaml").write_text("id: [unclosed\n")
    with pytest.raises(ConfigError, match=r"pack_a\.yaml"):
        load_rules(tmp_path)


def test_lexicon_must_be_lists_of_phrases(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"lexicon\.yaml"):
        load_rules(_write(tmp_path, lexicon={"roles": [True]}))


def test_parse_marked() -> None:
    assert parse_marked("my [[client]] [[Maria]]!") == ("my client Maria!", [(3, 9), (10, 15)])
    with pytest.raises(ValueError, match="unclosed"):
        parse_marked("my [[client")


def test_exclude_patterns_are_checked_too(tmp_path: Path) -> None:
    rule = {**_RULE, "match": {"phrases": ["maria"], "exclude": [r"(a)\1"]}}
    with pytest.raises(ConfigError) as err:
        load_rules(_write(tmp_path, rule=rule))
    assert err.value.field == "match.exclude"


def test_malformed_entity_reference_is_named(tmp_path: Path) -> None:
    rule = {**_RULE, "context": {"any_of": ["$person"]}}
    with pytest.raises(ConfigError, match=r"\$PERSON") as err:
        load_rules(_write(tmp_path, rule=rule))
    assert err.value.field == "context.any_of"


def test_lexicon_files_in_the_lexicon_folder_add_lists(tmp_path: Path) -> None:
    _write(tmp_path)
    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / "more.yaml").write_text(yaml.safe_dump({"kids": ["kiddo"]}))
    assert load_rules(tmp_path).lexicon == {"roles": ("client",), "kids": ("kiddo",)}
    (tmp_path / "lexicon" / "more.yaml").write_text(yaml.safe_dump({"roles": ["x"]}))
    with pytest.raises(ConfigError, match="'roles' defined twice"):
        load_rules(tmp_path)


def test_context_triggers_load_and_name_unknown_lists(tmp_path: Path) -> None:
    _write(tmp_path)
    assert load_rules(tmp_path).triggers == ()  # optional
    (tmp_path / "context").mkdir()
    triggers = {"triggers": [{"category": "negated", "phrases": ["no", "@roles"]}]}
    (tmp_path / "context" / "triggers.yaml").write_text(yaml.safe_dump(triggers))
    assert [t.category for t in load_rules(tmp_path).triggers] == ["negated"]
    triggers["triggers"][0]["phrases"] = ["@nowhere"]
    (tmp_path / "context" / "triggers.yaml").write_text(yaml.safe_dump(triggers))
    with pytest.raises(ConfigError, match="@nowhere"):
        load_rules(tmp_path)
    triggers["triggers"][0]["category"] = "maybe"
    (tmp_path / "context" / "triggers.yaml").write_text(yaml.safe_dump(triggers))
    with pytest.raises(ConfigError, match=r"triggers\.yaml"):
        load_rules(tmp_path)


_MOSAIC = {
    "min_total": 2,
    "features": {"a": {"weight": 1, "any_of": ["x"]}, "b": {"weight": 1, "any_of": ["y"]}},
}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"match": None}, None),  # neither match nor mosaic
        ({"mosaic": _MOSAIC}, None),  # both
        (
            {"match": None, "mosaic": {**_MOSAIC, "min_total": 1}},
            "mosaic",
        ),  # one feature alone reaches the threshold
        (
            {"match": None, "mosaic": {**_MOSAIC, "features": {"a": {"weight": 1}}}},
            "mosaic.features",
        ),
        ({"context": {"skip": ["maybe"]}}, "context.skip.0"),
    ],
)
def test_malformed_mosaic_or_assertion_is_refused(
    tmp_path: Path, change: dict[str, object], field: str | None
) -> None:
    rule = {k: v for k, v in {**_RULE, **change}.items() if v is not None}
    with pytest.raises(ConfigError) as err:
        load_rules(_write(tmp_path, rule=rule))
    assert err.value.rule_id == "name_near_client"
    if field:
        assert (err.value.field or "").startswith(field)


def test_mosaic_feature_regexes_and_lists_are_checked(tmp_path: Path) -> None:
    mosaic = {
        **_MOSAIC,
        "features": {**_MOSAIC["features"], "c": {"weight": 1, "regex": ["(a)\\1"]}},
    }
    rule = {k: v for k, v in {**_RULE, "mosaic": mosaic}.items() if k != "match"}
    with pytest.raises(ConfigError, match="RE2") as err:
        load_rules(_write(tmp_path, rule=rule))
    assert err.value.field == "mosaic.features.c.regex"


def _policies(tmp_path: Path, **files: dict[str, object]) -> Path:
    _write(tmp_path)
    for name, body in files.items():
        (tmp_path / "policies" / f"{name}.yaml").write_text(yaml.safe_dump({**body, "id": name}))
    return tmp_path


def test_a_policy_extends_another(tmp_path: Path) -> None:
    base = {"allow_list": ["988"], "severity_overrides": {"pack_a.name_near_client": "warn"}}
    child = {
        "version": "1",
        "extends": "default",
        "allow_list": ["12 Main St"],
        "severity_map": {"warn": "block"},
    }
    _policies(tmp_path, default={**_POLICY, **base}, strict=child)
    strict = load_rules(tmp_path).policies["strict"]
    assert strict.packs == ["pack_a"]  # inherited
    assert strict.allow_list == ["988", "12 Main St"]  # added up
    assert strict.severity_overrides == {"pack_a.name_near_client": "warn"}
    assert strict.severity_map == {"warn": "block"}
    assert strict.extends is None


@pytest.mark.parametrize(
    ("files", "needle"),
    [
        ({"other": {"version": "1", "extends": "nope"}}, "extends unknown policy"),
        (
            {"a": {"version": "1", "extends": "b"}, "b": {"version": "1", "extends": "a"}},
            "loop",
        ),
        ({"other": {"version": "1"}}, "no packs"),
        ({"other": {**_POLICY, "disabled_packs": ["nope"]}}, "unknown pack"),
        ({"other": {**_POLICY, "severity_overrides": {"nope": "warn"}}}, "unknown rule or pack"),
    ],
)
def test_malformed_policy_inheritance_fails(
    tmp_path: Path, files: dict[str, dict[str, object]], needle: str
) -> None:
    with pytest.raises(ConfigError, match=needle):
        load_rules(_policies(tmp_path, **{k: {**v, "id": k} for k, v in files.items()}))


def test_a_pack_id_may_be_overridden_as_a_whole(tmp_path: Path) -> None:
    _policies(tmp_path, other={**_POLICY, "severity_overrides": {"pack_a": "info"}})
    assert load_rules(tmp_path).policies["other"].severity_overrides == {"pack_a": "info"}


def test_lexicon_shapes_load_and_name_unknown_lists(tmp_path: Path) -> None:
    _write(tmp_path)
    assert load_rules(tmp_path).shapes == ()  # optional
    (tmp_path / "context").mkdir()
    pattern = [{"LOWER": "a"}, {"LOWER": "lady"}, {"LOWER": "i"}, {"LOWER": "help"}]
    shapes = {"shapes": [{"adds_to": "roles", "patterns": [pattern]}]}
    (tmp_path / "context" / "shapes.yaml").write_text(yaml.safe_dump(shapes))
    assert [s.adds_to for s in load_rules(tmp_path).shapes] == [("roles",)]
    shapes["shapes"][0]["adds_to"] = "nowhere"
    (tmp_path / "context" / "shapes.yaml").write_text(yaml.safe_dump(shapes))
    with pytest.raises(ConfigError, match="'nowhere'"):
        load_rules(tmp_path)
    shapes["shapes"][0] = {"adds_to": "roles", "patterns": "a lady I help"}
    (tmp_path / "context" / "shapes.yaml").write_text(yaml.safe_dump(shapes))
    with pytest.raises(ConfigError, match=r"shapes\.yaml"):
        load_rules(tmp_path)
