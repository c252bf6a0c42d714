"""The one place Presidio is used.

Presidio's loosely typed results become our :class:`~app.findings.Entity` here and
nowhere else. The spaCy Doc that Presidio's NLP engine produces is handed back to the
caller so the rule matchers share the same parse.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import yaml
from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import EmailRecognizer, PhoneRecognizer
from presidio_analyzer.recognizer_registry import RecognizerRegistryProvider
from spacy.attrs import IDX, IS_PUNCT, IS_STOP, LOWER
from spacy.tokens import Doc
from thinc.api import Ops, get_current_ops, set_current_ops
from tldextract import TLDExtract

from app.detectors.suppress import clean
from app.errors import ConfigError
from app.findings import Entity
from app.nlp import load_pipeline

# The public suffix list snapshot bundled with tldextract; no download, no cache dir.
_OFFLINE_TLD = TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


# per parse: token ends, and where the context keywords are
_CONTEXT_INDEX: WeakKeyDictionary[NlpArtifacts, tuple[list[int], list[int]]] = WeakKeyDictionary()


class _LinearContextEnhancer(LemmaContextAwareEnhancer):
    """Presidio's context enhancer, giving the same context words in time linear in the
    text. Presidio's walks the tokens from the start of the text for every match, and
    outward from it testing each lemma against a list: a hostile draft with hundreds of
    pattern matches took seconds (455 in 20,000 characters: 8 s). Here the token of a
    match and the nearest context words are found by bisection, on indexes built once
    per parse."""

    def _extract_surrounding_words(
        self, nlp_artifacts: NlpArtifacts, word: str, start: int
    ) -> list[str]:
        if not nlp_artifacts.tokens:
            return [""]
        index = _CONTEXT_INDEX.get(nlp_artifacts)
        if index is None:
            keywords = set(nlp_artifacts.keywords)
            ends = [
                i + len(t)
                for i, t in zip(nlp_artifacts.tokens_indices, nlp_artifacts.tokens, strict=True)
            ]
            where = [n for n, lemma in enumerate(nlp_artifacts.lemmas) if lemma.lower() in keywords]
            index = (ends, where)
            _CONTEXT_INDEX[nlp_artifacts] = index
        ends, where = index
        token = bisect_right(ends, start)  # the first token ending after the match starts
        if token >= len(ends):
            raise ValueError(f"Did not find word {word!r} in the list of tokens")
        lemmas = nlp_artifacts.lemmas
        # Presidio takes n + 1 context words each way, the match's own token included
        before = where[
            max(0, bisect_right(where, token) - self.context_prefix_count - 1) : bisect_right(
                where, token
            )
        ]
        after = where[
            bisect_left(where, token) : bisect_left(where, token) + self.context_suffix_count + 1
        ]
        return list({lemmas[n].lower() for n in (*before, *after)})


class _OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's e-mail recognizer, validating domains against the bundled suffix list.

    Stock Presidio calls ``tldextract.extract``, which tries to download the list on
    first use and hangs on an offline machine until the request times out.
    """

    def validate_result(self, pattern_text: str) -> bool:
        return bool(_OFFLINE_TLD(pattern_text).fqdn)


