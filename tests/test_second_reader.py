"""The second reader: its features and scoring, what a policy's thresholds make of its
score, and that the committed model is scikit-learn's fit of the corpus as it stands."""

from __future__ import annotations

import dataclasses
import json
import math
import shutil
from pathlib import Path

import pytest
import yaml

from app.config import Settings
from app.errors import ConfigError
from app.evaluation import Draft, load_corpus
from app.findings import Finding, RuleInfo, Severity
from app.normalise import normalise
from app.screener import Screener
from app.second_reader import (
    FILE,
    READER_RULE_ID,
    ReaderModel,
    Thresholds,
    clearable,
    features,
    second_read,
    softenable,
)
from app.train_reader import C, cross_validated, fit

CORPUS = Path(__file__).parent / "corpus"


def _model(weights: dict[str, float], bias: float = 0.0) -> ReaderModel:
    """A model by hand: every feature's IDF is 1, two categories."""
    return ReaderModel(
        idf=dict.fromkeys(weights, 1.0),
        risk=weights,
        risk_bias=bias,
        categories=("client_identifier", "venting"),
        category_weights={f: (0.0, w) for f, w in weights.items()},
        category_bias=(0.1, 0.0),
        trained_on="by hand",
    )


def _finding(
    start: int,
    end: int,
    severity: Severity,
    rule_id: str = "pack.rule",
    entity_type: str | None = None,
) -> Finding:
    rule = RuleInfo(rule_id, "location_detail", severity, "m", "ref")
    return Finding(rule, start, end, 0.9, entity_type, severity)


def _at(escalate_at: float, flag_at: float, flag: Severity = Severity.block, **more) -> Thresholds:
    return Thresholds(escalate_at=escalate_at, flag_at=flag_at, flag=flag, **more)


def test_features_are_lower_cased_words_and_pairs_with_digits_folded() -> None:
    assert features("My client, Room 12!") == [
        "w my",
        "w client",
        "w room",
        "w 00",
        "b my client",
        "b client room",
        "b room 00",
        "k my room",
        "k client 00",
    ]
    assert features("a I ! 7") == []  # one-character words carry nothing
    # a placeholder of ours is one word, whatever it says
    assert features("[health detail]") == features("[NAME]") == ["w xredactedx"]


def test_pairs_one_word_apart_carry_a_phrase_past_the_word_that_varies() -> None:
    last, this = features("relapsed last weekend"), features("relapsed this weekend")
    assert "k relapsed weekend" in last
    assert "k relapsed weekend" in this
    assert not {"b relapsed last", "b last weekend"} & set(this)
    assert [f for f in features("relapsed weekend") if f.startswith("k ")] == []
    # one-character words are not words here, for pairs one apart as for pairs
    assert "b relapsed weekend" in features("relapsed a weekend")


def test_score_is_the_logistic_of_the_tf_idf_unit_vector() -> None:
    model = _model({"w client": 2.0, "w shelter": 1.0}, bias=-1.0)
    # client twice (1 + ln 2), shelter once (1); the unit vector's dot with the weights
    tf = (1 + math.log(2), 1.0)
    norm = math.hypot(*tf)
    z = -1.0 + (2.0 * tf[0] + 1.0 * tf[1]) / norm
    assert model.score("client CLIENT shelter unknown") == pytest.approx(1 / (1 + math.exp(-z)))
    assert model.score("nothing known here") == pytest.approx(1 / (1 + math.exp(1.0)))
    assert model.score("") == pytest.approx(1 / (1 + math.exp(1.0)))


def test_category_is_the_best_scoring_one() -> None:
    model = _model({"w vent": 3.0})
    assert model.category("vent vent") == "venting"
    assert model.category("unrelated") == "client_identifier"  # the bias decides


