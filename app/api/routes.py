"""API v1 routes. Handlers are thin: validate limits, call the screener, shape output."""

from __future__ import annotations

import logging
import time
from dataclasses import asdict
from typing import Annotated, Any

import anyio
import anyio.to_thread
from fastapi import APIRouter, Depends, Request
from pydantic import TypeAdapter, ValidationError

from app.api.auth import Caller, CallerDep, client_address, gate_of, get_caller
from app.api.errors import GATE, responses, validation_failed
from app.api.schemas import (
    BatchItem,
    BatchItemError,
    BatchRequest,
    BatchResponse,
    BatchResult,
    CheckRequest,
    CheckResponse,
    ErrorResponse,
    HealthResponse,
    ItemId,
    OffsetUnit,
    PoliciesResponse,
    PolicyOut,
    PolicyRef,
    ReadyResponse,
    RuleOut,
    RulesResponse,
    SecondReaderOut,
    ViolationOut,
)
from app.batching import Batcher
from app.errors import (
    NotReady,
    PayloadTooLarge,
    ScreenerError,
    UnsupportedMediaType,
    ValidationFailed,
)
from app.memory import Trimmer
from app.offsets import utf16_converter
from app.screener import Result, Screener

log = logging.getLogger("screener.check")
router = APIRouter()
_ITEM = TypeAdapter(BatchItem)
_ITEM_ID = TypeAdapter(ItemId)


# The dependencies are ``async def``, though none awaits anything: FastAPI runs a plain
# ``def`` dependency in its thread pool, and the four of a check cost four trips to a
# thread and back (~4 ms of CPU and of latency per request, more than the check of a
# short draft).
def screener_of(request: Request) -> Screener:
    screener: Screener | None = getattr(request.app.state, "screener", None)
    if screener is None:
        raise NotReady("Models and rules are still loading.")
    return screener


async def get_screener(request: Request) -> Screener:
    return screener_of(request)


async def require_json(request: Request) -> None:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != "application/json" and not media.endswith("+json"):
        raise UnsupportedMediaType("Send the body as JSON with Content-Type: application/json.")


ScreenerDep = Annotated[Screener, Depends(get_screener)]
JsonBody = Depends(require_json)


def _shape(original: str, result: Result, offsets: OffsetUnit) -> CheckResponse:
    conv = utf16_converter(original) if offsets == "utf16" else (lambda i: i)
    return CheckResponse(
        verdict=result.verdict,
        violations=[
            ViolationOut(**{**asdict(v), "start": conv(v.start), "end": conv(v.end)})
            for v in result.violations
        ],
        redacted_text=result.redacted_text,
        policy=PolicyRef(id=result.policy.id, version=result.policy.version),
    )


# One check at a time per process, off the event loop. spaCy and Presidio hold the GIL
# for most of a check: 16 checks interleaved in 16 threads ran at a quarter of the
# speed of the same checks one after another (hey -c 16: 19.7/s against 80/s
# in-process). More throughput comes from more worker processes, not threads, and from
# checking together the requests that queue behind a running check (app/batching.py).
def limiter_of(state: Any) -> anyio.CapacityLimiter:
    """The app's one-check-at-a-time limiter (a reload takes its turn too)."""
    if getattr(state, "limiter", None) is None:
        # made inside the running event loop, once per app
        state.limiter = anyio.CapacityLimiter(1)
    limiter: anyio.CapacityLimiter = state.limiter
    return limiter


def batcher_of(request: Request) -> Batcher:
    state = request.app.state
    screener = screener_of(request)
    batcher: Batcher | None = getattr(state, "batcher", None)
    if batcher is None or batcher.screener is not screener:
        batcher = state.batcher = Batcher(
            screener,
            limiter_of(state),
            screener.settings.micro_batch_items,
            Trimmer(screener.settings.malloc_trim_seconds),
        )
    return batcher


async def get_batcher(request: Request) -> Batcher:
    return batcher_of(request)


