"""Request and response bodies of API v1, split by role."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictStr, WithJsonSchema

OffsetUnit = Literal["codepoint", "utf16"]
# C0 controls but tab, line breaks, vertical tab and form feed (Word pastes those), and
# DEL: no post has them, and a NUL inside a name hid it from detection.
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _no_control(text: str) -> str:
    if m := CONTROL.search(text):
        raise ValueError(f"contains the control character U+{ord(m.group()):04X}; remove it")
    return text


# The schema says so too, so clients and schemathesis know; the validator says it plainly.
_NO_CONTROL = r"^[^\u0000-\u0008\u000e-\u001f\u007f]*$"
DraftText = Annotated[
    StrictStr, AfterValidator(_no_control), Field(json_schema_extra={"pattern": _NO_CONTROL})
]
_TEXT = Field(
    min_length=1,
    description="The draft, as it will be posted. Never stored or logged.",
    examples=["So proud of my client Maria Lopez who finally got her GED!"],
)
_POLICY = Field(None, description="Policy id (GET /v1/policies); the default when absent.")
_OFFSETS_DOC = (
    "Unit of start/end: Unicode code points (Python) or UTF-16 code units (JavaScript strings)."
)


class CheckRequest(BaseModel):
    text: DraftText = _TEXT
    policy: StrictStr | None = _POLICY
    offsets: OffsetUnit = Field("codepoint", description=_OFFSETS_DOC)


ItemId = Annotated[
    StrictStr, Field(min_length=1, max_length=200, description="Your id for the item.")
]


class BatchItem(BaseModel):
    id: ItemId
    text: DraftText = _TEXT


# An item is checked against BatchItem one by one in the route, so that one bad item
# gets its own error in `results` instead of failing the batch. The schema says so:
# anything is accepted in the list, and a BatchItem is what gets checked.
_ITEM_SCHEMA = {
    "anyOf": [
        BatchItem.model_json_schema(),
        {"description": "Anything else gets its own error in `results`, in its place."},
    ]
}


class BatchRequest(BaseModel):
    items: list[Annotated[Any, WithJsonSchema(_ITEM_SCHEMA)]] = Field(
        min_length=1,
        description="Drafts to check, each `{id, text}` with ids unique in the batch. "
        "Results come back in the same order. An item that is not valid (no id, a "
        "repeated id, empty or over-long text) gets an `error` in its place in "
        "`results`; the other items are checked. More items than the server's limit "
        "(SCREENER_MAX_BATCH_ITEMS) refuse the whole batch with 413.",
    )
    policy: StrictStr | None = _POLICY
    offsets: OffsetUnit = Field("codepoint", description=_OFFSETS_DOC)


class ViolationOut(BaseModel):
    rule_id: str
    category: str
    entity_type: str | None
    severity: Literal["block", "warn", "info"]
    start: int = Field(description="Start of the passage in the text as sent (see `offsets`).")
    end: int
    text: str
    message: str
    policy_ref: str
    score: float
    suggestion: str | None = Field(description="A safer wording for the passage, if any.")
    placeholder: str = Field(
        description="What `redacted_text` puts in place of the passage (`info` passages "
        "are left as they are)."
    )


class PolicyRef(BaseModel):
    id: str
    version: str


class CheckResponse(BaseModel):
    verdict: Literal["block", "warn", "pass"]
    violations: list[ViolationOut]
    redacted_text: str
    policy: PolicyRef


class BatchResult(CheckResponse):
    id: str


class ErrorDetail(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: int
    code: str
    message: str
    fields: list[dict[str, str]]


class ErrorResponse(BaseModel):
    """The one error shape of every endpoint."""

    error: ErrorDetail


class BatchItemError(BaseModel):
    """An item of a batch that could not be checked; the others were."""

    id: str | None = Field(description="The item's id, or null when the id itself is bad.")
    error: ErrorDetail


class BatchResponse(BaseModel):
    results: list[BatchResult | BatchItemError] = Field(
        description="One entry per item, in the order sent: a check result, or an error."
    )


class RuleOut(BaseModel):
    id: str
    pack: str
    category: str
    severity: Literal["block", "warn", "info"]
    message: str
    policy_ref: str
    suggestion: str | None
    entity_type: str | None


class RulesResponse(BaseModel):
    rules: list[RuleOut]


class SecondReaderOut(BaseModel):
    escalate_at: float
    flag_at: float
    severity: Literal["block", "warn", "info"]
    block_at: float
    soften_below: float


class PolicyOut(BaseModel):
    id: str
    version: str
    description: str
    packs: list[str]
    default: bool
    disabled_rules: list[str]
    severity_overrides: dict[str, str]
    # packs a policy extending another leaves out; severities remapped last ({warn: block})
    disabled_packs: list[str] = []
    severity_map: dict[str, str] = {}
    # what the second reader's score does (README: The second reader); null: it is off
    second_reader: SecondReaderOut | None = None


class PoliciesResponse(BaseModel):
    policies: list[PolicyOut]


class HealthResponse(BaseModel):
    status: Literal["ok"]


class ReadyResponse(BaseModel):
    status: Literal["ready"]
    spacy_model: str
    rules: int
    policies: int
