"""The shape of a rule pack, the lexicon and a policy file, as pydantic models.

Unknown fields are errors, so a misspelt field fails at load instead of being ignored.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

# a word as the second reader splits a draft into words (app/second_reader.py, _WORD);
# stdlib re on a fixed pattern of our own
_ONE_WORD = re.compile(r"\w\w+")

Category = Literal[
    "client_identifier",
    "contact_identifier",
    "location_detail",
    "treatment_disclosure",
    "substance_use_treatment",
    "minors_child_welfare",
    "mosaic",
    "client_media",
    "testimonial_solicitation",
    "dual_relationship",
    "venting",
    "individual_advice",
]
SeverityName = Literal["block", "warn", "info"]
# What the ConText-style triggers (rules/context/triggers.yaml) can say about a detail:
# it is negated, hypothetical, made up (a composite, a character: a hypothetical too, but
# one that clears even a name), the writer's own, about people in general, or said to be
# shared with the person's written consent; or, for a place, said to be the organisation's
# own ("our office at 12 Main St").
Assertion = Literal[
    "negated", "hypothetical", "fictional", "writer", "generic", "consented", "own_place"
]
TriggerCategory = Literal[
    "negated",
    "hypothetical",
    "fictional",
    "consented",
    "own_place",
    "writer",
    "generic",
    "client",
    "terminate",
    "pseudo",
]
_ID = r"^[a-z][a-z0-9_]*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Match(_Strict):
    """What a rule looks for. Any of the kinds may be combined; each hit is a candidate."""

    entities: list[str] = Field(default_factory=list)
    min_score: float = Field(0.4, ge=0, le=1)
    phrases: list[str] = Field(default_factory=list)  # or "@list": a lexicon list's
    tokens: list[list[dict[str, Any]]] = Field(default_factory=list)
    regex: list[str] = Field(default_factory=list)
    # RE2 patterns; a candidate whose whole text matches one of them is dropped
    # ("P.O." is not a client's initials).
    exclude: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _not_empty(self) -> Match:
        if not (self.entities or self.phrases or self.tokens or self.regex):
            raise ValueError("give at least one of entities, phrases, tokens, regex")
        return self


class Near(_Strict):
    """Terms that clear a candidate only when they stand close to it: at most ``window``
    tokens either side and, when ``through`` is given, joined to it by nothing but
    punctuation inside the sentence, names, capitalised words and ``through`` words (phrases
    or ``@lists``, read word by word). "program director, Sam Patel", "Maria, our case
    manager" and "Dr. Smith" are joined; in "our case manager helped Maria" the verb
    stands between, so the role is someone else's."""

    terms: list[str] = Field(min_length=1)
    window: int = Field(3, ge=1, le=100)
    through: list[str] = Field(default_factory=list)


class Story(_Strict):
    """Another way for ``any_of`` to hold: a person written of only as "he" or "she"
    is someone the writer serves when the post narrates casework. "Her UA came back
    dirty" names no client role, but beside "caseload", "home visit", "court" or
    "my shift" the "her" is a client; in a post with no such words she may be anyone.
    ``near`` must hit inside the rule's region (as ``any_of``), ``anywhere`` anywhere in
    the post."""

    near: list[str] = Field(min_length=1)
    anywhere: list[str] = Field(min_length=1)


class Context(_Strict):
    """Words that must (any_of, and one of each all_of group) or must not (none_of)
    occur near a candidate.

    Terms are phrases matched case-insensitively; ``@name`` names a list in
    rules/lexicon.yaml; ``$TYPE`` is any detected entity of that type (``$PERSON``).
    ``scope`` is ``window`` (``window`` tokens either side), ``sentence`` or ``text``;
    ``none_window`` narrows where ``none_of`` looks; each of ``none_near`` is one more
    list of clearing terms with its own, narrower reach.
    """

    scope: Literal["window", "sentence", "text"] = "sentence"
    window: int = Field(8, ge=1, le=100)
    any_of: list[str] = Field(default_factory=list)
    # any_of also holds when a pronoun is near in a post about casework (see Story)
    or_story: Story | None = None
    # more groups of terms, each of which must also have a hit in the region: a
    # testimonial request needs someone asked (any_of) *and* an asking word
    all_of: list[list[str]] = Field(default_factory=list)
    none_of: list[str] = Field(default_factory=list)
    # none_of looks only this many tokens either side when set ("program director
    # Maria Lopez" is staff, even in a sentence that also mentions clients).
    none_window: int | None = Field(None, ge=1, le=100)
    # none_of looks only inside the candidate's own sentence: a remark is about what its
    # sentence names ("asked me for bus fare. clown behavior" mocks the client, not the bus)
    none_in_sentence: bool = False
    # "Senator Maria Cantwell" is no client, though "Our case manager helped Maria get
    # housing" names one: a role clears a name only when attached to it.
    none_near: list[Near] = Field(default_factory=list)
    # ConText assertions that clear the rule ("if you are struggling", "1 in 5 adults",
    # "I was diagnosed myself"), and assertions that lower its severity to at most the
    # one given ("hasn't relapsed" still reveals treatment: a person should look).
    skip: list[Assertion] = Field(default_factory=list)
    cap: dict[Assertion, SeverityName] = Field(default_factory=dict)


