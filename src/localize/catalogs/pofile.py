"""Read and write gettext PO/POT text.

The reader is strict: every malformed construct raises :class:`CatalogError`
with the line where it is. The writer is stable: the same catalog always gives
the same bytes, wrapped the way GNU gettext wraps (79 columns), so that
translators' diffs stay small whichever tool rewrote the file last.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from localize.catalogs import wrap
from localize.catalogs.formats import protected_positions
from localize.catalogs.model import Catalog, Entry
from localize.errors import CatalogError

__all__ = ["decode_po", "escape", "header_charset", "parse_header", "po_codec", "read_po",
           "unescape", "write_po"]

WIDTH = 79

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b",
            "f": "\f", "v": "\v"}
_REVERSE = {"\n": "\\n", "\t": "\\t", "\r": "\\r", '"': '\\"', "\\": "\\\\", "\a": "\\a",
            "\b": "\\b", "\f": "\\f", "\v": "\\v"}
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s*(\".*)$")
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"\s*$')


def unescape(body: str, *, path: str | None = None, line: int | None = None) -> str:
    """Turn the inside of a PO string literal into text.

    >>> unescape('a\\\\tb\\\\n')
    'a\\tb\\n'
    """
    if "\\" not in body:
        return body
    out: list[str] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        nxt = body[i + 1 : i + 2]
        if nxt in _ESCAPES:
            out.append(_ESCAPES[nxt])
            i += 2
        elif nxt.isdigit() and nxt in "01234567":
            digits = re.match(r"[0-7]{1,3}", body[i + 1 :])
            assert digits is not None
            out.append(chr(int(digits.group(), 8)))
            i += 1 + len(digits.group())
        else:
            raise CatalogError(f"invalid escape sequence '\\{nxt}' in string", path=path, line=line)
    return "".join(out)


def escape(text: str) -> str:
    """Turn text into the inside of a PO string literal."""
    return "".join(_REVERSE.get(ch, ch) for ch in text)


def parse_header(text: str) -> dict[str, str]:
    """The ``Key: value`` fields of a header msgstr, in order."""
    fields: dict[str, str] = {}
    for raw in text.split("\n"):
        if ":" in raw:
            key, _, value = raw.partition(":")
            fields[key.strip()] = value.strip()
    return fields


# ---------------------------------------------------------------------------
# charsets

_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")


def po_codec(charset: str | None, *, path: str | None = None) -> str:
    """The Python codec for a header's charset; UTF-8 when none is set (or ``CHARSET``).

    Charsets that are not ASCII-compatible (UTF-16, UTF-32) are refused: GNU
    gettext cannot read them either.
    """
    if not charset or charset.upper() == "CHARSET":
        return "utf-8"
    try:
        codec = codecs.lookup(charset).name
    except LookupError as err:
        raise CatalogError(f"unknown charset {charset!r} in the header's Content-Type",
                           path=path, line=1) from err
    if codec.startswith(("utf-16", "utf-32")):
        raise CatalogError(f"charset {charset} is not supported by gettext; convert the catalog "
                           "with msgconv --to-code=UTF-8", path=path, line=1)
    return codec


def header_charset(header: dict[str, str]) -> str | None:
    """The charset named in a parsed header's ``Content-Type``, if any."""
    match = _CHARSET.search(header.get("Content-Type", "").encode("ascii", "replace"))
    return match.group(1).decode("ascii") if match else None


