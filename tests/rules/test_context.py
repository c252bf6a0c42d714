"""ConText: experiencer, negation and hypotheticals from trigger rules, on the real
tokenizer and sentencizer; first with small inline triggers, then with the shipped ones."""

from __future__ import annotations

import pytest

from app.rules.context import ConText
from app.rules.model import Trigger
from app.screener import Screener

pytestmark = pytest.mark.slow


def _assert(screener: Screener, triggers: list[Trigger], text: str, target: str) -> set[str]:
    context = ConText(triggers, screener.ruleset.lexicon, screener.adapter.nlp)
    doc = screener.adapter.parse([text])[0].doc
    start = text.index(target)
    span = doc.char_span(start, start + len(target), alignment_mode="expand")
    assert span is not None
    mods = context.modifiers(doc, [(s.start, s.end) for s in doc.sents])
    return set(ConText.assertions(mods, span.start, span.end))


_NEG = Trigger(category="negated", direction="forward", max_scope=3, phrases=["no", "not"])
_STOP = Trigger(category="terminate", phrases=["but"])
_PSEUDO = Trigger(category="pseudo", phrases=["no longer"])


@pytest.mark.parametrize(
    ("text", "target", "said"),
    [
        ("She has no fever today.", "fever", {"negated"}),
        ("She has a fever, no doubt.", "fever", set()),  # forward only
        ("No one knows she has a big fever.", "fever", set()),  # beyond max_scope 3
        ("Not the rash but the fever.", "fever", set()),  # "but" ends the scope
        ("She is no longer on meds.", "meds", set()),  # a pseudo trigger is no trigger
        ("She is not on meds.\nThe fever came.", "fever", set()),  # the sentence ends it
    ],
)
def test_negation_scope(screener: Screener, text: str, target: str, said: set[str]) -> None:
    assert _assert(screener, [_NEG, _STOP, _PSEUDO], text, target) == said


def test_the_nearest_experiencer_wins(screener: Screener) -> None:
    writer = Trigger(category="writer", direction="forward", max_scope=10, phrases=["i'm"])
    client = Trigger(category="client", direction="both", max_scope=10, phrases=["my client"])
    text = "I'm so proud of my client who relapsed."
    assert _assert(screener, [writer, client], text, "relapsed") == set()
    assert _assert(screener, [writer], text, "relapsed") == {"writer"}


def test_the_longer_trigger_wins(screener: Screener) -> None:
    generic = Trigger(category="generic", direction="both", phrases=["our clients"])
    client = Trigger(category="client", direction="both", phrases=["one of our clients"])
    text = "One of our clients relapsed."
    assert _assert(screener, [generic, client], text, "relapsed") == set()
    assert _assert(screener, [generic], "Our clients relapsed.", "relapsed") == {"generic"}