class Examples(_Strict):
    """``match``: texts with every expected span marked ``[[like this]]``.
    ``near_miss``: texts the rule must not flag at all."""

    match: list[str] = Field(min_length=1)
    near_miss: list[str] = Field(min_length=1)

    @field_validator("match")
    @classmethod
    def _marked(cls, value: list[str]) -> list[str]:
        for text in value:
            if "[[" not in text or "]]" not in text:
                raise ValueError(f"match example has no [[marked]] span: {text!r}")
        return value


class Feature(_Strict):
    """One kind of quasi-identifier in a mosaic rule, and how much it weighs."""

    weight: float = Field(gt=0, le=10)
    any_of: list[str] = Field(default_factory=list)  # terms, as in a context
    regex: list[str] = Field(default_factory=list)  # RE2; group "span" marks the part
    # a hit right after or right before one of these words (or @lists, read word by word)
    # is not the client's: "her doctor", "ask your doctor" (someone else's role), "the
    # guys I coach" (a verb), "vet clinic" (an animal doctor), "blind spot"
    not_after: list[str] = Field(default_factory=list)
    not_before: list[str] = Field(default_factory=list)
    # RE2; a hit whose whole text matches is dropped: a state or a country is no small
    # place, however the model tags it
    exclude: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _not_empty(self) -> Feature:
        if not (self.any_of or self.regex):
            raise ValueError("give any_of or regex")
        return self


class Mosaic(_Strict):
    """A scored combination: the weights of the distinct features present in one
    sentence (or the whole text) add up; at ``min_total`` or more every hit is flagged.
    No feature alone may reach ``min_total``: a single word is never a mosaic."""

    scope: Literal["sentence", "text"] = "text"
    min_total: float = Field(gt=0)
    # text scope: report only the hits of sentences that hold two or more kinds of detail
    # (and any age), when there is such a sentence; a lone "this morning" elsewhere in the
    # post is not a piece of the mosaic
    core_only: bool = False
    features: dict[str, Feature] = Field(min_length=2)

    @model_validator(mode="after")
    def _combination(self) -> Mosaic:
        heavy = [n for n, f in self.features.items() if f.weight >= self.min_total]
        if heavy:
            raise ValueError(f"feature {heavy[0]!r} alone reaches min_total")
        return self


class Beside(_Strict):
    """Another rule's finding that a companion rule's match needs near it: "She's 14."
    says nothing of whom alone, but in a post whose next words reveal a child's running
    away it is that child's age. The other finding must be of at least ``severity``, in
    one of ``categories`` (any but the companion's own rule, when empty), and in the
    match's sentence or one of the ``sentences`` either side of it."""

    severity: SeverityName = "block"
    categories: list[Category] = Field(default_factory=list)
    sentences: int = Field(0, ge=0, le=3)


class Rule(_Strict):
    id: str = Field(pattern=_ID)
    severity: SeverityName
    message: str = Field(min_length=1)
    policy_ref: str = Field(min_length=1)
    suggestion: str | None = None
    category: Category | None = None
    entity_type: str | None = None
    redact_as: str | None = None
    score: float = Field(0.85, ge=0, le=1)
    # what a finding covers: the matched words, or the whole sentence around them. A
    # rule that weighs the whole post (a media word + a person served + no release)
    # points at the sentence: "pic" alone says little about what to take out.
    # "clause" is for a mark that comments on the words before it (an eye-roll emoji
    # after the remark it rolls its eyes at): the clause it closes, from the last break.
    report: Literal["match", "sentence", "clause"] = "match"
    # a fallback reports only when no other rule of its category found anything in the
    # post: a post-level rule catches what the phrase rules miss, and adds nothing but a
    # second, vaguer mark where they already caught it
    fallback: bool = False
    # a companion: its matches stand only beside another rule's finding (see Beside)
    beside: Beside | None = None
    # a name this rule finds by its own pattern and context ("Sgt. Lee" in a post about a
    # veteran served) stands even where another rule's role cleared the same name words
    # ("sgt." is a police officer's public role): the rule's own none_near decides
    keeps_cleared_names: bool = False
    match: Match | None = None
    mosaic: Mosaic | None = None
    context: Context | None = None
    examples: Examples

    @model_validator(mode="after")
    def _one_kind(self) -> Rule:
        if (self.match is None) == (self.mosaic is None):
            raise ValueError("give either match or mosaic")
        return self


class Pack(_Strict):
    id: str = Field(pattern=_ID)
    version: str
    category: Category
    title: str
    description: str = ""
    rules: list[Rule] = Field(min_length=1)


class DenyEntry(_Strict):
    term: str = Field(min_length=2)
    category: Category = "location_detail"
    severity: SeverityName = "block"
    message: str = "This name is on your organisation's do-not-mention list. Remove it."


class EntitySwitches(_Strict):
    enable: list[str] = Field(default_factory=list)
    disable: list[str] = Field(default_factory=list)


