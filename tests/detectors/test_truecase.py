"""Capitals put back on names in a draft typed in lower case (app/detectors/truecase.py)."""

from __future__ import annotations

import pytest

from app.config import Settings
from app.detectors.names import NameLexicon, common_words
from app.detectors.truecase import VERY_COMMON_ZIPF, CaseRestorer
from app.screener import Screener


@pytest.fixture(scope="module")
def restorer(settings: Settings) -> CaseRestorer:
    lexicon = NameLexicon.load(settings.models_dir / "names")
    return CaseRestorer(lexicon, common_words(VERY_COMMON_ZIPF))


@pytest.mark.parametrize(
    ("text", "restored"),
    [
        # a given name and the surname after it, though "robinson" is also a word
        (
            "so proud of my client tiana robinson today",
            "so proud of my client Tiana Robinson today",
        ),
        # a surname no word of the language, and a given name before it
        ("our case manager binh tran is out", "our case manager Binh Tran is out"),
        ("meet denise carter, our coordinator", "meet Denise Carter, our coordinator"),
        # names of varied origins, and "i" and its contractions
        ("i sat with mamadou and i'm still shaking", "I sat with Mamadou and I'm still shaking"),
        # Spanish words that are given names of the lists stay words in a Spanish draft
        ("fui niña de acogida y mi vida cambió", "fui niña de acogida y mi vida cambió"),
        ("ya le aprobaron la vivienda a yesica!!", "ya le aprobaron la vivienda a Yesica!!"),
        ("mi cliente yesenia llegó tarde", "mi cliente Yesenia llegó tarde"),
        # a kind of place after a name, a place's first word before it
        ("she moved to harris county", "she moved to Harris County"),
        ("they're in san mateo now", "they're in San Mateo now"),
        # a place named by a word before its kind, a chain and the street or town it is on
        ("my patient at mercy hospital", "my patient at Mercy Hospital"),
        ("home visit at the maplewood commons", "home visit at the Maplewood Commons"),
        ("sleeping behind the kroger on elm again", "sleeping behind the Kroger on Elm again"),
        ("dropped him at the walmart in wapakoneta", "dropped him at the Walmart in Wapakoneta"),
        ("the walmart in town donated", "the Walmart in town donated"),
        # a census surname that is a word with an ending is that word
        ("nothing humbles you like this job", "nothing humbles you like this job"),
        # sentence starts are the writer's: a capital there does not make a draft cased
        ("Took jaylen to court. judge was kind.", "Took Jaylen to court. judge was kind."),
    ],
)
def test_names_get_their_capitals_back(restorer: CaseRestorer, text: str, restored: str) -> None:
    assert restorer.restore(text) == restored


@pytest.mark.parametrize(
    "text",
    [
        # given names that are everyday words, and common words a census list holds
        "hope you all have a good day at the house, will see you at church",
        "the case worker said the little ones are in good hands",
        # generic places, and a chain's name as a word ("our target")
        "took her to the county hospital and the public library",
        # a census surname that is a word names no place ("sober" is both)
        "Our sober house has two open beds. Call the intake line to apply.",
        "our target this year is 50 families",
        # two letters are initials or chat, never a name here
        "jm texted me at 11pm to say she passed",
        # the writer's own capitals: a draft with a capitalised name mid-sentence is cased,
        # and its lower-case words are lower case on purpose
        "Met with Maria today, and then jaylen came by",
        "",
        "12345 !!!",
    ],
)
def test_what_is_not_a_name_or_is_cased_stays(restorer: CaseRestorer, text: str) -> None:
    assert restorer.restore(text) == text


def test_neighbours_stop_at_the_commonest_words_and_at_punctuation(restorer: CaseRestorer) -> None:
    assert restorer.restore("took tiana home after care") == "took Tiana home after care"
    assert restorer.restore("tiana. day three") == "Tiana. day three"


def test_length_and_offsets_never_change(restorer: CaseRestorer) -> None:
    # a letter whose capital is two characters ("ß" -> "SS") is left as it is
    text = "visited ßtefan and maría josé garcía-herrera at the motel"
    restored = restorer.restore(text)
    assert len(restored) == len(text)
    assert restored.lower() == text.lower()
    assert "María José García-Herrera" in restored


@pytest.mark.parametrize(
    ("text", "lower"),
    [
        ("so proud of my client tiana today", True),
        ("So proud. my client tiana. I mean it, I'm proud", True),
        ("- took jaylen home\n- called his mom", True),
        ("So proud of my client Tiana today", False),
        ("#Tiana day!", False),
    ],
)
def test_typed_in_lower_case(text: str, lower: bool) -> None:
    assert CaseRestorer.typed_in_lower_case(text) is lower


@pytest.mark.slow
def test_the_model_finds_a_name_only_once_its_capitals_are_back(
    screener: Screener, restorer: CaseRestorer
) -> None:
    text = "so proud of my client tiana robinson today, she walked across that stage"
    as_typed = {e.text for e in screener.adapter.nlp(text).ents if e.label_ == "PERSON"}
    restored = {
        e.text for e in screener.adapter.nlp(restorer.restore(text)).ents if e.label_ == "PERSON"
    }
    assert "tiana robinson" not in as_typed
    assert "Tiana Robinson" in restored


@pytest.mark.slow
def test_the_screener_reads_the_restored_text_and_quotes_the_original(screener: Screener) -> None:
    result = screener.check("so proud of my client tiana robinson today, she walked that stage")
    assert result.verdict == "block"
    assert "tiana robinson" in [v.text for v in result.violations]
    assert "[" in result.redacted_text and "tiana" not in result.redacted_text
    # a staff name in a lower-case staff spotlight reads as the staff name it is
    staff = screener.check("meet denise carter, our new intake coordinator! say hi at the desk")
    assert staff.verdict == "pass"
