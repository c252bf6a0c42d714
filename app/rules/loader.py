"""Read rule packs, the lexicon and policies from disk, and check them as a whole.

A malformed file stops start-up with a :class:`~app.errors.ConfigError` naming the
file, the rule id and the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import re2
import yaml
from pydantic import BaseModel, ValidationError

from app.errors import ConfigError, NotFound
from app.rules.model import Pack, Policy, Rule

_M = TypeVar("_M", bound=BaseModel)
LEXICON_FILE = "lexicon.yaml"
_ENTITY_REF = re2.compile(r"\$[A-Z][A-Z0-9_]*")


@dataclass(frozen=True, slots=True)
class RuleSet:
    packs: dict[str, Pack]
    lexicon: dict[str, tuple[str, ...]]
    policies: dict[str, Policy]

    def rules(self) -> list[tuple[Pack, Rule]]:
        return [(pack, rule) for pack in self.packs.values() for rule in pack.rules]


def read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
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


def _check_regexes(pack: Pack, path: Path) -> None:
    for rule in pack.rules:
        for field, pattern in [
            *(("match.regex", p) for p in rule.match.regex),
            *(("match.exclude", p) for p in rule.match.exclude),
        ]:
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
        if rule.context is None:
            continue
        for field in ("any_of", "none_of"):
            for term in getattr(rule.context, field):
                problem = None
                if term.startswith("@") and term[1:] not in lexicon:
                    problem = f"unknown lexicon list {term!r}"
                elif term.startswith("$") and not _ENTITY_REF.fullmatch(term):
                    problem = f"entity reference {term!r} must look like $PERSON"
                if problem:
                    raise ConfigError(str(path), problem, rule_id=rule.id, field=f"context.{field}")


def load_lexicon(rules_dir: Path) -> dict[str, tuple[str, ...]]:
    path = rules_dir / LEXICON_FILE
    data = read_yaml(path)
    if not isinstance(data, dict) or not all(
        isinstance(v, list) and all(isinstance(t, str) for t in v) for v in data.values()
    ):
        raise ConfigError(str(path), "expected a mapping of list name to a list of phrases")
    return {str(name): tuple(terms) for name, terms in data.items()}


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
    policies = load_policies(rules_dir / "policies", packs)
    return RuleSet(packs=packs, lexicon=lexicon, policies=policies)


def load_policies(policy_dir: Path, packs: dict[str, Pack]) -> dict[str, Policy]:
    rule_ids = {f"{p.id}.{r.id}" for p in packs.values() for r in p.rules}
    policies: dict[str, Policy] = {}
    for path in sorted(policy_dir.glob("*.yaml")):
        policy = _validate(Policy, read_yaml(path), path)
        if policy.id != path.stem:
            raise ConfigError(
                str(path), f"policy id {policy.id!r} must match the file name", field="id"
            )
        for name in policy.packs:
            if name not in packs:
                raise ConfigError(str(path), f"unknown pack {name!r}", field="packs")
        for rid in [*policy.disabled_rules, *policy.severity_overrides]:
            if rid not in rule_ids:
                raise ConfigError(
                    str(path), f"unknown rule id {rid!r}", field="disabled_rules/severity_overrides"
                )
        policies[policy.id] = policy
    if not policies:
        raise ConfigError(str(policy_dir), "no policies (*.yaml) found")
    return policies


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


def require_policy(rules_dir: Path, policy_id: str) -> str:
    """``policy_id``, if ``rules/policies/`` has it: for commands that should refuse an
    unknown policy before loading any model."""
    if policy_id not in load_rules(rules_dir).policies:
        raise NotFound(f"unknown policy {policy_id!r}; `screener rules` lists the policies")
    return policy_id