def decode_po(data: bytes, *, path: str | None = None) -> str:
    """PO bytes as text, decoded by the charset the header declares (UTF-8 when none)."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    head = re.split(rb"\r?\n\s*\r?\n", data[:1 << 16], maxsplit=1)[0]
    found = _CHARSET.search(head)
    declared = found.group(1).decode("ascii") if found else None
    codec = po_codec(declared, path=path)
    try:
        return data.decode(codec)
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        charset = "UTF-8" if codec == "utf-8" else declared
        raise CatalogError(f"catalog is not valid {charset} (byte {data[err.start]:#04x}), the "
                           "charset its header declares; fix the file or its charset "
                           "(msgconv --to-code=UTF-8 converts it)", path=path, line=line) from err


# ---------------------------------------------------------------------------
# reading


@dataclass
class _Pending:
    """An entry being parsed: comments seen so far and the fields read."""

    line: int = 0
    obsolete: bool | None = None
    translator_comments: list[str] = field(default_factory=list)
    auto_comments: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    previous: dict[str, str] = field(default_factory=dict)
    strings: dict[str, str] = field(default_factory=dict)
    last: str | None = None  # the keyword that continuation strings extend
    last_previous: str | None = None

    def last_kind(self) -> str:
        return self.last or ""

    def has_comments(self) -> bool:
        return bool(self.translator_comments or self.auto_comments or self.references
                     or self.flags or self.previous)


class _Reader:
    def __init__(self, path: str | None) -> None:
        self.path = path
        self.catalog = Catalog()
        self.pending = _Pending()
        self.seen: dict[tuple[str | None, str], int] = {}
        self.header_done = False

    def error(self, message: str, line: int) -> CatalogError:
        return CatalogError(message, path=self.path, line=line)

    def feed(self, raw: str, lineno: int) -> None:
        line = raw.strip()
        if not line:
            return
        if line.startswith("#~"):
            rest = line[2:].lstrip()
            if rest.startswith("|"):
                self._previous(rest[1:].strip(), lineno)
            elif rest:
                self._content(rest, lineno, obsolete=True)
        elif line.startswith("#"):
            self._comment(line, lineno)
        else:
            self._content(line, lineno, obsolete=False)

    def _comment(self, line: str, lineno: int) -> None:
        if self.pending.strings and "msgstr" not in self.pending.last_kind():
            raise self.error("comment inside an entry (missing msgstr?)", lineno)
        if self.pending.strings:
            self.finish(lineno)
        pending = self.pending
        if not pending.has_comments():
            pending.line = lineno
        kind, body = line[1:2], line[2:]
        if kind == ".":
            pending.auto_comments.append(body.strip())
        elif kind == ":":
            pending.references.extend(body.split())
        elif kind == ",":
            pending.flags.extend(f.strip() for f in body.split(",") if f.strip())
        elif kind == "|":
            self._previous(body.strip(), lineno)
        else:
            text = line[1:]
            pending.translator_comments.append(text[1:] if text.startswith(" ") else text)

    def _previous(self, line: str, lineno: int) -> None:
        pending = self.pending
        if pending.strings:
            self.finish(lineno)
            pending = self.pending
        if not pending.has_comments():
            pending.line = lineno
        match = _KEYWORD.match(line)
        if match:
            keyword = match.group(1)
            pending.previous[keyword] = self._string(match.group(3), lineno)
            pending.last_previous = keyword
        elif line.startswith('"') and pending.last_previous:
            pending.previous[pending.last_previous] += self._string(line, lineno)
        else:
            raise self.error(f"cannot parse previous-message line: {line[:40]!r}", lineno)

    def _content(self, line: str, lineno: int, *, obsolete: bool) -> None:
        pending = self.pending
        if line.startswith('"'):
            if pending.last is None:
                raise self.error("string without a keyword before it", lineno)
            pending.strings[pending.last] += self._string(line, lineno)
            return
        match = _KEYWORD.match(line)
        if not match:
            word = line.split()[0][:30]
            raise self.error(f"unexpected {word!r}; expected msgid, msgstr or a comment", lineno)
        keyword = match.group(1)
        if keyword in ("msgctxt", "msgid") and (
            "msgstr" in pending.last_kind() or keyword in pending.strings
        ):
            self.finish(lineno)
            pending = self.pending
        if not pending.strings and not pending.has_comments():
            pending.line = lineno
        if pending.obsolete is None:
            pending.obsolete = obsolete
        if keyword.startswith("msgstr") and "msgid" not in pending.strings:
            raise self.error(f"{keyword} with no msgid before it", lineno)
        if keyword in pending.strings:
            raise self.error(f"duplicate {keyword} in one entry", lineno)
        pending.strings[keyword] = self._string(match.group(3), lineno)
        pending.last = keyword

    def _string(self, text: str, lineno: int) -> str:
        match = _STRING.match(text)
        if not match:
            raise self.error("unterminated or malformed string", lineno)
        return unescape(match.group(1), path=self.path, line=lineno)

    def finish(self, lineno: int) -> None:
        pending, self.pending = self.pending, _Pending()
        if not pending.strings:
            if pending.has_comments():
                raise self.error("comments with no entry after them", pending.line or lineno)
            return
        entry = self._entry(pending)
        if entry.msgid == "" and entry.msgctxt is None and not entry.obsolete:
            self._header(entry, pending.line)
            return
        if entry.key in self.seen:
            first = self.seen[entry.key]
            raise self.error(f"duplicate message {entry.msgid[:40]!r} (first defined at line "
                             f"{first})", pending.line)
        self.seen[entry.key] = pending.line
        self.catalog.add(entry)

    def _entry(self, pending: _Pending) -> Entry:
        strings = pending.strings
        if "msgid" not in strings:
            raise self.error("entry has no msgid", pending.line)
        plural = strings.get("msgid_plural")
        forms = {int(k[7:-1]): v for k, v in strings.items() if k.startswith("msgstr[")}
        if plural is None and forms:
            raise self.error("msgstr[N] without msgid_plural", pending.line)
        if plural is not None and "msgstr" in strings:
            raise self.error("msgid_plural needs msgstr[N], not msgstr", pending.line)
        if plural is None and "msgstr" not in strings:
            raise self.error("entry has no msgstr", pending.line)
        if plural is not None and sorted(forms) != list(range(len(forms))):
            raise self.error("msgstr[N] indices must count up from 0", pending.line)
        return Entry(
            msgid=strings["msgid"], msgstr=strings.get("msgstr", ""),
            msgctxt=strings.get("msgctxt"), msgid_plural=plural, msgstr_plural=forms,
            translator_comments=pending.translator_comments,
            auto_comments=pending.auto_comments, references=pending.references,
            flags=pending.flags, previous_msgctxt=pending.previous.get("msgctxt"),
            previous_msgid=pending.previous.get("msgid"),
            previous_msgid_plural=pending.previous.get("msgid_plural"),
            obsolete=bool(pending.obsolete), line=pending.line,
        )

    def _header(self, entry: Entry, line: int) -> None:
        if self.header_done or self.catalog.entries:
            raise self.error("the header (empty msgid) must be the first entry", line)
        self.header_done = True
        for raw in entry.msgstr.split("\n"):
            if raw.strip() and ":" not in raw:
                raise self.error(f"malformed header field {raw[:40]!r} (expected 'Key: value')",
                                 line)
        self.catalog.header = parse_header(entry.msgstr)
        self.catalog.header_comments = entry.translator_comments
        self.catalog.header_flags = entry.flags


def read_po(text: str, *, path: str | None = None) -> Catalog:
    """Parse PO or POT text into a :class:`Catalog`; errors name ``path`` and the line."""
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = _Reader(path)
    lines = text.split("\n")
    for lineno, raw in enumerate(lines, start=1):
        reader.feed(raw.rstrip("\r"), lineno)
    reader.finish(len(lines))
    _check_plurals(reader.catalog, path)
    return reader.catalog


def _check_plurals(catalog: Catalog, path: str | None) -> None:
    spec = catalog.header.get("Plural-Forms")
    if spec is None or "nplurals=INTEGER" in spec.replace(" ", ""):
        return  # none, or the placeholder xgettext and pybabel put in a template
    match = re.search(r"nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*[^;]+", spec)
    if not match:
        raise CatalogError(f"malformed Plural-Forms header {spec!r}", path=path, line=1)
    nplurals = int(match.group(1))
    for entry in catalog.entries:
        if entry.msgid_plural is not None and len(entry.msgstr_plural) > nplurals:
            raise CatalogError(f"{len(entry.msgstr_plural)} plural forms but the header says "
                               f"nplurals={nplurals}", path=path, line=entry.line)


# ---------------------------------------------------------------------------
# writing
#
# The layout is GNU gettext's own (msgcat, msgmerge and xgettext share one
# writer), so that those tools leave every file we write byte for byte as it is:
# strings wrapped by catalogs/wrap.py, flags in GNU's order, references filled
# to the page width, the fuzzy flag shown only on a translated entry, and an
# obsolete entry without a translation left out, as GNU leaves it out.

# GNU's format languages, in the order its flags list them.
_FORMATS = ("c", "objc", "python", "python-brace", "java", "java-printf", "csharp",
            "javascript", "scheme", "lisp", "elisp", "librep", "ruby", "sh", "awk", "lua",
            "object-pascal", "smalltalk", "qt", "qt-plural", "kde", "kde-kuit", "boost", "tcl",
            "perl", "perl-brace", "php", "gcc-internal", "gfc-internal", "ycp")
_FORMAT_FLAG = re.compile(r"(no-|possible-|impossible-)?(.+)-format")
_RANGE_FLAG = re.compile(r"range:\s*(\d+)\.\.(\d+)")
# Charsets in which GNU counts most non-ASCII characters two columns wide.
_CJK_CHARSETS = {"EUC-JP", "GB2312", "GBK", "EUC-TW", "BIG5", "EUC-KR", "CP949", "JOHAB"}


@dataclass(frozen=True)
class _Layout:
    """Page widths for strings and for ``#:`` lines, and how columns are counted."""

    strings: int
    references: int
    cjk: bool
    nplurals: int = 2  # forms of an untranslated plural entry, from the header, as msgmerge


