"""A translator's work survives whatever tool rewrites the catalog, and every later run.

For each tool a translator or a platform may use on our ``.po`` files (GNU
msgmerge and msgcat, polib at several wrap widths, Babel, Translate Toolkit, a
plain text edit), a person makes the everyday edits: a new translation, a
post-edit of machine output, an accepted (fuzzy flag cleared) machine
translation, a comment, a partly translated plural. Then ``extract``,
``translate``, a new page that translates the same sentences, and ``extract``
and ``translate`` again run over the rewritten file. Every edit must be there
at the end, and the file must stay valid for GNU msgfmt.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from babel.messages import pofile as babel_po
from click.testing import CliRunner
from translate.misc.multistring import multistring
from translate.storage import pypo

from localize.catalogs.model import Catalog, Entry
from localize.cli import main
from localize.fsio import read_catalog
from localize.mt.models import install
from tests.conftest import msgfmt_check

FIXTURES = Path(__file__).parent / "fixtures" / "models"

PAGE = "Save file\nDelete file\nOpen page\nRead more\n"
ADDED = "Listen to the new episode\n"  # added after the machine ran: an empty entry
LATER_PAGE = ("Save file Bestand bewaren\nDelete file Bestand wissen\n"
              "Read more Lees verder\n")

NEW = ("Listen to the new episode", "Luister naar de nieuwe aflevering")  # a person fills it
POST_EDIT = ("Save file", "Het bestand bewaren")  # machine output a person rewrote
ACCEPTED = "Delete file"  # machine output a person accepted: fuzzy cleared
COMMENT = ("Open page", "Keep this short: it is a button.")  # a comment on machine output
CONTROL = "Read more"  # machine output nobody touched: the later page may replace it
PLURAL = ("%d file", "%d files", "%d bestand")  # a plural a person half translated
PLURAL_COMMENT = "Second form still to do."

Edit = Callable[[Path], None]


@pytest.fixture(scope="module")
def models_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("models")
    install(FIXTURES / "translate-en_nl-1_0.argosmodel", folder)
    return folder


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, models_dir: Path) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LOCALIZE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("LOCALIZE_MODELS_DIR", str(models_dir))
    (tmp_path / "glossary").mkdir()
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "page.txt").write_text(PAGE, encoding="utf-8")
    run("extract")
    run("translate", "--to", "nl")
    (tmp_path / "seeds" / "page.txt").write_text(PAGE + ADDED, encoding="utf-8")
    run("extract")
    return tmp_path


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def nl_po(project: Path) -> Path:
    return project / "locales" / "nl" / "LC_MESSAGES" / "messages-en.po"


# --- The edits, made with each tool --------------------------------------------------------


def edit_with_polib(wrapwidth: int) -> Edit:
    def edit(path: Path) -> None:
        po = polib.pofile(str(path), wrapwidth=wrapwidth)
        by_id = {e.msgid: e for e in po}
        by_id[NEW[0]].msgstr = NEW[1]
        by_id[POST_EDIT[0]].msgstr = POST_EDIT[1]
        by_id[ACCEPTED].flags.remove("fuzzy")
        by_id[COMMENT[0]].tcomment = "\n".join([COMMENT[1], by_id[COMMENT[0]].tcomment])
        po.append(polib.POEntry(msgid=PLURAL[0], msgid_plural=PLURAL[1],
                                msgstr_plural={0: PLURAL[2], 1: ""}, tcomment=PLURAL_COMMENT))
        po.save(str(path))
    return edit


def edit_with_babel(width: int) -> Edit:
    def edit(path: Path) -> None:
        with path.open("rb") as handle:
            catalog = babel_po.read_po(handle)
        catalog[NEW[0]].string = NEW[1]
        catalog[POST_EDIT[0]].string = POST_EDIT[1]
        catalog[ACCEPTED].flags.discard("fuzzy")
        catalog[COMMENT[0]].user_comments.insert(0, COMMENT[1])
        catalog.add((PLURAL[0], PLURAL[1]), (PLURAL[2], ""), user_comments=[PLURAL_COMMENT])
        out = io.BytesIO()
        babel_po.write_po(out, catalog, width=width)
        path.write_bytes(out.getvalue())
    return edit


def edit_with_translate_toolkit(path: Path) -> None:
    store = pypo.pofile.parsefile(str(path))
    units = {u.source: u for u in store.units if not u.isheader()}
    units[NEW[0]].target = NEW[1]
    units[POST_EDIT[0]].target = POST_EDIT[1]
    units[ACCEPTED].markfuzzy(False)
    units[COMMENT[0]].addnote(COMMENT[1], origin="translator", position="prepend")
    plural = store.addsourceunit(multistring([PLURAL[0], PLURAL[1]]))
    plural.target = multistring([PLURAL[2], ""])
    plural.addnote(PLURAL_COMMENT, origin="translator")
    path.write_bytes(bytes(store))


def edit_as_text(path: Path) -> None:
    """What a person does in a text editor: find the lines and change them."""
    catalog = read_catalog(path)
    text = path.read_text(encoding="utf-8")
    text = replace_msgstr(text, catalog, NEW[0], NEW[1])
    text = replace_msgstr(text, catalog, POST_EDIT[0], POST_EDIT[1])
    accepted = block_of(text, ACCEPTED)
    text = text.replace(accepted, accepted.replace("#, fuzzy\n", ""))
    commented = block_of(text, COMMENT[0])
    text = text.replace(commented, f"# {COMMENT[1]}\n{commented}")
    text += (f'\n# {PLURAL_COMMENT}\nmsgid "{PLURAL[0]}"\nmsgid_plural "{PLURAL[1]}"\n'
             f'msgstr[0] "{PLURAL[2]}"\nmsgstr[1] ""\n')
    path.write_text(text, encoding="utf-8")


def block_of(text: str, msgid: str) -> str:
    """The lines of the entry whose msgid is ``msgid`` (from its first comment to msgstr)."""
    end = text.index(f'msgid "{msgid}"\n')
    start = text.rindex("\n\n", 0, end) + 2
    stop = text.find("\n\n", end)
    return text[start:] if stop < 0 else text[start:stop]


def replace_msgstr(text: str, catalog: Catalog, msgid: str, new: str) -> str:
    entry = catalog.get(msgid)
    assert entry is not None
    block = block_of(text, msgid)
    return text.replace(block, block.replace(f'msgstr "{entry.msgstr}"', f'msgstr "{new}"'))


def then_gnu(tool: str) -> Edit:
    """A text edit, then the file rewritten by a GNU tool, as Weblate's msgmerge does."""
    def edit(path: Path) -> None:
        edit_as_text(path)
        if tool == "msgcat":
            command = ["msgcat", "-o", str(path), str(path)]
        else:
            template = path.parents[2] / "messages-en.pot"
            command = ["msgmerge", "--quiet", "--previous", "-o", str(path), str(path),
                       str(template)]
        subprocess.run(command, check=True, capture_output=True)
    return edit


