"""``screener train-reader``: fit the second reader (app/second_reader.py) on a labelled
corpus, write its weights as JSON, and print, from cross-validation that holds out one
corpus file at a time, what each pair of a policy's ``second_reader`` thresholds would
have done on top of the rules.

scikit-learn does the fitting and is a development dependency: the service only reads
the JSON. The corpus the model is fitted on is the one ``screener eval`` measures, so
eval's figures on it flatter the reader; the cross-validated table below is the honest
figure for the corpus, and tests/heldout the honest one for drafts nobody fitted to.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from app.evaluation import Draft
from app.findings import Severity
from app.normalise import normalise
from app.screener import Screener, reader_thresholds
from app.second_reader import Thresholds, features, plain_words, softenable

# Inverse regularisation. Cross-validated by file on 12,984 drafts (with the pairs one word
# apart): AUC 0.961 at 4, 0.964 at 16; at 1, 0.952. The scores at 16 are more decided:
# on top of the rules at the default thresholds 0.938 -> 0.943 of block drafts blocked,
# benign blocked unchanged, benign flagged 0.059 -> 0.063 (which clear_below takes back).
C = 16.0
FOLDS = 5
ESCALATE_AT = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
FLAG_AT = (0.7, 0.8, 0.85, 0.9, 0.95, 1.01)
BLOCK_AT = (0.85, 0.9, 0.95, 1.01)
SOFTEN_BELOW = (0.0, 0.1, 0.2, 0.3)
CLEAR_BELOW = (0.0, 0.05, 0.1, 0.15, 0.2)


def _vectorizer() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(analyzer=features, min_df=2, sublinear_tf=True)


def _classifier() -> Any:
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, max_iter=5000, class_weight="balanced")


def _category(draft: Draft) -> str:
    """A draft's category: the one most of its labelled spans have (first on a tie)."""
    return Counter(c for *_, c in draft.spans).most_common(1)[0][0]


def fit(corpus: Sequence[Draft]) -> dict[str, Any]:
    """The model's JSON, fitted on every draft of ``corpus``."""
    texts = [normalise(d.text).text for d in corpus]
    labels = [d.verdict == "block" for d in corpus]
    vectorizer = _vectorizer()
    x = vectorizer.fit_transform(texts)
    risk = _classifier().fit(x, labels)
    labelled = [i for i, d in enumerate(corpus) if d.spans]
    category = _classifier().fit(x[labelled], [_category(corpus[i]) for i in labelled])
    files = sorted({source(d) for d in corpus})
    return {
        "about": "app/second_reader.py; written by `screener train-reader`, do not edit",
        "trained_on": f"{len(corpus)} drafts, {len(labelled)} with labelled spans",
        "id_prefixes": files,
        "vocabulary": vectorizer.get_feature_names_out().tolist(),
        "idf": [round(float(v), 6) for v in vectorizer.idf_],
        "risk": [round(float(v), 6) for v in risk.coef_[0]],
        "risk_bias": round(float(risk.intercept_[0]), 6),
        "categories": category.classes_.tolist(),
        "category_weights": [[round(float(v), 6) for v in row] for row in category.coef_],
        "category_bias": [round(float(v), 6) for v in category.intercept_],
    }


def source(draft: Draft) -> str:
    """The file a draft comes from, by its id's prefix ("p6-012" -> "p6-")."""
    return draft.id.rstrip("0123456789")


def cross_validated(corpus: Sequence[Draft]) -> list[float]:
    """Each draft's risk score from a model fitted on the other files' drafts (on five
    stratified folds when there are fewer than three files).

    Held out by file rather than at random: each file was written by one author at one
    time, in phrasings of its own, and random folds score a draft with its near twins
    in the training half (an evasion twin, the same story told twice). By file is the
    nearer guess at drafts nobody has written yet."""
    from sklearn.model_selection import LeaveOneGroupOut, StratifiedKFold

    texts = [normalise(d.text).text for d in corpus]
    labels = [d.verdict == "block" for d in corpus]
    groups = [source(d) for d in corpus]
    scores = [0.0] * len(corpus)
    if len(set(groups)) >= 3:
        splits = LeaveOneGroupOut().split(texts, labels, groups)
    else:
        splits = StratifiedKFold(FOLDS, shuffle=True, random_state=0).split(texts, labels)
    for train, test in splits:
        vectorizer = _vectorizer()
        x = vectorizer.fit_transform([texts[i] for i in train])
        model = _classifier().fit(x, [labels[i] for i in train])
        probs = model.predict_proba(vectorizer.transform([texts[i] for i in test]))[:, 1]
        for i, p in zip(test, probs, strict=True):
            scores[i] = float(p)
    return scores


