"""The ``split`` command: cut mixed-language lines into segments and show aligned pairs."""

from __future__ import annotations

import contextlib
import gc
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from localize.cli._base import main
from localize.sources.documents import Document, read_document, read_text

if TYPE_CHECKING:
    from localize.splitting import LineSplit

__all__ = ["split"]

WRITE_LINES = 256  # output lines written at once (an unbuffered stream takes one call per write)
JSON = json.JSONEncoder(ensure_ascii=False)  # json.dumps would make one per line


@main.command()
@click.argument("source", default="-", metavar="[FILE|-]")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "text"]), default="text",
              show_default=True, help="jsonl: one JSON object per line; text: for people.")
def split(source: str, fmt: str) -> None:
    """Split each line of FILE (or standard input) into en/nl/zh/und segments.

    Pairs of segments that translate each other are listed with each line, with
    the splitter's confidence in each. Label pairs that recur across the lines
    of the file are evidence for each other.

    Example: localize split page.txt --format jsonl
    """
    _one_blas_thread()
    from localize.splitting import Splitter  # after the line above: numpy comes with it

    document = _read(source)
    with _no_collections():
        splitter = Splitter()
        results = splitter.split_lines(document.lines, splitter.site_lexicon([document.lines]))
    chunk: list[str] = []
    for number, result in enumerate(results, start=1):
        if fmt == "jsonl":
            record = {"line": number, **result.to_dict()}
            chunk.append(JSON.encode(record) + "\n")
        else:
            chunk.append(_human(number, result))
        if len(chunk) == WRITE_LINES:
            sys.stdout.write("".join(chunk))
            chunk.clear()
    sys.stdout.write("".join(chunk))
    gc.freeze()  # the last full collection, at exit, need not walk the splitter's caches either


@contextlib.contextmanager
def _no_collections() -> Iterator[None]:
    """No garbage collection while the splitter works.

    The splitter makes no reference cycles (the objects it leaves are freed as
    they go), so the collector's passes only walk live objects: the imported
    modules (numpy's are many) and the growing caches; that took a twentieth of
    a large file's time. What the imports made is frozen (never walked again).
    """
    gc.freeze()
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _one_blas_thread() -> None:
    """Keep numpy's OpenBLAS from starting a pool of threads when numpy loads.

    The splitter uses no linear algebra, and on a machine with few cores the
    idle pool costs more start-up time than the whole page takes to split. A
    setting of the user's own wins.
    """
    if "numpy" not in sys.modules:
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def _read(source: str) -> Document:
    if source == "-":
        return read_text(sys.stdin.read())
    return read_document(Path(source), display=source)


def _human(number: int, result: LineSplit) -> str:
    """A line, its segments one per row, and its pairs, for reading in a terminal."""
    if not result.segments:
        return ""
    rows = [f"{number}: {result.text}"]
    rows += [f"  {i} [{s.lang}] {s.text}" for i, s in enumerate(result.segments)]
    for (a, b), confidence in zip(result.pairs, result.pair_confidence, strict=True):
        first, second = result.segments[a], result.segments[b]
        rows.append(f"  pair {a}-{b}: {first.lang} {first.text!r} = {second.lang} {second.text!r}"
                    f" (confidence {confidence:.2f})")
    return "\n".join(rows) + "\n"
