"""The check form at ``/``, for caseworkers.

The page works with JavaScript off: the form posts to ``/`` and the result, marks and
all, is rendered here. ``static/app.js`` enhances the same page by calling
``/v1/check`` and rendering in place. Both show the same things in the same markup.

Nothing here logs or keeps the draft: the access log has the route and status, the
check log ids and figures, as for the API. Pages are sent with a Content-Security-Policy
that allows this origin only (app.security), so the page loads nothing from anywhere else.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException as StarletteHTTPException

from app import __version__
from app.api.auth import caller_of
from app.api.routes import audit, batcher_of, log_checks, screen
from app.api.schemas import CONTROL
from app.screener import Result, Screener, Violation
from app.security import FORM_CSP

_HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=_HERE / "templates")

CSP = FORM_CSP  # sent by app.security's middleware, with the other security headers
# A result page holds the draft: no cache, disk or back-forward, may keep it.
_NO_STORE = {"Cache-Control": "no-store"}


@dataclass(frozen=True, slots=True)
class Platform:
    id: str
    name: str
    limit: int


PLATFORMS = (
    Platform("x", "X", 280),
    Platform("bluesky", "Bluesky", 300),
    Platform("threads", "Threads", 500),
    Platform("linkedin", "LinkedIn", 3_000),
    Platform("instagram", "Instagram", 2_200),
    Platform("facebook", "Facebook", 63_206),
)
_PLATFORMS = {p.id: p for p in PLATFORMS}

router = APIRouter(include_in_schema=False)

VERDICT_WORDS = {"block": "Do not post", "warn": "Review before posting", "pass": "Looks OK"}
SEVERITY_WORDS = {"block": "Must change", "warn": "Review", "info": "Note"}


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def verdict_detail(verdict: str, violations: Sequence[Violation], policy_id: str) -> str:
    """The sentence under the verdict; app.js's verdictDetail says the same."""
    count = {s: sum(v.severity == s for v in violations) for s in SEVERITY_WORDS}
    if verdict == "block":
        text = _plural(count["block"], "passage", "passages") + " must change before posting."
        if count["warn"]:
            text += " " + _plural(count["warn"], "more needs", "more need") + " a second look."
        return text
    if verdict == "warn":
        return _plural(count["warn"], "passage needs", "passages need") + " a second look."
    text = f"No privacy problems found under the {policy_id} policy."
    if count["info"]:
        text += " " + _plural(count["info"], "note", "notes") + " below."
    return text + " The screener can miss things: read the post once more before you share it."


def apply_fixes(text: str, violations: Iterable[Violation]) -> str:
    """Replace each passage with its suggestion, or its placeholder when it has none.
    From the end, so the offsets of the passages not yet replaced stay valid."""
    for v in sorted(violations, key=lambda v: v.start, reverse=True):
        replacement = v.suggestion if v.suggestion is not None else v.placeholder
        text = text[: v.start] + replacement + text[v.end :]
    return text


def _apply_value(v: Violation) -> str:
    # Identifies a finding across the round trip; a draft edited meanwhile won't match.
    return f"{v.start}:{v.end}:{v.rule_id}"


@dataclass(frozen=True, slots=True)
class _Segment:
    text: str
    n: int = 0  # number of the finding, 0 for plain text
    violation: Violation | None = None


def _segments(text: str, violations: Sequence[Violation]) -> list[_Segment]:
    # Violations never overlap (the screener merges them) and index code points,
    # which is what Python slices by.
    out: list[_Segment] = []
    pos = 0
    for n, v in enumerate(violations, 1):
        if v.start > pos:
            out.append(_Segment(text[pos : v.start]))
        out.append(_Segment(text[v.start : v.end], n, v))
        pos = v.end
    if pos < len(text):
        out.append(_Segment(text[pos:]))
    return out


def _result_view(text: str, result: Result) -> dict[str, Any]:
    vs = result.violations
    return {
        "verdict": result.verdict,
        "words": VERDICT_WORDS[result.verdict],
        "detail": verdict_detail(result.verdict, vs, result.policy.id),
        "policy": result.policy,
        "segments": _segments(text, vs),
        "findings": [
            {"n": n, "v": v, "severity_words": SEVERITY_WORDS[v.severity], "apply": _apply_value(v)}
            for n, v in enumerate(vs, 1)
        ],
        "fixable": any(v.severity != "info" for v in vs),
    }


