"""Read rule packs, the lexicon and policies from disk, and check them as a whole.

A malformed file stops start-up with a :class:`~app.errors.ConfigError` naming the
file, the rule id and the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypeVar

import re2
import yaml
from pydantic import BaseModel, ValidationError

from app.errors import ConfigError, NotFound
from app.rules.model import Pack, Policy, Rule, Shape, Shapes, Trigger, Triggers

_M = TypeVar("_M", bound=BaseModel)
LEXICON_FILE = "lexicon.yaml"
# More lexicon files, one per area, so packs add lists without editing one shared file.
LEXICON_DIR = "lexicon"
TRIGGERS_FILE = Path("context") / "triggers.yaml"
SHAPES_FILE = Path("context") / "shapes.yaml"
_ENTITY_REF = re2.compile(r"\$[A-Z][A-Z0-9_]*")


@dataclass(frozen=True, slots=True)
class RuleSet:
    packs: dict[str, Pack]
    lexicon: dict[str, tuple[str, ...]]
    policies: dict[str, Policy]
    triggers: tuple[Trigger, ...] = ()
    shapes: tuple[Shape, ...] = ()

    def rules(self) -> list[tuple[Pack, Rule]]:
        return [(pack, rule) for pack in self.packs.values() for rule in pack.rules]


class _UniqueKeyLoader(yaml.SafeLoader):
    """A SafeLoader that refuses a key given twice in one mapping. PyYAML keeps the last
    value silently, so a rule whose "- id:" line is lost in an edit takes over the next
    rule's fields (its severity, entity type, regex) and the packs still load."""


def _unique_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            duplicate = key in seen
        except TypeError:  # an unhashable key: PyYAML's own constructor reports it
            continue
        if duplicate:
            raise yaml.constructor.ConstructorError(
                "while constructing a mapping",
                node.start_mark,
                f"duplicate key {key!r}",
                key_node.start_mark,
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _unique_mapping,
)


def read_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # noqa: S506
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(str(path), f"not valid YAML: {exc}") from exc


def _validate(model: type[_M], data: Any, path: Path) -> _M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = list(err["loc"])
        rule_id = None
        if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
            try:
                rule_id = str(data["rules"][loc[1]].get("id"))
            except (KeyError, IndexError, TypeError, AttributeError):
                rule_id = f"#{loc[1]}"
            loc = loc[2:]
        field = ".".join(str(part) for part in loc) or None
        raise ConfigError(str(path), err["msg"], rule_id=rule_id, field=field) from exc


def _items(rule: Rule, kind: Literal["regex", "terms"]) -> list[tuple[str, str]]:
    """(field, item) for every RE2 pattern (``regex``) or every context term
    (``terms``: ``@list``, ``$TYPE``, phrase) of a rule, mosaic features included."""
    sources: list[tuple[str, list[str]]] = []
    if kind == "regex" and rule.match is not None:
        sources += [("match.regex", rule.match.regex), ("match.exclude", rule.match.exclude)]
    if kind == "terms" and rule.match is not None:
        sources += [("match.phrases", [t for t in rule.match.phrases if t.startswith("@")])]
    if kind == "terms" and rule.context is not None:
        sources += [("context.any_of", rule.context.any_of)]
        sources += [(f"context.all_of.{n}", group) for n, group in enumerate(rule.context.all_of)]
        sources += [("context.none_of", rule.context.none_of)]
        if (story := rule.context.or_story) is not None:
            sources += [("context.or_story.near", story.near)]
            sources += [("context.or_story.anywhere", story.anywhere)]
        for n, near in enumerate(rule.context.none_near):
            sources += [(f"context.none_near.{n}.terms", near.terms)]
            sources += [(f"context.none_near.{n}.through", near.through)]
    if rule.mosaic is not None:
        attr = "regex" if kind == "regex" else "any_of"
        sources += [
            (f"mosaic.features.{name}.{attr}", getattr(feature, attr))
            for name, feature in rule.mosaic.features.items()
        ]
        if kind == "regex":
            sources += [
                (f"mosaic.features.{name}.exclude", feature.exclude)
                for name, feature in rule.mosaic.features.items()
            ]
        if kind == "terms":
            sources += [
                (f"mosaic.features.{name}.{attr}", getattr(feature, attr))
                for name, feature in rule.mosaic.features.items()
                for attr in ("not_after", "not_before")
            ]
    return [(field, item) for field, items in sources for item in items]


