"""The texts every benchmark line runs on: the labelled corpus and one fixed post."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = ROOT / "tests" / "corpus" / "drafts.jsonl"

# A full-length (280-character) post of the kind the screener exists for: a client's
# name, her new address and her phone number. Fixed, so latency figures compare across runs.
POST_280 = (
    "So proud of our client Maria Lopez! After 8 months in our shelter she just moved into her "
    "own apartment at 1420 Elm Street, Springfield. Want to drop off a housewarming basket? "
    "Text Maria at (217) 555-0148 and she will tell you when she is home. "
    "#HousingFirst #Community #Grateful"
)
if len(POST_280) != 280:  # an edit that changes the length would silently change the figure
    raise ValueError(f"POST_280 is {len(POST_280)} characters, not 280")


def load_drafts(path: Path = DRAFTS) -> list[str]:
    """The "text" of every line of a JSONL corpus, in file order."""
    with path.open(encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()]