class _FormError(Exception):
    def __init__(self, status: int, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.field = status, message, field


def _field(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def _page(
    request: Request,
    *,
    status: int = 200,
    text: str = "",
    policy: str | None = None,
    platform: str = PLATFORMS[0].id,
    result: Result | None = None,
    error: _FormError | None = None,
    notice: str | None = None,
) -> HTMLResponse:
    screener: Screener | None = request.app.state.screener
    caller = caller_of(request)
    policies = [
        p for p in (screener.ruleset.policies.values() if screener else []) if caller.may_use(p.id)
    ]
    default_policy = caller.policy or (screener.settings.default_policy if screener else "")
    chosen = _PLATFORMS.get(platform, PLATFORMS[0])
    context = {
        "version": __version__,
        "policies": policies,
        "default_policy": default_policy,
        "policy": policy or default_policy,
        "platforms": PLATFORMS,
        "platform": chosen,
        "text": text,
        "count": len(text),
        "max_chars": screener.settings.max_text_chars if screener else 0,
        "result": _result_view(text, result) if result else None,
        "error": error,
        "notice": notice,
        "ready": screener is not None,
    }
    return templates.TemplateResponse(
        request, "index.html", context, status_code=status, headers=_NO_STORE
    )


@router.get("/", response_class=HTMLResponse)
def form_page(request: Request) -> HTMLResponse:
    if request.app.state.screener is None:
        return _not_ready(request)
    return _page(request)


@router.post("/", response_class=HTMLResponse)
async def form_submit(request: Request) -> HTMLResponse:
    screener: Screener | None = request.app.state.screener
    if screener is None:
        return _not_ready(request)
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media not in {"application/x-www-form-urlencoded", "multipart/form-data"}:
        return _page(request, status=415, error=_FormError(415, "Send the form from this page."))
    limit = screener.settings.max_text_chars
    # 12 bytes is the most one character takes URL-encoded ("%F0%9F%8E%89")
    max_body = limit * 12 + 4096
    if _content_length(request) > max_body:
        err = _FormError(413, f"The draft is longer than the limit of {limit:,} characters.")
        return _page(request, status=413, error=err)
    try:
        form = await request.form(max_files=0, max_fields=20, max_part_size=max_body)
    except StarletteHTTPException:
        return _page(request, status=400, error=_FormError(400, "The form could not be read."))
    # Browsers send a textarea's line breaks as CRLF; the draft as typed has LF.
    text = _field(form, "text").replace("\r\n", "\n")
    caller = caller_of(request)
    policy = _field(form, "policy") or caller.policy or screener.settings.default_policy
    platform = _field(form, "platform")
    try:
        _validate(screener, text, policy)
        if not caller.may_use(policy):
            raise _FormError(422, "Choose a policy from the list.", "policy")
    except _FormError as err:
        return _page(
            request, status=err.status, error=err, text=text, policy=policy, platform=platform
        )

    t0 = time.perf_counter()
    batcher = batcher_of(request)
    result = (await screen(batcher, [text], policy))[0]
    audit(request, caller, "form", [text], [result])
    notice = None
    if apply := _field(form, "apply"):
        # "Apply all" takes what redacted_text replaces: warn and block, not info.
        chosen = [
            v
            for v in result.violations
            if (v.severity != "info" if apply == "all" else _apply_value(v) == apply)
        ]
        if chosen:
            text = apply_fixes(text, chosen)
            result = (await screen(batcher, [text], policy))[0]
            audit(request, caller, "form", [text], [result])
            notice = _plural(len(chosen), "change", "changes") + " applied, and checked again."
        else:
            notice = "Nothing was applied: the draft changed since that check. Checked again."
    log_checks("form", result.policy.id, [text], [result], t0)
    return _page(request, result=result, notice=notice, text=text, policy=policy, platform=platform)


def _content_length(request: Request) -> int:
    try:
        return int(request.headers.get("content-length") or 0)
    except ValueError:
        return 0  # the form parser's own limits still apply


def _validate(screener: Screener, text: str, policy: str) -> None:
    if not text.strip():
        raise _FormError(422, "Paste or type a draft to check.", "text")
    if CONTROL.search(text):
        raise _FormError(422, "The draft holds a control character; remove it.", "text")
    if len(text) > (limit := screener.settings.max_text_chars):
        message = f"The draft has {len(text):,} characters; the limit is {limit:,}."
        raise _FormError(413, message + " Check it in parts.", "text")
    if policy not in screener.policies:
        raise _FormError(422, "Choose a policy from the list.", "policy")


def _not_ready(request: Request) -> HTMLResponse:
    err = _FormError(503, "The screener is still starting. Try again in a few seconds.")
    return _page(request, status=503, error=err)


def install(app: FastAPI) -> None:
    """The form at /, and its static files at /static (their headers: app.security)."""
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=_HERE / "static"), name="static")