def _check_regexes(pack: Pack, path: Path) -> None:
    for rule in pack.rules:
        for field, pattern in _items(rule, "regex"):
            try:
                # RE2 refuses backreferences and lookaround: every accepted pattern
                # runs in time linear in the text, whatever the text.
                re2.compile(pattern)
            except re2.error as exc:
                raise ConfigError(
                    str(path),
                    f"pattern not accepted by RE2 (linear-time): {exc}",
                    rule_id=rule.id,
                    field=field,
                ) from exc


def _check_lexicon_refs(pack: Pack, lexicon: dict[str, tuple[str, ...]], path: Path) -> None:
    for rule in pack.rules:
        for field, term in _items(rule, "terms"):
            problem = None
            if term.startswith("@") and term[1:] not in lexicon:
                problem = f"unknown lexicon list {term!r}"
            elif term.startswith("$") and not _ENTITY_REF.fullmatch(term):
                problem = f"entity reference {term!r} must look like $PERSON"
            if problem:
                raise ConfigError(str(path), problem, rule_id=rule.id, field=field)


def load_lexicon(rules_dir: Path) -> dict[str, tuple[str, ...]]:
    """``lexicon.yaml``, then every ``lexicon/*.yaml``; a list name is defined once."""
    lexicon: dict[str, tuple[str, ...]] = {}
    for path in [rules_dir / LEXICON_FILE, *sorted((rules_dir / LEXICON_DIR).glob("*.yaml"))]:
        data = read_yaml(path)
        if not isinstance(data, dict) or not all(
            isinstance(v, list) and all(isinstance(t, str) for t in v) for v in data.values()
        ):
            raise ConfigError(str(path), "expected a mapping of list name to a list of phrases")
        for name, terms in data.items():
            if name in lexicon:
                raise ConfigError(str(path), f"lexicon list {name!r} defined twice")
            lexicon[str(name)] = tuple(terms)
    return lexicon


def load_triggers(rules_dir: Path, lexicon: dict[str, tuple[str, ...]]) -> tuple[Trigger, ...]:
    """The ConText triggers, if the rules directory has them (optional)."""
    path = rules_dir / TRIGGERS_FILE
    if not path.is_file():
        return ()
    triggers = _validate(Triggers, read_yaml(path), path).triggers
    for trigger in triggers:
        for phrase in trigger.phrases:
            if phrase.startswith("@") and phrase[1:] not in lexicon:
                raise ConfigError(str(path), f"unknown lexicon list {phrase!r}", field="phrases")
    return tuple(triggers)


def load_shapes(rules_dir: Path, lexicon: dict[str, tuple[str, ...]]) -> tuple[Shape, ...]:
    """Token patterns that add to lexicon lists, if the rules directory has them."""
    path = rules_dir / SHAPES_FILE
    if not path.is_file():
        return ()
    shapes = _validate(Shapes, read_yaml(path), path).shapes
    for shape in shapes:
        for name in shape.adds_to:
            if name not in lexicon:
                raise ConfigError(str(path), f"unknown lexicon list {name!r}", field="adds_to")
    return tuple(shapes)


def load_rules(rules_dir: Path) -> RuleSet:
    if not rules_dir.is_dir():
        raise ConfigError(str(rules_dir), "rules directory not found")
    lexicon = load_lexicon(rules_dir)
    packs: dict[str, Pack] = {}
    seen: dict[str, Path] = {}
    for path in sorted(rules_dir.glob("*.yaml")):
        if path.name == LEXICON_FILE:
            continue
        pack = _validate(Pack, read_yaml(path), path)
        if pack.id in packs:
            raise ConfigError(str(path), f"pack id {pack.id!r} used twice", field="id")
        for rule in pack.rules:
            full = f"{pack.id}.{rule.id}"
            if full in seen:
                raise ConfigError(str(path), "duplicate rule id", rule_id=rule.id, field="id")
            seen[full] = path
        _check_regexes(pack, path)
        _check_lexicon_refs(pack, lexicon, path)
        packs[pack.id] = pack
    if not packs:
        raise ConfigError(str(rules_dir), "no rule packs (*.yaml) found")
    policies = load_policies(rules_dir / "policies", packs, lexicon)
    triggers = load_triggers(rules_dir, lexicon)
    shapes = load_shapes(rules_dir, lexicon)
    return RuleSet(
        packs=packs, lexicon=lexicon, policies=policies, triggers=triggers, shapes=shapes
    )