def test_a_warning_in_a_high_scoring_draft_becomes_a_block() -> None:
    model = _model({"w client": 5.0})
    warn, info = _finding(0, 2, Severity.warn), _finding(3, 5, Severity.info)
    text = "my client story"
    out = second_read(model, _at(0.6, 0.99), [warn, info], [(0, 15)], text)
    assert [f.severity for f in out] == [Severity.block, Severity.info]
    assert out[0].rule == warn.rule and (out[0].start, out[0].end) == (0, 2)
    # a rule whose severity the policy sets keeps it
    kept = second_read(model, _at(0.6, 0.99), [warn], [], text, {"pack.rule"})
    assert kept == [warn]
    # below the threshold, or in a low-scoring draft, nothing changes
    assert second_read(model, _at(0.6, 0.99), [warn], [], "nothing here") == [warn]


def test_a_block_is_left_as_it_is_and_adds_nothing() -> None:
    model = _model({"w client": 5.0})
    block = _finding(0, 2, Severity.block)
    assert second_read(model, _at(0.0, 0.0), [block], [], "client client") == [block]


def test_a_draft_with_no_warning_is_flagged_on_its_most_telling_sentence() -> None:
    model = _model({"w vents": 4.0, "w client": 2.0}, bias=-1.0)
    text = "Long day at work.  My client vents again. \n"
    sentences = [(0, 19), (19, len(text))]
    info = _finding(0, 4, Severity.info)
    out = second_read(model, _at(0.5, 0.8, Severity.warn), [info], sentences, text)
    assert out[0] == info
    flag = out[1]
    assert text[flag.start : flag.end] == "My client vents again."
    assert flag.rule.id == READER_RULE_ID and flag.rule.category == "venting"
    assert flag.severity == Severity.warn and flag.score == pytest.approx(model.score(text))
    # under flag_at nothing is added
    assert second_read(model, _at(0.5, 0.999, Severity.warn), [info], sentences, text) == [info]
    # nor to a draft whose details the writer already replaced with our placeholders
    for placeholder in ("[NAME]", "[health detail]", "[REDACTED]"):
        redacted = f"My client {placeholder} vents again."
        assert model.score(redacted) >= 0.8
        assert second_read(model, _at(0.5, 0.8, Severity.warn), [], [(0, 30)], redacted) == []


def test_from_block_at_the_readers_own_finding_is_a_block() -> None:
    model = _model({"w vents": 4.0, "w client": 2.0}, bias=-1.0)
    text = "My client vents again."
    score = model.score(text)
    at = _at(0.5, 0.5, Severity.warn, block_at=score)
    (flag,) = second_read(model, at, [], [(0, len(text))], text)
    assert flag.rule.id == READER_RULE_ID and flag.severity == Severity.block
    # just under block_at it is the policy's flag severity
    at = _at(0.5, 0.5, Severity.warn, block_at=score + 0.001)
    (flag,) = second_read(model, at, [], [(0, len(text))], text)
    assert flag.severity == Severity.warn


def test_one_rules_block_in_a_draft_that_reads_benign_becomes_a_warning() -> None:
    model = _model({"w client": 5.0, "w hiring": -5.0})
    text = "We are hiring at 12 Main St"
    assert model.score(text) < 0.2
    block, info = _finding(17, 27, Severity.block), _finding(0, 2, Severity.info)
    at = _at(0.4, 0.85, Severity.warn, soften_below=0.2)
    out = second_read(model, at, [block, info], [], text)
    assert [f.severity for f in out] == [Severity.warn, Severity.info]
    assert out[0].rule == block.rule and (out[0].start, out[0].end) == (17, 27)
    # strict maps a warning to a block: what is softened is mapped too
    assert second_read(
        model, _at(0.4, 0.85, soften_below=0.2, softened=Severity.block), [block], [], text
    ) == [block]
    # off by default
    assert second_read(model, _at(0.4, 0.85), [block], [], text) == [block]


