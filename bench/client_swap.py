"""How much blocking leans on the words "my client": in every block draft of a corpus that
says "my client" (or "mi cliente", "mi clienta"), the phrase is replaced by another way
workers name a person they serve ("a lady I help", "one of my folks", "una señora que
atiendo"), and the drafts still blocked are counted next to the drafts blocked as written.

    python bench/client_swap.py [--misses] [--no-reader] [--list first|second] [CORPUS ...]

The second reader is fitted on tests/corpus, so the drafts as written are ones it has
seen; the swapped ones it has not. Replacements are drawn from a fixed list with a fixed
seed, so two runs compare. Figures only: nothing is asserted.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.config import Settings  # noqa: E402
from app.evaluation import load_corpus  # noqa: E402
from app.screener import Screener  # noqa: E402

_EN = [
    "a guy I work with", "one of my folks", "a young woman I support",
    "a man I've been working with", "someone I work with", "one of the families I serve",
    "a gentleman I see weekly", "one of my people", "a lady I help", "somebody on my list",
    "a kid I work with", "a mom I support",
]  # fmt: skip
_ES = [
    "una señora que atiendo", "un muchacho que acompaño", "una persona que apoyo",
    "un señor que veo cada semana",
]  # fmt: skip
# A second list, drawn before any rule was changed for the first (2026-11-26, 23:25 UTC).
_EN_2 = [
    "a young man I mentor", "one of the moms I help", "a woman I've been helping",
    "a fella I see on Tuesdays", "a teen I see", "one of my regulars", "a grandpa I visit",
    "one of the dads I work with", "a senior I help", "a girl on my list",
]  # fmt: skip
_ES_2 = [
    "una joven que atiendo", "una mamá que acompaño", "un joven que apoyo",
    "un abuelito que visito",
]  # fmt: skip
_LISTS = {"first": (_EN, _ES), "second": (_EN_2, _ES_2)}
_MY_CLIENT = re.compile(r"\bmy client\b|\bmi client[ea]\b", re.IGNORECASE)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="*", type=Path)
    parser.add_argument("--misses", action="store_true", help="print swapped drafts let through")
    parser.add_argument("--no-reader", action="store_true", help="the rules alone")
    parser.add_argument("--list", choices=sorted(_LISTS), default="first", help="paraphrases")
    args = parser.parse_args()
    rng = random.Random(4)
    english, spanish_list = _LISTS[args.list]
    originals: list[str] = []
    swapped: list[str] = []
    for path in args.corpus or [ROOT / "tests" / "corpus"]:
        for draft in load_corpus(path):
            found = _MY_CLIENT.search(draft.text) if draft.verdict == "block" else None
            if found is None:
                continue
            spanish = found.group().lower().startswith("mi")
            other = rng.choice(spanish_list if spanish else english)
            originals.append(draft.text)
            swapped.append(draft.text[: found.start()] + other + draft.text[found.end() :])
    screener = Screener(Settings())
    if args.no_reader:
        screener.reader = None
    before = screener.check_many(originals)
    after = screener.check_many(swapped)
    kept = sum(r.verdict == "block" for r in before)
    still = sum(r.verdict == "block" for r in after)
    print(f"block drafts saying 'my client': {len(originals)}")
    print(f"blocked as written              {kept}")
    print(f"blocked with the phrase swapped {still}")
    if args.misses:
        for text, b, a in zip(swapped, before, after, strict=True):
            if b.verdict == "block" and a.verdict != "block":
                print(f"{a.verdict:<5} {' '.join(text.split())[:200]}")


if __name__ == "__main__":
    main()