TOOLS: dict[str, Edit] = {
    "text-editor": edit_as_text,
    "msgcat": then_gnu("msgcat"),
    "msgmerge": then_gnu("msgmerge"),
    "polib": edit_with_polib(78),
    "polib-width-30": edit_with_polib(30),
    "polib-no-wrap": edit_with_polib(0),
    "babel": edit_with_babel(76),
    "babel-width-40": edit_with_babel(40),
    "translate-toolkit": edit_with_translate_toolkit,
}


def entry(catalog: Catalog, msgid: str) -> Entry:
    found = catalog.get(msgid)
    assert found is not None, msgid
    return found


@pytest.mark.parametrize("tool", TOOLS)
def test_a_persons_edits_survive_every_later_run(project: Path, tool: str) -> None:
    if tool.startswith("msg") and shutil.which(tool) is None:
        pytest.skip(f"GNU {tool} is not installed")
    path = nl_po(project)
    before = read_catalog(path)
    assert entry(before, POST_EDIT[0]).machine_translated
    assert entry(before, ACCEPTED).machine_translated and entry(before, ACCEPTED).fuzzy
    assert entry(before, CONTROL).machine_translated
    TOOLS[tool](path)

    run("extract")
    run("translate", "--to", "nl")
    (project / "seeds" / "later.txt").write_text(LATER_PAGE, encoding="utf-8")
    run("extract")
    run("translate", "--to", "nl")

    after = read_catalog(path)
    assert entry(after, NEW[0]).msgstr == NEW[1]
    assert entry(after, POST_EDIT[0]).msgstr == POST_EDIT[1]
    accepted = entry(after, ACCEPTED)
    assert accepted.msgstr == entry(before, ACCEPTED).msgstr and not accepted.fuzzy
    assert accepted.human and accepted.stamp is None
    assert accepted.translator_comments == []  # our stamp and note went with the adoption
    commented = entry(after, COMMENT[0])
    assert COMMENT[1] in " ".join(commented.translator_comments)  # polib may re-wrap it
    assert commented.translator_comments[-1] == commented.stamp.render()  # type: ignore[union-attr]
    assert commented.machine_translated  # a comment alone does not make it a person's
    plural = entry(after, PLURAL[0])
    assert plural.obsolete and plural.msgstr_plural[0] == PLURAL[2]
    assert PLURAL_COMMENT in plural.translator_comments
    control = entry(after, CONTROL)  # the later page does replace untouched machine output
    assert (control.msgstr, control.fuzzy) == ("Lees verder", False)
    msgfmt_check(path)
