"""Cost of normalisation (app/normalise.py), which runs on every check.

    python bench/normalise.py

Prints microseconds per call on the fixed 280-character post, on the mean corpus draft,
on a 280-character post full of disguises, and on a 20,000-character draft of emoji.
Figures only: nothing is asserted.
"""

from __future__ import annotations

import sys
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.normalise import normalise  # noqa: E402
from bench.texts import POST_280, load_drafts  # noqa: E402

DISGUISED = (
    "So proud of my client М a r i a L0pez! Call her at six one seven five five five oh one "
    "nine nine or 6 1 7 . 5 5 5 . 0 1 4 2, write to maria (at) gmail (dot) com. "
    "Her old number (617) 555-\n0199 is off. Ｋｅｉｓｈａ says hi\u200b! #Housing #Grateful 🎉"
)


def per_call_us(texts: list[str], repeat: int = 5) -> float:
    number = max(1, 2000 // len(texts))
    best = min(timeit.repeat(lambda: [normalise(t) for t in texts], number=number, repeat=repeat))
    return best / number / len(texts) * 1e6


def main() -> None:
    drafts = load_drafts()
    mean = sum(map(len, drafts)) / len(drafts)
    emoji = "🎉" * 20_000
    print(f"{'text':<44}{'µs/call':>10}")
    print(f"{'fixed 280-character post':<44}{per_call_us([POST_280]):>10.1f}")
    print(f"{f'corpus drafts (mean {mean:.0f} chars)':<44}{per_call_us(drafts):>10.1f}")
    print(f"{f'disguised post ({len(DISGUISED)} chars)':<44}{per_call_us([DISGUISED]):>10.1f}")
    print(f"{'20,000 emoji':<44}{per_call_us([emoji], repeat=3):>10.1f}")


if __name__ == "__main__":
    main()
