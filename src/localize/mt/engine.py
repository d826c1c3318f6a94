"""Translation engines behind one small protocol, with pivoting as a wrapper.

:class:`CTranslate2Engine` runs an installed Argos package directly through
CTranslate2 and SentencePiece, with Argos Translate's decoding settings, so its
output matches ``argostranslate`` for the same package; but it sends every text
of a run to one ``translate_batch`` call and uses the thread settings measured
fastest on small CPU machines (see ``docs/translate.md``).

:class:`PivotEngine` chains two engines (zh→en→nl) when no direct model exists;
:class:`EngineRegistry` picks the engine for a pair from the installed packages.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from localize.errors import ModelError
from localize.mt.models import INSTALL_HINT, ModelInfo

__all__ = [
    "BEAM_SIZE",
    "LENGTH_PENALTY",
    "PIVOT_LANG",
    "CTranslate2Engine",
    "DecodeSettings",
    "Engine",
    "EngineRegistry",
    "PivotEngine",
    "default_threads",
]

log = logging.getLogger(__name__)

BEAM_SIZE = 4
LENGTH_PENALTY = 0.2
PIVOT_LANG = "en"


@runtime_checkable
class Engine(Protocol):
    """Translates texts from ``source`` to ``target``; one call per batch of texts."""

    @property
    def name(self) -> str: ...

    @property
    def model_id(self) -> str: ...

    @property
    def source(self) -> str: ...

    @property
    def target(self) -> str: ...

    def translate(self, texts: Sequence[str]) -> list[str]:
        """The translations of ``texts``, in order."""
        ...


@dataclass(frozen=True)
class DecodeSettings:
    """CTranslate2 settings; the decoding ones are Argos Translate's (translate.py, 1.11)."""

    beam_size: int = BEAM_SIZE
    length_penalty: float = LENGTH_PENALTY
    max_batch_size: int = 32
    batch_type: str = "examples"
    compute_type: str = "auto"
    inter_threads: int | None = None  # None: default_threads()
    intra_threads: int | None = None  # None: default_threads()
    # A line of more SentencePiece pieces is cut at clause boundaries, translated in
    # pieces and rejoined: past a model's position table it would fail or be truncated.
    max_input_pieces: int = 200


def default_threads(env: Mapping[str, str] | None = None) -> tuple[int, int]:
    """``(inter_threads, intra_threads)``: batches run in parallel, threads per batch.

    One thread per batch and one batch per core (at most 2) were fastest on
    2-core machines: CTranslate2's default ``intra_threads=0`` (all cores for one
    batch) was 2-40x slower than 1 (docs/translate.md has the measurements).
    ``LOCALIZE_MT_INTER_THREADS`` and ``LOCALIZE_MT_INTRA_THREADS`` override.
    """
    env = os.environ if env is None else env
    inter = env.get("LOCALIZE_MT_INTER_THREADS", "")
    intra = env.get("LOCALIZE_MT_INTRA_THREADS", "")
    return (int(inter) if inter.isdigit() and int(inter) > 0 else min(2, os.cpu_count() or 1),
            int(intra) if intra.isdigit() else 1)


