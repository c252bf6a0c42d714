"""Loading the spaCy pipeline with only what the detectors use.

The detectors need entities (NER) and sentence bounds (rule context); nothing reads
part-of-speech tags, dependencies or lemmas. In en_core_web_sm the tagger and the
parser cost more than half of each parse (17 → 8 ms CPU per draft on the corpus), and
NER keeps its own embedding, so they are disabled; a rule-based sentencizer gives
sentence bounds instead of the parser. Components NER listens to (the shared
``transformer`` of a trf pipeline) are kept.
"""

from __future__ import annotations

from collections.abc import Iterable

import spacy
from spacy.language import Language

# Posts break sentences with newlines and emoji-free punctuation as often as with stops.
_SENTENCE_ENDS = [".", "!", "?", "…", "\n", "\n\n", "\n\n\n"]


def _needed(nlp: Language, keep: set[str]) -> set[str]:
    needed = set(keep)
    for name, pipe in nlp.pipeline:
        listeners = getattr(pipe, "listening_components", None) or []
        if needed & set(listeners):
            needed.add(name)
    return needed


def load_pipeline(name: str, keep: Iterable[str] | None) -> Language:
    """Load ``name``; with ``keep`` given, disable every component not in it (nor
    listened to by it) and make sure sentences are still set. Presidio's context boost
    reads lemmas; without a lemmatizer the adapter gives it the lower-cased forms."""
    nlp = spacy.load(name)
    if keep is None:
        return nlp
    needed = _needed(nlp, set(keep))
    for component in nlp.pipe_names:
        if component not in needed:
            nlp.disable_pipe(component)
    if not {"parser", "senter", "sentencizer"} & set(nlp.pipe_names):
        nlp.add_pipe("sentencizer", config={"punct_chars": _SENTENCE_ENDS})
    return nlp
