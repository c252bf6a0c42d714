"""Stock Presidio against the screener, on the same labelled texts, in the same run.

    python bench/accuracy.py [--policy ID] [--by-rule] [CORPUS ...]   (default: tests/corpus)

Both are scored the same, category-blind, the way a reader sees a post flagged: a
labelled span is caught when anything flagged overlaps it; a flag is right when it
overlaps a labelled span. Stock Presidio is Presidio's AnalyzerEngine with its default
recognizers and the same spaCy model, asked for every entity it knows, with its default
score threshold; the screener runs its default policy and counts warn and block
violations. Also prints drafts per second for each (one process, whole corpus).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

# Stock Presidio's e-mail recognizer would download the public suffix list (see run.py).
os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.config import Settings  # noqa: E402
from app.evaluation import Counts, Draft, load_corpus, tally_types  # noqa: E402
from app.screener import Screener  # noqa: E402

Flags = list[tuple[int, int]]


def stock_presidio(model: str) -> Callable[[Sequence[str]], list[Flags]]:
    import tldextract.tldextract as tld
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    if tld.TLD_EXTRACTOR.suffix_list_urls:
        raise RuntimeError("tldextract would try to download the public suffix list")
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    conf = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}]}
    engine = NlpEngineProvider(nlp_configuration=conf).create_engine()
    analyzer = AnalyzerEngine(nlp_engine=engine, supported_languages=["en"])

    def flag(texts: Sequence[str]) -> list[Flags]:
        return [[(r.start, r.end) for r in analyzer.analyze(text=t, language="en")] for t in texts]

    return flag


def screener(
    settings: Settings, rules: list[list[str]] | None = None
) -> Callable[[Sequence[str]], list[Flags]]:
    """The screener's flags; with ``rules``, the rule id of each flag is kept there."""
    s = Screener(settings)

    def flag(texts: Sequence[str]) -> list[Flags]:
        kept = [[v for v in r.violations if v.severity != "info"] for r in s.check_many(texts)]
        if rules is not None:
            rules[:] = [[v.rule_id for v in vs] for vs in kept]
        return [[(v.start, v.end) for v in vs] for vs in kept]

    return flag


def unmatched_by_rule(
    corpus: Sequence[Draft], flags: Sequence[Flags], rules: Sequence[Sequence[str]]
) -> Counter[str]:
    """How many flags of each rule overlap no labelled span (what costs precision)."""
    missed: Counter[str] = Counter()
    for draft, flagged, ids in zip(corpus, flags, rules, strict=True):
        for (a, b), rule_id in zip(flagged, ids, strict=True):
            if draft.graded(a, b) and not any(a < ge and ga < b for ga, ge, _ in draft.spans):
                missed[rule_id] += 1
    return missed


def score(corpus: Sequence[Draft], flags: Sequence[Flags]) -> tuple[Counts, dict[str, Counts]]:
    overall: Counts = Counts()
    types: dict[str, Counts] = {}
    for draft, flagged in zip(corpus, flags, strict=True):
        gold = [(s, e) for s, e, _ in draft.spans]
        hit = [any(a < ge and ga < b for ga, ge in gold) for a, b in flagged if draft.graded(a, b)]
        overall.tp_pred += sum(hit)
        overall.fp += len(hit) - sum(hit)
        overall.gold += len(gold)
        overall.found += sum(any(a < ge and ga < b for a, b in flagged) for ga, ge in gold)
        tally_types(types, draft, flagged)
    return overall, types


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="*", default=[str(ROOT / "tests" / "corpus")])
    parser.add_argument(
        "--by-rule",
        action="store_true",
        help="also count the screener's flags that overlap no labelled span, per rule",
    )
    parser.add_argument(
        "--policy",
        help="the screener's policy (default: SCREENER_DEFAULT_POLICY); `identifiers` "
        "runs only the identifier packs, the fairer match for a PII tool",
    )
    args = parser.parse_args(argv)
    corpus = [d for path in args.corpus for d in load_corpus(Path(path))]
    texts = [d.text for d in corpus]
    settings = Settings(default_policy=args.policy) if args.policy else Settings()
    rule_ids: list[list[str]] = []
    systems = {
        "stock Presidio": stock_presidio(settings.spacy_model),
        "screener": screener(settings, rule_ids),
    }
    results = {}
    for name, flag in systems.items():
        flag(texts[:4])  # warm-up
        t0 = time.perf_counter()
        flags = flag(texts)
        rate = len(texts) / (time.perf_counter() - t0)
        results[name] = (*score(corpus, flags), rate)
        if name == "screener":
            screener_flags = flags

    names = list(results)
    print(f"{len(corpus)} drafts, {sum(len(d.spans) for d in corpus)} labelled spans")
    print(f"{'':<28}" + "".join(f"{n:>16}" for n in names))
    rows = [
        ("precision", lambda r: r[0].precision),
        ("recall", lambda r: r[0].recall),
        ("drafts/s", lambda r: r[2]),
    ]
    for label, get in rows:
        print(f"{label:<28}" + "".join(f"{get(results[n]):>16.3f}" for n in names))
    kinds = sorted({k for n in names for k in results[n][1]})
    if kinds:
        print(f"\n{'recall by type (spans)':<28}" + "".join(f"{n:>16}" for n in names))
        for kind in kinds:
            gold = results[names[0]][1].get(kind, Counts()).gold
            cells = "".join(f"{results[n][1].get(kind, Counts()).recall:>16.3f}" for n in names)
            print(f"{kind + f' ({gold})':<28}" + cells)
    if args.by_rule:
        missed = unmatched_by_rule(corpus, screener_flags, rule_ids)
        print(f"\nscreener flags on no labelled span: {sum(missed.values())}, by rule")
        for rule_id, n in missed.most_common():
            print(f"  {n:>5}  {rule_id}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
