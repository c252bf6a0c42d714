"""How much the screener leans on the writer's capitals: every draft of a corpus is
checked lower-cased, with and without the capitals put back on names
(app/detectors/truecase.py, SCREENER_RESTORE_CASE), and the verdicts are counted by
label next to the drafts as written.

    python bench/lower_case.py [--no-reader] [CORPUS ...]

About two minutes per configuration on tests/corpus (13,569 drafts) on one core.
Figures only: nothing is asserted.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.config import Settings  # noqa: E402
from app.evaluation import load_corpus  # noqa: E402
from app.screener import Screener  # noqa: E402

_LABELS = ("block", "warn", "pass")


def _counts(screener: Screener, texts: list[str]) -> Counter[str]:
    return Counter(r.verdict for r in screener.check_many(texts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="*", type=Path)
    parser.add_argument("--no-reader", action="store_true", help="the rules alone")
    args = parser.parse_args()
    drafts = [d for c in args.corpus or [ROOT / "tests" / "corpus"] for d in load_corpus(c)]
    by_label = {label: [d.text for d in drafts if d.verdict == label] for label in _LABELS}
    rows: list[tuple[str, str, Counter[str]]] = []
    for restore in (False, True):
        screener = Screener(Settings(restore_case=restore))
        if args.no_reader:
            screener.reader = None
        for label, texts in by_label.items():
            if not restore:
                rows.append(("as written", label, _counts(screener, texts)))
            lowered = [t.lower() for t in texts]
            name = "lower case, capitals restored" if restore else "lower case"
            rows.append((name, label, _counts(screener, lowered)))
    print(f"{'drafts':32} {'label':6} {'n':>6} {'block':>6} {'warn':>6} {'pass':>6}")
    for name, label, c in sorted(rows, key=lambda r: (_LABELS.index(r[1]), r[0])):
        n = sum(c.values())
        print(f"{name:32} {label:6} {n:6} {c['block']:6} {c['warn']:6} {c['pass']:6}")


if __name__ == "__main__":
    main()
