"""The pipeline, one pass per text:

normalise → one spaCy Doc (shared by Presidio and the rule matchers) → entities →
rule findings + deny-list → policy (allow-list, severities) → merge overlaps →
violations mapped back to the original text, verdict, redacted text.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from app.config import Settings
from app.detectors.masked import MaskedNames
from app.detectors.names import NameDetector, NameLexicon, common_words
from app.detectors.patterns import DETECTORS
from app.detectors.presidio_adapter import Parsed, PresidioAdapter
from app.detectors.public_names import PublicNames
from app.detectors.suppress import resolve
from app.detectors.truecase import VERY_COMMON_ZIPF, CaseRestorer
from app.errors import ConfigError, NotFound
from app.findings import Entity, Finding, Severity, category_rank
from app.normalise import Normalised, normalise
from app.policy import DENY_RULE_ID, CompiledPolicy
from app.roster.matcher import RULE_ID as ROSTER_RULE_ID
from app.roster.matcher import ClientContext, RosterMatcher, load_rosters
from app.rules.engine import RuleEngine
from app.rules.loader import RuleSet, load_rules
from app.rules.model import Policy
from app.second_reader import FILE as READER_FILE
from app.second_reader import ReaderModel, Thresholds, second_read

_WARM_UP = (
    "My client Jane Roe (DOB 01/02/2003) at 12 Main St, jane@example.org, 555-201-3344, "
    "https://example.org/x, SSN 123-45-6789, case #AB-1234."
)
VERDICTS = {Severity.block: "block", Severity.warn: "warn", Severity.info: "pass"}


@dataclass(frozen=True, slots=True)
class Violation:
    rule_id: str
    category: str
    entity_type: str | None
    severity: str
    start: int
    end: int
    text: str
    message: str
    policy_ref: str
    score: float
    suggestion: str | None
    placeholder: str  # what redacted_text puts in place of the passage


@dataclass(frozen=True, slots=True)
class Result:
    verdict: str
    violations: list[Violation]
    redacted_text: str
    policy: Policy


def reader_thresholds(policy: CompiledPolicy) -> Thresholds | None:
    """What the second reader's score does under ``policy``, its severities mapped as
    the policy maps every finding's; None where the policy does not use the reader."""
    reader = policy.policy.second_reader
    if reader is None:
        return None
    return Thresholds(
        escalate_at=reader.escalate_at,
        flag_at=reader.flag_at,
        flag=policy.mapped(Severity[reader.severity]),
        block_at=reader.block_at,
        soften_below=reader.soften_below,
        softened=policy.mapped(Severity.warn),
        block=policy.mapped(Severity.block),
        clear_below=reader.clear_below,
        clearable=frozenset(reader.clearable),
        clear_unless=frozenset(w.lower() for w in reader.clear_unless),
    )


def organisation_rules(policy: CompiledPolicy) -> frozenset[str]:
    """The rules whose severity the organisation set (its overrides, its deny-list, its
    client roster): the second reader never changes their findings."""
    return policy.overridden | {DENY_RULE_ID, ROSTER_RULE_ID}


def merge(findings: Iterable[Finding]) -> list[Finding]:
    """Keep, of overlapping findings, the most severe; of equally severe ones, the one in
    the most specifically protected category (``CATEGORY_PRECEDENCE``), then the surest,
    then the longest.

    The order is total, so the outcome does not depend on the order of the input.
    """
    ranked = sorted(
        findings,
        key=lambda f: (
            -f.severity,
            category_rank(f.rule.category),
            -f.score,
            -(f.end - f.start),
            f.start,
            f.rule.id,
        ),
    )
    # Kept findings never overlap, so sorted by (start, end) their ends rise too: a new one
    # can only overlap the one before it and those starting before its end. (Checking
    # every kept one took a draft with a thousand findings a second.)
    accepted: list[Finding] = []  # in rank order, as before: ties sort the same way
    kept: list[Finding] = []
    keys: list[tuple[int, int]] = []
    for f in ranked:
        at = bisect_left(keys, (f.start, -1))
        j = at - 1 if at else at
        while j < len(kept) and (j < at or kept[j].start < f.end):
            if not (f.end <= kept[j].start or kept[j].end <= f.start):
                break
            j += 1
        else:
            where = bisect_left(keys, (f.start, f.end))
            kept.insert(where, f)
            keys.insert(where, (f.start, f.end))
            accepted.append(f)
    return sorted(accepted, key=lambda f: (f.start, f.end))


