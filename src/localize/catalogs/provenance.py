"""Provenance: which translations are localize's own output that no person has touched.

**The rule.** A translation is *ours* while it is exactly what localize wrote
(machine output, or a translation found on the pages) and, if localize wrote it
fuzzy, it is still fuzzy. As soon as a person changes the text (any plural form)
or clears the fuzzy flag, the entry is *human*, for good. ``extract`` and
``translate`` never replace a human translation and never delete a human entry.

**The record.** Ours is marked by one translator comment, a *stamp*::

    # localize:mt:en>nl:fuzzy:3f9a0c21be:note=5d41402a

``mt`` or ``page`` says where the text came from, ``en>nl`` the direction,
``fuzzy``/``final``/``review`` how it was written (``review``: nothing was
written, the entry was left for a person), ``3f9a0c21be`` a digest of the
translation as written, and ``note=`` the digest of the readable note written
on the comment lines before it. The stamp is one ASCII word with no space or
hyphen, so no tool re-wraps it (polib and Babel wrap comments at spaces and
hyphens; GNU tools and Translate Toolkit keep comments as they are) and every
charset holds it. Nothing is guessed from prose: a comment that does not match
the stamp's grammar exactly is a person's, and is never read as ours or removed.
Our readable note is removed only when a run of comment lines gives the text
whose digest the stamp holds (whitespace aside), so a note that a tool
re-wrapped is still found, and a note a person edited is theirs.

This module imports nothing else of ours; the catalog model builds on it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "FINAL",
    "FUZZY",
    "MACHINE",
    "PAGE",
    "REVIEW",
    "Stamp",
    "clean_note",
    "find_note",
    "parse_stamp",
    "text_digest",
]

MACHINE = "mt"
PAGE = "page"
FUZZY = "fuzzy"
FINAL = "final"
REVIEW = "review"

_CODE = r"[A-Za-z]{2,3}(?:_[A-Za-z0-9]+)*"
_STAMP = re.compile(
    rf"localize:(?P<kind>mt|page):(?P<source>{_CODE})>(?P<target>{_CODE}):"
    r"(?P<state>fuzzy|final|review):(?P<sha>[0-9a-f]{10})(?::note=(?P<note>[0-9a-f]{8}))?"
)
# The single-line comment of the first release, read so its catalogs keep their meaning.
_LEGACY = re.compile(
    r"mt: engine=\S+ model=\S+ (?P<source>[\w-]+)→(?P<target>[\w-]+)(?: pivot=\S+)?"
    r"(?: input=english-comment)? fuzzy=(?P<fuzzy>yes|no) sha=(?P<sha>[0-9a-f]{10})"
)
LEGACY_REVIEW = re.compile(r"mt-review: .*; check before use")


def text_digest(text: str) -> str:
    """A short digest of a translation, recorded in its stamp to notice edits.

    >>> text_digest("Opslaan")
    '3caa6d88a2'
    """
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def _note_digest(note: str) -> str:
    """A digest blind to whitespace: tools re-wrap at spaces and after hyphens."""
    bare = "".join(note.split())
    return hashlib.sha256(bare.encode("utf-8", "surrogatepass")).hexdigest()[:8]


@dataclass(frozen=True)
class Stamp:
    """What localize wrote into an entry: origin, direction, how, and a digest of the text."""

    kind: str  # MACHINE or PAGE
    source: str
    target: str
    state: str  # FUZZY, FINAL or REVIEW
    sha: str
    note: str | None = None  # digest of the readable note beside the stamp
    legacy: bool = False  # read from a first-release ``# mt:`` comment

    def render(self) -> str:
        """The comment text, e.g. ``localize:mt:en>nl:fuzzy:3f9a0c21be``."""
        note = f":note={self.note}" if self.note else ""
        return (f"localize:{self.kind}:{_code(self.source)}>{_code(self.target)}:"
                f"{self.state}:{self.sha}{note}")

    @classmethod
    def make(cls, kind: str, source: str, target: str, *, text: str, state: str,
             note: str = "") -> Stamp:
        """A stamp for ``text`` as written now, with the digest of ``note`` (if any)."""
        note = clean_note(note)
        return cls(kind, _code(source), _code(target), state, text_digest(text),
                   _note_digest(note) if note else None)


def _code(code: str) -> str:
    """A locale code as a stamp holds it: ``zh-Hans`` becomes ``zh_Hans`` (no hyphen)."""
    return code.replace("-", "_")


def parse_stamp(comment: str) -> Stamp | None:
    """The stamp a translator comment holds, or None when it is a person's comment.

    >>> parse_stamp("localize:mt:en>nl:fuzzy:3f9a0c21be").state
    'fuzzy'
    >>> parse_stamp("mt: MT = Marieke Tromp, approved") is None
    True
    """
    text = comment.strip()
    match = _STAMP.fullmatch(text)
    if match:
        return Stamp(match["kind"], match["source"], match["target"], match["state"],
                     match["sha"], match["note"])
    legacy = _LEGACY.fullmatch(text)
    if legacy:
        state = FUZZY if legacy["fuzzy"] == "yes" else FINAL
        return Stamp(MACHINE, _code(legacy["source"]), _code(legacy["target"]), state,
                     legacy["sha"], legacy=True)
    return None


def clean_note(text: str) -> str:
    """A note as it is written: control characters gone, single spaces, one line.

    Text from outside (model names, reasons) goes through this, so nothing can
    add lines to a catalog.

    >>> clean_note("model 1.0\\n# injected")
    'model 1.0 # injected'
    """
    shown = "".join(" " if unicodedata.category(ch)[0] in "CZ" else ch for ch in text)
    return " ".join(shown.split())


def find_note(comments: Sequence[str], digest: str) -> range | None:
    """The run of comment lines that together are the note with ``digest``."""
    for start in range(len(comments)):
        joined = ""
        for end in range(start, len(comments)):
            joined += comments[end]
            if _note_digest(joined) == digest:
                return range(start, end + 1)
    return None