class CTranslate2Engine:
    """An installed Argos package run through CTranslate2 and SentencePiece; loaded lazily."""

    name = "ctranslate2"

    def __init__(self, model: ModelInfo, settings: DecodeSettings | None = None) -> None:
        self.model = model
        self.settings = settings or DecodeSettings()
        self._translator: Any = None
        self._sp: Any = None
        self._lock = threading.Lock()
        self.calls = 0  # translate_batch calls made, for tests and logs
        self.translated = 0  # texts sent to the model

    @property
    def model_id(self) -> str:
        return self.model.model_id

    @property
    def source(self) -> str:
        return self.model.source

    @property
    def target(self) -> str:
        return self.model.target

    def _tokenizer(self) -> Any:
        with self._lock:
            if self._sp is None:
                import sentencepiece

                try:
                    self._sp = sentencepiece.SentencePieceProcessor(
                        model_file=str(self.model.sentencepiece))
                except (RuntimeError, OSError, ValueError) as err:
                    raise ModelError(f"cannot load model: {err}", path=self.model.path) from err
            return self._sp

    def single_pieces(self, texts: Sequence[str]) -> bool:
        """Whether each text encodes as one known piece (the mask probe; no model is loaded)."""
        sp = self._tokenizer()
        for text in texts:
            ids = [i for i in sp.encode(text) if sp.id_to_piece(i) != "▁"]
            if len(ids) != 1 or ids[0] == sp.unk_id():
                return False
        return True

    def _load(self) -> tuple[Any, Any]:
        sp = self._tokenizer()
        with self._lock:
            if self._translator is None:
                import ctranslate2

                s = self.settings
                inter, intra = default_threads()
                inter = inter if s.inter_threads is None else s.inter_threads
                intra = intra if s.intra_threads is None else s.intra_threads
                try:
                    self._translator = ctranslate2.Translator(
                        str(self.model.model_dir), device="cpu", compute_type=s.compute_type,
                        inter_threads=inter, intra_threads=intra)
                except (RuntimeError, OSError, ValueError) as err:
                    raise ModelError(f"cannot load model: {err}", path=self.model.path) from err
                log.debug("loaded %s (inter_threads=%d, intra_threads=%d)", self.model.name,
                          inter, intra)
            return self._translator, sp

    def translate(self, texts: Sequence[str]) -> list[str]:
        """Translate every line of every text in one ``translate_batch`` call.

        A text of which a line could not be translated comes back empty.
        """
        # Argos translates each line ("paragraph") separately and joins them with "\n".
        paragraphs = [text.split("\n") for text in texts]
        flat = [p for ps in paragraphs for p in ps if p.strip()]
        if not flat:
            return list(texts)
        done = iter(self._translate_lines(flat))
        out = []
        for ps in paragraphs:
            lines = [next(done) if p.strip() else p for p in ps]
            out.append("" if None in lines else "\n".join(line or "" for line in lines))
        return out

    def translate_lines(self, lines: Sequence[str]) -> list[str]:
        """Translate single-line texts as one batch (no splitting); failures come back empty."""
        return [line or "" for line in self._translate_lines(lines)]

    def _translate_lines(self, lines: Sequence[str]) -> list[str | None]:
        translator, sp = self._load()
        limit = self.settings.max_input_pieces
        tokens: list[list[str]] = sp.encode(list(lines), out_type=str)
        if all(len(t) <= limit for t in tokens):
            return self._translate_tokens(translator, sp, tokens, lines)
        cuts = [[line] if len(t) <= limit else _cut_long(line, sp, limit)
                for line, t in zip(lines, tokens, strict=True)]
        flat = [piece for pieces in cuts for piece in pieces]
        done = iter(self._translate_tokens(translator, sp, sp.encode(flat, out_type=str), flat))
        joiner = "" if self.model.target.startswith("zh") else " "
        out: list[str | None] = []
        for pieces in cuts:
            parts = [next(done) for _ in pieces]
            out.append(None if None in parts else joiner.join(p or "" for p in parts))
        return out

    def _translate_tokens(self, translator: Any, sp: Any, tokens: list[list[str]],
                          lines: Sequence[str]) -> list[str | None]:
        try:
            results = self._batch(translator, tokens)
        except (RuntimeError, ValueError) as err:
            # One bad input (e.g. longer than the model's positions) fails the whole
            # batch: retry one by one so only that input is lost.
            log.warning("batch failed (%s); translating its %d lines one by one", err, len(lines))
            return [self._one(translator, sp, t, line) for t, line in zip(tokens, lines,
                                                                          strict=True)]
        self.translated += len(lines)
        return list(_detokenize(sp, [r.hypotheses[0] for r in results], self.model.target_prefix))

    def _one(self, translator: Any, sp: Any, tokens: list[str], line: str) -> str | None:
        try:
            result = self._batch(translator, [tokens])[0]
        except (RuntimeError, ValueError) as err:
            log.warning("cannot translate %r: %s", line[:60], err)
            return None
        self.translated += 1
        return _detokenize(sp, [result.hypotheses[0]], self.model.target_prefix)[0]

    def _batch(self, translator: Any, tokens: list[list[str]]) -> Any:
        s, prefix = self.settings, self.model.target_prefix
        self.calls += 1
        return translator.translate_batch(
            tokens,
            target_prefix=[[prefix]] * len(tokens) if prefix else None,
            replace_unknowns=True,
            max_batch_size=s.max_batch_size,
            batch_type=s.batch_type,
            beam_size=s.beam_size,
            num_hypotheses=1,
            length_penalty=s.length_penalty,
        )