def test_what_keeps_its_block_however_benign_the_draft_reads() -> None:
    model = _model({"w client": 5.0, "w hiring": -5.0})
    text = "We are hiring at 12 Main St"
    at = _at(0.4, 0.85, Severity.warn, soften_below=0.2)
    # a draft that scores at or over soften_below
    assert second_read(
        model, _at(0.4, 0.85, soften_below=0.2), [_finding(0, 2, Severity.block)], [], "client"
    ) == [_finding(0, 2, Severity.block)]
    # two rules that block
    two = [_finding(0, 2, Severity.block), _finding(5, 9, Severity.block, "pack.other")]
    assert second_read(model, at, two, [], text) == two
    # one rule twice is still one rule
    twice = [_finding(0, 2, Severity.block), _finding(5, 9, Severity.block)]
    assert [f.severity for f in second_read(model, at, twice, [], text)] == [Severity.warn] * 2
    # a number that is never an organisation's own
    ssn = [_finding(0, 11, Severity.block, "contact_identifiers.ssn", "US_SSN")]
    assert second_read(model, at, ssn, [], text) == ssn
    # a rule whose severity the organisation set (override, deny-list, roster)
    one = [_finding(0, 2, Severity.block)]
    assert second_read(model, at, one, [], text, {"pack.rule"}) == one


def test_warnings_of_clearable_rules_in_a_low_scoring_draft_become_info() -> None:
    model = _model({"w client": 5.0}, bias=-3.0)
    name = _finding(0, 4, Severity.warn, "ids.name")
    other = _finding(5, 9, Severity.warn, "ids.phone")
    at = _at(0.4, 0.99, clear_below=0.1, clearable=frozenset({"ids.name"}))
    benign = "Dana thanks for the pizza"  # scores about 0.05
    assert model.score(benign) < 0.1
    assert [f.severity for f in second_read(model, at, [name], [], benign)] == [Severity.info]
    # another rule's warning, a rule the organisation set, or a draft that scores
    # higher keeps every warning
    assert second_read(model, at, [name, other], [], benign) == [name, other]
    assert second_read(model, at, [name], [], benign, {"ids.name"}) == [name]
    assert second_read(model, at, [name], [], "Dana my client") != [
        dataclasses.replace(name, severity=Severity.info)
    ]
    assert clearable([name], {"ids.name"}) and not clearable([], {"ids.name"})
    # a word of clear_unless keeps the warning however the draft reads
    guarded = dataclasses.replace(at, clear_unless=frozenset({"story"}))
    assert second_read(model, guarded, [name], [], "Dana story thanks for the pizza") == [name]


def test_softenable_is_one_rule_alone() -> None:
    assert softenable([("a.b", None)])
    assert softenable([("a.b", "PERSON"), ("a.b", "PERSON")])
    assert not softenable([])
    assert not softenable([("a.b", None), ("a.c", None)])
    assert not softenable([("a.b", "US_SSN")])
    assert not softenable([("a.b", None)], {"a.b"})


@pytest.mark.slow
def test_scores_match_scikit_learn_on_the_corpus(tmp_path: Path) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    corpus = load_corpus(CORPUS)
    texts = [normalise(d.text).text for d in corpus]
    vectorizer = TfidfVectorizer(analyzer=features, min_df=2, sublinear_tf=True)
    x = vectorizer.fit_transform(texts)
    sk = LogisticRegression(C=C, max_iter=5000, class_weight="balanced")
    sk.fit(x, [d.verdict == "block" for d in corpus])
    (tmp_path / FILE).write_text(json.dumps(fit(corpus)))
    ours = ReaderModel.load(tmp_path / FILE)
    probs = sk.predict_proba(x)[:, 1]
    for text, p in zip(texts[::7], probs[::7], strict=True):
        assert ours.score(text) == pytest.approx(p, abs=1e-3)


@pytest.mark.slow
def test_the_committed_model_is_the_fit_of_the_corpus_as_it_stands(settings: Settings) -> None:
    """Change the corpus and this fails until `screener train-reader` is run again."""
    committed = json.loads((settings.models_dir / FILE).read_text())
    fresh = fit(load_corpus(CORPUS))
    assert committed["trained_on"] == fresh["trained_on"]
    assert committed["vocabulary"] == fresh["vocabulary"]
    for key in ("idf", "risk"):
        assert committed[key] == pytest.approx(fresh[key], abs=1e-3)
    assert committed["risk_bias"] == pytest.approx(fresh["risk_bias"], abs=1e-3)


