"""TBX import and export of the glossary (TermBase eXchange, ISO 30042).

Export writes TBX-Basic in the ``martif`` form that CAT tools, Weblate and
Translate Toolkit read::

    <termEntry id="t0001">
      <note>seed 003</note>
      <langSet xml:lang="en">
        <tig>
          <term>reinforcement learning</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
        </tig>
        <tig>
          <term>RL</term>
          <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
        </tig>
      </langSet>
      <langSet xml:lang="nl">...</langSet>
      <langSet xml:lang="zh-Hans">...</langSet>
    </termEntry>

Languages are ``en``, ``nl`` and ``zh-Hans`` (the glossary's Chinese is
Simplified). The first term of a language is the preferred one; alternatives
follow as admitted terms. A do-not-translate name is written in every language
section, each term carrying ``<termNote type="transferComment">do not
translate</termNote>``. The glossary's note becomes the entry's ``<note>``.

Import reads that form and also TBX v3 (``tbx``/``conceptEntry``/``langSec``/
``termSec``), with or without namespaces; any ``zh-*`` code counts as Chinese.
Parsing uses the standard library and never fetches a DTD or schema.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from localize.errors import GlossaryError
from localize.fsio import read_utf8
from localize.terms.glossary import LANGS, Glossary, Term, base_lang, make_term, merge_glossaries

__all__ = ["DNT_NOTE", "TBX_LANGS", "load_tbx", "read_tbx", "write_tbx"]

TBX_LANGS = {"en": "en", "nl": "nl", "zh": "zh-Hans"}
DNT_NOTE = "do not translate"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_PREFERRED = "preferredTerm-admn-sts"
_ADMITTED = "admittedTerm-admn-sts"
_ENTRY_START = re.compile(r"<(?:[\w.-]+:)?(?:termEntry|conceptEntry)\b")


def write_tbx(glossary: Glossary) -> str:
    """The glossary as a TBX-Basic document."""
    root = ET.Element("martif", {"type": "TBX-Basic", _XML_LANG: "en"})
    header = ET.SubElement(ET.SubElement(root, "martifHeader"), "fileDesc")
    ET.SubElement(ET.SubElement(header, "titleStmt"), "title").text = "localize glossary"
    ET.SubElement(ET.SubElement(header, "sourceDesc"), "p").text = (
        f"glossary version {glossary.version}; {len(glossary.terms)} entries")
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for number, term in enumerate(glossary.terms, start=1):
        body.append(_entry(term, number))
    ET.indent(root, space="  ")
    xml = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n"


def _entry(term: Term, number: int) -> ET.Element:
    entry = ET.Element("termEntry", {"id": f"t{number:04d}"})
    if term.note:
        ET.SubElement(entry, "note").text = term.note
    for lang in LANGS:
        lang_set = ET.SubElement(entry, "langSet", {_XML_LANG: TBX_LANGS[lang]})
        for k, form in enumerate(term.forms(lang)):
            tig = ET.SubElement(lang_set, "tig")
            ET.SubElement(tig, "term").text = form
            status = ET.SubElement(tig, "termNote", {"type": "administrativeStatus"})
            status.text = _PREFERRED if k == 0 else _ADMITTED
            if term.dnt:
                ET.SubElement(tig, "termNote", {"type": "transferComment"}).text = DNT_NOTE
    return entry


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element: ET.Element, *names: str) -> Iterator[ET.Element]:
    return (child for child in element if _local(child.tag) in names)


def read_tbx(text: str, *, path: str | None = None) -> Glossary:
    """Parse a TBX document into a glossary; errors name the path and line."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as err:
        line = err.position[0] if err.position else None
        raise GlossaryError(f"not well-formed TBX: {err}", path=path, line=line) from err
    if _local(root.tag) not in ("martif", "tbx"):
        raise GlossaryError(f"not a TBX document: the root is <{_local(root.tag)}>, "
                            "expected <martif> or <tbx>", path=path, line=1)
    lines = [text.count("\n", 0, m.start()) + 1 for m in _ENTRY_START.finditer(text)]
    entries = [e for e in root.iter() if _local(e.tag) in ("termEntry", "conceptEntry")]
    terms = [
        _term(entry, path, lines[i] if i < len(lines) else 0)
        for i, entry in enumerate(entries)
    ]
    return merge_glossaries([Glossary(tuple(terms))])


def _term(entry: ET.Element, path: str | None, line: int) -> Term:
    forms: dict[str, list[str]] = {lang: [] for lang in LANGS}
    dnt = False
    notes = [n.text.strip() for n in _children(entry, "note") if n.text and n.text.strip()]
    for lang_set in _children(entry, "langSet", "langSec"):
        code = lang_set.get(_XML_LANG) or lang_set.get("lang") or ""
        lang = base_lang(code)
        if lang not in forms:
            continue  # a language the glossary does not hold
        for holder in _children(lang_set, "tig", "ntig", "termSec"):
            form, preferred, marked = _read_holder(holder)
            if form is None:
                raise GlossaryError(f"a <{_local(holder.tag)}> without a <term> in {code}",
                                    path=path, line=line)
            dnt = dnt or marked
            if preferred:
                forms[lang].insert(0, form)
            else:
                forms[lang].append(form)
    return make_term(forms["en"], forms["nl"], forms["zh"], dnt=dnt, note="; ".join(notes),
                     path=path, line=line)


def _read_holder(holder: ET.Element) -> tuple[str | None, bool, bool]:
    """The term text of a tig/ntig/termSec, whether it is preferred, whether it is dnt."""
    form = None
    preferred = dnt = False
    for element in holder.iter():
        name = _local(element.tag)
        value = (element.text or "").strip()
        if name == "term" and form is None:
            form = value
        elif name == "termNote" and element.get("type") == "administrativeStatus":
            preferred = value.startswith("preferredTerm")
        elif name == "termNote" and element.get("type") == "transferComment":
            dnt = dnt or value.lower() == DNT_NOTE
    return form, preferred, dnt


def load_tbx(path: Path) -> Glossary:
    """Read a TBX file; errors name the file and line."""
    return read_tbx(read_utf8(path, GlossaryError, "TBX file"), path=str(path))
