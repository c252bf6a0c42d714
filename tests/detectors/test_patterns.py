"""Each pattern detector on the forms it exists for, and on the near-misses it must not take.

``CASES`` maps every detector to what it must find (a text and the one span it reports)
and to near-misses (texts where it must find nothing).
"""

from __future__ import annotations

import pytest

from app.detectors.patterns import (
    AGE,
    DETECTORS,
    EMAIL_ADDRESS,
    NUMERIC_DATE,
    PHONE_NUMBER,
    SPELLED_PHONE_NUMBER,
    STREET_ADDRESS,
    STREET_ADDRESS_LOWER,
    VEHICLE_ID,
    WRITTEN_DATE,
    ZIP_CODE,
    PatternDetector,
)

_STREET_NEAR_MISSES = [
    "3 days at Main Street Park were fun",  # "days at Main" is not a street name
    "We served 1420 meals on Main Street this year",
    "Room 12 is ready",
    "Top 5 ways to support foster youth",
    "La calle 8 está cerrada por la feria.",  # a street without a house number
    "Drove 400 miles on Highway 61 to the conference",
    "Unit 4 of our training covers trauma-informed care",
    "WE SERVED 1420 MEALS ON MAIN ST THIS YEAR",
    "Tenemos 30 calles cerradas por la feria.",
    "Main Street Suite of services opens soon",
    "Our 3 blocks of programming run all summer",
]

