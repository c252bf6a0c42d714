"""One check on adversarial drafts: p50, p99 and the slowest, per kind and overall.

    python bench/attack.py [--reps N]

Drafts from bench/adversarial.py: runs of one character, deep brackets, 20,000-character
emoji drafts, mixed scripts, every evasion pattern repeated, and for every rule regex its
own characters and its example repeated to 20,000 characters. Figures only, never fails.
Set against "normal 20,000": ordinary drafts joined to the same length.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.config import Settings  # noqa: E402
from app.screener import Screener  # noqa: E402
from bench.adversarial import MAX, fixed, rule_worst_cases  # noqa: E402
from bench.texts import POST_280, load_drafts  # noqa: E402


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reps", type=int, default=1)
    args = parser.parse_args()
    screener = Screener(Settings())
    drafts = {"normal 280": POST_280, "normal 20000": " ".join(load_drafts())[:MAX]}
    drafts |= fixed()
    rules = dict(rule_worst_cases(screener.rulebook.ruleset))
    times: dict[str, list[float]] = {}
    for name, text in [*drafts.items(), *rules.items()]:
        for _ in range(args.reps):
            t0 = time.perf_counter()
            screener.check(text)
            times.setdefault(name, []).append((time.perf_counter() - t0) * 1000)
    print(f"{'draft':<40}{'chars':>7}{'p50 ms':>9}{'max ms':>9}")
    for name in drafts:
        ms = times[name]
        print(f"{name:<40}{len(drafts[name]):>7}{statistics.median(ms):>9.1f}{max(ms):>9.1f}")
    rule_ms = [t for name in rules for t in times[name]]
    worst = max(rules, key=lambda n: max(times[n]))
    print(
        f"\n{len(rules)} rule worst cases: p50 {statistics.median(rule_ms):.1f} ms, "
        f"p99 {_p(rule_ms, 0.99):.1f} ms, slowest {max(times[worst]):.1f} ms ({worst})"
    )
    adversarial = [
        t for name in [*drafts, *rules] if not name.startswith("normal") for t in times[name]
    ]
    print(
        f"all adversarial checks: p50 {statistics.median(adversarial):.1f} ms, "
        f"p99 {_p(adversarial, 0.99):.1f} ms, max {max(adversarial):.1f} ms "
        f"(normal 20,000 chars: {statistics.median(times['normal 20000']):.1f} ms)"
    )


if __name__ == "__main__":
    main()
