"""Tests for ``localize split``: the JSON Lines contract, text output, standard input, errors."""

from __future__ import annotations

import json
import os
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