def parse_marked(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``"my client [[Maria]]"`` → ``("my client Maria", [(10, 15)])``."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    length = 0
    while True:
        open_at = text.find("[[", pos)
        if open_at < 0:
            out.append(text[pos:])
            break
        close_at = text.find("]]", open_at + 2)
        if close_at < 0:
            raise ValueError(f"unclosed [[ in example: {text!r}")
        out.append(text[pos:open_at])
        length += open_at - pos
        inner = text[open_at + 2 : close_at]
        out.append(inner)
        spans.append((length, length + len(inner)))
        length += len(inner)
        pos = close_at + 2
    return "".join(out), spans


# A policy that ``extends`` another starts from it. The organisation's lists add up
# (the child's entry wins on the same key); ``packs``, ``entities``, ``client_escalation``
# and ``second_reader`` are inherited unless the child gives its own.
_ADDED_LISTS = ("allow_list", "deny_list", "disabled_rules", "disabled_packs")
_ADDED_MAPS = ("severity_overrides", "severity_map")


def _inherit(child: Policy, parent: Policy) -> Policy:
    update: dict[str, Any] = {"extends": None}
    for name in _ADDED_LISTS:
        update[name] = [*getattr(parent, name), *getattr(child, name)]
    for name in _ADDED_MAPS:
        update[name] = {**getattr(parent, name), **getattr(child, name)}
    for name in ("packs", "entities", "client_escalation", "second_reader"):
        if name not in child.model_fields_set:
            update[name] = getattr(parent, name)
    return child.model_copy(update=update)


def _resolve(pid: str, raw: dict[str, tuple[Policy, Path]], seen: tuple[str, ...]) -> Policy:
    policy, path = raw[pid]
    if policy.extends is None:
        return policy
    if policy.extends not in raw:
        raise ConfigError(str(path), f"extends unknown policy {policy.extends!r}", field="extends")
    if policy.extends in seen or policy.extends == pid:
        raise ConfigError(str(path), "policies extend each other in a loop", field="extends")
    return _inherit(policy, _resolve(policy.extends, raw, (*seen, pid)))


def _check_policy(
    policy: Policy, path: Path, packs: dict[str, Pack], lexicon: dict[str, tuple[str, ...]]
) -> None:
    rule_ids = {f"{p.id}.{r.id}" for p in packs.values() for r in p.rules}
    escalation = policy.client_escalation
    for term in escalation.any_of if escalation is not None else ():
        if term.startswith("@") and term[1:] not in lexicon:
            raise ConfigError(
                str(path), f"unknown lexicon list {term!r}", field="client_escalation.any_of"
            )
    if not policy.packs:
        raise ConfigError(str(path), "no packs: list some, or extend a policy", field="packs")
    for field in ("packs", "disabled_packs"):
        for name in getattr(policy, field):
            if name not in packs:
                raise ConfigError(str(path), f"unknown pack {name!r}", field=field)
    for rid in policy.disabled_rules:
        if rid not in rule_ids:
            raise ConfigError(str(path), f"unknown rule id {rid!r}", field="disabled_rules")
    for rid in policy.second_reader.clearable if policy.second_reader is not None else ():
        if rid not in rule_ids:
            raise ConfigError(
                str(path), f"unknown rule id {rid!r}", field="second_reader.clearable"
            )
    for key in policy.severity_overrides:
        if key not in rule_ids and key not in packs:
            raise ConfigError(
                str(path), f"unknown rule or pack id {key!r}", field="severity_overrides"
            )


def load_policies(
    policy_dir: Path, packs: dict[str, Pack], lexicon: dict[str, tuple[str, ...]] | None = None
) -> dict[str, Policy]:
    raw: dict[str, tuple[Policy, Path]] = {}
    for path in sorted(policy_dir.glob("*.yaml")):
        policy = _validate(Policy, read_yaml(path), path)
        if policy.id != path.stem:
            raise ConfigError(
                str(path), f"policy id {policy.id!r} must match the file name", field="id"
            )
        raw[policy.id] = (policy, path)
    if not raw:
        raise ConfigError(str(policy_dir), "no policies (*.yaml) found")
    policies = {pid: _resolve(pid, raw, ()) for pid in raw}
    for pid, policy in policies.items():
        _check_policy(policy, raw[pid][1], packs, lexicon or {})
    return policies


def require_policy(rules_dir: Path, policy_id: str) -> str:
    """``policy_id``, if ``rules/policies/`` has it: for commands that should refuse an
    unknown policy before loading any model."""
    if policy_id not in load_rules(rules_dir).policies:
        raise NotFound(f"unknown policy {policy_id!r}; `screener rules` lists the policies")
    return policy_id
