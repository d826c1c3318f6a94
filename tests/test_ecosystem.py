"""The catalogs among the tools a localization team uses: Weblate's msgmerge cycle, Translate
Toolkit's converters and checks, locale codes as frameworks write them, and the exchange files
read by readers we did not write."""

from __future__ import annotations

import gettext
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from translate.storage import jsonl10n, poxliff, tmx

from localize.cli import main
from localize.fsio import read_catalog
from localize.mt.models import install
from tests.conftest import SEEDS, gnu

FIXTURES = Path(__file__).parent / "fixtures" / "models"
HAN = range(0x4E00, 0xA000)


def toolkit(name: str) -> str:
    """A Translate Toolkit command installed beside this Python."""
    found = Path(sys.executable).parent / name
    return str(found) if found.exists() else shutil.which(name) or name


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*.po*")) if p.is_file()}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The seeds extracted and machine-translated into Dutch and English (test models)."""
    root = tmp_path_factory.mktemp("site")
    shutil.copytree(SEEDS, root / "seeds")
    shutil.copytree(Path(__file__).parent.parent / "glossary", root / "glossary")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        patch.setenv("SOURCE_DATE_EPOCH", "1700000000")
        patch.setenv("LOCALIZE_CACHE_DIR", str(root / "cache"))
        patch.setenv("LOCALIZE_MODELS_DIR", str(root / "models"))
        for name in ("translate-en_nl-1_0", "translate-zh_en-1_0"):
            install(FIXTURES / f"{name}.argosmodel", root / "models")
        run("extract")
        run("translate", "--to", "en")
        run("extract")  # the English versions reach the Chinese template as cribs
        run("translate", "--to", "nl")
        yield root


