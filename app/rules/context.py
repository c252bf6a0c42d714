"""ConText for posts: whose detail is it, and is it negated or hypothetical?

The algorithm is ConText's (Harkema et al., J Biomed Inform 2009; medspaCy's
``ConTextRule``), with the triggers as data in ``rules/context/triggers.yaml``:

- a *trigger* phrase sets its category on every detail inside its *scope*, which runs
  ``forward``, ``backward`` or ``both`` ways from the phrase for at most ``max_scope``
  tokens, and stops at the end of the sentence and at a ``terminate`` phrase ("but");
- a ``pseudo`` phrase holds a trigger word that is no trigger here ("no matter",
  "not only"): triggers inside it are ignored, as is any phrase inside a longer one;
- ``negated`` and ``hypothetical`` hold when any trigger of that kind covers the detail;
- ``consented`` runs over the whole post (``direction: post``): the writer says the
  person agreed in writing ("with her written consent"), unless a negation covers the
  phrase ("without her consent");
- the *experiencer* is the category of the nearest covering trigger among ``client``
  (a person the writer serves, "she", "my client"), ``writer`` ("I was", "myself") and
  ``generic`` (a population: "1 in 5 adults", "many youth"); none covering → unknown.
  Nearest wins, so in "I'm so proud of my client who relapsed" the client is nearer to
  "relapsed" than "I'm" is; a trigger inside the detail wins outright ("her diagnosis").

Only what the rule packs need is computed: token spans from one PhraseMatcher pass
over the Doc the rules already share; no parser, no extra model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from app.rules.model import Trigger

EXPERIENCERS = ("client", "writer", "generic")


@dataclass(frozen=True, slots=True)
class Modifier:
    category: str
    start: int  # the trigger phrase, in tokens
    end: int
    lo: int  # its scope, in tokens
    hi: int


def _expand(phrases: Sequence[str], lexicon: Mapping[str, Sequence[str]]) -> list[str]:
    out: list[str] = []
    for phrase in phrases:
        out.extend(lexicon[phrase[1:]] if phrase.startswith("@") else [phrase])
    return out


# Pronouns that name someone without saying who ("she", "his") and the possessives that
# open the writer's own people ("my son", "my own mom", "mi hija").
_PRONOUNS = frozenset({"she", "he", "her", "him", "his", "she's", "he's", "ella", "él"})
_MINE = frozenset({"my", "mi", "mis"})


# how far past the writer's own person's scope a pronoun of the same sentence still
# speaks for that person: "My dad's viral load has been undetectable for 10 years and he
# just turned 70" (story36)
_KIN_SENTENCE_REACH = 16


def _later_in_sentence(doc: Doc, kin_end: int, pronoun: int) -> bool:
    """The pronoun follows the writer's own person within the same sentence, near enough."""
    if pronoun - kin_end > _KIN_SENTENCE_REACH or not doc.has_annotation("SENT_START"):
        return False
    return doc[kin_end - 1].sent.start == doc[pronoun].sent.start


def _kin_pronouns(doc: Doc, mods: list[Modifier]) -> list[Modifier]:
    """A pronoun after the writer's own person, in that person's scope and with no other
    client word between, is that person: "My own mom just moved into Sunrise Senior
    Apartments and she already runs bingo night", "He's my son, he's 19, and he's 2 years
    sober". Such a pronoun speaks for the writer, not for a client."""
    kin = [m for m in mods if m.category == "writer" and doc[m.start].lower_ in _MINE]
    if not kin:
        return mods
    named = [
        m
        for m in mods
        if m.category == "client" and doc[m.start : m.end].text.lower() not in _PRONOUNS
    ]
    out = []
    for m in mods:
        if m.category == "client" and doc[m.start : m.end].text.lower() in _PRONOUNS:
            for k in kin:
                if (
                    k.end <= m.start
                    and (k.lo <= m.start < k.hi or _later_in_sentence(doc, k.end, m.start))
                    and not any(k.end <= c.start and c.end <= m.start for c in named)
                ):
                    m = Modifier("writer", m.start, m.end, m.lo, m.hi)
                    break
        out.append(m)
    return out


