"""What a reader of a locale gets for a message, and in what state its translation is.

The text comes from the compiled ``<domain>.mo`` through Python's gettext, the
lookup the site itself makes; the state comes from the message's entry in the
locale's content catalog of its source language:

* ``source``: the message is written in the locale's language (no catalog holds it);
* ``missing``: no translation, or the catalog does not hold the message;
* ``machine``: machine output no person has edited or accepted (fuzzy or not);
* ``fuzzy``: any other fuzzy translation (an uncertain page translation, a changed
  source) — compile leaves it out, so the reader gets the source text;
* ``human``: a translation a person wrote or accepted, or the page's own.
"""

from __future__ import annotations

import gettext
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from localize.catalogs.model import Catalog, Entry
from localize.locales import language_of

__all__ = ["STATES", "Counts", "LocaleLookup", "Shown", "state_of"]

HUMAN, MACHINE, FUZZY, MISSING, SOURCE = "human", "machine", "fuzzy", "missing", "source"
STATES = (HUMAN, MACHINE, FUZZY, MISSING, SOURCE)


def state_of(entry: Entry | None, *, own_language: bool) -> str:
    """The state of a message's translation, from its catalog entry.

    >>> state_of(Entry("Why it matters", "Waarom dit telt"), own_language=False)
    'human'
    >>> state_of(Entry("Impact", "Impact", flags=["fuzzy"]), own_language=False)
    'fuzzy'
    """
    if own_language:
        return SOURCE
    if entry is None or entry.obsolete or not entry.translated:
        return MISSING
    if entry.machine_translated:
        return MACHINE
    if entry.fuzzy:
        return FUZZY
    return HUMAN


@dataclass(frozen=True)
class Shown:
    """One message as a reader of a locale gets it, and what a translator needs to find it."""

    text: str  # what gettext returns: the translation, or the msgid
    lang: str  # the language of ``text``
    state: str
    msgid: str
    catalog: str | None  # ``<catalog path>:<line>`` of the entry, when a catalog holds it
    candidate: str | None  # a translation the reader does not get (fuzzy, not compiled)
    stale: bool  # the .mo gives another text than the catalog holds: compile again


@dataclass(frozen=True)
class Counts:
    """How many messages are in each state."""

    human: int = 0
    machine: int = 0
    fuzzy: int = 0
    missing: int = 0
    source: int = 0

    @classmethod
    def of(cls, states: Iterable[str]) -> Counts:
        """The counts of a list of states.

        >>> Counts.of(["human", "missing", "human"]).human
        2
        """
        return cls(**Counter(states))

    @classmethod
    def sum(cls, counts: Iterable[Counts]) -> Counts:
        """The counts of several pages added up."""
        counts = list(counts)
        return cls(**{state: sum(getattr(c, state) for c in counts) for state in STATES})

    @property
    def total(self) -> int:
        return self.human + self.machine + self.fuzzy + self.missing + self.source

    @property
    def done(self) -> float:
        """The share of messages a reader gets reviewed, in the locale's language (0-100)."""
        return 100.0 * (self.human + self.source) / self.total if self.total else 100.0

    def parts(self) -> list[tuple[str, int]]:
        """``(state, count)`` for every state, in the order of :data:`STATES`."""
        return [(state, getattr(self, state)) for state in STATES]


class LocaleLookup:
    """A locale's compiled catalog (through gettext) and its content catalogs by source
    language, with the name under which each catalog is shown."""

    def __init__(self, locale: str, translations: gettext.NullTranslations,
                 catalogs: Mapping[str, tuple[Catalog, str]]) -> None:
        self.locale = locale
        self.language = language_of(locale)
        self._translations = translations
        self._catalogs = catalogs

    def show(self, msgid: str, lang: str) -> Shown:
        """What a reader gets for the message ``msgid`` written in ``lang``."""
        text = self._translations.gettext(msgid)
        own = lang == self.language
        entry, where = None, None
        if not own and lang in self._catalogs:
            catalog, name = self._catalogs[lang]
            entry = catalog.get(msgid)
            if entry is not None:
                where = name if entry.line is None else f"{name}:{entry.line}"
        state = state_of(entry, own_language=own)
        written = entry.msgstr if entry is not None and state not in (MISSING, SOURCE) else None
        translated = own or text != msgid or written == text
        return Shown(
            text=text, lang=self.language if translated else lang, state=state, msgid=msgid,
            catalog=where, candidate=written if written != text else None,
            stale=written is not None and written != text and entry is not None
            and not entry.fuzzy)
