"""The name detector on the real spaCy model: names the model misses, and near-misses."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import Settings
from app.detectors.names import DOUBTFUL_SCORE, NameLexicon, fold
from app.errors import ConfigError
from app.screener import Screener

pytestmark = pytest.mark.slow


def _names(screener: Screener, text: str) -> list[str]:
    doc = screener.adapter.nlp(text)
    return [text[e.start : e.end] for e in screener.names.detect(doc)]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # lower case after a cue
        ("so my client priya s. texted me from the psych ward", ["priya s."]),
        ("rip to my guy marcus who we lost last week", ["marcus"]),
        ("my client maria lopez got her ged", ["maria lopez"]),
        # capitals and single given names the model does not tag
        ("HAPPY GRADUATION KEISHA BROWN!!! FROM FOSTER CARE TO COLLEGE", ["KEISHA BROWN"]),
        ("Happy Gotcha Day to Lily! One year ago today", ["Lily"]),
        ("Jamal got his ADHD meds adjusted and he is a new kid", ["Jamal"]),
        # the small model calls these places
        ("Our shelter kids, including Mateo and Aaliyah, met the team", ["Mateo", "Aaliyah"]),
        ("a bed tonight for a 19yo client, Amara Okafor, 8 months pregnant", ["Amara Okafor"]),
        # names of varied origins, multi-part and hyphenated
        ("María José García-Herrera came by the office", ["María José García-Herrera"]),
        ("Congrats Nguyen Thi Lan on the new apartment!", ["Nguyen Thi Lan"]),
        ("Shout out to youth Abdirahman for the art show", ["Abdirahman"]),
        # an everyday word that is a name, with a cue or a surname
        ("So proud of my client Hope today", ["Hope"]),
        ("Hope Martinez finished her program", ["Hope Martinez"]),
        # Spanish cues
        ("Mi cliente Rosa Martínez cumplió 15 años", ["Rosa Martínez"]),
        ("la joven yesenia ya tiene su permiso de trabajo", ["yesenia"]),
        # a name no list holds, after praise or a prayer
        ("Prayers up for Thandiwe tonight, her hearing got moved again.", ["Thandiwe"]),
        # a name no list holds, with the kin who came with the person
        ("We found a room for Oleksandra and her two boys tonight.", ["Oleksandra"]),
        ("Thinking about Harjeet tonight, first week in the new apartment.", ["Harjeet"]),
        # a short nickname after "lil", which the model calls an ORG
        ("so proud of lil Dre today, he read the whole page", ["Dre"]),
        # joined to a known name, or before a child's age, whatever the model says
        ("Thandeka and Ali are going to be citizens!", ["Thandeka", "Ali"]),
        ('Things my kids said: "Do you live here?" (Chidera, 7)', ["Chidera"]),
        # form-style lines and caregivers
        ("Child: Oluwadamilare Kealoha DOB: 06/02/2015", ["Oluwadamilare Kealoha"]),
        ("Call the foster mom, Dzifa, at the office", ["Dzifa"]),
        ("Kiptoo's mom called me from the hospital.", ["Kiptoo"]),
        # a given name and a surname the model calls an organisation
        ("Has anyone heard from Tasha Greer (DOB 3/14/1991)?", ["Tasha Greer"]),
        ("Acompañé a la señora Pérez a su quimioterapia hoy.", ["Pérez"]),
        # given names the model joins into one ORG or place
        (
            "Ahmad and Layla (siblings, with us since spring) start school Monday.",
            ["Ahmad", "Layla"],
        ),
        # lower-case given names joined to another, or owning something first in a sentence
        ("keisha and jamal both made honor roll this term!!!", ["keisha", "jamal"]),
        ("kaden's first day at the new school went ok. baby steps.", ["kaden"]),
        # a lower-case given name with kin after it; names after "our boy", "el pequeño"
        ("Took shaniqua and her baby to WIC this morning", ["shaniqua"]),
        ("our boy Khalil got his first paycheck", ["Khalil"]),
        ("hoy el pequeño thiago dijo su primera palabra en inglés", ["thiago"]),
        ("Nuestra joven Dayanara se graduó hoy de la prepa.", ["Dayanara"]),
        # news of someone
        ("update on dominique: she passed her driver's test", ["dominique"]),
        ("Big day for lalo: first paycheck, first bank account.", ["lalo"]),
        # an all-capital name of three letters after a cue, or before a surname
        ("so proud of my client AVA today", ["AVA"]),
        # an everyday given name after "little", or hyphened to a known given name
        ("Little Hope learned to swim this summer.", ["Hope"]),
        ("Our guy Shamar from the drop-in got his GED!", ["Shamar"]),
        ("Court ran late but Mai-Linh got to go home with her grandma.", ["Mai-Linh"]),
        ("ZOE NGUYEN GOT HER KEYS TODAY", ["ZOE NGUYEN"]),
    ],
)
def test_finds_names(screener: Screener, text: str, names: list[str]) -> None:
    assert _names(screener, text) == names


@pytest.mark.parametrize(
    "text",
    [
        "May is Mental Health Awareness Month: therapy works",
        "Will you join us Saturday?",
        "Hope House is hiring overnight staff",
        "Join us at Lincoln Middle School on Friday",
        "Foster Parent Info Night is Thursday",
        "Mark your calendars for the spring gala",
        "Grace and grit got our team through this year",
        "In April we opened a second pantry",
        "SO PROUD OF OUR TEAM",
        "support youth in distress",  # a cue, then a word that is no name
        "my client will call back",  # lower case everyday word after a cue
        "We moved to Charlotte last year",
        "Jackson County foster parents, we need you",
        # unknown capitalised words that open a sentence are words, not names
        "Traffic was awful today, so I'm late to every visit.",
        "Mileage reimbursed for every volunteer driver!",
        "Congrats Springfield High on the state title!",
        "Section 8, 12 units, all rented.",
        "Medicaid's first rule: keep your renewal letters.",
        # a given name and a surname the model reads as one place
        "Our Virginia Beach office is closed Monday.",
        # the second part of a hyphenated word; a given name the model places, after "in"
        "She wants a Spider-Man cake this year.",
        "we had a lil bit of rain at the picnic",
        "Medicaid and her insurance both denied the claim.",
        "Thinking about Thanksgiving already? Sign up to volunteer.",
        "He grew up in a camp in Kenya before coming here.",
        # acronyms of three capitals that are also given names
        "NASW, CSWE and the AMA all weighed in on the new rules.",
        # lower-case given names that are everyday words, or not joined to a name
        "will and grace reruns all weekend at the drop-in",
        "keisha said yes",  # a name, but one the lists alone cannot tell in lower case
        "Gracias por tu corazón y tu paciencia",  # a function word is no name to join
        "Little Rock and Little League families, sign up by Friday.",
        "Little man on my caseload finally got his glasses today",
        "Our guy at the county office says the forms are late.",
        # Title-Case bodies and job titles, even after a role word
        "Proud of our Youth Advisory Board for presenting to the city council!",
        "Our May-June newsletter is out.",
        # a lower-case word that is no given name, with kin after it
        "took the bus and her baby slept the whole way",
        "will and his kids are not a name here",
        # Spanish notices: a verb of "we" and a word that is also a census surname
        "Buscamos Defensor/a de Jóvenes para nuestro refugio juvenil.",
        "Aceptamos Medicaid y la mayoría de los seguros.",
        "Abril, Mes de la Prevención del Abuso Infantil.",
        "Especialista de Apoyo entre Pares para nuestro programa.",
        # a group's or an event's name in quotes after a role word
        'Our youth "Rise Up" group meets Thursdays at the library.',
        'My clients loved our "Wellness Wednesday" yoga hour.',
        'Our youth "Thrive" group meets Monday.',
    ],
)
def test_near_misses(screener: Screener, text: str) -> None:
    assert _names(screener, text) == []


def test_model_person_with_no_known_name_is_doubtful(screener: Screener) -> None:
    text = "Foster Parent Info Night is Thursday"
    parsed = screener.adapter.parse([text])[0]
    model = screener.adapter.detect(parsed, ["PERSON"])
    assert [text[e.start : e.end] for e in model] == ["Info Night"]  # the model's mistake
    reviewed = screener.names.review(parsed.doc, text, model)
    assert [e.score for e in reviewed] == [DOUBTFUL_SCORE]
    assert screener.check(text).verdict == "pass"


def test_a_venue_the_model_reads_as_a_person_is_doubtful(screener: Screener) -> None:
    # the model reads "Beacon Loft" as a person, and "Loft" is also a census surname
    text = "Volunteers needed at Harbor House and Beacon Loft this weekend."
    parsed = screener.adapter.parse([text])[0]
    model = screener.adapter.detect(parsed, ["PERSON"])
    assert [text[e.start : e.end] for e in model] == ["Beacon Loft"]
    reviewed = screener.names.review(parsed.doc, text, model)
    assert [e.score for e in reviewed] == [DOUBTFUL_SCORE]
    assert screener.check(text).verdict == "pass"


def test_model_person_with_a_known_name_keeps_its_score(screener: Screener) -> None:
    text = "So proud of my client Maria Lopez who finally got her GED!"
    parsed = screener.adapter.parse([text])[0]
    model = screener.adapter.detect(parsed, ["PERSON"])
    reviewed = screener.names.review(parsed.doc, text, model)
    assert [e.score for e in reviewed] == [e.score for e in model]
    assert all(e.score > DOUBTFUL_SCORE for e in reviewed)


def test_everyday_given_name_mid_sentence_keeps_its_score(screener: Screener) -> None:
    # "Destiny" is a word too, but capitalised mid-sentence where the model reads a
    # person, it names her
    text = "She smiled when Destiny hugged me at her graduation."
    parsed = screener.adapter.parse([text])[0]
    model = screener.adapter.detect(parsed, ["PERSON"])
    assert [text[e.start : e.end] for e in model] == ["Destiny"]  # the model's reading
    reviewed = screener.names.review(parsed.doc, text, model)
    assert [e.score for e in reviewed] == [e.score for e in model]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("so my client priya s. texted me from the psych ward", "priya s."),
        ("HAPPY GRADUATION KEISHA BROWN!!! SO PROUD TO BE YOUR CASEWORKER", "KEISHA BROWN"),
        ("Our shelter kids, including Mateo, met the Springfield team", "Mateo"),
        # a surname that is also a word of a place, after a given name, is a name
        ("Proud of my client Keisha Hall for finishing her GED!", "Keisha Hall"),
        # the model's name in quotes or brackets right after the cue, which the review
        # took for doubtful while the cue had to touch the name (probe, session 17)
        ('My client "Jonny" relapsed again.', "Jonny"),
        ("My client (Jonny S.) relapsed again.", "Jonny S."),
        ('Prayers for my client "Tavon" tonight, he is in the ICU.', "Tavon"),
    ],
)
def test_a_found_name_reaches_the_client_rules(screener: Screener, text: str, name: str) -> None:
    result = screener.check(text)
    assert result.verdict != "pass"
    assert name in [v.text for v in result.violations if v.entity_type == "PERSON"]


def test_fold() -> None:
    assert fold("María") == "maria"
    assert fold("ŁUKASZ") == "lukasz"
    assert fold("Nadège") == "nadege"


def test_lexicon_loads_the_shipped_lists() -> None:
    lex = NameLexicon.load(Settings().models_dir / "names")
    assert {"maria", "jamal", "aaliyah", "abdirahman", "xochitl"} <= lex.given
    assert {"okafor", "nguyen", "garcia"} <= lex.surnames
    assert {"hope", "may", "will"} <= lex.everyday


def test_a_broken_cue_file_names_itself(tmp_path: Path) -> None:
    folder = Settings().models_dir / "names"
    for f in folder.iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    (tmp_path / "cues.yaml").write_text("before_name: client\nnot_before: []\n")
    with pytest.raises(ConfigError, match="before_name"):
        NameLexicon.load(tmp_path)


def test_model_person_before_a_word_of_a_place_is_doubtful(screener: Screener) -> None:
    # the model reads "Healthy Moms" as a person; "program" after it says otherwise
    text = "Pregnant? Our Healthy Moms program offers free prenatal classes."
    parsed = screener.adapter.parse([text])[0]
    model = screener.adapter.detect(parsed, ["PERSON"])
    assert [text[e.start : e.end] for e in model] == ["Healthy Moms"]
    reviewed = screener.names.review(parsed.doc, text, model)
    assert [e.score for e in reviewed] == [DOUBTFUL_SCORE]


def test_known_name_before_a_lower_case_word_of_a_place_stays_a_name(
    screener: Screener,
) -> None:
    text = "Big thank you to Officer Ramirez for driving Kevin home safely last night."
    result = screener.check(text)
    assert "Kevin" in [v.text for v in result.violations]


@pytest.mark.parametrize(
    "text",
    [
        # names no list holds, which the model reads as people
        "Kiptoo called me from the shelter last night, he's safe.",
        "I sat with Wanjiru at court for six hours today.",
        "Bongani moved into his own apartment this week.",
    ],
)
def test_unknown_name_where_only_a_person_fits_keeps_its_score(
    screener: Screener, text: str
) -> None:
    parsed = screener.adapter.parse([text])[0]
    model = screener.adapter.detect(parsed, ["PERSON"])
    assert len(model) == 1
    reviewed = screener.names.review(parsed.doc, text, model)
    assert [e.score for e in reviewed] == [e.score for e in model]
    assert screener.check(text).verdict == "block"


@pytest.mark.parametrize(
    "text",
    [
        "Anyone who Googles our agency finds the old address.",
        "Our kids love Pokémon cards, so thank you for the donation!",
        "Therapy works. Volunteer with us this spring.",
    ],
)
def test_unknown_capitalised_words_elsewhere_stay_doubtful(screener: Screener, text: str) -> None:
    parsed = screener.adapter.parse([text])[0]
    model = screener.adapter.detect(parsed, ["PERSON"])
    reviewed = screener.names.review(parsed.doc, text, model)
    assert all(e.score == DOUBTFUL_SCORE for e in reviewed)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # lower case: the model's PERSON and the lists agree
        ("happy 18th kiana!!! you made it out of care", "kiana"),
        # a known surname after a lower-case honorific
        ("ms. begay called to say her grandson made the honor roll", "begay"),
    ],
)
def test_lower_case_name_the_lists_confirm_keeps_its_score(
    screener: Screener, text: str, name: str
) -> None:
    parsed = screener.adapter.parse([text])[0]
    model = screener.adapter.detect(parsed, ["PERSON"])
    assert [text[e.start : e.end] for e in model] == [name]  # the model's reading
    reviewed = screener.names.review(parsed.doc, text, model)
    assert all(e.score > DOUBTFUL_SCORE for e in reviewed)


def test_lower_case_words_the_lists_lack_stay_doubtful(screener: Screener) -> None:
    # the model reads Spanish as English people here ("hicimos su"): no list agrees
    text = "mi niña cumplió 15 y le hicimos su fiesta sencillita en la casa"
    parsed = screener.adapter.parse([text])[0]
    model = screener.adapter.detect(parsed, ["PERSON"])
    reviewed = screener.names.review(parsed.doc, text, model)
    assert model and all(e.score == DOUBTFUL_SCORE for e in reviewed)


def test_a_mostly_lower_case_phrase_is_no_name(screener: Screener) -> None:
    assert not screener.names.knows("Aplica en el link de nuestra bio")
    assert screener.names.knows("María de la Cruz")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # issue 30: a Hmong given name before a surname that is also a word ("Lee")
        ("Nhia Lee passed her GED today!!! three tries and she never quit", ["Nhia Lee"]),
        # a known name the model reads as one ORG with the emoji after it
        ("Chidi 🙌🏾 got into the welding program!!!", ["Chidi"]),
        # a name no list holds, after a cue said only of a person
        ("Can't stop thinking about Wairimu. She went back to him again.", ["Wairimu"]),
        ("Esta semana Yanelis por fin consiguió trabajo en la panadería.", ["Yanelis"]),
    ],
)
def test_finds_names_of_issue_30(screener: Screener, text: str, names: list[str]) -> None:
    assert _names(screener, text) == names


@pytest.mark.parametrize(
    "text",
    [
        # a Spanish place named after a person: its kind comes first, in lower case
        "Charla gratuita en el parque Emiliano Zapata el sábado a las 10.",
        "La parada del camión frente al Soriana de avenida Juárez.",
        "Nos vemos en la calle Hidalgo a las 9.",
        # a road named after a person
        "Jefferson Davis Hwy is closed at exit 4 tonight.",
        # a person-only cue before a place or an organisation the model knows
        "So proud of Minneapolis for passing the housing levy!",
        # words of a notice that the lists hold as names
        "Refugio abierto esta noche en el gimnasio.",
    ],
)
def test_near_misses_of_issue_30(screener: Screener, text: str) -> None:
    assert _names(screener, text) == []


@pytest.mark.parametrize(
    "text",
    [
        # a given name that is also a place, after a word that takes a place
        "Anyone have a lead on a room near Kent?",
        "Charla gratuita en el parque Emiliano Zapata el sábado a las 10.",
    ],
)
def test_model_person_that_is_a_place_is_doubtful(screener: Screener, text: str) -> None:
    parsed = screener.adapter.parse([text])[0]
    model = screener.adapter.detect(parsed, ["PERSON"])
    reviewed = screener.names.review(parsed.doc, text, model)
    assert all(e.score == DOUBTFUL_SCORE for e in reviewed)
    assert screener.check(text).verdict == "pass"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # identifiers44: a hyphenated given name and a surname the model calls one ORG
        ("Jean-Baptiste Augustin got his TPS approval this morning!!", ["Jean-Baptiste Augustin"]),
        # a lower-case given name after "mi muchacho", a worker's word for a youth
        ("mi muchacho kevin ya consiguió chamba en la construcción", ["kevin"]),
        # a Colombian spelling the census lists lack
        ("Hoy Jhonatan cumplió 30 días en el programa.", ["Jhonatan"]),
    ],
)
def test_finds_names_of_identifiers44(screener: Screener, text: str, names: list[str]) -> None:
    assert _names(screener, text) == names


@pytest.mark.parametrize(
    "text",
    [
        # a street after an organisation the model knows
        "Warming shelter open at the Salvation Army on Dalton tonight, 6pm to 8am.",
        "We got new seats at Mercedes-Benz Stadium tonight.",
        # a worker's word for the person, owning a life, is no name
        "Kiddo's grandma finally signed the kinship papers.",
        # a Spanish imperative opening a prayer request
        "Oren por la familia, esta semana fue muy dura.",
    ],
)
def test_near_misses_of_identifiers44(screener: Screener, text: str) -> None:
    assert _names(screener, text) == []


def test_a_town_that_is_a_surname_after_in_is_doubtful(screener: Screener) -> None:
    # identifiers44: "out in Hazard" is a town in eastern Kentucky, not a person
    text = "He's been living in a shed out in Hazard. No insulation."
    parsed = screener.adapter.parse([text])[0]
    model = screener.adapter.detect(parsed, ["PERSON"])
    reviewed = screener.names.review(parsed.doc, text, model)
    assert all(e.score == DOUBTFUL_SCORE for e in reviewed if text[e.start : e.end] == "Hazard")


@pytest.mark.parametrize(
    "text",
    [
        # each a benign corpus post the model read a person in; each word a census
        # surname too, but a common word of English or Spanish and no given name
        "Snow day! Schools closed, but our warming center is open.",
        "Blood lead testing of toddlers rose 40% after the initiative.",
        "La clínica ya tiene dentista los viernes. ¡Hagan su cita!",
        "Donar órganos salva vidas. Habla con tu familia hoy.",
        # census given names that posts use as words (models/names/name_words.txt)
        "Numbers don't lie: 40% of youth aging out of care face homelessness.",
    ],
)
def test_a_common_word_the_model_calls_a_person_is_no_name(screener: Screener, text: str) -> None:
    assert screener.check(text).verdict == "pass"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a frequent surname is as common as a word in Spanish text, and still a name
        ("Con la familia Ramírez desde las 7 am, la mamá llora sin parar", "Ramírez"),
        # a given name that is also a common word to wordfreq
        ("My client Walt finally moved into his own place today", "Walt"),
    ],
)
def test_a_name_that_is_also_a_frequent_word_stays_a_name(
    screener: Screener, text: str, name: str
) -> None:
    found = [v.text for v in screener.check(text).violations if v.entity_type == "PERSON"]
    assert any(name in f for f in found)


def test_common_words_are_english_and_spanish_and_leave_rare_names_out() -> None:
    lex = NameLexicon.load(Settings().models_dir / "names")
    assert {"schools", "blood", "hagan", "donar", "estacion", "materna"} <= lex.common
    assert not {"bongani", "binh", "abdirahman", "ramirez", "morales"} & lex.common


# Names from the fresh name swap (bench note, issue 3): names no list holds and no word
# of the language, in a person's place. Before, the model had to read each as a person.
@pytest.mark.parametrize(
    ("text", "names"),
    [
        # after a word that takes a person, with a he or she after it
        (
            "Say a prayer for Sediqullah from our Tuesday meal site, he went back into detox",
            ["Sediqullah"],
        ),
        (
            "Home visit with Eyerusalem Ndiaye today and she finally agreed to the referral.",
            ["Eyerusalem Ndiaye"],
        ),
        ("Thank you, Zarghuna, for letting us walk this with you. She was so brave.", ["Zarghuna"]),
        (
            "Hoy en la biblioteca ayudé a Mbuyi a llenar su solicitud. Ella tiene 78 años.",
            ["Mbuyi"],
        ),
        # first in a story, before what a person does
        ("Sweep happened at 6am. Tsegaye lost his meds and his ID.", ["Tsegaye"]),
        ("Hoy Dhanmaya cumplió 30 días sin consumir.", ["Dhanmaya"]),
        # spoken to
        ("Welcome to the program, Pakou! We are so glad you're here.", ["Pakou"]),
        ("Had to testify today. Illari, you were so brave.", ["Illari"]),
        # before what a person does, with a he or she after it
        ("Our member Mbuyi is selling her beaded jewelry to cover rent!", ["Mbuyi"]),
        ("Anahit Ghimire passed her GED today!!! three tries", ["Anahit Ghimire"]),
        # a Spanish "su" is a person's after the personal "a"
        ("Acompañé a Nanuq a su audiencia en la corte.", ["Nanuq"]),
        ("Mi clienta Illari sigue esperando la visa U.", ["Illari"]),
        # said who they are right after, listed beside a known name, owning something
        ("Most of you know Lijon, the Vietnam vet who sits outside the Dollar General.", ["Lijon"]),
        ("Anoche murió Tsegaye, el muchacho que venía cada jueves.", ["Tsegaye"]),
        ("Proud of Xeng, Rosalind and Lupe for finishing the class!", ["Xeng", "Rosalind", "Lupe"]),
        ("Bishnu's in-laws took her passport again.", ["Bishnu"]),
        ("Eyerusalem y sus tres niños ya tienen donde quedarse esta noche.", ["Eyerusalem"]),
        # a he or she in the sentence before
        ("One of our members found her son today. Please keep Xeng in your prayers.", ["Xeng"]),
        # in lower case right after a word that takes a person, with a he or she after
        ("drove pakou to his dialysis appt this morning, he slept the whole way", ["pakou"]),
        # ... or right after a role, before a verb
        (
            "my client tsinajinnie walked two miles in the snow to make her appointment",
            ["tsinajinnie"],
        ),
        # in a shouted sentence
        ("PLEASE PRAY FOR NANUQ. SHE RAN FROM PLACEMENT LAST NIGHT.", ["NANUQ"]),
        # after kin, or before an age
        ("His wife Pakou sent me a card.", ["Pakou"]),
        ("Ramatoulaye is 17, working two jobs, and still made honor roll.", ["Ramatoulaye"]),
        ("This is Ramatoulaye, age 7, on her first night in our family shelter.", ["Ramatoulaye"]),
        # a person served named by what the writer does for them, then the name between
        # commas: the model called Tsegaye an ORG
        ("A lady I help, Tsegaye, finally got her keys today!", ["Tsegaye"]),
        ("Somebody on my list, Dhanmaya, just called from the bus station.", ["Dhanmaya"]),
        ("A young man I've been working with, Sediqullah, started his GED.", ["Sediqullah"]),
    ],
)
def test_finds_names_no_list_holds_in_a_persons_place(
    screener: Screener, text: str, names: list[str]
) -> None:
    assert _names(screener, text) == names


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # words of the language in the same places (each opened a benign corpus post)
        ("Open house Thursday 6pm at our office. Refreshments provided!", "Refreshments"),
        ("Bipolar disorder is not a flaw. Lithium saved lives before most meds.", "Lithium"),
        ("Our Dry January group starts Jan 2. Mocktails provided 🍹", "Mocktails"),
        (
            "My mom was diagnosed with Alzheimer's last spring; caring for her changed me.",
            "Alzheimer",
        ),
        ("Dispatch told me the call was for 'a guy who fell.' It was a horse.", "Dispatch"),
        # "a" is English here, and a TikTok trend is no person
        ("Yesterday she told me I 'don't get it' about a TikTok trend. She's right.", "TikTok"),
        # medicines and programmes a post names as it names a person
        ("Narcan saved her life on Friday. Carry it.", "Narcan"),
        ("Most plans and Medicaid accepted. Walk-ins welcome, he said.", "Medicaid"),
        # an acronym in a sentence in lower case, a typo of a word
        ("Two years ago I called APS on my own uncle. Hardest call I ever made.", "APS"),
        ("Si eres un joven LGBT y te corrieron de tu casa, no estás solo.", "LGBT"),
        ("drove teh kids to her mom's after school", "teh"),
        # a role's word in lower case, then a verb: the role's own word, not a name
        ("my client advocate walked her through the forms", "advocate"),
        ("my client mostly walked the whole way, she said", "mostly"),
        # a rare plural after "of" (bench76), a holiday's eve
        ("He pushes a cart full of birdcages around 5th & Alder. He's sweet.", "birdcages"),
        ("Sat in courtrooms on Christmas Eve, testified more times than I can count.", "Eve"),
        # a comma cue's clause about a thing, or no comma to set the name off
        ("A cause I support, Habitat for Humanity, is building on our street.", "Habitat"),
        ("I help Walmart shoppers find the pharmacy on Saturdays.", "Walmart"),
        # a town's name owns things too
        ("Congratulations to Mayor Linda Orr, Ridgeville's first woman mayor!", "Ridgeville"),
    ],
)
def test_words_in_a_persons_place_are_no_names(screener: Screener, text: str, word: str) -> None:
    found = screener._entities(screener.adapter.parse([text])[0], ["PERSON"])
    names = [text[e.start : e.end] for e in found if e.score > DOUBTFUL_SCORE]
    assert not [n for n in names if word in n]


def test_a_comma_cue_list_of_the_wrong_kind_names_its_key(tmp_path: Path) -> None:
    folder = Settings().models_dir / "names"
    for f in folder.iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    cues = (folder / "cues.yaml").read_text() + "\nbefore_name_after_comma: i help\n"
    (tmp_path / "cues.yaml").write_text(cues.replace("before_name_after_comma:\n", "_x:\n", 1))
    with pytest.raises(ConfigError, match="before_name_after_comma"):
        NameLexicon.load(tmp_path)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # probe, session 18: a Vietnamese "Mr." before a surname that is also a short word
        ("Ông Lê Văn Hùng, 79, needs someone to help read his mail weekly.", ["Lê Văn Hùng"]),
        # a Spanish child's word before the name
        ("Nuestro pequeño Santi (7 años) ganó el concurso de dibujo.", ["Santi"]),
        # kin before an everyday given name
        ("Our sweet boy is in surgery. His mom Crystal asked us to share.", ["Crystal"]),
    ],
)
def test_finds_names_of_the_session_18_probe(
    screener: Screener, text: str, names: list[str]
) -> None:
    assert _names(screener, text) == names


@pytest.mark.parametrize(
    "text",
    [
        # a short day and month open a date, an acronym's plural and a record are no name
        "5K Walk starts at the corner of Central & Girard, Sat Sept 21, 8am.",
        "Someone is calling clients and asking for SSNs. We never will.",
        "Youth SID 99-41827 released from detention this afternoon.",
        # a place after a role cue that is also a surname
        "Meeting Thursdays at our Youth Center, all teens welcome.",
    ],
)
def test_near_misses_of_the_session_18_probe(screener: Screener, text: str) -> None:
    assert _names(screener, text) == []


def test_a_role_cue_reaches_a_name_across_an_emoji(screener: Screener) -> None:
    text = "Birthday shoutout to our littlest resident 🎂 Mia R., she's 15 now"
    flagged = [v.text for v in screener.check(text).violations if v.entity_type == "PERSON"]
    assert flagged == ["Mia R."]
