"""The one place Presidio is used.

Presidio's loosely typed results become our :class:`~app.findings.Entity` here and
nowhere else. The spaCy Doc that Presidio's NLP engine produces is handed back to the
caller so the rule matchers share the same parse.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.nlp_engine import NlpArtifacts, NlpEngineProvider
from presidio_analyzer.predefined_recognizers import EmailRecognizer
from presidio_analyzer.recognizer_registry import RecognizerRegistryProvider
from spacy.tokens import Doc
from tldextract import TLDExtract

from app.detectors.suppress import clean
from app.errors import ConfigError
from app.findings import Entity

# The public suffix list snapshot bundled with tldextract; no download, no cache dir.
_OFFLINE_TLD = TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


class _OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's e-mail recognizer, validating domains against the bundled suffix list.

    Stock Presidio calls ``tldextract.extract``, which tries to download the list on
    first use and hangs on an offline machine until the request times out.
    """

    def validate_result(self, pattern_text: str) -> bool:
        return bool(_OFFLINE_TLD(pattern_text).fqdn)


@dataclass(frozen=True, slots=True)
class Parsed:
    doc: Doc
    _artifacts: NlpArtifacts


def _read_yaml(path: Path) -> dict[str, Any]:
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
        nlp_conf = _read_yaml(models_dir / "nlp.yaml")
        for model in nlp_conf.get("models", []):
            if model.get("lang_code") == language:
                model["model_name"] = spacy_model
        screener_conf = _read_yaml(models_dir / "screener.yaml")
        lang_conf = screener_conf.get("languages", {}).get(language)
        if not isinstance(lang_conf, dict):
            raise ConfigError(str(models_dir / "screener.yaml"), f"no section for {language}")
        self.default_entities: tuple[str, ...] = tuple(lang_conf.get("default_entities", []))
        try:
            engine = NlpEngineProvider(nlp_configuration=nlp_conf).create_engine()
        except OSError as exc:
            raise ConfigError(
                str(models_dir / "nlp.yaml"),
                f"spaCy model {spacy_model!r} is not installed: {exc}",
            ) from exc
        registry = RecognizerRegistryProvider(
            conf_file=str(models_dir / "recognizers.yaml"), nlp_engine=engine
        ).create_recognizer_registry()
        registry.add_recognizer(_OfflineEmailRecognizer(supported_language=language))
        self._engine: Any = engine
        self._analyzer = AnalyzerEngine(
            registry=registry, nlp_engine=engine, supported_languages=[language]
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
        if len(texts) == 1:
            artifacts = self._engine.process_text(texts[0], self.language)
            return [Parsed(artifacts.tokens, artifacts)]
        return [
            Parsed(artifacts.tokens, artifacts)
            for _, artifacts in self._engine.process_batch(
                list(texts), self.language, batch_size=batch_size
            )
        ]

    def detect(self, parsed: Parsed, entities: Iterable[str]) -> list[Entity]:
        text: str = parsed.doc.text
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
        return [c for e in found if (c := clean(e, parsed.doc)) is not None]
