"""The evasion corpus: build it, and report how much of it the screener catches.

    python bench/evasion.py build     # tests/corpus/evasion.jsonl, tests/heldout/evasion.jsonl
    python bench/evasion.py report [--heldout]

``report`` prints, per technique, the share of disguised identifiers caught (any warn or
block flag overlapping the span, as ``screener eval`` counts per type), the share
flagged over exactly the disguised characters, and the share caught of the same
drafts written plainly: a technique's gap between the two is what the disguise costs.
The held-out set is for aggregate figures only; never tune on its drafts.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from evasion_drafts import CATEGORY, HELDOUT, TUNING, Draft, Ev  # noqa: E402

OUT = {
    "tuning": ROOT / "tests/corpus/evasion.jsonl",
    "heldout": ROOT / "tests/heldout/evasion.jsonl",
}


def render(draft: Draft, plain: bool = False) -> tuple[str, list[dict[str, object]]]:
    text, spans = "", []
    for part in draft.parts:
        if isinstance(part, Ev):
            piece = part.plain if plain else part.text
            spans.append(
                {
                    "start": len(text),
                    "end": len(text) + len(piece),
                    "category": CATEGORY[part.type],
                    "type": part.type,
                    "text": piece,
                }
            )
            text += piece
        else:
            text += part
    return text, spans


def build() -> None:
    for name, drafts, prefix in (("tuning", TUNING, "e"), ("heldout", HELDOUT, "he")):
        lines = []
        for n, draft in enumerate(drafts, 1):
            text, spans = render(draft)
            row = {
                "id": f"{prefix}{n:03d}",
                "text": text,
                "verdict": draft.verdict,
                "spans": spans,
                "technique": draft.technique,
                "note": draft.note or draft.technique.replace("_", " "),
            }
            lines.append(json.dumps(row, ensure_ascii=False))
        OUT[name].write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{OUT[name].relative_to(ROOT)}: {len(lines)} drafts")


def report(heldout: bool) -> None:
    from app.config import Settings
    from app.screener import Screener

    drafts = HELDOUT if heldout else TUNING
    screener = Screener(Settings())
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])  # spans caught exact plain
    for draft in drafts:
        for plain in (False, True):
            text, spans = render(draft, plain)
            result = screener.check(text)
            flagged = [(v.start, v.end) for v in result.violations if v.severity != "info"]
            row = rows[draft.technique]
            if not spans and not plain:
                row[4] += bool(flagged)  # a false flag on an innocent draft
            for span in spans:
                s, e = int(span["start"]), int(span["end"])  # type: ignore[call-overload]
                hit = any(a < e and s < b for a, b in flagged)
                if plain:
                    row[3] += hit
                    continue
                row[0] += 1
                row[1] += hit
                row[2] += (s, e) in flagged
    print(f"{'technique':<20}{'spans':>6}{'caught':>8}{'exact':>8}{'plain':>8}")
    total = [0, 0, 0, 0, 0]
    for tech, (n, caught, exact, plain_hit, false) in sorted(rows.items()):
        total = [a + b for a, b in zip(total, (n, caught, exact, plain_hit, false), strict=True)]
        if n:
            print(f"{tech:<20}{n:>6}{caught / n:>8.2f}{exact / n:>8.2f}{plain_hit / n:>8.2f}")
        else:
            count = sum(d.technique == tech for d in drafts)
            print(f"{tech:<20}{'':>6}  {false} of {count} drafts flagged")
    n = total[0]
    print(f"{'ALL':<20}{n:>6}{total[1] / n:>8.2f}{total[2] / n:>8.2f}{total[3] / n:>8.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("build")
    p = sub.add_parser("report")
    p.add_argument("--heldout", action="store_true")
    args = parser.parse_args()
    if args.cmd == "build":
        build()
    else:
        report(args.heldout)


if __name__ == "__main__":
    main()