class _LeanSpacyEngine(SpacyNlpEngine):
    """Presidio's spaCy engine, loading the pipeline through :func:`load_pipeline`
    (only the components the detectors use; never a model download)."""

    def __init__(self, *, keep: list[str] | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._keep = keep

    def load(self) -> None:
        self.nlp: Any = {
            m["lang_code"]: load_pipeline(m["model_name"], self._keep) for m in self.models
        }

    def _doc_to_nlp_artifact(self, doc: Doc, language: str) -> NlpArtifacts:
        """Presidio's artifacts, with the lower-cased form as the lemma when the pipeline
        has no lemmatizer (the lean one has none).

        Presidio's context boost compares lemmas with its context words ("phone", "ssn").
        Presidio reads them token by token, and picks its keywords by looking up each
        lemma's lexeme again; one ``to_array`` call gives the same lemmas and keywords
        from the token attributes. This and the lemma component it replaces took a
        fifth of a check's CPU time."""
        if doc.has_annotation("LEMMA"):
            return super()._doc_to_nlp_artifact(doc, language)
        strings = doc.vocab.strings
        lemmas, indices, keywords = [], [], []
        for lower, idx, stop, punct in doc.to_array([LOWER, IDX, IS_STOP, IS_PUNCT]).tolist():
            lemma = strings[lower]
            lemmas.append(lemma)
            indices.append(idx)
            # Presidio's set_keywords: not a stop word nor punctuation, nor "be"; split on ":"
            if not stop and not punct and lemma != "be":
                keywords.extend(lemma.split(":"))
        entities, scores = self._get_updated_entities(
            self._get_entities(doc), self._get_scores_for_entities(doc)
        )
        artifacts = NlpArtifacts(
            entities=entities,
            tokens=doc,
            tokens_indices=indices,
            lemmas=lemmas,
            nlp_engine=None,  # no keywords computed here: they are set below
            language=language,
            scores=scores,
        )
        artifacts.nlp_engine = self
        artifacts.keywords = keywords
        return artifacts


@dataclass(frozen=True, slots=True)
class Parsed:
    # spaCy's Doc.text joins every token's text on each access: keep the string.
    text: str
    doc: Doc
    _artifacts: NlpArtifacts


def read_yaml_mapping(path: Path) -> dict[str, Any]:
    """A YAML file holding a mapping, or a ConfigError naming the file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(str(path), f"cannot read: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(str(path), "expected a mapping at the top level")
    return data


class PresidioAdapter:
    """Loads the spaCy pipeline and the Presidio analyzer once; parses and detects."""

    def __init__(self, models_dir: Path, spacy_model: str, language: str = "en") -> None:
        self.language = language
        nlp_conf = read_yaml_mapping(models_dir / "nlp.yaml")
        for model in nlp_conf.get("models", []):
            if model.get("lang_code") == language:
                model["model_name"] = spacy_model
        screener_conf = read_yaml_mapping(models_dir / "screener.yaml")
        lang_conf = screener_conf.get("languages", {}).get(language)
        if not isinstance(lang_conf, dict):
            raise ConfigError(str(models_dir / "screener.yaml"), f"no section for {language}")
        self.default_entities: tuple[str, ...] = tuple(lang_conf.get("default_entities", []))
        keep = lang_conf.get("keep_components", ["ner"])
        try:
            engine = _LeanSpacyEngine(
                models=nlp_conf["models"],
                ner_model_configuration=NerModelConfiguration.from_dict(
                    nlp_conf["ner_model_configuration"]
                ),
                keep=None if keep == "all" else keep,
            )
            engine.load()
        except OSError as exc:
            raise ConfigError(
                str(models_dir / "nlp.yaml"),
                f"spaCy model {spacy_model!r} is not installed: {exc}",
            ) from exc
        registry = RecognizerRegistryProvider(
            conf_file=str(models_dir / "recognizers.yaml"), nlp_engine=engine
        ).create_recognizer_registry()
        registry.add_recognizer(_OfflineEmailRecognizer(supported_language=language))
        registry.add_recognizer(
            PhoneRecognizer(
                supported_language=language,
                supported_regions=tuple(lang_conf.get("phone_regions", ["US"])),
            )
        )
        self._engine: Any = engine
        self._ops: Ops = get_current_ops()
        self._analyzer = AnalyzerEngine(
            registry=registry,
            nlp_engine=engine,
            supported_languages=[language],
            context_aware_enhancer=_LinearContextEnhancer(),
        )
        self.available_entities: frozenset[str] = frozenset(
            self._analyzer.get_supported_entities(language=language)
        )
        unknown = set(self.default_entities) - self.available_entities
        if unknown:
            raise ConfigError(
                str(models_dir / "screener.yaml"),
                f"default_entities not provided by any recognizer: {sorted(unknown)}",
            )

    @property
    def nlp(self) -> Any:
        return self._engine.get_nlp(self.language)

    def parse(self, texts: Sequence[str], batch_size: int = 64) -> list[Parsed]:
        """One spaCy parse per text; batches go through ``nlp.pipe``."""
        # thinc keeps its backend in a context variable. A check in the server runs in
        # a worker thread, in a copy of the event loop's context where it was never set,
        # and thinc then looked the backend up again through the installed packages'
        # entry points on every parse (~0.9 ms, a quarter of a short draft's check).
        set_current_ops(self._ops)
        if len(texts) == 1:
            artifacts = self._engine.process_text(texts[0], self.language)
            return [Parsed(texts[0], artifacts.tokens, artifacts)]
        return [
            Parsed(text, artifacts.tokens, artifacts)
            for text, artifacts in self._engine.process_batch(
                list(texts), self.language, batch_size=batch_size
            )
        ]

    def detect(self, parsed: Parsed, entities: Iterable[str]) -> list[Entity]:
        text = parsed.text
        results = self._analyzer.analyze(
            text=text,
            language=self.language,
            entities=list(entities),
            nlp_artifacts=parsed._artifacts,
        )
        found = (
            Entity(
                entity_type=r.entity_type,
                start=r.start,
                end=r.end,
                score=float(r.score),
                source=str((r.recognition_metadata or {}).get("recognizer_name", "presidio")),
            )
            for r in results
        )
        return [c for e in found if (c := clean(e, text)) is not None]