def redact(text: str, violations: Sequence[Violation]) -> str:
    out: list[str] = []
    pos = 0
    for v in violations:
        if v.severity == "info":
            continue
        out.append(text[pos : v.start])
        out.append(v.placeholder)
        pos = v.end
    out.append(text[pos:])
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Rulebook:
    """Rules and policies compiled for use. Immutable: a reload builds a new one and
    swaps it in whole, so a check in flight finishes with the one it started with."""

    ruleset: RuleSet
    engine: RuleEngine
    policies: Mapping[str, CompiledPolicy]
    asked: Mapping[str, frozenset[str]]  # Presidio entity types to ask for, per policy
    all_rules: frozenset[str]
    client_context: ClientContext  # the words that tie a sentence to a client
    rosters: Mapping[str, RosterMatcher]  # per policy that has a client roster


class Screener:
    """Loads models once, and rules, policies and client rosters at start and on each
    reload; checks texts."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.adapter = PresidioAdapter(settings.models_dir, settings.spacy_model)
        lexicon = NameLexicon.load(settings.models_dir / "names")
        self.names = NameDetector(lexicon)
        self.masked = MaskedNames(lexicon)
        self.case = (
            CaseRestorer(lexicon, common_words(VERY_COMMON_ZIPF)) if settings.restore_case else None
        )
        self.public_names = PublicNames.load(settings.models_dir / "names")
        reader = settings.models_dir / READER_FILE
        self.reader: ReaderModel | None = ReaderModel.load(reader) if reader.exists() else None
        self.rulebook = self.compile()
        # Presidio loads recognizers and tldextract its suffix list lazily; pay for that
        # now, so the first request costs no more than any other.
        self.check_many([_WARM_UP, _WARM_UP], settings.default_policy)

    def compile(self) -> Rulebook:
        """Read and compile rules/ afresh. Raises ConfigError, naming file and field, and
        changes nothing, if any file is wrong; ``reload`` swaps the result in."""
        ruleset = load_rules(self.settings.rules_dir)
        if self.reader is None and any(p.second_reader for p in ruleset.policies.values()):
            raise ConfigError(
                str(self.settings.models_dir / READER_FILE),
                "missing, and a policy uses the second reader: `screener train-reader` writes it",
            )
        engine = RuleEngine(ruleset, self.adapter.nlp)
        pack_rules = {
            pid: [f"{pid}.{r.id}" for r in pack.rules] for pid, pack in ruleset.packs.items()
        }
        policies = {
            pid: CompiledPolicy(p, pack_rules, self.adapter.default_entities)
            for pid, p in ruleset.policies.items()
        }
        if self.settings.default_policy not in policies:
            raise ConfigError(
                str(self.settings.rules_dir / "policies"),
                f"default policy {self.settings.default_policy!r} (SCREENER_DEFAULT_POLICY) "
                "not found",
            )
        # Presidio is asked only for what the policy allows and its active rules use:
        # URL and MEDICAL_LICENSE feed no rule, and cost 0.35 ms a draft.
        asked = {
            pid: cp.entities
            & self.adapter.available_entities
            & frozenset(engine.entity_types(cp.active))
            for pid, cp in policies.items()
        }
        all_rules = frozenset(rid for ids in pack_rules.values() for rid in ids)
        context = ClientContext(
            self.adapter.nlp,
            [*ruleset.lexicon.get("client_roles", ()), *ruleset.lexicon.get("tx_client_roles", ())],
        )
        rosters = self._load_rosters(policies, context)
        return Rulebook(
            ruleset, engine, MappingProxyType(policies), asked, all_rules, context, rosters
        )

    def _load_rosters(
        self, policies: Iterable[str], context: ClientContext
    ) -> Mapping[str, RosterMatcher]:
        secret = self.settings.roster_secret
        return MappingProxyType(
            load_rosters(
                self.settings.data_dir,
                secret.get_secret_value() if secret else None,
                policies,
                context,
            )
        )

    def reload_rosters(self) -> list[str]:
        """Read every policy's client roster again (after ``screener roster import``);
        the ids of the policies that have one. Checks under way keep the old ones."""
        book = self.rulebook
        rosters = self._load_rosters(book.policies, book.client_context)
        self.rulebook = dataclasses.replace(book, rosters=rosters)
        return sorted(rosters)

    def reload(self) -> Rulebook:
        self.rulebook = book = self.compile()
        return book

    @property
    def ruleset(self) -> RuleSet:
        return self.rulebook.ruleset

    @property
    def policies(self) -> Mapping[str, CompiledPolicy]:
        return self.rulebook.policies

    @property
    def rosters(self) -> Mapping[str, RosterMatcher]:
        return self.rulebook.rosters

    @property
    def client_context(self) -> ClientContext:
        return self.rulebook.client_context

    def policy(self, policy_id: str | None) -> CompiledPolicy:
        return self._policy(self.rulebook, policy_id)

    def _policy(self, book: Rulebook, policy_id: str | None) -> CompiledPolicy:
        pid = policy_id or self.settings.default_policy
        try:
            return book.policies[pid]
        except KeyError:
            raise NotFound(f"unknown policy {pid!r}; GET /v1/policies lists them") from None

    def check(self, text: str, policy_id: str | None = None) -> Result:
        return self.check_many([text], policy_id)[0]

    def check_many(self, texts: Sequence[str], policy_id: str | None = None) -> list[Result]:
        book = self.rulebook  # one rulebook for the whole batch, even across a reload
        policy = self._policy(book, policy_id)
        norms = [normalise(t) for t in texts]
        entity_types = book.asked[policy.policy.id]
        roster = book.rosters.get(policy.policy.id)
        reader_at = reader_thresholds(policy)
        organisations = organisation_rules(policy)
        results = []
        # spaCy keeps every new word it meets (each phone number, name, case number) in
        # its vocabulary for good: 12,000 checks of distinct drafts added 46,000 entries
        # and 64 MB. What a check parses is freed at the end of the memory zone; nothing
        # spaCy made (Doc, Token, Span) leaves it, only plain results.
        with self.adapter.nlp.memory_zone():
            parsed = self.adapter.parse(
                [self._cased(n.text) for n in norms], self.settings.batch_size
            )
            for original, norm, p in zip(texts, norms, parsed, strict=True):
                entities = self._entities(p, entity_types)
                findings = book.engine.run(p.doc, entities, policy.active, policy.policy.id)
                findings.extend(policy.deny_findings(norm.text))
                if roster is not None:
                    findings.extend(roster.findings(p.doc, norm.text))
                kept = merge(policy.apply(findings, norm.text))
                if reader_at is not None and self.reader is not None:
                    # a generator: only a draft the reader flags needs its sentences
                    sentences = ((s.start_char, s.end_char) for s in p.doc.sents)
                    kept = second_read(
                        self.reader, reader_at, kept, sentences, norm.text, organisations
                    )
                results.append(self._result(original, norm, kept, policy.policy))
        return results

    def raw_findings(self, text: str) -> list[Finding]:
        """Every rule's findings before policy and merging (for rule examples)."""
        norm = normalise(text)
        p = self.adapter.parse([self._cased(norm.text)])[0]
        entities = self._entities(p, self.adapter.available_entities)
        book = self.rulebook
        return book.engine.run(p.doc, entities, book.all_rules)

    def _cased(self, text: str) -> str:
        """What the model and the rules read: ``text``, with starred-out letters of names
        put back ("M*ria") and capitals put back on names if it was typed in lower case
        (same length, so offsets hold)."""
        text = self.masked.unmask(text)
        return text if self.case is None else self.case.restore(text)

    def _entities(self, parsed: Parsed, entity_types: Iterable[str]) -> list[Entity]:
        entities = self.adapter.detect(parsed, entity_types)
        if "PERSON" in entity_types:
            entities = self.names.review(parsed.doc, parsed.text, entities)
            entities.extend(self.names.detect(parsed.doc))
            entities = self.public_names.review(parsed.doc, parsed.text, entities)
        entities.extend(DETECTORS.detect(parsed.text))
        return resolve(entities, parsed.text)

    @staticmethod
    def _result(original: str, norm: Normalised, kept: list[Finding], policy: Policy) -> Result:
        violations = []
        for f in kept:
            start, end = norm.to_original(f.start, f.end)
            violations.append(
                Violation(
                    rule_id=f.rule.id,
                    category=f.rule.category,
                    entity_type=f.entity_type,
                    severity=f.severity.name,
                    start=start,
                    end=end,
                    text=original[start:end],
                    message=f.rule.message,
                    policy_ref=f.rule.policy_ref,
                    score=round(f.score, 2),
                    suggestion=f.rule.suggestion,
                    placeholder=f.rule.redact_as
                    or (f"[{f.entity_type}]" if f.entity_type else "[REDACTED]"),
                )
            )
        worst = max((f.severity for f in kept), default=Severity.info)
        return Result(
            verdict=VERDICTS[worst],
            violations=violations,
            redacted_text=redact(original, violations),
            policy=policy,
        )