class Trigger(_Strict):
    """A ConText trigger: phrases that set ``category`` on the details in their scope,
    which runs ``direction`` from the phrase for at most ``max_scope`` tokens and never
    past the sentence's end or a ``terminate`` phrase ("but"); ``post`` covers the whole
    post ("With her written consent, we're sharing Ana's story. Thank you, Ana")."""

    category: TriggerCategory
    direction: Literal["forward", "backward", "both", "post"] = "forward"
    max_scope: int = Field(8, ge=1, le=50)
    phrases: list[str] = Field(min_length=1)  # phrases or @lexicon lists


class Triggers(_Strict):
    triggers: list[Trigger] = Field(min_length=1)


class Shape(_Strict):
    """spaCy token patterns (as in a rule's ``match.tokens``) whose matches count as
    members of the lexicon list ``adds_to`` (one name, or several) wherever it is read as
    context, for what phrases cannot enumerate: "a lady I help", "one of my regulars",
    "una señora que atiendo" in ``client_roles`` and the lists of one person served."""

    adds_to: tuple[str, ...] = Field(min_length=1)
    note: str = ""
    # a trigger inside a match is no trigger: the "I" of "a lady I help" does not make
    # "a lady I help relapsed" the writer's own story
    hides_triggers: bool = False
    # the rules' regexes read a match as this phrase ("my client"): a rule that spells
    # the role in its pattern ("pic with my client") then meets "pic with a guy I help"
    reads_as: str | None = Field(None, min_length=1)
    patterns: list[list[dict[str, Any]]] = Field(min_length=1)

    @field_validator("adds_to", mode="before")
    @classmethod
    def _one_or_several(cls, value: Any) -> Any:
        return (value,) if isinstance(value, str) else value


class Shapes(_Strict):
    shapes: list[Shape] = Field(min_length=1)


class ClientEscalation(_Strict):
    """A warning in a post about a particular client becomes ``to``: "my client" near
    a street address, an age or an eye-roll is no longer a detail a person might
    check, it is that client's. The post is about a client when one of ``any_of``
    (terms, as in a rule's context) is in it and ConText says none of ``skip`` of it
    ("if my client relapses" is hypothetical)."""

    any_of: list[str] = Field(min_length=1)
    skip: list[Assertion] = Field(default_factory=list)
    # the categories whose warnings are raised; empty: every category
    categories: list[Category] = Field(default_factory=list)
    to: SeverityName = "block"


class SecondReader(_Strict):
    """What the second reader's score (app/second_reader.py, 0 to 1) does: a warning in
    a draft scoring at least ``escalate_at`` becomes a block; a draft with no warning
    at all that scores at least ``flag_at`` gets a finding at ``severity`` of its own,
    a block from ``block_at``; a draft one rule alone blocks that scores under
    ``soften_below`` gets a warning instead; a draft whose only warnings come from the
    rules in ``clearable`` that scores under ``clear_below`` keeps them as info, unless
    it holds a word of ``clear_unless``.
    ``screener train-reader`` prints what the thresholds did on the corpus."""

    escalate_at: float = Field(ge=0, le=1.01)
    flag_at: float = Field(ge=0, le=1.01)  # above 1: never
    severity: SeverityName = "block"
    block_at: float = Field(default=1.01, ge=0, le=1.01)  # above 1: never
    soften_below: float = Field(default=0.0, ge=0, le=1)  # 0: never
    clear_below: float = Field(default=0.0, ge=0, le=1)  # 0: never
    clearable: list[str] = Field(default_factory=list)  # rule ids (pack.rule)
    # words that keep the warnings however the draft reads ("story", "consent", "photo")
    clear_unless: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _ordered(self) -> SecondReader:
        if self.block_at < self.flag_at:
            raise ValueError("block_at must not be below flag_at")
        if self.soften_below > min(self.escalate_at, self.flag_at):
            raise ValueError("soften_below must not be above escalate_at or flag_at")
        if self.clear_below > self.escalate_at:
            raise ValueError("clear_below must not be above escalate_at")
        if self.clear_below > 0 and not self.clearable:
            raise ValueError("clear_below needs the rules it may clear: clearable")
        if phrases := [w for w in self.clear_unless if not _ONE_WORD.fullmatch(w)]:
            # a draft is matched word by word: "written consent" would never hold
            raise ValueError(f"clear_unless takes single words, not {phrases}")
        return self


class Policy(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    version: str
    description: str = ""
    # another policy this one starts from (see the loader for how fields combine)
    extends: str | None = None
    packs: list[str] = Field(default_factory=list)
    disabled_packs: list[str] = Field(default_factory=list)
    entities: EntitySwitches = EntitySwitches()
    disabled_rules: list[str] = Field(default_factory=list)
    # keys: a rule id (pack.rule) or a whole pack id
    severity_overrides: dict[str, SeverityName] = Field(default_factory=dict)
    # applied last, to every finding: {warn: block} makes every warning a block
    severity_map: dict[SeverityName, SeverityName] = Field(default_factory=dict)
    allow_list: list[str] = Field(default_factory=list)
    deny_list: list[DenyEntry] = Field(default_factory=list)
    client_escalation: ClientEscalation | None = None
    second_reader: SecondReader | None = None
