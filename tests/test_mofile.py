from __future__ import annotations

import gettext
import subprocess
from pathlib import Path

from localize.catalogs.model import Catalog, Entry
from localize.catalogs.mofile import write_mo
from tests.conftest import gnu


def sample() -> Catalog:
    catalog = Catalog(header={"Content-Type": "text/plain; charset=UTF-8", "Language": "nl",
                              "Plural-Forms": "nplurals=2; plural=(n != 1);"})
    catalog.add(Entry(msgid="Why it matters", msgstr="Waarom dit telt"))
    catalog.add(Entry(msgid="Open", msgstr="Openen", msgctxt="menu"))
    catalog.add(Entry(msgid="one file", msgid_plural="%d files",
                      msgstr_plural={0: "een bestand", 1: "%d bestanden"}))
    catalog.add(Entry(msgid="Maybe", msgstr="Misschien", flags=["fuzzy"]))
    catalog.add(Entry(msgid="Untranslated"))
    catalog.add(Entry(msgid="Gone", msgstr="Weg", obsolete=True))
    return catalog


def load(data: bytes, tmp_path: Path) -> gettext.GNUTranslations:
    path = tmp_path / "messages.mo"
    path.write_bytes(data)
    with path.open("rb") as handle:
        return gettext.GNUTranslations(handle)


def test_python_gettext_loads_it(tmp_path: Path) -> None:
    translations = load(write_mo(sample()), tmp_path)
    assert translations.gettext("Why it matters") == "Waarom dit telt"
    assert translations.pgettext("menu", "Open") == "Openen"
    assert translations.ngettext("one file", "%d files", 3) == "%d bestanden"
    assert translations.gettext("Maybe") == "Maybe"  # fuzzy left out
    assert translations.gettext("Gone") == "Gone"


def test_fuzzy_included_on_request(tmp_path: Path) -> None:
    assert load(write_mo(sample(), use_fuzzy=True), tmp_path).gettext("Maybe") == "Misschien"


def test_gnu_msgunfmt_reads_it_back(tmp_path: Path) -> None:
    path = tmp_path / "messages.mo"
    path.write_bytes(write_mo(sample()))
    out = subprocess.run([gnu("msgunfmt"), str(path)], capture_output=True, text=True, check=True)
    assert 'msgid "Why it matters"\nmsgstr "Waarom dit telt"' in out.stdout
    assert "Misschien" not in out.stdout