@dataclass(frozen=True)
class _Flags:
    """An entry's flags as GNU understands them."""

    fuzzy: bool
    formats: tuple[str, ...]  # the format flags, in GNU's order
    directives: str | None  # the format language whose directives must stay whole
    range: str | None
    no_wrap: bool
    other: tuple[str, ...]  # flags GNU does not know (its tools drop them)


def write_po(catalog: Catalog, width: int | None = WIDTH) -> str:
    """Render a catalog as PO text (header first, obsolete entries last), as GNU lays it out.

    ``width`` is the page width, as GNU's ``--width`` (values below 20 count as
    20); ``None`` writes each string on one line as ``--no-wrap`` does, and
    ``0`` as ``--width=0`` does (``#:`` lines not filled either).
    """
    layout = _layout(catalog, width)
    blocks = [_header_block(catalog, layout)]
    blocks.extend(_entry_block(e, layout) for e in catalog.entries if not e.obsolete)
    blocks.extend(_obsolete_block(e, layout) for e in catalog.entries
                  if e.obsolete and _first_msgstr(e))
    return "\n".join(blocks)


def _layout(catalog: Catalog, width: int | None) -> _Layout:
    if width is not None and width < 0:
        raise ValueError(f"width must be 0 or more, not {width}")
    charset = re.search(r"charset=([^ \t\n]*)", catalog.header.get("Content-Type", ""))
    cjk = bool(charset) and charset is not None and charset.group(1).upper() in _CJK_CHARSETS
    plurals = re.search(r"nplurals\s*=\s*(\d+)", catalog.header.get("Plural-Forms", ""))
    nplurals = int(plurals.group(1)) if plurals and 0 < int(plurals.group(1)) < 100 else 2
    if width is None:
        return _Layout(wrap.NO_WRAP, WIDTH, cjk, nplurals)
    page = wrap.NO_WRAP if width == 0 else max(width, 20)
    return _Layout(page, page, cjk, nplurals)