class ConText:
    """Triggers compiled once; ``modifiers`` runs once per Doc, ``assertions`` per span."""

    def __init__(
        self, triggers: Sequence[Trigger], lexicon: Mapping[str, Sequence[str]], nlp: Language
    ) -> None:
        self._matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._triggers: dict[str, Trigger] = {}
        for n, trigger in enumerate(triggers):
            key = f"ctx{n}"
            self._triggers[key] = trigger
            self._matcher.add(key, [nlp.make_doc(p) for p in _expand(trigger.phrases, lexicon)])

    def __bool__(self) -> bool:
        return bool(self._triggers)

    def modifiers(
        self,
        doc: Doc,
        sentences: Sequence[tuple[int, int]],
        pseudo: Sequence[tuple[int, int]] = (),
    ) -> list[Modifier]:
        """The modifiers of ``doc``; a trigger inside a span of ``pseudo`` (token spans
        the caller knows are no trigger, as the "I" of "a lady I help") is none."""
        matches = [
            (self._triggers[doc.vocab.strings[key]], start, end)
            for key, start, end in self._matcher(doc)
        ]
        # The longest phrase wins: "one of our clients" is a client, not "our clients"
        # in general.
        found = [
            (t, s, e)
            for t, s, e in matches
            if not any(os <= s and e <= oe and oe - os > e - s for _, os, oe in matches)
        ]
        pseudo = [*pseudo, *((s, e) for t, s, e in found if t.category == "pseudo")]
        stops = sorted((s, e) for t, s, e in found if t.category == "terminate")
        mods = []
        whole_post: set[int] = set()
        for trigger, start, end in found:
            if trigger.category in ("pseudo", "terminate"):
                continue
            if any(ps <= start and end <= pe for ps, pe in pseudo):
                continue
            sent_lo, sent_hi = next(
                ((lo, hi) for lo, hi in sentences if lo <= start < hi), (0, len(doc))
            )
            if trigger.direction == "post":
                mods.append(Modifier(trigger.category, start, end, 0, len(doc)))
                whole_post.add(len(mods) - 1)
                continue
            lo, hi = end, start  # empty until a direction opens it
            if trigger.direction in ("forward", "both"):
                hi = min(sent_hi, end + trigger.max_scope)
                hi = min([hi, *(s for s, _ in stops if s >= end)])
                lo = min(lo, end)
            if trigger.direction in ("backward", "both"):
                lo = max(sent_lo, start - trigger.max_scope)
                lo = max([lo, *(e for _, e in stops if e <= start)])
                hi = max(hi, start)
            mods.append(Modifier(trigger.category, start, end, lo, hi))
        mods = _kin_pronouns(doc, mods)
        # "without her consent", "no signed release": a negated consent is none; so is
        # any other whole-post statement ("this is not a composite")
        negated = [m for m in mods if m.category == "negated"]
        return [
            m
            for i, m in enumerate(mods)
            if (m.category != "consented" and i not in whole_post)
            or not any(n.lo <= m.start < n.hi and n.end <= m.start for n in negated)
        ]

    @staticmethod
    def assertions(mods: Sequence[Modifier], start: int, end: int) -> frozenset[str]:
        """What the modifiers say about the tokens [start, end): ``negated``,
        ``hypothetical``, and ``writer`` or ``generic`` when that is the experiencer."""
        found: set[str] = set()
        nearest: tuple[int, str] | None = None
        for m in mods:
            inside = m.start < end and start < m.end
            in_scope = m.lo < end and start < m.hi
            if m.category not in EXPERIENCERS:
                # a negation inside the detail is the detail ("tested negative for HIV")
                if in_scope and not inside:
                    found.add(m.category)
            elif inside or in_scope:
                # a trigger inside the detail is its experiencer: "her new diagnosis",
                # "I was placed in foster care"
                distance = 0 if inside else start - m.end if m.end <= start else m.start - end
                if nearest is None or distance < nearest[0]:
                    nearest = (distance, m.category)
        if nearest is not None and nearest[1] != "client":
            found.add(nearest[1])
        return frozenset(found)