@pytest.fixture
def project(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the site to change."""
    shutil.copytree(site, tmp_path / "site")
    monkeypatch.chdir(tmp_path / "site")
    monkeypatch.setenv("LOCALIZE_CACHE_DIR", str(tmp_path / "site" / "cache"))
    monkeypatch.setenv("LOCALIZE_MODELS_DIR", str(tmp_path / "site" / "models"))
    return tmp_path / "site"


def catalogs(root: Path) -> list[Path]:
    return sorted((root / "locales").glob("*/LC_MESSAGES/*.po"))


def test_a_weblate_cycle_changes_nothing(project: Path) -> None:
    """Weblate runs msgmerge -U over each catalog with its template; then extract runs again."""
    before = files(project / "locales")
    for po in catalogs(project):
        template = project / "locales" / f"{po.stem}.pot"
        subprocess.run([gnu("msgmerge"), "--quiet", "--previous", "-U", "--backup=none",
                        str(po), str(template)], check=True)
    assert files(project / "locales") == before
    assert "wrote" not in run("extract")
    assert files(project / "locales") == before


def test_every_catalog_and_template_has_one_source_language(site: Path) -> None:
    for path in sorted((site / "locales").rglob("*.po*")):
        catalog = read_catalog(path)
        source = catalog.header["X-Source-Language"]
        for entry in catalog:
            has_han = any(ord(ch) in HAN for ch in entry.msgid)
            assert has_han == (source == "zh") or source == "zh", (path, entry.msgid)
            assert entry.msgstr != entry.msgid or entry.ours is not None, (path, entry.msgid)


def test_translate_toolkits_converters_label_each_unit(site: Path, tmp_path: Path) -> None:
    """With one source language a catalog, po2tmx and po2xliff can be told it, and are right."""
    for po in catalogs(site):
        catalog = read_catalog(po)
        source, target = catalog.header["X-Source-Language"], catalog.header["Language"]
        out = tmp_path / f"{po.parent.parent.name}-{po.stem}.tmx"
        subprocess.run([toolkit("po2tmx"), "--progress=none", "-l", target,
                        "--source-language", source, str(po), str(out)], check=True)
        sources = [t for t in ET.parse(out).iter("tuv")
                   if t.get("{http://www.w3.org/XML/1998/namespace}lang") == source]
        assert len(sources) == sum(1 for e in catalog if e.translated and not e.fuzzy)
        template = tmp_path / "template.xlf"
        template.write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:'
            f'document:1.1" version="1.1"><file original="{po.name}" source-language="{source}"'
            f' datatype="po" target-language="{target}"><body/></file></xliff>\n',
            encoding="utf-8")
        xlf = out.with_suffix(".xlf")
        subprocess.run([toolkit("po2xliff"), "--progress=none", "-t",
                        str(template), str(po), str(xlf)], check=True)
        store = poxliff.PoXliffFile.parsefile(str(xlf))
        assert {node.get("source-language") for node in
                store.document.getroot().iterchildren(store.namespaced("file"))} == {source}


def test_pofilter_finds_no_copies(site: Path, tmp_path: Path) -> None:
    """Translate Toolkit's "unchanged" check flags only translations that came out the same
    (labels the pages show unchanged, such as "Expert Expert", or a machine translation of a
    bare URL), never a copy of a locale's own texts."""
    for po in catalogs(site):
        out = tmp_path / po.name
        subprocess.run([toolkit("pofilter"), "--progress=none", "-t",
                        "unchanged", str(po), str(out)], check=True)
        if not out.exists():
            continue
        flagged = [e for e in read_catalog(out) if e.msgid]
        ours = read_catalog(po)
        for entry in flagged:
            found = ours.get(entry.msgid, entry.msgctxt)
            assert found is not None and found.ours is not None, (po, entry.msgid)


def _lookup(root: Path, locale: str, messages: list[str]) -> list[str]:
    with (root / "locales" / locale / "LC_MESSAGES" / "messages.mo").open("rb") as handle:
        translations = gettext.GNUTranslations(handle)
    return [translations.gettext(m) for m in messages]


@pytest.mark.parametrize("code", ["zh_Hans", "zh_CN", "zh-Hans"])
def test_locale_codes_as_frameworks_write_them(site: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch,
                                               code: str) -> None:
    root = tmp_path / code
    (root).mkdir()
    shutil.copytree(site / "seeds", root / "seeds")
    shutil.copytree(site / "glossary", root / "glossary")
    monkeypatch.chdir(root)
    monkeypatch.setenv("LOCALIZE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("LOCALIZE_MODELS_DIR", str(site / "models"))
    reference = tmp_path / "zh"
    shutil.copytree(root, reference)
    outputs = {}
    for folder, codes in ((root, f"en,nl,{code}"), (reference, "en,nl,zh")):
        monkeypatch.chdir(folder)
        run("extract", "-l", codes)
        done = CliRunner().invoke(main, ["translate", "--to", codes.split(",")[-1], "-l", codes])
        outputs[folder] = f"{done.exit_code}: {done.output}"  # no en→zh model: the same error
        run("compile", "-l", codes)
    assert (root / "locales" / code / "LC_MESSAGES" / "messages-en.po").exists()
    messages = [e.msgid for e in read_catalog(reference / "locales" / "messages-en.pot")]
    messages += [e.msgid for e in read_catalog(reference / "locales" / "messages-zh.pot")]
    assert _lookup(root, code, messages) == _lookup(reference, "zh", messages)
    monkeypatch.chdir(root)
    ours = json.loads(run("stats", "--format", "json", "-l", f"en,nl,{code}"))
    monkeypatch.chdir(reference)
    theirs = json.loads(run("stats", "--format", "json", "-l", "en,nl,zh"))
    for row in (*ours, *theirs):
        row.pop("locale")
        for part in row["catalogs"]:
            part.pop("locale")
    assert ours == theirs
    assert outputs[root].replace(code, "zh") == outputs[reference]


# --- Exchange formats -----------------------------------------------------------------------


def test_tmx_export_labels_each_unit_with_its_source_language(project: Path) -> None:
    zh = project / "locales" / "nl" / "LC_MESSAGES" / "messages-zh.po"
    catalog = read_catalog(zh)
    machine = next(e for e in catalog if e.machine_translated)
    text = zh.read_text(encoding="utf-8")  # a translator reviews one Chinese entry
    at = text.index(f'msgid "{machine.msgid}"')
    block = text[at - 200:at]
    zh.write_text(text.replace(block, block.replace("#, fuzzy\n", "")), encoding="utf-8")
    assert read_catalog(zh).get(machine.msgid).human  # type: ignore[union-attr]
    run("export", "--format", "tmx", "--locale", "nl", "-o", "nl.tmx")
    root = ET.parse(project / "nl.tmx").getroot()
    assert root.find("header").get("srclang") == "*all*"  # type: ignore[union-attr]
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    seen = set()
    for tu in root.iter("tu"):
        source, target = tu.findall("tuv")
        words = source.findtext("seg") or ""
        assert source.get(lang) == tu.get("srclang") and target.get(lang) == "nl"
        assert (source.get(lang) == "zh") == any(ord(ch) in HAN for ch in words), words
        seen.add(source.get(lang))
    assert seen == {"en", "zh"}
    store = tmx.tmxfile.parsefile(str(project / "nl.tmx"))  # Translate Toolkit reads it back
    assert len(store.units) == len(list(root.iter("tu")))


def test_json_export_is_what_i18next_reads(project: Path) -> None:
    run("export", "--format", "json", "--locale", "nl", "-o", "nl.json")
    store = jsonl10n.I18NextV4File()
    store.parse((project / "nl.json").read_bytes())
    ours = {e.msgid: e.msgstr for e in read_catalog(
        project / "locales" / "nl" / "LC_MESSAGES" / "messages-en.po")
        if e.translated and not e.fuzzy}
    read_back = {u.getid().lstrip("."): str(u.target) for u in store.units}
    assert read_back == ours
    node = shutil.which("node")
    module = Path(__file__).parent.parent / ".ci" / "js" / "node_modules" / "i18next"
    if node is None or not module.is_dir():
        pytest.skip("i18next for Node.js is not installed (.ci/run installs it)")
    script = (f"const i18next = require({json.dumps(str(module))});"
              f"const res = require({json.dumps(str(project / 'nl.json'))});"
              "i18next.init({lng:'nl', keySeparator:false, nsSeparator:false,"
              " resources:{nl:{translation:res}}}).then(() => {"
              "console.log(JSON.stringify(Object.keys(res).map(k => i18next.t(k))));});")
    shown = subprocess.run([node, "-e", script], capture_output=True, text=True, check=True)
    assert json.loads(shown.stdout) == list(ours.values())


def test_an_xliff_filled_in_a_cat_tool_comes_back_as_a_persons_work(project: Path) -> None:
    catalog_path = project / "locales" / "nl" / "LC_MESSAGES" / "messages-en.po"
    start = read_catalog(catalog_path)
    reviewed = [e for e in start if e.machine_translated][1]
    catalog_path.write_text(catalog_path.read_text(encoding="utf-8").replace(  # a person's text
        f'msgstr "{reviewed.msgstr}"', 'msgstr "Door een vertaler"', 1), encoding="utf-8")
    with (project / "seeds" / "000_2abc67655ca17661.txt").open("a", encoding="utf-8") as page:
        page.write("A sentence added to the page after the machine ran.\n")
    run("extract")
    run("export", "--format", "xliff", "--locale", "nl", "-o", "nl.xlf")
    path = project / "nl.xlf"
    store = poxliff.PoXliffFile.parsefile(str(path))
    languages = {node.get("original"): node.get("source-language")
                 for node in store.document.getroot().iterchildren(store.namespaced("file"))}
    assert languages == {"messages-en": "en", "messages-zh": "zh"}
    before = read_catalog(catalog_path)
    machine = next(e for e in before if e.machine_translated)
    empty = next(e for e in before if not e.translated)
    person = next(e for e in before if e.human)
    units = {u.source: u for u in store.units}
    units[machine.msgid].target = "Vertaald in de CAT-tool"
    units[machine.msgid].markfuzzy(False)
    units[empty.msgid].target = "Ook nieuw vertaald"
    units[person.msgid].target = "Door de vertaler herzien"
    units[person.msgid].markfuzzy(False)
    path.write_bytes(bytes(store))
    catalog_path.write_text(catalog_path.read_text(encoding="utf-8").replace(  # meanwhile
        f'msgstr "{person.msgstr}"', 'msgstr "Intussen in de catalogus gewijzigd"', 1),
        encoding="utf-8")

    output = run("import", "nl.xlf", "--locale", "nl")
    after = read_catalog(catalog_path)
    got = after.get(machine.msgid)
    assert got is not None and got.msgstr == "Vertaald in de CAT-tool"
    assert got.human and got.stamp is None and not got.fuzzy
    new = after.get(empty.msgid)
    assert new is not None and new.msgstr == "Ook nieuw vertaald" and new.human
    kept = after.get(person.msgid)
    assert kept is not None and kept.msgstr == "Intussen in de catalogus gewijzigd"
    assert "1 conflicts" in output and "conflict:" in output
