"""The site's own templates: a .pot from xgettext or pybabel through extract, a translator,
translate and compile, and gettext's ngettext and pgettext reading the result."""

from __future__ import annotations

import gettext
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from localize.cli import main
from localize.fsio import read_catalog
from localize.mt.models import install
from tests.conftest import gnu

FIXTURES = Path(__file__).parent / "fixtures" / "models"
APP = '''\
from gettext import gettext as _, ngettext, pgettext


def page(n):
    title = _("Sign in")
    comments = ngettext("%(num)d comment", "%(num)d comments", n) % {"num": n}
    files = ngettext("%(num)d file", "%(num)d files", n) % {"num": n}
    return title, comments, files, pgettext("menu", "Open"), _("Save file")
'''


def xgettext(project: Path) -> Path:
    subprocess.run([gnu("xgettext"), "-L", "Python", "--from-code=UTF-8",
                    "--keyword=pgettext:1c,2", "-o", "web.pot", "web/app.py"], cwd=project,
                   check=True)
    return project / "web.pot"


def pybabel(project: Path) -> Path:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-o", "web.pot",
                    "web"], cwd=project, check=True, capture_output=True)
    return project / "web.pot"


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "web").mkdir()
    (tmp_path / "web" / "app.py").write_text(APP, encoding="utf-8")
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "page.txt").write_text("Why it matters Waarom dit telt\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LOCALIZE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("LOCALIZE_MODELS_DIR", str(tmp_path / "models"))
    install(FIXTURES / "translate-en_nl-1_0.argosmodel", tmp_path / "models")
    return tmp_path


@pytest.mark.parametrize("tool", [xgettext, pybabel], ids=["xgettext", "pybabel"])
def test_a_template_domain_from_extraction_to_ngettext(project: Path, tool) -> None:  # type: ignore[no-untyped-def]
    template = tool(project)
    before = template.read_bytes()
    run("extract", "--template", str(template))
    assert template.read_bytes() == before  # the site's template is never rewritten
    po = project / "locales" / "nl" / "LC_MESSAGES" / "web.po"
    catalog = read_catalog(po)
    assert catalog.get("Open", "menu") is not None
    plural = catalog.get("%(num)d comment")
    assert plural is not None and plural.msgid_plural == "%(num)d comments"
    assert not (project / "locales" / "en" / "LC_MESSAGES" / "web.po").exists()

    text = po.read_text(encoding="utf-8").replace(  # a translator fills one plural entry
        'msgid_plural "%(num)d comments"\nmsgstr[0] ""\nmsgstr[1] ""',
        'msgid_plural "%(num)d comments"\nmsgstr[0] "%(num)d reactie"\n'
        'msgstr[1] "%(num)d reacties"')
    po.write_text(text, encoding="utf-8")

    output = run("translate", "--to", "nl")
    assert "1 of them plural entries (every form, fuzzy)" in output, output
    catalog = read_catalog(po)
    files = catalog.get("%(num)d file")
    assert files is not None and files.fuzzy and files.machine_translated
    assert len(files.msgstr_plural) == 2 and all(files.msgstr_plural.values())
    assert all("%(num)d" in form for form in files.msgstr_plural.values())
    assert catalog.get("Open", "menu").msgstr  # type: ignore[union-attr]

    run("compile", "--use-fuzzy")
    mo = project / "locales" / "nl" / "LC_MESSAGES" / "web.mo"
    with mo.open("rb") as handle:
        nl = gettext.GNUTranslations(handle)
    assert nl.ngettext("%(num)d comment", "%(num)d comments", 1) == "%(num)d reactie"
    assert nl.ngettext("%(num)d comment", "%(num)d comments", 5) == "%(num)d reacties"
    assert nl.ngettext("%(num)d file", "%(num)d files", 1) == files.msgstr_plural[0]
    assert nl.ngettext("%(num)d file", "%(num)d files", 3) == files.msgstr_plural[1]
    assert nl.pgettext("menu", "Open") == catalog.get("Open", "menu").msgstr  # type: ignore[union-attr]
    site = project / "locales" / "nl" / "LC_MESSAGES" / "messages.mo"
    with site.open("rb") as handle:
        assert gettext.GNUTranslations(handle).gettext("Why it matters") == "Waarom dit telt"


def test_a_template_named_like_the_content_domain_is_refused(project: Path) -> None:
    template = xgettext(project)
    clash = template.with_name("messages-en.pot")
    template.rename(clash)
    result = CliRunner().invoke(main, ["extract", "--template", str(clash)])
    assert result.exit_code == 2
    assert "would overwrite the content catalogs" in result.output
    assert not (project / "locales").exists()
