"""The shape of a rule pack, the lexicon and a policy file, as pydantic models.

Unknown fields are errors, so a misspelt field fails at load instead of being ignored.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

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
_ID = r"^[a-z][a-z0-9_]*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Match(_Strict):
    """What a rule looks for. Any of the kinds may be combined; each hit is a candidate."""

    entities: list[str] = Field(default_factory=list)
    min_score: float = Field(0.4, ge=0, le=1)
    phrases: list[str] = Field(default_factory=list)
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


class Context(_Strict):
    """Words that must (any_of) or must not (none_of) occur near a candidate.

    Terms are phrases matched case-insensitively; ``@name`` names a list in
    rules/lexicon.yaml; ``$TYPE`` is any detected entity of that type (``$PERSON``).
    ``scope`` is ``window`` (``window`` tokens either side), ``sentence`` or ``text``;
    ``none_window`` narrows where ``none_of`` looks.
    """

    scope: Literal["window", "sentence", "text"] = "sentence"
    window: int = Field(8, ge=1, le=100)
    any_of: list[str] = Field(default_factory=list)
    none_of: list[str] = Field(default_factory=list)
    # none_of looks only this many tokens either side when set ("program director
    # Maria Lopez" is staff, even in a sentence that also mentions clients).
    none_window: int | None = Field(None, ge=1, le=100)


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
    match: Match
    context: Context | None = None
    examples: Examples


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


class Policy(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    version: str
    description: str = ""
    packs: list[str] = Field(min_length=1)
    entities: EntitySwitches = EntitySwitches()
    disabled_rules: list[str] = Field(default_factory=list)
    severity_overrides: dict[str, SeverityName] = Field(default_factory=dict)
    allow_list: list[str] = Field(default_factory=list)
    deny_list: list[DenyEntry] = Field(default_factory=list)