CASES: dict[PatternDetector, tuple[list[tuple[str, str]], list[str]]] = {
    STREET_ADDRESS: (
        [
            ("Long day at the shelter on 1420 Elm Street.", "1420 Elm Street"),
            ("visited 22 N. Oak Ave Apt 3B today", "22 N. Oak Ave Apt 3B"),
            ("moved to 300 W 5th St. last week", "300 W 5th St"),
            ("lives at 9 Martin Luther King Blvd, Suite 4", "9 Martin Luther King Blvd, Suite 4"),
            ("Send donations to PO Box 1188, Springfield", "PO Box 1188"),
            ("Our office at 12 Main St is hiring", "12 Main St"),
            ("meet at 610 N Broadway at noon", "610 N Broadway"),
            ("rally at 1 Convention Plaza", "1 Convention Plaza"),
            # the city, state and ZIP after a street are part of the address
            (
                "moved to 1420 Elm St, Springfield, IL 62701 today",
                "1420 Elm St, Springfield, IL 62701",
            ),
            ("behind the store at 123 1/2 Main St", "123 1/2 Main St"),
            ("home visit at 4500 State Route 9 today", "4500 State Route 9"),
            ("lives at 12 County Road 40", "12 County Road 40"),
            ("gets mail at RR 2 Box 15", "RR 2 Box 15"),
            ("lives at HC 1 Box 22 out of town", "HC 1 Box 22"),
            ("lives at 1420 W 300 S in Provo", "1420 W 300 S"),
            ("vive en la calle Juárez 45, Apto 3B.", "calle Juárez 45, Apto 3B"),
            ("visita en Av. Reforma 222 hoy", "Av. Reforma 222"),
            ("en la Calle 5 #12-34 con mi cliente", "Calle 5 #12-34"),
            ("en la Avenida 5 de Mayo 120", "Avenida 5 de Mayo 120"),
            ("NEW LOCATION: 1200 EAST WASHINGTON ST. OPEN HOUSE", "1200 EAST WASHINGTON ST"),
            ("The trailer at N5521 County Rd 12 has no water", "N5521 County Rd 12"),
            ("Donaciones: Apartado Postal 318, Springfield", "Apartado Postal 318"),
            ("Mail to PO Box 208, Tonopah, NV 89049 today", "PO Box 208, Tonopah, NV 89049"),
            ("con la familia en 1207 Avenida Las Palmas.", "1207 Avenida Las Palmas"),
            ("vive en el 2315 de la calle Maple con su abuela", "2315 de la calle Maple"),
            ("Her new place is on Garfield Blvd, Apt 3C, with a yard", "Garfield Blvd, Apt 3C"),
            ("Intake is at the 600 block of W Harmon, back door", "600 block of W Harmon"),
        ],
        _STREET_NEAR_MISSES,
    ),
    STREET_ADDRESS_LOWER: (
        [
            ("she lives at 29 fulton st now", "29 fulton st"),
            ("at 4 elm court", "4 elm court"),
            ("omw to 1422 e 7th st for a welfare check", "1422 e 7th st"),
        ],
        [t.lower() for t in _STREET_NEAR_MISSES],
    ),
    ZIP_CODE: (
        [
            ("My client lives in 60629 now", "60629"),
            ("moved to 60629-1234 last month", "60629-1234"),
            ("home visit in zip code 60629", "60629"),
            ("ZIP: 60629", "60629"),
            ("vive en el código postal 60629", "60629"),
            ("Springfield, IL 62701", "62701"),
            ("Springfield IL 62701", "62701"),
            ("Tonopah, Nevada 89049", "89049"),
            ("a family in 60629 needs a crib", "60629"),
            ("she grew up in the 60629 area", "60629"),
            ("Mi clienta se mudó a Phoenix 85009 y", "85009"),
            ("my client moved to San Antonio, 78207 last week", "78207"),
            ("he moved to St. Louis 63101", "63101"),
            ("my client moved from 60629 to", "60629"),
            ("client moved out to 97266 and now", "97266"),
            ("a food pantry that delivers to 48205? My client", "48205"),
            ("mailing it to 60629, if she", "60629"),
            # bench77: in Spanish, and a town's ZIP in brackets
            ("visité 6 casas en el 93060. La que más", "93060"),
            ("una trabajadora del viñedo de Delano (93215) con golpe de calor", "93215"),
        ],
        [
            "We raised $60,629 at the gala",
            "In 2024 we served 60629 meals",
            "Call 555-201-60629 for more",
            "Our goal: 10000 coats by winter",
            "Serving every ZIP code in the county since 1998",
            "up from 12000 last year",
            "She moved to Springfield. 10000 thanks to our donors",
            "Gracias a todos, en 2024 repartimos 12000 despensas",
            "Rooms (10000 sq ft) are open for events",
            "We delivered to 12000 families this year",
            "Send 10000 thanks to our donors",
        ],
    ),
    AGE: (
        [
            ("my 14yo client", "14yo"),
            ("hoy cumple 19 y ya tiene trabajo", "19"),
            ("¡Mi cliente cumplió 15!", "15"),
            ("she is 14 y/o", "14 y/o"),
            ("a 15-year-old in care", "15-year-old"),
            ("he is 8 years old", "8 years old"),
            ("Ms. Gloria! 80 years young today", "80 years young"),
            ("a 15 yr old girl", "15 yr old"),
            ("my 14-yr-old client", "14-yr-old"),
            ("aged 12 at removal", "12"),
            ("age: 14", "14"),
            ("a fourteen-year-old client", "fourteen-year-old"),
            ("she is twelve years old", "twelve years old"),
            ("my ninety-two-year-old client", "ninety-two-year-old"),
            ("my foster kiddo turned 16 today", "16"),
            ("My client is 17 and pregnant", "17"),
            ("she's 15.", "15"),
            ("he was 3 when he came into care", "3"),
            ("Tasha Green was six when I met her", "six"),
            ("She's nineteen now", "nineteen"),
            ("Celebrating her 90th birthday today", "90th"),
            ("Client, 16, was placed", "16"),
            ("Walter Hollis, 94, told me", "94"),
            ("took Bao (11) to the library", "11"),
            ("one of my youth, A.K. (16), is", "16"),
            # initials in capitals, undotted, before an age or as a subject
            ("JM, 14, asked me today", "14"),
            ("DK (16) has been through six placements", "16"),
            ("My resident T.B. is 96 and still plays", "96"),
            # a birthday unsaid
            ("happy 18th kiana!!! you made it", "18th"),
            ("Happy 90th, Mr. Lee!", "90th"),
            # Spanish: "a los 19 años", "cumplió 15" with the years unsaid
            ("terminó su GED a los 19 años, después", "19 años"),
            ("mi niña cumplió 15 y le hicimos su fiesta", "15"),
            ("nuestra niña hoy cumplió cinco. Nació el", "cinco"),
            # an age in passing, after a comma
            ("Home visit with Mr. Nowak today, 84 and still shovels his walk", "84"),
            ("a youth at the drop-in, 19 and already on his own", "19"),
            ("a sibling group of 3 (ages 4, 7 and 11)", "4, 7 and 11"),
            ("Mi cliente de 15 años", "15 años"),
            ("tiene 14 años", "14 años"),
            # a baby's age in days, weeks or months (identifiers55)
            ("the twins are 3 weeks old and eating well", "3 weeks old"),
            ("a 2-month-old in the NICU", "2-month-old"),
            ("baby E is 6 weeks old already", "6 weeks old"),
            # an age opening a sentence: "91 and sharp", "14 today"
            ("He told me about the war. 91 and sharp as ever.", "91"),
            ("on my caseload!! 14 today and she made honor roll", "14"),
            ("Cumpleaños de mi niña. 15 hoy 🎉", "15"),
            # hyphenated initials before an age
            ("R.K.-M., 9, has changed schools again", "9"),
            # bench77: the diminutive, a baby's months in Spanish, an age someone gone
            # would be, an age opening a bracket of details after initials
            ("Ximena cumplió 4 añitos hoy en el salón", "4 añitos"),
            ("la niña Yaretzi, de 7 añitos, que se la llevó", "7 añitos"),
            ("nacida en 2006, apenas 18 años, y sin seguro", "18 años"),
            ("Son cinco, el bebé tiene 8 meses y la mamá", "8 meses"),
            ("Deondre would be 42 now.", "42"),
            ("a SOAP note for J. M. (16, MRN 7730-2214) but", "16"),
        ],
        [
            "hoy cumple 3 meses sobrio",
            "el programa tiene 8 meses y 40 familias",
            "If it would be 42 degrees tomorrow, we open the warming center.",
            "It would be 42 degrees at the bus stop, so we opened early.",
            "mi hijo tiene 2 semanas sin ir a la escuela",
            "3 today, 5 tomorrow, and the rest next week",
            "We served lunch. 40 and counting!",
            "a 6-week course for new dads, 2 months of follow-up",
            "Day 14 today of the challenge",
            "Our office cat came to us at 8 weeks old.",
            "Kittens, 10 weeks old, ready for adoption",
            "ages 12-18 welcome",
            "in 2014",
            "all 40 youth",
            "youth age 16 and up",  # an eligibility rule, not a person's age
            "kids aged 5 to 12",
            "age 18+ only",
            "she turned 180 degrees",
            "Top 10 tips",
            "Hace 15 años que abrimos",  # "15 years ago"
            "she is 5 feet tall",
            "my client is 10 minutes late again",
            "Last night was one of those nights.",
            "The ceremony was three states away.",
            "Happy 4th of July from all of us!",
            "Happy 4th, everyone!",
            "Happy 40th anniversary to our agency!",
            "la clienta cumple 15 de marzo",
            "Rooms 12, 14, and 16 are open",
            "We served 1,200 meals, 40 and still counting",
            'Volunteer of the Year: Harold "Hal" Peterson, 1,100 hours driving seniors',
            "Shifts at 9, 12 and 3, and still need drivers",
        ],
    ),
    PHONE_NUMBER: (
        [
            ("Text Maria at (217) 555-0148 tonight", "(217) 555-0148"),
            ("call 217.555.0148", "217.555.0148"),
            ("call +1 217 555 0148", "+1 217 555 0148"),
            ("Call me at 555-201-3344", "555-201-3344"),
            ("Text her at 555-201-\n3344 about the job", "555-201-\n3344"),
            ("new number is 555 - 201 - 3344.", "555 - 201 - 3344"),
            ("Her mobile is 555/201-3344.", "555/201-3344"),
            ("Call (555)201-3344", "(555)201-3344"),
            ("reach her at 555-201-3344 ext 12 today", "555-201-3344 ext 12"),
            ("phone number is 217-555-0148x4.", "217-555-0148x4"),
            ("Client's cell 5552013344, call her", "5552013344"),
            ("su teléfono es 5552013344", "5552013344"),
            ("Su celular: (33) 3615-2200, pregunte por Rosa", "(33) 3615-2200"),
            ("llámela al 33 3615 2200 después de las 5", "33 3615 2200"),
            ("whatsapp +52 1 55 8123 4477", "+52 1 55 8123 4477"),
        ],
        [
            "Scholarships of $500-1000",
            "case 2023-118-4471",
            "ID 2175550148",
            "1-800-799",
            "Thank you! Order #5552013344 is attached.",
            "the 2024-2025 school year",
            "We served 1,201,334 meals",
            "Doors open 5:30-7:30 pm",
            "Rooms 12, 2024 and 2025",
            "the (33) 361-22 form",
            "between 2019 2020 and 2021",
        ],
    ),
    SPELLED_PHONE_NUMBER: (
        [
            (
                "Her number is five five five two oh one three three four four, call her!",
                "five five five two oh one three three four four",
            ),
            ("cell is 555 two oh one 3344 lol", "555 two oh one 3344"),
            (
                "one five five five two oh one three three four four",
                "one five five five two oh one three three four four",
            ),
            (
                "cinco cinco cinco dos cero uno tres tres cuatro cuatro",
                "cinco cinco cinco dos cero uno tres tres cuatro cuatro",
            ),
        ],
        [
            "one, two, three, four, five, six, seven, eight, nine, ten!",  # a counting rhyme
            "1 2 3 4 5 6 7 8 9 10",
            "555 201 3344",  # all figures: PHONE_NUMBER's, not this detector's
            "two or three families, four kids",
        ],
    ),
    EMAIL_ADDRESS: (
        [
            ("Write to jenny.r88 at gmail dot com with leads", "jenny.r88 at gmail dot com"),
            ("Email: jenny.r88 [at] gmail [dot] com", "jenny.r88 [at] gmail [dot] com"),
            ("jenny.r88(at)gmail.com", "jenny.r88(at)gmail.com"),
            ("su correo es jenny arroba gmail punto com", "jenny arroba gmail punto com"),
        ],
        [
            "Shop at Amazon.com for our wish list",  # an ordinary "at" and an ordinary dot
            "Meet us @ the library at 5",
            "jenny@gmail.com",  # Presidio's recognizer reports plain addresses
        ],
    ),
    NUMERIC_DATE: (
        [
            ("turned 16 on 3/14 and", "3/14"),
            ("d.o.b. 3-14-09 on the sheet", "3-14-09"),
            ("DOB: 2009-03-14", "2009-03-14"),
            ("Fecha de nacimiento: 14/03/2009.", "14/03/2009"),
            ("date of birth is 3.14.2009", "3.14.2009"),
            ("Client DOB: 04/2009, still", "04/2009"),
        ],
        [
            "open 24/7",
            "13/13 tickets sold",
            "raised 1/3000 of the goal",
            "version 10.2.4",
            "5-7pm",
            "555-201-3344",
        ],
    ),
    WRITTEN_DATE: (
        [
            ("born on May 2, 2011 in", "May 2, 2011"),
            ("DOB 14 March 2009", "14 March 2009"),
            ("admitted on January 5 and", "January 5"),
            ("nació el 14 de marzo de 2009", "14 de marzo de 2009"),
            ("the 3rd of June, 2010", "3rd of June, 2010"),
            ("Intake: DOB 14-Mar-2009, third", "14-Mar-2009"),
            ("dob 14/MAR/09 on the form", "14/MAR/09"),
            ("born Mar-14-2009 in", "Mar-14-2009"),
            ("fecha de nacimiento 17/abr/2009, mi", "17/abr/2009"),
            ("Nació en abril de 2009, mi cliente.", "abril de 2009"),
            ("nació el 3 de febrero del 2008 y", "3 de febrero del 2008"),
            ("fecha de nacimiento: 4 de marzo, 2009", "4 de marzo, 2009"),
            # a month and a year
            ("born in January of 2011 in a camp", "January of 2011"),
            ("born March 2009.", "March 2009"),
            # a day of the month alone
            ("her birthday is on the 9th!", "9th"),
            ("he turns 18 on the 22nd, and we", "22nd"),
        ],
        [
            "in March we opened",
            "the 14th annual gala",
            "in 2009",
            "12 Mayfield Rd",
            "the 3rd time this week",
            "she came in 2nd in the race",
        ],
    ),
    VEHICLE_ID: (
        [
            ("the title says 1M8GDM9AXKP042788, is", "1M8GDM9AXKP042788"),
            ("VIN 1HGCM82633A004352", "1HGCM82633A004352"),
        ],
        [
            "part 1HGCM82633A004353 fits",  # wrong check digit
            "tracking 1Z999AA10123456784",  # 18 characters
            "ABCDEFGHJKLMNPRST",  # letters only
            "12345678901234567",  # digits only
        ],
    ),
}


