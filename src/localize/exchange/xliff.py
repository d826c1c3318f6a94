"""XLIFF 1.1 for CAT tools (OmegaT, Trados, memoQ), and translations coming back from them.

A locale's catalogs become one XLIFF file, one ``<file>`` per catalog with its
own ``source-language``, laid out as Translate Toolkit's po2xliff lays it out
(plural entries as ``x-gettext-plurals`` groups). A unit's id names its entry
and the text it had when exported, so an import can tell a translator's work
in the CAT tool from a change made in the catalog meanwhile.

What comes back follows the rule of :mod:`localize.catalogs.provenance`: a
translation filled in the CAT tool is a person's; it fills an empty entry or
one localize wrote, and replaces a person's translation only if that one has
not changed since the export. Otherwise the catalog keeps its text and the
import reports the conflict.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from translate.misc.multistring import multistring
from translate.storage import poxliff

from localize.catalogs.model import Catalog, Entry
from localize.exchange.units import entry_key, forms, unit_id

__all__ = ["Imported", "XliffUnit", "apply_units", "read_xliff", "write_xliff"]


@dataclass(frozen=True)
class XliffUnit:
    """A unit read back: its catalog, entry key, exported digest, target forms, and state."""

    catalog: str
    key: str
    exported: str
    target: tuple[str, ...]
    fuzzy: bool
    source: str


@dataclass
class Imported:
    """What an import did to one catalog."""

    filled: int = 0  # empty or machine entries that got a person's translation
    replaced: int = 0  # a person's translation updated in the CAT tool
    accepted: int = 0  # same text, fuzzy cleared in the CAT tool
    conflicts: list[Entry] = field(default_factory=list)  # changed on both sides: catalog kept
    unknown: list[str] = field(default_factory=list)  # no such entry any more


def write_xliff(catalogs: Sequence[tuple[str, Catalog]], target: str) -> bytes:
    """``(name, catalog)`` pairs as one XLIFF file into ``target``."""
    store: Any = poxliff.PoXliffFile()
    store.settargetlanguage(target)
    languages = {}
    for name, catalog in catalogs:
        languages[name] = catalog.source_lang or "en"
        store.switchfile(name, createifmissing=True)
        for entry in catalog:
            store.addunit(_unit(entry))
    file_tag = store.namespaced("file")
    for node in store.document.getroot().iterchildren(file_tag):
        node.set("source-language", languages.get(node.get("original"), "en"))
        node.set("target-language", target)
    return bytes(store)


def _unit(entry: Entry) -> poxliff.PoXliffUnit:
    plural = entry.msgid_plural is not None
    source = multistring([entry.msgid, entry.msgid_plural]) if plural else entry.msgid
    unit = poxliff.PoXliffUnit(source)
    texts = forms(entry)
    if any(texts):
        unit.target = multistring(texts) if plural else texts[0]
    unit.setid(unit_id(entry))
    if entry.msgctxt is not None:
        unit.setcontext(entry.msgctxt)
    for comment in entry.auto_comments:
        unit.addnote(comment, origin="developer")
    for comment in entry.person_comments:
        unit.addnote(comment, origin="translator")
    if entry.translated:
        unit.markfuzzy(entry.fuzzy or entry.machine_translated)
    else:
        unit.markapproved(False)
    return unit


def read_xliff(data: bytes) -> list[XliffUnit]:
    """The units of an XLIFF file that localize exported (others have no usable id)."""
    store = poxliff.PoXliffFile.parsestring(data)  # type: ignore[no-untyped-call]
    units = []
    for unit in store.units:
        name, _, ident = unit.getid().rpartition("\x04")
        key, _, exported = ident.partition(".")
        if not key or not exported:
            continue
        target = unit.target
        texts = tuple(str(t) for t in target.strings) if isinstance(target, multistring) \
            else (str(target or ""),)
        units.append(XliffUnit(name, key, exported, texts, bool(unit.isfuzzy()),
                               str(unit.source)))
    return units


def apply_units(catalog: Catalog, units: Sequence[XliffUnit]) -> Imported:
    """Bring translations from a CAT tool into ``catalog``, never over a newer person's text."""
    report = Imported()
    entries = {entry_key(e): e for e in catalog}
    for unit in units:
        entry = entries.get(unit.key)
        if entry is None:
            report.unknown.append(unit.source)
        elif any(unit.target):
            _apply(entry, unit, report)
    return report


def _apply(entry: Entry, unit: XliffUnit, report: Imported) -> None:
    if tuple(forms(entry)) == unit.target:
        if entry.fuzzy and not unit.fuzzy:
            entry.set_fuzzy(False)
            entry.adopt_if_reviewed()
            report.accepted += 1
        return
    if entry.human and entry.translation_digest != unit.exported:
        report.conflicts.append(entry)
        return
    if entry.human:
        report.replaced += 1
    else:
        report.filled += 1
    if entry.msgid_plural is None:
        entry.msgstr = unit.target[0]
    else:
        entry.msgstr_plural = dict(enumerate(unit.target))
    entry.drop_stamp()
    entry.set_fuzzy(unit.fuzzy)
    entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