_CLAUSE_END = re.compile(r"(?<=[,;:，；：、])\s*|(?<=\s[–—-])\s+")


def _cut_long(line: str, sp: Any, limit: int) -> list[str]:
    """``line`` itself, or cut at clause boundaries (else between words) into inputs of at
    most ``limit`` pieces."""
    if len(sp.encode(line)) <= limit:
        return [line]
    pieces: list[str] = []
    for clause in (c for c in _CLAUSE_END.split(line) if c.strip()):
        if len(sp.encode(clause)) > limit:
            words = clause.split() if " " in clause.strip() else list(clause)
            pieces += _pack(words, sp, limit, " " if " " in clause.strip() else "")
        else:
            pieces.append(clause.strip())
    return _pack(pieces, sp, limit, " " if " " in line.strip() else "")


def _pack(items: Sequence[str], sp: Any, limit: int, joiner: str) -> list[str]:
    """Join neighbouring items while the result stays within ``limit`` pieces."""
    out: list[str] = []
    for item in items:
        joined = f"{out[-1]}{joiner}{item}" if out else item
        if out and len(sp.encode(joined)) <= limit:
            out[-1] = joined
        else:
            out.append(item)
    return out


def _detokenize(sp: Any, pieces: list[list[str]], prefix: str) -> list[str]:
    """Argos's decode, without its turning every ``_`` into a space (it breaks identifiers)."""
    out = []
    for value in sp.decode_pieces(pieces):  # one call for the batch: half the time
        value = value.replace("▁", " ")
        if prefix and value.startswith(prefix):
            value = value[len(prefix):]
        out.append(value[1:] if value.startswith(" ") else value)
    return out


class PivotEngine:
    """Two engines chained through a pivot language, e.g. zh→en then en→nl."""

    def __init__(self, first: Engine, second: Engine) -> None:
        if first.target != second.source:
            raise ValueError(f"cannot chain {first.source}→{first.target} "
                             f"with {second.source}→{second.target}")
        self.first, self.second = first, second

    @property
    def name(self) -> str:
        return self.first.name if self.first.name == self.second.name else (
            f"{self.first.name}+{self.second.name}")

    @property
    def model_id(self) -> str:
        return f"{self.first.model_id}+{self.second.model_id}"

    @property
    def source(self) -> str:
        return self.first.source

    @property
    def target(self) -> str:
        return self.second.target

    def translate(self, texts: Sequence[str]) -> list[str]:
        return self.second.translate(self.first.translate(texts))

    def single_pieces(self, texts: Sequence[str]) -> bool:
        """Whether both models hold ``texts`` as single known pieces (see CTranslate2Engine)."""
        probes = [getattr(e, "single_pieces", None) for e in (self.first, self.second)]
        return all(probe is not None and probe(texts) for probe in probes)


class EngineRegistry:
    """Engines for the installed packages, built once per package and shared."""

    def __init__(self, models: Sequence[ModelInfo], settings: DecodeSettings | None = None,
                 *, where: object = None) -> None:
        self.models = list(models)
        self.settings = settings
        self.where = where  # the models folder, named in errors
        self._engines: dict[str, CTranslate2Engine] = {}

    def _direct(self, source: str, target: str) -> CTranslate2Engine | None:
        found = [m for m in self.models if (m.source, m.target) == (source, target)]
        if not found:
            return None
        model = max(found, key=lambda m: (_version_key(m.package_version), m.name))
        if model.name not in self._engines:
            self._engines[model.name] = CTranslate2Engine(model, self.settings)
        return self._engines[model.name]

    def pairs(self) -> list[str]:
        return sorted({m.pair for m in self.models})

    def engine_for(self, source: str, target: str) -> Engine:
        """A direct engine, else a pivot through English; ModelError naming installed pairs."""
        direct = self._direct(source, target)
        if direct is not None:
            return direct
        if PIVOT_LANG not in (source, target):
            first, second = self._direct(source, PIVOT_LANG), self._direct(PIVOT_LANG, target)
            if first is not None and second is not None:
                return PivotEngine(first, second)
        installed = ", ".join(self.pairs()) or "none"
        raise ModelError(f"no model for {source}→{target}; installed pairs: {installed}. "
                         f"{INSTALL_HINT}", path=self.where)


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split(".") if p.isdigit())