@pytest.mark.slow
def test_a_client_story_no_rule_matches_is_flagged_on_its_sentence(screener: Screener) -> None:
    text = (
        "Sat with her for three hours at intake today. "
        "She finally opened up about home. I drove home shaking."
    )
    result = screener.check(text)
    (v,) = result.violations
    assert v.rule_id == READER_RULE_ID and v.text == "Sat with her for three hours at intake today."
    assert v.score >= 0.85 and v.category in screener.reader.categories  # type: ignore[union-attr]
    # a warning (a person looks: the model cannot point at a detail), a block from block_at
    reader = screener.policy(None).policy.second_reader
    assert reader is not None
    assert result.verdict == ("block" if v.score >= reader.block_at else "warn")
    assert screener.check(text, "strict").verdict == "block"  # {warn: block} holds for it too
    for benign in (
        "Join us Thursday at 6pm for our free parenting workshop. Childcare provided!",
        "We are hiring a bilingual case manager. Apply on our website by Friday.",
    ):
        assert screener.check(benign).verdict == "pass"


@pytest.mark.slow
def test_a_policy_can_turn_the_second_reader_off(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(Settings().rules_dir, rules)
    (rules / "policies" / "no_reader.yaml").write_text(
        yaml.safe_dump(
            {"id": "no_reader", "version": "1", "extends": "default", "second_reader": None}
        )
    )
    screener = Screener(Settings(rules_dir=rules))
    assert screener.policies["strict"].policy.second_reader is not None  # inherited
    assert screener.policies["no_reader"].policy.second_reader is None
    text = "Sat with her at intake today. She finally opened up about home."
    assert screener.check(text, "default").verdict != "pass"
    assert screener.check(text, "no_reader").verdict == "pass"
    # a warning in a draft that reads like a client story is raised only with the reader
    text = "Anyone near 1148 Wren Street? My niece's client says she saw her there."
    assert screener.check(text, "default").verdict == "block"
    assert screener.check(text, "no_reader").verdict == "warn"


@pytest.mark.slow
def test_one_rules_block_on_a_staff_welcome_is_softened_and_three_rules_block_stands(
    tmp_path: Path,
) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(Settings().rules_dir, rules)
    (rules / "policies" / "no_soften.yaml").write_text(
        yaml.safe_dump(
            {
                "id": "no_soften",
                "version": "1",
                "extends": "default",
                "second_reader": {"escalate_at": 0.4, "flag_at": 0.85, "severity": "warn"},
            }
        )
    )
    screener = Screener(Settings(rules_dir=rules))
    welcome = (
        # (written "64-year-old", the role now joins the name through the hyphens, and
        # "our 64 year old bilingual intake coordinator" is a staff title: no rule blocks
        # at all; without "our" one rule's block is left to soften)
        "Staff spotlight! Meet Rosa, 64 year old intake coordinator who grew "
        "up in Nogales and has been with us 30 years"
    )
    hard = screener.check(welcome, "no_soften")
    assert hard.verdict == "block"
    assert {v.rule_id for v in hard.violations if v.severity == "block"} == {
        "client_identifiers.name_with_client_role"
    }
    soft = screener.check(welcome)
    assert soft.verdict == "warn"  # still there for a person to look at, not a block
    assert [(v.rule_id, v.start, v.end) for v in soft.violations] == [
        (v.rule_id, v.start, v.end) for v in hard.violations
    ]
    assert screener.check(welcome, "strict").verdict == "block"  # strict: a warning blocks
    # the model reads a clinic's good news here, but three rules block: it stands
    patient = (
        "Our MAT clinic patient Shawna L. is now 2 years in recovery and starting nursing school"
    )
    result = screener.check(patient)
    assert result.verdict == "block"
    assert len({v.rule_id for v in result.violations if v.severity == "block"}) >= 2


@pytest.mark.slow
def test_a_missing_model_stops_start_up_when_a_policy_needs_it(tmp_path: Path) -> None:
    models = tmp_path / "models"
    shutil.copytree(Settings().models_dir, models)
    (models / FILE).unlink()
    with pytest.raises(ConfigError, match="train-reader"):
        Screener(Settings(models_dir=models))


def test_a_model_file_that_does_not_fit_together_is_refused(
    settings: Settings, tmp_path: Path
) -> None:
    data = json.loads((settings.models_dir / FILE).read_text())
    broken = dict(data, idf=data["idf"][:-1])
    (tmp_path / "short.json").write_text(json.dumps(broken))
    with pytest.raises(ValueError, match="differ in length"):
        ReaderModel.load(tmp_path / "short.json")
    renamed = dict(data, categories=["gossip", *data["categories"][1:]])
    (tmp_path / "cats.json").write_text(json.dumps(renamed))
    with pytest.raises(ValueError, match="unknown categories"):
        ReaderModel.load(tmp_path / "cats.json")


def test_cross_validation_scores_each_file_with_a_model_that_never_saw_it() -> None:
    """Relabelling one file's drafts leaves their own scores as they were: only the
    other files taught the model that scored them (random folds would not)."""
    stories = ["my client relapsed again", "so proud of my kiddo on my caseload today"]
    events = ["naloxone training thursday open to all", "our office is hiring"]

    def drafts(prefix: str, flip: bool = False) -> list[Draft]:
        out = []
        for n, text in enumerate(stories * 3 + events * 3):
            risky = (n % 4 < 2) != flip
            out.append(Draft(f"{prefix}{n}", f"{text} {prefix}", "block" if risky else "pass", ()))
        return out

    corpus = drafts("a") + drafts("b") + drafts("c")
    flipped = drafts("a", flip=True) + drafts("b") + drafts("c")
    before, after = cross_validated(corpus), cross_validated(flipped)
    assert before[:12] == after[:12]  # file a: scored by the model of b and c alone
    assert before[12:] != after[12:]  # the others learnt from a's labels


@pytest.mark.parametrize(
    ("reader", "message"),
    [
        ({"clear_below": 0.1}, "clearable"),
        (
            {"clear_below": 0.5, "clearable": ["client_identifiers.name_of_private_person"]},
            "clear_below",
        ),
        ({"clear_below": 0.1, "clearable": ["client_identifiers.no_such_rule"]}, "no_such_rule"),
        (
            {
                "clear_below": 0.1,
                "clearable": ["client_identifiers.name_of_private_person"],
                "clear_unless": ["written consent"],
            },
            "single words",
        ),
    ],
)
def test_a_policy_names_the_rules_the_reader_may_clear(
    tmp_path: Path, reader: dict[str, object], message: str
) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(Settings().rules_dir, rules)
    second = {"escalate_at": 0.4, "flag_at": 0.85, "severity": "warn", **reader}
    (rules / "policies" / "clears.yaml").write_text(
        yaml.safe_dump(
            {"id": "clears", "version": "1", "extends": "default", "second_reader": second}
        )
    )
    with pytest.raises(ConfigError, match=message):
        Screener(Settings(rules_dir=rules))


@pytest.mark.slow
def test_a_name_alone_in_a_post_that_reads_as_the_agencys_own_is_info(screener: Screener) -> None:
    text = "Book club this month: Demon Copperhead. Bring snacks, Priya is hosting!"
    result = screener.check(text)
    assert result.verdict == "pass"
    assert {(v.rule_id, v.severity) for v in result.violations} == {
        ("client_identifiers.name_of_private_person", "info")
    }
    assert screener.check(text, "strict").verdict == "block"  # strict clears nothing
    client = "So proud of Marjorie Okonkwo, who finally moved out of our shelter today!"
    assert screener.check(client).verdict != "pass"
