"""Roster clients found in drafts, on the real model: in lower case, one letter off, as
ids; and not found in ordinary words or other people's names."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from app.config import Settings
from app.errors import ConfigError
from app.roster import store
from app.roster.importer import import_roster
from app.roster.matcher import RULE_ID
from app.screener import Screener
from tests.roster.test_store import ROSTER, SECRET

pytestmark = pytest.mark.slow
CORPUS = Path(__file__).parent.parent / "corpus" / "drafts.jsonl"


@pytest.fixture(scope="module")
def rostered(screener: Screener, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Screener]:
    """The session's screener with tests/roster/roster.csv as the default policy's roster."""
    data_dir = tmp_path_factory.mktemp("data")
    import_roster(str(ROSTER), "default", data_dir, SECRET)
    saved = screener.settings
    screener.settings = saved.model_copy(
        update={"data_dir": data_dir, "roster_secret": SecretStr(SECRET)}
    )
    try:
        assert screener.reload_rosters() == ["default"]
        yield screener
    finally:
        screener.settings = saved
        screener.reload_rosters()


def _roster_hits(screener: Screener, text: str, policy: str = "default") -> list[str]:
    result = screener.check(text, policy)
    return [v.text for v in result.violations if v.rule_id == RULE_ID]


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("so proud of maria lopez today!", "maria lopez"),
        ("SO PROUD OF MARIA LOPEZ", "MARIA LOPEZ"),
        ("Congrats María López on the new job", "María López"),
        ("Congrats Maria Lopes on the new job", "Maria Lopes"),  # one letter changed
        ("Congrats Mraia Lopez on the new job", "Mraia Lopez"),  # two swapped
        ("Congrats Maria Lpez on the new job", "Maria Lpez"),  # one missing
        ("Congrats Maria Loppez on the new job", "Maria Loppez"),  # one too many
        ("big day for #MariaLopez", "MariaLopez"),
        ("jamal washington moved into his own place", "jamal washington"),
        ("Jamal Edward Washington moved", "Jamal Edward Washington"),
        ("hope williams got the job", "hope williams"),
        ("nguyen thi thu started school", "nguyen thi thu"),
        ("Thanks to Sunny for sharing her story", "Sunny"),  # a nickname, capitalised
        ("my client sunny did great today", "sunny"),  # lower case, next to "client"
        ("my client maria did great today", "maria"),  # a first name, next to "client"
        ("Big J is back at the center", "Big J"),
        ("Closed case CL-20931 today", "CL-20931"),
        ("closed case cl20931 today", "cl20931"),
        ("closed case cl 20931 today", "cl 20931"),
        ("chart MRN 448812 updated", "MRN 448812"),
    ],
)
def test_roster_clients_are_flagged(rostered: Screener, text: str, hit: str) -> None:
    result = rostered.check(text)
    assert result.verdict == "block"
    flagged = [v for v in result.violations if v.rule_id == RULE_ID]
    assert [v.text for v in flagged] == [hit]
    v = flagged[0]
    assert text[v.start : v.end] == hit
    assert (v.category, v.severity) == ("client_identifier", "block")
    assert v.entity_type == ("CLIENT_ID" if any(c.isdigit() for c in hit) else "PERSON")
    assert hit not in result.redacted_text


@pytest.mark.parametrize(
    "text",
    [
        "Hope to see you all at the gala!",  # a first name that is a word, opening a sentence
        "We hope you will join us. Will you?",
        "Maria did a great job running the bake sale.",  # a first name with no client near
        "Our director Maria Garcia spoke at the conference.",  # another Maria
        "Sunny skies for our 5k on Saturday!",  # a nickname, opening a sentence
        "Call 20931 now",  # part of an id
        "Case CL-2093 closed",  # another id
        "Washington state funding news",
        "Lopez Elementary family night is Thursday",
    ],
)
def test_near_misses_are_not_flagged(rostered: Screener, text: str) -> None:
    assert _roster_hits(rostered, text) == []


def test_another_policy_does_not_use_the_roster(rostered: Screener) -> None:
    assert _roster_hits(rostered, "so proud of maria lopez today!", "example-agency") == []


def test_the_roster_flags_nothing_in_the_corpus(
    screener: Screener, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Fifty realistic clients, none in the corpus: 209 drafts, no roster hit."""
    firsts = ["Xavier", "Yolanda", "Caden", "Dmitri", "Esperanza", "Farah", "Gideon"]
    firsts += ["Hiroshi", "Ines", "Jovan"]
    lasts = ["Abernathy", "Bergstrom", "Castellanos", "Delacroix", "Eriksen"]
    names = [f"{f} {last}" for f in firsts for last in lasts]
    data_dir = tmp_path_factory.mktemp("corpus-roster")
    roster = data_dir / "roster.csv"
    roster.write_text(
        "name,client_id\n" + "".join(f"{n},K-{5000 + i}\n" for i, n in enumerate(names)),
        encoding="utf-8",
    )
    import_roster(str(roster), "default", data_dir, SECRET)
    texts = [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    assert not any(word in t for word in (*firsts, *lasts) for t in texts)
    saved = screener.settings
    screener.settings = saved.model_copy(
        update={"data_dir": data_dir, "roster_secret": SecretStr(SECRET)}
    )
    try:
        screener.reload_rosters()
        hits = [
            v.text for r in screener.check_many(texts) for v in r.violations if v.rule_id == RULE_ID
        ]
    finally:
        screener.settings = saved
        screener.reload_rosters()
    assert hits == []


def test_a_roster_without_its_secret_stops_start_up(screener: Screener, tmp_path: Path) -> None:
    import_roster(str(ROSTER), "default", tmp_path, SECRET)
    saved = screener.settings
    try:
        for secret, problem in ((None, "not set"), ("x" * 32, "different")):
            screener.settings = Settings(
                data_dir=tmp_path, roster_secret=SecretStr(secret) if secret else None
            )
            with pytest.raises(ConfigError, match=problem):
                screener.reload_rosters()
    finally:
        screener.settings = saved
        screener.reload_rosters()
    assert store.path_for(tmp_path, "default").exists()
