"""Tests for ``localize split``: the JSON Lines contract, text output, standard input, errors."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from localize.cli import main

PAGE = "Save changes Wijzigingen opslaan\n\n打开文件\nOpenAI\n"


def test_jsonl_follows_the_contract(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    result = CliRunner().invoke(main, ["split", str(page), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [r["line"] for r in records] == [1, 2, 3, 4]
    first = records[0]
    assert set(first) == {"line", "text", "segments", "pairs", "pair_confidence"}
    assert [(s["text"], s["lang"]) for s in first["segments"]] == [
        ("Save changes", "en"), ("Wijzigingen opslaan", "nl")]
    assert first["pairs"] == [[0, 1]]
    for record in records:
        for seg in record["segments"]:
            assert record["text"][seg["start"] : seg["end"]] == seg["text"]
        assert len(record["pair_confidence"]) == len(record["pairs"])
        assert all(0.0 <= c <= 1.0 for c in record["pair_confidence"])
    assert records[1]["segments"] == []
    assert records[2]["segments"][0]["lang"] == "zh"
    assert "打开文件" in result.output  # not escaped


def test_text_output_from_standard_input() -> None:
    result = CliRunner().invoke(main, ["split", "-"], input=PAGE)
    assert result.exit_code == 0, result.output
    assert "[en] Save changes" in result.output
    assert "[nl] Wijzigingen opslaan" in result.output
    assert "pair 0-1" in result.output


def test_missing_file_is_a_clean_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["split", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "nope.txt" in result.output
    assert "Traceback" not in result.output


def test_every_line_is_written_in_order(tmp_path: Path) -> None:
    lines = [f"Page {n} Pagina {n}" if n % 3 else "" for n in range(1, 601)]
    page = tmp_path / "page.txt"
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["split", str(page), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [r["line"] for r in records] == list(range(1, 601))
    assert [r["text"] for r in records] == lines


def test_numpy_is_kept_to_one_blas_thread_unless_the_user_says_otherwise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from localize.cli import split as split_module

    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    monkeypatch.delitem(sys.modules, "numpy")  # as before the splitter loads it
    split_module._one_blas_thread()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "1"
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "4")
    split_module._one_blas_thread()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "4"


def test_split_starts_without_the_catalog_code(tmp_path: Path) -> None:
    """``localize split`` imports what it uses: not the PO reader and writer, nor the modules
    only a digest or a new word data cache needs."""
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    script = (
        "import sys\n"
        "from localize.cli import main\n"
        f"sys.argv = ['localize', 'split', {str(page)!r}]\n"
        "try:\n"
        "    main()\n"
        "finally:\n"
        "    sys.stderr.write(' '.join(sorted(sys.modules)))\n"
    )
    for _ in range(2):  # the first run may write the word data cache (that takes gzip, tempfile)
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                              check=True)
    loaded = set(done.stderr.split())
    assert "localize.splitting.segment" in loaded
    for name in ("localize.catalogs.pofile", "localize.catalogs.model", "localize.cli.catalogs",
                 "hashlib", "tempfile", "gzip", "importlib.resources"):
        assert name not in loaded, name


MIXED = [
    "Save changes Wijzigingen opslaan 保存更改",
    "Reading time Leestijd 8 min",
    "Reading time Leestijd 5 min · Femke Hoekstra",
    'Hij zei "this is not a drill" en liep weg.',
    "Why it matters Waarom dit telt",
    "M. de Vries, J. Smith, A. Jansen et al. Deep learning voor taal",
    "Privacy policy隐私政策 Privacybeleid",
    "Bronnen 6 Sources 6",
]


def test_the_splitter_leaves_no_reference_cycles() -> None:
    """``localize split`` turns the collector off while it splits (_no_collections): that is
    only sound while splitting leaves no cyclic garbage behind."""
    from localize.splitting import Splitter

    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        splitter = Splitter()
        splitter.split_lines(MIXED, splitter.site_lexicon([MIXED]))
        splitter.split_line("Settings Instellingen 设置")
        del splitter
        assert gc.collect() == 0
    finally:
        if enabled:
            gc.enable()


def test_the_collector_is_back_on_after_a_split(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("\n".join(MIXED) + "\n", encoding="utf-8")
    assert gc.isenabled()
    result = CliRunner().invoke(main, ["split", str(page), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert gc.isenabled()


def test_catalog_io_loaded_on_first_use_is_the_po_module() -> None:
    """fsio imports the PO reader and writer on first use (for the test above); its names and
    its default width are the PO module's own."""
    import localize.fsio as fsio
    from localize.catalogs import pofile

    assert fsio.DEFAULT_WIDTH == pofile.WIDTH
    assert fsio.read_po is pofile.read_po
    assert fsio.po_codec is pofile.po_codec
    with pytest.raises(AttributeError):
        _ = fsio.no_such_name