def _found(detector: PatternDetector, text: str) -> list[str]:
    return [text[e.start : e.end] for e in detector.detect(text)]


@pytest.mark.parametrize(
    ("detector", "text", "span"),
    [
        pytest.param(d, text, span, id=f"{d.entity_type}-{i}")
        for d, (finds, _) in CASES.items()
        for i, (text, span) in enumerate(finds)
    ],
)
def test_finds_exactly_the_span(detector: PatternDetector, text: str, span: str) -> None:
    assert _found(detector, text) == [span]


@pytest.mark.parametrize(
    ("detector", "text"),
    [
        pytest.param(d, text, id=f"{d.entity_type}-{i}")
        for d, (_, near_misses) in CASES.items()
        for i, text in enumerate(near_misses)
    ],
)
def test_near_miss_finds_nothing(detector: PatternDetector, text: str) -> None:
    assert _found(detector, text) == []


def test_every_detector_is_tested() -> None:
    assert set(CASES) == set(DETECTORS)


def test_validate_drops_a_match() -> None:
    detector = PatternDetector("X", (r"\d+",), 0.5, validate=lambda s: s != "13")
    assert _found(detector, "12 13 14") == ["12", "14"]


def test_only_runs_the_patterns_named() -> None:
    detector = PatternDetector("X", (r"a+", r"b+"), 0.5)
    assert _found(detector, "aa bb") == ["aa", "bb"]
    assert [e.start for e in detector.detect("aa bb", only={1})] == [3]


def test_a_detector_sees_word_boundaries_beside_accented_letters() -> None:
    """RE2's \\b is ASCII-only: detectors run on the text with accents folded, one
    character for one, so the offsets are the original's."""
    detector = PatternDetector("OTHER", (r"(?i)\bplaca\s+de\s+(?P<span>José)\b",), 0.9)
    text = "La placa de José, otra vez."
    assert [text[e.start : e.end] for e in detector.detect(text)] == ["José"]
    plain = "placa de Jose."
    assert [plain[e.start : e.end] for e in detector.detect(plain)] == ["Jose"]
