"""API v1 routes. Handlers are thin: validate limits, call the screener, shape output."""

from __future__ import annotations

import logging
import time
from dataclasses import asdict
from typing import Annotated, Any

import anyio
import anyio.to_thread
from fastapi import APIRouter, Depends, Request

from app.api.auth import Caller, CallerDep, client_address, gate_of, get_caller
from app.api.errors import GATE, responses
from app.api.schemas import (
    BatchRequest,
    BatchResponse,
    BatchResult,
    CheckRequest,
    CheckResponse,
    HealthResponse,
    OffsetUnit,
    PoliciesResponse,
    PolicyOut,
    PolicyRef,
    ReadyResponse,
    RuleOut,
    RulesResponse,
    ViolationOut,
)
from app.errors import NotReady, PayloadTooLarge, UnsupportedMediaType
from app.offsets import utf16_converter
from app.screener import Result, Screener

log = logging.getLogger("screener.check")
router = APIRouter()


def get_screener(request: Request) -> Screener:
    screener: Screener | None = getattr(request.app.state, "screener", None)
    if screener is None:
        raise NotReady("Models and rules are still loading.")
    return screener


def require_json(request: Request) -> None:
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
# in-process). More throughput comes from more worker processes, not threads.
def get_limiter(request: Request) -> anyio.CapacityLimiter:
    return limiter_of(request.app.state)


def limiter_of(state: Any) -> anyio.CapacityLimiter:
    """The app's one-check-at-a-time limiter (a reload takes its turn too)."""
    if getattr(state, "limiter", None) is None:
        # made inside the running event loop, once per app
        state.limiter = anyio.CapacityLimiter(1)
    limiter: anyio.CapacityLimiter = state.limiter
    return limiter


LimiterDep = Annotated[anyio.CapacityLimiter, Depends(get_limiter)]


async def screen(
    screener: Screener, limiter: anyio.CapacityLimiter, texts: list[str], policy: str | None
) -> list[Result]:
    # policy is resolved first so an unknown one is a 404 without queueing
    screener.policy(policy)
    return await anyio.to_thread.run_sync(screener.check_many, texts, policy, limiter=limiter)


def _check_length(screener: Screener, texts: list[str]) -> None:
    limit = screener.settings.max_text_chars
    for n, text in enumerate(texts):
        if len(text) > limit:
            where = "text" if len(texts) == 1 else f"items.{n}.text"
            raise PayloadTooLarge(
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


def log_checks(kind: str, policy: str, texts: list[str], results: list[Result], t0: float) -> None:
    rules = sorted({v.rule_id for r in results for v in r.violations})
    log.info(
        "%s policy=%s items=%d chars=%d verdicts=%s rules=%s ms=%.1f",
        kind,
        policy,
        len(texts),
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
    limiter: LimiterDep,
) -> CheckResponse:
    t0 = time.perf_counter()
    _check_length(screener, [body.text])
    result = (await screen(screener, limiter, [body.text], caller.policy_for(body.policy)))[0]
    audit(request, caller, "check", [body.text], [result])
    log_checks("check", result.policy.id, [body.text], [result], t0)
    return _shape(body.text, result, body.offsets)


@router.post(
    "/v1/check/batch",
    response_model=BatchResponse,
    dependencies=[JsonBody],
    responses=responses(400, 403, 404, 413, 415, 422, 503, *GATE),
    summary="Check many drafts at once",
)
async def check_batch(
    body: BatchRequest,
    request: Request,
    caller: CallerDep,
    screener: ScreenerDep,
    limiter: LimiterDep,
) -> BatchResponse:
    t0 = time.perf_counter()
    limit = screener.settings.max_batch_items
    if len(body.items) > limit:
        raise PayloadTooLarge(
            f"The batch has {len(body.items)} items; the limit is {limit}.",
            fields=[{"field": "items", "problem": f"more than {limit} items"}],
        )
    texts = [item.text for item in body.items]
    _check_length(screener, texts)
    policy = caller.policy_for(body.policy)
    await gate_of(request).admit_batch(caller, len(texts), client_address(request.scope))
    results = await screen(screener, limiter, texts, policy)
    audit(request, caller, "batch", texts, results)
    log_checks("batch", results[0].policy.id, texts, results, t0)
    return BatchResponse(
        results=[
            BatchResult(id=item.id, **_shape(item.text, r, body.offsets).model_dump())
            for item, r in zip(body.items, results, strict=True)
        ]
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
    responses=responses(503),
    summary="Models and rules are loaded",
)
def readyz(screener: ScreenerDep) -> ReadyResponse:
    return ReadyResponse(
        status="ready",
        spacy_model=screener.settings.spacy_model,
        rules=len(screener.ruleset.rules()),
        policies=len(screener.policies),
    )