BatcherDep = Annotated[Batcher, Depends(get_batcher)]


async def screen(batcher: Batcher, texts: list[str], policy: str | None) -> list[Result]:
    # policy is resolved first so an unknown one is a 404 without queueing
    batcher.screener.policy(policy)
    return await batcher.check(texts, policy)


def _too_long(screener: Screener, text: str, where: str) -> PayloadTooLarge | None:
    limit = screener.settings.max_text_chars
    if len(text) <= limit:
        return None
    return PayloadTooLarge(
        f"{where} has {len(text)} characters; the limit is {limit}.",
        fields=[{"field": where, "problem": f"longer than {limit} characters"}],
    )


def audit(
    request: Request, caller: Caller, endpoint: str, texts: list[str], results: list[Result]
) -> None:
    """A row per text in the audit log, when it is on: ids, hash, verdict, never the text."""
    audit_log = getattr(request.app.state, "audit", None)
    if audit_log is not None:
        audit_log.record(caller.key_id, endpoint, texts, results)


def log_checks(
    kind: str,
    policy: str,
    texts: list[str],
    results: list[Result],
    t0: float,
    *,
    errors: int = 0,
) -> None:
    rules = sorted({v.rule_id for r in results for v in r.violations})
    log.info(
        "%s policy=%s items=%d errors=%d chars=%d verdicts=%s rules=%s ms=%.1f",
        kind,
        policy,
        len(texts),
        errors,
        sum(map(len, texts)),
        ",".join(r.verdict for r in results[:20]),
        ",".join(rules),
        (time.perf_counter() - t0) * 1000,
    )


@router.post(
    "/v1/check",
    response_model=CheckResponse,
    dependencies=[JsonBody],
    responses=responses(400, 403, 404, 413, 415, 422, 503, *GATE),
    summary="Check one draft",
)
async def check(
    body: CheckRequest,
    request: Request,
    caller: CallerDep,
    screener: ScreenerDep,
    batcher: BatcherDep,
) -> CheckResponse:
    t0 = time.perf_counter()
    if (err := _too_long(screener, body.text, "text")) is not None:
        raise err
    result = (await screen(batcher, [body.text], caller.policy_for(body.policy)))[0]
    audit(request, caller, "check", [body.text], [result])
    log_checks("check", result.policy.id, [body.text], [result], t0)
    return _shape(body.text, result, body.offsets)


def _item_id(raw: Any) -> str | None:
    """The item's id when it is a valid one, to answer the item's error with."""
    try:
        return _ITEM_ID.validate_python(raw.get("id") if isinstance(raw, dict) else None)
    except ValidationError:
        return None


def _validate_item(
    screener: Screener, raw: Any, n: int, item_id: str | None, first_at: dict[str, int]
) -> BatchItem | ScreenerError:
    if item_id is not None and item_id in first_at:
        # results are matched to items by id: a repeated id would be ambiguous
        where = f"items.{n}.id"
        return ValidationFailed(
            f"Invalid item: {where} repeats items.{first_at[item_id]}.id.",
            fields=[{"field": where, "problem": "ids must be unique in a batch"}],
        )
    try:
        item = _ITEM.validate_python(raw)
    except ValidationError as exc:
        return validation_failed("item", exc.errors(), ("items", n))
    return _too_long(screener, item.text, f"items.{n}.text") or item


def _validate_items(screener: Screener, raw: list[Any]) -> list[BatchItem | BatchItemError]:
    """Each item on its own: a bad one becomes its error, in its place."""
    out: list[BatchItem | BatchItemError] = []
    first_at: dict[str, int] = {}
    for n, raw_item in enumerate(raw):
        item_id = _item_id(raw_item)
        checked = _validate_item(screener, raw_item, n, item_id, first_at)
        if item_id is not None:
            first_at.setdefault(item_id, n)
        if isinstance(checked, ScreenerError):
            out.append(BatchItemError(id=item_id, error=checked.body()["error"]))
        else:
            out.append(checked)
    return out