def _first_msgstr(entry: Entry) -> str:
    if entry.msgid_plural is not None:
        return entry.msgstr_plural.get(0, "")
    return entry.msgstr


def _header_block(catalog: Catalog, layout: _Layout) -> str:
    msgstr = "".join(f"{key}: {value}\n" for key, value in catalog.header.items())
    flags = _parse_flags(catalog.header_flags)
    out = _comment_lines("#", catalog.header_comments)
    out.extend(_flag_lines(flags, fuzzy=flags.fuzzy and bool(msgstr), obsolete=False))
    out.append('msgid ""')
    page = wrap.NO_WRAP if flags.no_wrap else layout.strings
    out.extend(wrap.string_lines("msgstr", msgstr, width=page, cjk=layout.cjk))
    return "\n".join(out) + "\n"


def _entry_block(entry: Entry, layout: _Layout) -> str:
    flags = _parse_flags(entry.flags)
    out = _comment_lines("#", entry.translator_comments)
    out.extend(_comment_lines("#.", entry.auto_comments))
    out.extend(wrap.reference_lines(_references(entry.references), layout.references))
    out.extend(_flag_lines(flags, fuzzy=flags.fuzzy and bool(_first_msgstr(entry)),
                           obsolete=False))
    out.extend(_message_lines(entry, flags, layout, "", "#| "))
    return "\n".join(out) + "\n"


