"""How much name detection leans on the name lists: every labelled PERSON span of a corpus
is replaced by names the lists in models/names/ do not hold, and the recall on the
replaced names is printed next to the recall on the originals.

    python bench/name_swap.py [--names first|second] [CORPUS ...]
                                   (default: the first list, tests/corpus/identifiers.jsonl)

A name counts as caught when a warn or block violation overlaps it, as in
``screener eval``. The replacements keep the original's case (lower, capitals, title)
and number of words; they are drawn from a fixed list with a fixed seed, so two runs
compare. Figures only: nothing is asserted.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.config import Settings  # noqa: E402
from app.detectors.names import NameLexicon, fold  # noqa: E402
from app.evaluation import load_corpus  # noqa: E402
from app.screener import Screener  # noqa: E402

# Given names and surnames of communities the lists under-represent (Pacific Islander,
# Native American, West and East African, Central Asian); any the lists hold are skipped.
_GIVEN = [
    "Tevita",
    "Awhina",
    "Nizhoni",
    "Oluwadamilare",
    "Siosaia",
    "Kalani",
    "Dzifa",
    "Ikaika",
    "Chidera",
    "Wanjiru",
    "Bongani",
    "Kiptoo",
    "Makana",
    "Thandeka",
    "Yerlan",
    "Anahí",
    "Sefa",
    "Tsiory",
    "Ahanu",
    "Mosese",
]
_SURNAMES = [
    "Fifita",
    "Tsosie",
    "Begaye",
    "Mwangi",
    "Adebayo",
    "Kealoha",
    "Nkemelu",
    "Tuilagi",
    "Zhakupov",
]


# A second list (2026-11-26), drawn after the name work of issue 3 had been tuned on the
# first: Armenian, Andean, Nepali and Bhutanese, Afghan, Congolese, Yupik, Lakota,
# Marshallese, Hmong, Ethiopian, Senegalese, Kazakh and Samoan names.
_GIVEN_2 = [
    "Anahit", "Tigran", "Illari", "Amaru", "Bishnu", "Dhanmaya", "Zarghuna", "Sediqullah",
    "Mbuyi", "Nanuq", "Wambli", "Jinna", "Lijon", "Tavita", "Xeng", "Ntxhi", "Pakou",
    "Eyerusalem", "Tsegaye", "Mahlet", "Ramatoulaye", "Tupac", "Hodan", "Farhiya",
]  # fmt: skip
_SURNAMES_2 = [
    "Dorvilus", "Hovhannisyan", "Mamani", "Ghimire", "Adhikari", "Popal", "Wardak",
    "Shevchuk", "Tshibangu", "Kabongo", "Langidrik", "Faleolo", "Tesfaye", "Gebremedhin",
    "Ndiaye", "Abenov", "Tuimavave",
]  # fmt: skip
_LISTS = {"first": (_GIVEN, _SURNAMES), "second": (_GIVEN_2, _SURNAMES_2)}


def _shaped(name: str, like: str) -> str:
    if like.isupper():
        return name.upper()
    return name.lower() if like.islower() else name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="*", type=Path)
    parser.add_argument(
        "--names",
        choices=sorted(_LISTS),
        default="first",
        help="which list of unlisted names to swap in (default: first)",
    )
    args = parser.parse_args()
    paths = args.corpus or [ROOT / "tests" / "corpus" / "identifiers.jsonl"]
    settings = Settings()
    lexicon = NameLexicon.load(settings.models_dir / "names")
    known = lexicon.given | lexicon.surnames
    given_list, surname_list = _LISTS[args.names]
    given = [n for n in given_list if fold(n) not in known]
    surnames = [n for n in surname_list if fold(n) not in known]
    rng = random.Random(7 if args.names == "first" else 11)
    originals: list[tuple[str, int, int]] = []
    swapped: list[tuple[str, int, int]] = []
    for path in paths:
        for draft in load_corpus(path):
            for (start, end, _), kind in zip(draft.spans, draft.types, strict=True):
                if kind != "PERSON":
                    continue
                old = draft.text[start:end]
                new = rng.choice(given)
                if len(old.split()) > 1:
                    new += " " + rng.choice(surnames)
                new = _shaped(new, old)
                originals.append((draft.text, start, end))
                text = draft.text[:start] + new + draft.text[end:]
                swapped.append((text, start, start + len(new)))
    screener = Screener(settings)
    for label, cases in (("original names", originals), ("unlisted names", swapped)):
        results = screener.check_many([text for text, _, _ in cases])
        caught = sum(
            any(
                v.start < end and start < v.end and v.severity in ("warn", "block")
                for v in result.violations
            )
            for (_, start, end), result in zip(cases, results, strict=True)
        )
        print(f"{label:<16} PERSON recall {caught / len(cases):.3f} ({caught}/{len(cases)})")


if __name__ == "__main__":
    main()