@router.post(
    "/v1/check/batch",
    response_model=BatchResponse,
    dependencies=[JsonBody],
    responses=responses(400, 403, 404, 413, 415, 422, 503, *GATE),
    summary="Check many drafts at once; a bad item gets its own error",
)
async def check_batch(
    body: BatchRequest,
    request: Request,
    caller: CallerDep,
    screener: ScreenerDep,
    batcher: BatcherDep,
) -> BatchResponse:
    t0 = time.perf_counter()
    limit = screener.settings.max_batch_items
    if len(body.items) > limit:
        raise PayloadTooLarge(
            f"The batch has {len(body.items)} items; the limit is {limit}.",
            fields=[{"field": "items", "problem": f"more than {limit} items"}],
        )
    policy = caller.policy_for(body.policy)  # another organisation's: 403 for the batch
    policy_id = screener.policy(policy).policy.id  # unknown: 404 for the whole batch
    checked = _validate_items(screener, body.items)
    good = [item for item in checked if isinstance(item, BatchItem)]
    texts = [item.text for item in good]
    # one check per item checked; the gate counted the request as one
    await gate_of(request).admit_batch(caller, len(texts), client_address(request.scope))
    results = await screen(batcher, texts, policy) if good else []
    audit(request, caller, "batch", texts, results)
    log_checks("batch", policy_id, texts, results, t0, errors=len(checked) - len(good))
    shaped = iter(
        BatchResult(id=item.id, **_shape(item.text, r, body.offsets).model_dump())
        for item, r in zip(good, results, strict=True)
    )
    return BatchResponse(
        results=[item if isinstance(item, BatchItemError) else next(shaped) for item in checked]
    )


@router.get(
    "/v1/rules",
    response_model=RulesResponse,
    dependencies=[Depends(get_caller)],
    responses=responses(503, *GATE),
)
def rules(screener: ScreenerDep) -> RulesResponse:
    return RulesResponse(
        rules=[
            RuleOut(
                id=f"{pack.id}.{rule.id}",
                pack=pack.id,
                category=rule.category or pack.category,
                severity=rule.severity,
                message=rule.message,
                policy_ref=rule.policy_ref,
                suggestion=rule.suggestion,
                entity_type=rule.entity_type,
            )
            for pack, rule in screener.ruleset.rules()
        ]
    )


@router.get("/v1/policies", response_model=PoliciesResponse, responses=responses(503, *GATE))
def policies(screener: ScreenerDep, caller: CallerDep) -> PoliciesResponse:
    """The policies loaded; with a key, its own only (an admin key sees all)."""
    default = screener.settings.default_policy
    return PoliciesResponse(
        policies=[
            PolicyOut(
                id=p.id,
                version=p.version,
                description=p.description,
                packs=list(p.packs),
                default=p.id == default,
                disabled_rules=list(p.disabled_rules),
                severity_overrides=dict(p.severity_overrides),
                disabled_packs=list(p.disabled_packs),
                severity_map=dict(p.severity_map),
                second_reader=(
                    SecondReaderOut(**p.second_reader.model_dump()) if p.second_reader else None
                ),
            )
            for p in screener.ruleset.policies.values()
            if caller.sees(p.id)
        ]
    )


@router.get("/healthz", response_model=HealthResponse, summary="The process is alive")
def healthz() -> HealthResponse:
    return HealthResponse(status="ok")


@router.get(
    "/readyz",
    response_model=ReadyResponse,
    # never overloaded (app.overload lets the probes through): 503 is not_ready only
    responses={503: {"model": ErrorResponse, "description": "Models or rules still loading."}},
    summary="Models and rules are loaded",
)
def readyz(screener: ScreenerDep) -> ReadyResponse:
    return ReadyResponse(
        status="ready",
        spacy_model=screener.settings.spacy_model,
        rules=len(screener.ruleset.rules()),
        policies=len(screener.policies),
    )