def threshold_table(
    screener: Screener, corpus: Sequence[Draft], scores: list[float], at: Thresholds
) -> str:
    """What the reader's thresholds do on top of the rules: block drafts caught as block
    and flagged at all, benign drafts blocked and flagged at all. First the rules alone,
    then each pair of ``escalate_at`` and ``flag_at`` with ``at``'s other thresholds,
    then each ``block_at`` and ``soften_below`` with ``at``'s pair, then each
    ``clear_below`` (for ``at``'s clearable rules) with the rest of ``at``."""
    saved, screener.reader = screener.reader, None
    try:
        results = screener.check_many([d.text for d in corpus])
    finally:
        screener.reader = saved
    rule_worst = [
        max((Severity[v.severity] for v in r.violations), default=Severity.info) for r in results
    ]
    one_rule = [
        softenable((v.rule_id, v.entity_type) for v in r.violations if v.severity == "block")
        for r in results
    ]
    warned = [{v.rule_id for v in r.violations if v.severity == "warn"} for r in results]
    words = [plain_words(d.text) for d in corpus]

    def verdicts(t: Thresholds) -> list[Severity]:
        out = []
        for worst, score, soft, rules, held in zip(
            rule_worst, scores, one_rule, warned, words, strict=True
        ):
            if (
                worst == Severity.warn
                and score < t.clear_below
                and rules <= t.clearable
                and not held & t.clear_unless
            ):
                worst = Severity.info
            elif worst == Severity.warn and score >= t.escalate_at:
                worst = Severity.block
            elif worst == Severity.info and score >= t.flag_at:
                worst = t.block if score >= t.block_at else t.flag
            elif worst == Severity.block and soft and score < t.soften_below:
                worst = t.softened
            out.append(worst)
        return out

    blocks = [i for i, d in enumerate(corpus) if d.verdict == "block"]
    benign = [i for i, d in enumerate(corpus) if d.verdict == "pass"]
    lines = [
        f"{'escalate_at':>11} {'flag_at':>7} {'block_at':>8} {'soften_below':>12} "
        f"{'clear_below':>11} "
        f"{'block->block':>12} {'block flagged':>13} {'benign block':>12} {'benign flagged':>14}"
    ]
    rows: list[tuple[str, list[Severity]]] = [(f"{'rules alone':>54}", rule_worst)]
    grid = [replace(at, escalate_at=e, flag_at=f) for e in ESCALATE_AT for f in FLAG_AT]
    grid += [
        replace(at, block_at=b, soften_below=s)
        for b in BLOCK_AT
        for s in SOFTEN_BELOW
        if b >= at.flag_at and s <= min(at.escalate_at, at.flag_at)
    ]
    if at.clearable:
        grid += [replace(at, clear_below=c) for c in CLEAR_BELOW if c <= at.escalate_at]
    for t in grid:
        rows.append(
            (
                f"{t.escalate_at:>11.2f} {t.flag_at:>7.2f} {t.block_at:>8.2f} "
                f"{t.soften_below:>12.2f} {t.clear_below:>11.2f}",
                verdicts(t),
            )
        )
    for label, got in rows:
        caught = sum(got[i] == Severity.block for i in blocks) / len(blocks)
        seen = sum(got[i] >= Severity.warn for i in blocks) / len(blocks)
        blocked = sum(got[i] == Severity.block for i in benign) / len(benign)
        flagged = sum(got[i] >= Severity.warn for i in benign) / len(benign)
        lines.append(f"{label} {caught:>12.3f} {seen:>13.3f} {blocked:>12.3f} {flagged:>14.3f}")
    return "\n".join(lines)


def write(model: dict[str, Any], out: Path) -> None:
    out.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n")


def report(screener: Screener, corpus: Sequence[Draft], model: dict[str, Any], out: Path) -> str:
    """What was written, and the cross-validated table of thresholds."""
    policy = screener.policy(None)
    at = reader_thresholds(policy) or Thresholds(1.01, 1.01, Severity.block)
    table = threshold_table(screener, corpus, cross_validated(corpus), at)
    return (
        f"wrote {out}: {model['trained_on']}, {len(model['vocabulary'])} features\n"
        f"each file's drafts scored by a model fitted on the other files, on top of the "
        f"rules, its own finding at {at.flag.name} as in "
        f"the {policy.policy.id} policy (second_reader thresholds):\n" + table
    )
