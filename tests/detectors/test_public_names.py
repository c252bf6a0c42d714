"""Public figures, brands, holidays, places and colleagues named by department: names
that are no private person's, and the near-misses that still are."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import Settings
from app.detectors.public_names import PublicNames, _key
from app.errors import ConfigError
from app.screener import Screener

pytestmark = pytest.mark.slow


def _flagged_names(screener: Screener, text: str) -> list[str]:
    return [v.text for v in screener.check(text).violations if v.entity_type == "PERSON"]


@pytest.mark.parametrize(
    "text",
    [
        # authors, pioneers, athletes, politicians, with and without a possessive
        "Our book club is reading Toni Morrison's Beloved this month.",
        "Today we remember Mary Richmond, whose book shaped casework.",
        "Congrats to Simone Biles on another gold! The kids were screaming.",
        "Leímos a Gabriel García Márquez en el club de lectura.",
        "Book recommendation: The Body Keeps the Score, by Bessel van der Kolk.",
        # an author before a title in quotes, or after it (probe, session 18)
        "Rudolfo Anaya's 'Bless Me, Ultima' is this month's teen book club read.",
        'Our teen group read "The House on Mango Street" by Sandra Cisneros.',
        "Whitney M. Young Jr. was a social worker before he led the Urban League.",
        # brands and holidays made of a name
        "Thanks to Trader Joe's on Lyndale for donating 40 pies!",
        "McDonald's and Dunkin' gift cards are our most-requested item.",
        "Thank you Ben & Jerry's for the ice cream social!",
        "St. Patrick's Day 5K registration is open.",
        "Sloppy Joes in the teen center kitchen on Friday.",
        # fellowships named like a person
        "Family members of people in recovery: Al-Anon meets Mondays at 7 in room 204.",
        # places named after people
        "Team trip to San José for the regional conference.",
        "Road trip to Fort Collins for the housing summit.",
        "Hiked Mount Rainier this weekend to clear my head.",
        # nor is the city joined to a saint's ("Minneapolis" beside "Paul")
        "Saint Paul and Minneapolis families: the deadline is May 31.",
        # court cases, and Spanish holidays and institutions
        "Hoy se cumplen años de Plyler v. Doe: todos los niños tienen derecho a la escuela.",
        "Feliz Día del Niño a todas las familias de nuestra comunidad.",
        "Gracias al Banco de Alimentos por su apoyo este invierno.",
        # colleagues named by their department, and again later in the post
        "Meet Luis from IT, the reason your laptop works again. Thank you, Luis!",
        "Shoutout to Priya in Finance for closing out the grant report early.",
        # an apposition with no client word leaves the public figure public
        "Thank you to Simone Biles, who visited our gym, for the signed photos.",
    ],
)
def test_public_names_are_not_flagged(screener: Screener, text: str) -> None:
    assert _flagged_names(screener, text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a client word outweighs a famous name
        ("My client Michael Jordan got his first apartment today!", "Michael Jordan"),
        ("Congrats to Michael Jordan, one of our youth, on making varsity!", "Michael Jordan"),
        # one listed word clears only itself, not a longer name that ends in it
        ("Congratulations to Kayla Obama on finishing her English class!", "Kayla Obama"),
        # a brand-like possessive with kin after it is a person's
        ("Drove Wendy's mom to the hearing so Wendy could stay in school.", "Wendy"),
        # "from it" is no department; "Saint" needs a capitalised word after it
        ("Congratulations to Marisol, who learned so much from it!", "Marisol"),
        # a street's "St." is no saint's
        ("Home visit at 14 Elm St. Keisha Brown finally has heat, my client says.", "Keisha Brown"),
        # another name in the post that shares no word with the public one
        ("Reading Maya Angelou with Keisha Brown from our drop-in, who loved it.", "Keisha Brown"),
        # a public figure's name elsewhere in the post (a saint's, in a place's name) that
        # keeps one rule from the client's name does not clear the name for every rule
        ("Mi clienta Yesenia, de 15 años, ya está en la casa hogar de San Juan.", "Yesenia"),
    ],
)
def test_near_misses_stay_flagged(screener: Screener, text: str, name: str) -> None:
    assert any(name in n for n in _flagged_names(screener, text))


def test_phrases_are_matched_as_written() -> None:
    assert _key("Trader Joe’s") == ["trader", "joe", "'s"]
    assert _key("J.K. Rowling") == ["j", "k", "rowling"]
    assert _key("César Chávez") == ["cesar", "chavez"]


def test_shipped_lists_load(settings: Settings) -> None:
    public = PublicNames.load(settings.models_dir / "names")
    assert ("maya", "angelou") in public.phrases
    assert ("wendy", "'s") in public.phrases
    assert not any(p[0].startswith("#") for p in public.phrases)


def test_a_missing_list_names_itself(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"public_figures\.txt"):
        PublicNames.load(tmp_path)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Jimmy Carter was born October 1, 1924. Habitat build in his honor Saturday!",
            "Jimmy Carter",
        ),
        ("Happy birthday to Dolores Huerta, born April 10, 1930!", "Dolores Huerta"),
    ],
)
def test_public_figure_is_marked_for_the_rules(screener: Screener, text: str, name: str) -> None:
    # the review marks a public figure's name ("$PUBLIC_PERSON"), so the birth-date rule
    # knows whose date it is; the marker is never reported itself
    norm_doc = screener.adapter.parse([text])[0]
    entities = screener._entities(norm_doc, screener.adapter.available_entities)
    marks = [text[e.start : e.end] for e in entities if e.entity_type == "PUBLIC_PERSON"]
    assert name in marks
    assert not [v for v in screener.check(text).violations if v.entity_type == "PUBLIC_PERSON"]
    assert screener.check(text).verdict == "pass"


def test_client_with_a_famous_name_is_not_marked(screener: Screener) -> None:
    text = "My client Michael Jordan was born 3/14/2009 and just aged out."
    norm_doc = screener.adapter.parse([text])[0]
    entities = screener._entities(norm_doc, screener.adapter.available_entities)
    assert not [e for e in entities if e.entity_type == "PUBLIC_PERSON"]
    assert screener.check(text).verdict == "block"


def _entity_texts(screener: Screener, text: str, entity_type: str) -> list[str]:
    parsed = screener.adapter.parse([text])[0]
    entities = screener._entities(parsed, screener.adapter.available_entities)
    return [text[e.start : e.end] for e in entities if e.entity_type == entity_type]


@pytest.mark.parametrize(
    ("text", "town"),
    [
        # a listed town after a word of place is a place, not a name (probe, session 19)
        ("Bad Bunny donando instrumentos a las escuelas públicas de Vega Baja.", "Vega Baja"),
        ("Otro removal hoy en Pharr, 3 hermanitos.", "Pharr"),
        ("The 16yo que se escapó del group home de Fajardo anoche ya apareció.", "Fajardo"),
    ],
)
def test_a_listed_town_after_a_word_of_place_is_a_place(
    screener: Screener, text: str, town: str
) -> None:
    assert town not in _entity_texts(screener, text, "PERSON")
    assert town in _entity_texts(screener, text, "LOCATION")
    assert town not in _flagged_names(screener, text)


def test_a_town_that_is_also_a_surname_stays_a_name_after_a_title(screener: Screener) -> None:
    # no word of place before it: "la señora Fajardo" is a woman, not the town
    assert "Fajardo" in _flagged_names(
        screener, "Mi clienta la señora Fajardo llegó hoy al albergue."
    )


def test_the_places_list_loads(settings: Settings) -> None:
    public = PublicNames.load(settings.models_dir / "names")
    assert ("catano",) in public.places
    assert ("vega", "baja") in public.places
    # given names that are also towns are left out: "la hija de Carolina" is a person
    assert ("carolina",) not in public.places


def test_a_listed_thing_gets_no_public_figure_marker(screener: Screener) -> None:
    # a language or a brand is no public figure: the patient's age beside it stays his
    text = "The only patient in our unit who speaks Tigrinya, 27, is waiting on a kidney."
    assert "Tigrinya" not in _entity_texts(screener, text, "PUBLIC_PERSON")
    assert "Tigrinya" not in _flagged_names(screener, text)
    assert "27" in [v.text for v in screener.check(text).violations]


@pytest.mark.parametrize(
    "text",
    [
        # a title only a public life has, before a name none of the lists holds (probe,
        # session 21): their own public stories are no client's
        "La cantante Luz Marina Téllez habló en televisión sobre su depresión posparto.",
        "Comedian Tasha Bell's new special is partly about her ovarian cancer and chemo.",
        "Governor Elaine Marsh signed the bill. At the signing she talked about her own "
        "postpartum depression.",
    ],
)
def test_a_public_title_before_an_unlisted_name_makes_a_public_figure(
    screener: Screener, text: str
) -> None:
    assert screener.check(text).verdict == "pass"


@pytest.mark.parametrize(
    "text",
    [
        # ... and still a patient when the writer's own care setting holds them
        "Guess who came into our ER last night: country singer Jolene Pratt, overdose.",
        "Pop star Mia Santoro was admitted to our psych unit last night, bipolar mania.",
        # a local title is not one: the town knows the mayor's son
        "Literally have the mayor's son in bed 3 at our detox right now, don't tell anyone.",
        # "star" alone is no title: "our star client"
        "Proud of our star Maria, she got her GED after 3 tries!",
    ],
)
def test_a_public_title_does_not_clear_a_patient_or_a_local_figure(
    screener: Screener, text: str
) -> None:
    assert screener.check(text).verdict != "pass"