def _obsolete_block(entry: Entry, layout: _Layout) -> str:
    flags = _parse_flags(entry.flags)
    out = _comment_lines("#", entry.translator_comments)
    out.extend(_flag_lines(flags, fuzzy=flags.fuzzy, obsolete=True))
    out.extend(_message_lines(entry, flags, layout, "#~ ", "#~| "))
    return "\n".join(out) + "\n"


def _message_lines(entry: Entry, flags: _Flags, layout: _Layout, lead: str,
                   previous_lead: str) -> list[str]:
    page = wrap.NO_WRAP if flags.no_wrap else layout.strings

    def lines(keyword: str, text: str, prefix: str) -> list[str]:
        return wrap.string_lines(keyword, text, prefix=prefix, width=page, cjk=layout.cjk,
                                 protected=protected_positions(flags.directives, text))

    out: list[str] = []
    if entry.previous_msgid is not None:  # PO has no previous msgctxt or plural on its own
        for keyword, value in (("msgctxt", entry.previous_msgctxt),
                               ("msgid", entry.previous_msgid),
                               ("msgid_plural", entry.previous_msgid_plural)):
            if value is not None:
                out.extend(lines(keyword, value, previous_lead))
    if entry.msgctxt is not None:
        out.extend(lines("msgctxt", entry.msgctxt, lead))
    out.extend(lines("msgid", entry.msgid, lead))
    if entry.msgid_plural is None:
        out.extend(lines("msgstr", entry.msgstr, lead))
        return out
    out.extend(lines("msgid_plural", entry.msgid_plural, lead))
    forms = entry.msgstr_plural or dict.fromkeys(range(layout.nplurals), "")
    for index in sorted(forms):
        out.extend(lines(f"msgstr[{index}]", forms[index], lead))
    return out


def _comment_lines(mark: str, comments: list[str]) -> list[str]:
    """One line per comment and per line of a comment, as GNU writes them.

    Trailing white space is dropped (the reader drops it too), and so is leading
    white space in extracted comments.
    """
    return [f"{mark} {part}".rstrip() if part.strip() else mark
            for comment in comments for part in comment.split("\n")
            for part in [part.strip() if mark == "#." else part]]


def _references(references: list[str]) -> list[str]:
    """References as GNU writes them back: line numbers canonical, a leading ``./`` dropped,
    then repeats dropped (so that GNU reading our file finds no repeat to drop)."""
    seen: set[tuple[str, int | None]] = set()
    out: list[str] = []
    for reference in references:
        found = re.fullmatch(r"(.+):(\d+)", reference)
        name, line = (found.group(1), int(found.group(2))) if found else (reference, None)
        while name.startswith("./"):
            name = name[2:]
        if (name, line) in seen:
            continue
        seen.add((name, line))
        out.append(name if line is None else f"{name}:{line}")
    return out


def _parse_flags(flags: list[str]) -> _Flags:
    fuzzy = no_wrap = False
    formats: dict[str, str] = {}
    directives: dict[str, bool] = {}
    span: str | None = None
    other: list[str] = []
    for flag in flags:
        form = _FORMAT_FLAG.fullmatch(flag)
        bounds = _RANGE_FLAG.fullmatch(flag)
        if flag == "fuzzy":
            fuzzy = True
        elif form and form.group(2) in _FORMATS:
            kind, language = form.group(1), form.group(2)
            formats[language] = {"no-": f"no-{language}-format",
                                 "impossible-": ""}.get(kind or "", f"{language}-format")
            directives[language] = kind in (None, "possible-")
        elif bounds and int(bounds.group(1)) <= int(bounds.group(2)):
            span = f"range: {int(bounds.group(1))}..{int(bounds.group(2))}"
        elif flag in ("wrap", "no-wrap"):
            no_wrap = flag == "no-wrap"
        elif flag not in other:
            other.append(flag)
    ordered = tuple(formats[lang] for lang in _FORMATS if formats.get(lang))
    active = next((lang for lang in _FORMATS if directives.get(lang)), None)
    return _Flags(fuzzy, ordered, active, span, no_wrap, tuple(other))


def _flag_lines(flags: _Flags, *, fuzzy: bool, obsolete: bool) -> list[str]:
    names = ["fuzzy"] if fuzzy else []
    names.extend(flags.formats)
    if flags.range and not obsolete:
        names.append(flags.range)
    if flags.no_wrap:
        names.append("no-wrap")
    names.extend(flags.other)
    return ["#, " + ", ".join(names)] if names else []
