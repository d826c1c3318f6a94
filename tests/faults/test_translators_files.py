"""Catalogs as translators and their tools leave them, and inputs that used to crash a run.

Each test is a situation in which a person's work was lost, or a run failed with
an internal error, before localize handled it: the catalog must come out of
every command valid for GNU msgfmt, with the person's work in it, and bad
input must stop the run with exit code 2 and one line naming the file.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from localize.catalogs.pofile import read_po
from localize.cli import main
from localize.fsio import read_catalog
from localize.mt.models import install
from tests.conftest import gnu, msgfmt_check
from tests.faults.conftest import FIGURES, PAGE_AFTER, PAGE_BEFORE, catalogs

FIXTURES = Path(__file__).parent.parent / "fixtures" / "models"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LOCALIZE_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "page.txt").write_text(PAGE_BEFORE, encoding="utf-8")
    assert invoke("extract").exit_code == 0
    return tmp_path


def invoke(*args: str) -> Result:
    result = CliRunner().invoke(main, list(args))
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    if crashed or result.exit_code == 70 or "Traceback" in result.output:
        FIGURES["crashes (tracebacks shown to a user)"] += 1
    return result


def refused(args: list[str], project: Path, expected: str) -> Result:
    """The command exits 2 with one line holding ``expected`` and changes no file."""
    before = catalogs(project)
    result = invoke(*args)
    FIGURES["bad inputs tried"] += 1
    assert result.exit_code == 2, result.output
    assert expected in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert catalogs(project) == before
    return result


def nl_po(project: Path) -> Path:
    return project / "locales" / "nl" / "LC_MESSAGES" / "messages-en.po"


def edit_nl(project: Path, old: str, new: str) -> None:
    path = nl_po(project)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- What translators write -------------------------------------------------------------


def test_a_persons_mt_comment_is_theirs(project: Path) -> None:
    """A comment that starts like our old machine note never makes an entry ours."""
    edit_nl(project, '#: seeds/page.txt:3\nmsgid "Listen to article"\nmsgstr ""',
            '# mt: MT = Marieke Tromp, approved\n#: seeds/page.txt:3\n'
            'msgid "Listen to article"\nmsgstr "Luister (MT)"')
    (project / "seeds" / "page.txt").write_text(
        PAGE_BEFORE.replace("Listen to article", "Listen to article Luister naar artikel"))
    assert invoke("extract").exit_code == 0
    entry = read_catalog(nl_po(project)).get("Listen to article")
    assert entry is not None and entry.msgstr == "Luister (MT)"
    assert entry.translator_comments == ["mt: MT = Marieke Tromp, approved"]
    if entry.msgstr != "Luister (MT)":
        FIGURES["translations lost"] += 1


def test_a_partly_translated_plural_is_kept_as_obsolete(project: Path) -> None:
    with nl_po(project).open("a", encoding="utf-8") as handle:
        handle.write('\n# half done\nmsgid "%d item"\nmsgid_plural "%d items"\n'
                     'msgstr[0] "%d item"\nmsgstr[1] ""\n')
    (project / "seeds" / "page.txt").write_text(PAGE_AFTER, encoding="utf-8")
    assert invoke("extract").exit_code == 0
    ours = read_catalog(nl_po(project)).get("%d item")
    assert ours is not None and ours.obsolete
    assert (ours.msgstr_plural[0], ours.translator_comments) == ("%d item", ["half done"])
    msgfmt_check(nl_po(project))


def test_a_translators_plural_forms_are_kept_and_every_command_still_works(
    project: Path, tmp_path: Path
) -> None:
    three = "nplurals=3; plural=(n==1 ? 0 : n==2 ? 1 : 2);"
    edit_nl(project, '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"',
            f'"Plural-Forms: {three}\\n"')
    with nl_po(project).open("a", encoding="utf-8") as handle:
        handle.write('\nmsgid "%d file"\nmsgid_plural "%d files"\nmsgstr[0] "%d bestand"\n'
                     'msgstr[1] "%d bestanden (2)"\nmsgstr[2] "%d bestanden"\n')
    msgfmt_check(nl_po(project))
    (project / "seeds" / "page.txt").write_text(PAGE_AFTER, encoding="utf-8")
    for args in (["extract"], ["stats"], ["compile"], ["check", "--locale", "nl"],
                 ["extract"]):
        result = invoke(*args)
        assert result.exit_code in (0, 1), (args, result.output)
    catalog = read_catalog(nl_po(project))
    assert catalog.header["Plural-Forms"] == three
    kept = catalog.get("%d file")
    assert kept is not None and len(kept.msgstr_plural) == 3
    msgfmt_check(nl_po(project))


def test_translators_header_fields_are_theirs(project: Path) -> None:
    catalog = read_catalog(nl_po(project))
    edit_nl(project, f'"PO-Revision-Date: {catalog.header["PO-Revision-Date"]}\\n"',
            '"PO-Revision-Date: 2025-01-02 03:04+0100\\n"')
    edit_nl(project, '"Last-Translator: \\n"', '"Last-Translator: Marieke <m@example.org>\\n"')
    edit_nl(project, '"X-Generator: localize 0.1.0\\n"', '"X-Generator: Poedit 3.4.2\\n"')
    (project / "seeds" / "page.txt").write_text(PAGE_AFTER, encoding="utf-8")
    assert invoke("extract").exit_code == 0
    header = read_catalog(nl_po(project)).header
    assert header["PO-Revision-Date"] == "2025-01-02 03:04+0100"
    assert header["Last-Translator"] == "Marieke <m@example.org>"
    assert header["X-Generator"] == "Poedit 3.4.2"


def test_a_latin1_catalog_is_written_back_in_latin1(project: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = nl_po(project)
    text = path.read_text(encoding="utf-8").replace("charset=UTF-8", "charset=ISO-8859-1")
    text = text.replace('msgstr "Waarom dit telt"', 'msgstr "Waarom dit telt: kopiëren"')
    path.write_bytes(text.encode("latin-1"))
    models = project / "models"
    install(FIXTURES / "translate-en_nl-1_0.argosmodel", models)
    monkeypatch.setenv("LOCALIZE_MODELS_DIR", str(models))
    result = invoke("translate", "--to", "nl")
    assert result.exit_code == 0, result.output
    data = path.read_bytes()
    data.decode("latin-1")
    assert "kopiëren".encode("latin-1") in data and "kopiëren".encode() not in data
    msgfmt_check(path)
    unformatted = subprocess.run([gnu("msgconv"), "--to-code=UTF-8", str(path)],
                                 capture_output=True, text=True, check=True).stdout
    assert "Waarom dit telt: kopiëren" in unformatted and "Ã" not in unformatted
    assert read_catalog(path).get("The model learns from feedback.") is not None


def test_text_the_charset_cannot_hold_is_refused_and_nothing_is_written(project: Path) -> None:
    path = nl_po(project)
    path.write_bytes(path.read_text(encoding="utf-8").replace(
        "charset=UTF-8", "charset=ISO-8859-1").encode("latin-1"))
    (project / "seeds" / "page.txt").write_text(PAGE_BEFORE + "The \u201cbest\u201d model\n",
                                                encoding="utf-8")
    refused(["extract"], project, "nl/LC_MESSAGES/messages-en.po:")


def test_a_newline_in_a_file_name_cannot_break_the_catalogs(project: Path) -> None:
    odd = project / "seeds" / "two\nlines and\x1bspaces.txt"
    odd.write_text("Listen to the new episode\n", encoding="utf-8")
    assert invoke("extract").exit_code == 0
    for path in (project / "locales").rglob("*.po*"):
        msgfmt_check(path)
    entry = read_catalog(nl_po(project)).get("Listen to the new episode")
    assert entry is not None
    assert entry.references == ["seeds/two%0Alines%20and%1Bspaces.txt:1"]
    assert invoke("extract").exit_code == 0  # and the next run reads what we wrote


def test_a_file_name_that_is_not_utf8_is_extracted(project: Path) -> None:
    os.mkdir(b"seeds/odd")
    with open(b"seeds/odd/caf\xe9.txt", "w", encoding="utf-8") as handle:
        handle.write("Listen to the new episode\n")
    result = invoke("extract")
    assert result.exit_code == 0, result.output
    entry = read_catalog(nl_po(project)).get("Listen to the new episode")
    assert entry is not None and entry.references == ["seeds/odd/caf%E9.txt:1"]


# --- The glossary a check was told to use ---------------------------------------------------


def test_check_refuses_a_glossary_it_cannot_find(project: Path) -> None:
    refused(["check", "--glossary", "glosary"], project, "glosary: glossary not found")
    (project / "localize.toml").write_text('glossary = "terms"\n', encoding="utf-8")
    refused(["check"], project, "terms: glossary not found")


def test_check_without_a_glossary_says_so(project: Path) -> None:
    result = invoke("check", "--locale", "nl")
    assert result.exit_code == 0
    assert "no glossary at glossary; the glossary and names checks have nothing" in (
        result.output)


# --- Writes that fail half-way ---------------------------------------------------------------


@pytest.mark.parametrize("fail_at", [1, 2, 3, 4, 5, 6])
def test_a_rename_that_fails_puts_back_the_files_already_replaced(
    project: Path, monkeypatch: pytest.MonkeyPatch, fail_at: int
) -> None:
    (project / "seeds" / "page.txt").write_text(PAGE_AFTER, encoding="utf-8")
    real = os.replace
    calls = [0]

    def replace(src: str, dst: str) -> None:
        if str(dst).endswith(".po") or str(dst).endswith(".pot"):
            calls[0] += 1
            if calls[0] == fail_at:
                raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    refused(["extract"], project, "cannot write: Read-only file system; nothing was written")
    assert not list(project.rglob("*.tmp"))


def test_a_folder_that_cannot_take_a_file_stops_the_run_before_any_write(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    (project / "seeds" / "page.txt").write_text(PAGE_AFTER, encoding="utf-8")
    real = tempfile.mkstemp

    def mkstemp(*args: object, **kwargs: object) -> tuple[int, str]:
        if "/zh/" in str(kwargs.get("dir")):
            raise OSError(errno.EACCES, os.strerror(errno.EACCES))
        return real(*args, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    refused(["extract"], project, "zh/LC_MESSAGES/messages-en.po: cannot write: Permission denied")


# --- Input that used to end in an internal error ----------------------------------------------


@pytest.mark.parametrize("value", ["nan", "-1", "inf"])
def test_wait_must_be_a_number_of_seconds(project: Path, value: str) -> None:
    before = catalogs(project)
    result = invoke("extract", "--wait", value)
    FIGURES["bad inputs tried"] += 1
    assert result.exit_code == 2 and "is not a number of seconds" in result.output
    assert catalogs(project) == before


@pytest.mark.parametrize("value", ["99999999999999999", "1e9", "-5", "soon"])
def test_source_date_epoch_must_be_a_unix_time(project: Path, monkeypatch: pytest.MonkeyPatch,
                                               value: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    (project / "seeds" / "page.txt").write_text(PAGE_AFTER, encoding="utf-8")
    refused(["extract"], project, "SOURCE_DATE_EPOCH=")


def test_a_folder_entry_that_cannot_be_read_is_named(project: Path) -> None:
    (project / "seeds" / "loop.txt").symlink_to("loop.txt")
    refused(["extract"], project, "seeds/loop.txt: cannot read: Too many levels of symbolic links")


def test_a_fifo_is_refused_without_waiting_for_a_writer(project: Path) -> None:
    os.mkfifo(project / "seeds" / "pipe.txt")
    refused(["extract", "seeds/page.txt", "seeds/pipe.txt"], project,
            "seeds/pipe.txt: not a regular file (a FIFO, device or socket)")
    assert invoke("extract").exit_code == 0  # inside a folder a FIFO is passed over


def test_an_endless_device_is_refused_in_bounded_memory(project: Path) -> None:
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3,) * 2);"
            "from localize.cli import main; sys.exit(main(['extract', '/dev/zero']))")
    done = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True,
                          text=True, timeout=60, check=False)
    FIGURES["bad inputs tried"] += 1
    assert done.returncode == 2, done.stderr
    assert "/dev/zero: not a regular file" in done.stderr


def test_a_catalog_that_is_a_fifo_is_refused(project: Path) -> None:
    fifo = project / "pipe.po"
    os.mkfifo(fifo)
    refused(["check", str(fifo), "--locale", "nl"], project, "pipe.po: not a regular file")


def test_a_stamp_survives_in_what_we_read(project: Path) -> None:
    """Reading our own output gives back what was written (the reader and writer agree)."""
    text = nl_po(project).read_text(encoding="utf-8")
    assert read_po(text).header == read_catalog(nl_po(project)).header