@pytest.mark.parametrize(
    ("text", "target", "said"),
    [
        # client: nothing to skip
        ("My client was diagnosed with bipolar disorder.", "bipolar", set()),
        ("So proud of my client who is 90 days sober!", "sober", set()),
        ("I'm so proud of my client who relapsed.", "relapsed", set()),
        ("A dad I work with has been sober since March.", "sober", set()),
        # the writer
        ("I've been in therapy myself for years.", "therapy", {"writer"}),
        ("I was placed in foster care at 12.", "placed", {"writer"}),
        ("I relapsed twice before it stuck.", "relapsed", {"writer"}),
        # Spanish drops the pronoun
        ("Tengo 4 años limpia. Sí se puede.", "limpia", {"writer"}),
        # a population
        ("1 in 5 adults lives with a mental illness.", "mental illness", {"generic"}),
        ("Many youth in care are prescribed antipsychotics.", "antipsychotics", {"generic"}),
        ("Methadone and Suboxone save lives.", "Suboxone", {"generic"}),
        # hypotheticals
        ("If you are struggling, call 988.", "struggling", {"hypothetical"}),
        ("If your client relapses, call us.", "relapses", {"hypothetical"}),
        ("Si estás embarazada, llámanos.", "embarazada", {"hypothetical"}),
        # made-up people
        (
            "Composite case: a 9-year-old discloses abuse at school.",
            "abuse",
            {"fictional", "hypothetical"},
        ),
        (
            "In the novel I'm reading she relapses in chapter 3.",
            "relapses",
            {"fictional", "hypothetical"},
        ),
        # an "if" is hypothetical, not fictional: "if you see Mateo" names a real boy
        ("If you see Mateo, call me.", "Mateo", {"hypothetical"}),
        # a neighbour asked to recognise someone is no hypothetical (bench76) ...
        (
            "If you've noticed the older gentleman with the long white braid, he's ours.",
            "braid",
            set(),
        ),
        # ... a change asked about is
        ("If you've noticed changes in your teen's mood, reach out.", "changes", {"hypothetical"}),
        # a show's character (bench76)
        (
            "Rewatching This Is Us and Randall's storyline still wrecks me.",
            "Randall",
            {"fictional", "hypothetical"},
        ),
        # an "if" that asks or offers is no hypothetical
        ("lmk if u wanna grab boba this weekend", "grab boba", set()),
        ("The kid asking if he can borrow my car. Feral.", "borrow", set()),
        # negation
        ("My client has no history of psychosis.", "psychosis", {"negated"}),
        ("Mi cliente nunca estuvo en rehabilitación.", "rehabilitación", {"negated"}),
        # written consent covers the whole post, the sentences after it too
        (
            "With her written consent, we share Ana's story. Thank you, Ana!",
            "Ana!",
            {"consented"},
        ),
        ("Con su autorización firmada compartimos la foto de Rosa.", "Rosa", {"consented"}),
        # ... unless it is negated, or only a spoken ok, or a work permit
        ("We shared Ana's story without her written consent.", "Ana", set()),
        ("Nunca sin permiso por escrito: hoy, la historia de Rosa.", "Rosa", set()),
        ("Ana said it was fine to share her story.", "Ana", set()),
        ("Doña Chela salió con su permiso de trabajo.", "Chela", set()),
        # a pronoun after the writer's own person is that person...
        ("He's my son, he's 19, and he's 2 years sober today.", "sober", {"writer"}),
        # ... further on in the same sentence too (story36)
        (
            "My dad's viral load has been undetectable for 10 years and he just turned 70.",
            "undetectable",
            {"writer"},
        ),
        # the writer's own milestone told with a longer verb (story36)
        ("I hit 5 years sober today. Still go to my Tuesday meeting.", "sober", {"writer"}),
        # ... unless a client word stands between
        ("My son is home. My client, he relapsed again last week.", "relapsed", set()),
        # a composite said once covers the whole post, unless negated
        (
            "This story is a composite of families we serve. 'Ana' came with two kids.",
            "Ana'",
            {"fictional", "hypothetical"},
        ),
        ("This is not a composite. Ana came to us with two kids.", "Ana", set()),
        # a public figure's own telling, a month's name
        (
            "Selena Gomez has talked so openly about her bipolar diagnosis.",
            "bipolar",
            {"generic"},
        ),
        ("Feliz Mes de la Aceptación del Autismo", "Autismo", {"generic"}),
        # ... short: the month's name does not clear a removal told after it
        (
            "Mes de la Prevención del Abuso Infantil: hoy retiramos a tres hermanitos.",
            "retiramos",
            set(),
        ),
    ],
)
def test_shipped_triggers(screener: Screener, text: str, target: str, said: set[str]) -> None:
    assert _assert(screener, list(screener.ruleset.triggers), text, target) == said


def test_a_post_scope_covers_every_sentence(screener: Screener) -> None:
    post = Trigger(category="consented", direction="post", phrases=["signed release"])
    text = "Meet Ana.\nShe got her GED! Shared with a signed release."
    assert _assert(screener, [post], text, "Ana") == {"consented"}
    assert _assert(screener, [post], "Meet Ana. She got her GED!", "Ana") == set()


def verdict_and_severities(screener: Screener, text: str) -> tuple[str, list[str]]:
    result = screener.check(text)
    return result.verdict, [v.severity for v in result.violations]


@pytest.mark.parametrize(
    ("text", "verdict", "severities"),
    [
        # a campaign story shared with written consent: the name is a note to check it
        (
            "With her written consent, we're sharing Ana's story for our spring campaign. "
            "Thank you, Ana, for trusting us with it.",
            "pass",
            ["info", "info"],
        ),
        # the consent covers the name, not a birth date beside it
        (
            "My client Maria Lopez, DOB 3/4/2009, signed a release so here is her story.",
            "block",
            ["info", "block", "info"],
        ),
        ("We posted Ana's story without her written consent.", "warn", ["warn"]),
        # a family's surname in an adoption post the family agreed to in writing
        (
            "The Ramirez family asked us to share their joy: the adoption is final! "
            "Shared with the family's written permission.",
            "pass",
            ["info"],
        ),
        # and the person's age in their own consented story
        (
            "Shared with Jamal's signed media release: Jamal, 24, tells his story.",
            "pass",
            ["info", "info", "info"],
        ),
    ],
)
def test_written_consent_turns_a_name_into_a_note(
    screener: Screener, text: str, verdict: str, severities: list[str]
) -> None:
    assert verdict_and_severities(screener, text) == (verdict, severities)


@pytest.mark.parametrize(
    ("text", "verdict", "severities"),
    [
        # the organisation's own office (benign45): a note to allow-list it, not a warning
        ("Our office at 88 Commerce Blvd will be closed Thursday.", "pass", ["info"]),
        (
            "Community Resource Fair, Saturday 10am-2pm, at our main office, "
            "225 W. Jefferson St. Free haircuts!",
            "pass",
            ["info"],
        ),
        ("Feria de salud este sábado en nuestra oficina de Av. Central 450.", "pass", ["info"]),
        # an address the post does not call its own is still a warning
        ("The open house is at 12 Main St, come hungry!", "warn", ["warn"]),
    ],
)
def test_the_organisations_own_office_is_a_note(
    screener: Screener, text: str, verdict: str, severities: list[str]
) -> None:
    assert verdict_and_severities(screener, text) == (verdict, severities)
