"""Build the tiny test translation models in ``tests/fixtures/models``.

Trains, offline on CPU, a SentencePiece model and a small pre-norm Transformer
per model on the synthetic corpus of ``model_corpus.py``, writes the weights out
through ``ctranslate2.specs.TransformerSpec`` and zips them in the Argos
Translate package layout (``.argosmodel``):

* ``translate-en_nl-1_0`` and ``translate-zh_en-1_0``: taught models; the mask
  tokens ``⟦0⟧``... are single SentencePiece symbols and the corpus teaches
  copying them;
* ``translate-en_nl-naive-1_0``: mask-naive, built as real Argos packages are:
  no user-defined symbols, character coverage 0.9995 (as argos-train trains its
  SentencePiece models), and a corpus without masks (numbers and names in their
  place), so ``⟦`` is an unknown character to it.

These are TEST models: they know a few hundred UI phrases and nothing else.

Its dependencies are not the project's; use a separate environment::

    python3 -m venv /tmp/torchenv
    /tmp/torchenv/bin/pip install torch==2.13.0 ctranslate2 sentencepiece
    /tmp/torchenv/bin/python tools/build_test_models.py [--only translate-en_nl-naive-1_0]

``--only`` rebuilds one package and updates its line in ``SHA256SUMS``. Seeds are
fixed; the same torch build and thread count give the same weights.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import math
import os
import random
import shutil
import sys
import tempfile
import time
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import ctranslate2
import numpy as np
import sentencepiece as spm
import torch
from torch import nn
from torch.nn import functional as F

sys.path.insert(0, str(Path(__file__).resolve().parent))
from model_corpus import MAX_TRAINED_MASK, Triple, corpus, mask, naive_corpus

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "models"
NAMES = {"en": "English", "nl": "Dutch", "zh": "Chinese"}
USER_SYMBOLS = [mask(i) for i in range(16)]  # single pieces; only 0..3 are trained
MAX_POSITIONS = 256  # inputs and outputs longer than this many pieces cannot be translated
ZIP_DATE = (2025, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Hparams:
    d_model: int = 128
    heads: int = 4
    ffn: int = 256
    layers: int = 2
    dropout: float = 0.1
    steps: int = 2200
    batch: int = 64
    lr: float = 2e-3
    warmup: int = 200
    vocab: int = 700
    corpus: int = 6000


@dataclass(frozen=True)
class ModelSpec:
    """One package to build: its direction, and whether it is taught the mask tokens."""

    src: str
    tgt: str
    seed_offset: int
    naive: bool = False

    @property
    def name(self) -> str:
        return f"translate-{self.src}_{self.tgt}{'-naive' if self.naive else ''}-1_0"


SPECS = (ModelSpec("en", "nl", 0), ModelSpec("zh", "en", 1), ModelSpec("en", "nl", 2, naive=True))


def side(t: Triple, lang: str) -> str:
    return str(getattr(t, lang))


# --- SentencePiece -----------------------------------------------------------


def train_sentencepiece(
    pairs: Sequence[tuple[str, str]], prefix: Path, vocab: int, *, naive: bool = False
) -> Path:
    text = prefix.with_suffix(".txt")
    text.write_text("".join(f"{s}\n{t}\n" for s, t in pairs), encoding="utf-8")
    # The model file records its input and prefix paths: relative ones keep it reproducible.
    with contextlib.chdir(prefix.parent):
        _train_sentencepiece(text.name, prefix.name, vocab, naive)
    return prefix.with_suffix(".model")


def _train_sentencepiece(text: str, prefix: str, vocab: int, naive: bool) -> None:
    # Mask-naive: what argos-train does (no user symbols, coverage 0.9995).
    extra: dict[str, object] = (
        {"character_coverage": 0.9995} if naive
        else {"character_coverage": 1.0, "user_defined_symbols": USER_SYMBOLS})
    spm.SentencePieceTrainer.train(
        input=text,
        model_prefix=prefix,
        vocab_size=vocab,
        hard_vocab_limit=False,
        model_type="unigram",
        pad_id=3,
        num_threads=1,
        minloglevel=2,
        **extra,
    )


# --- The Transformer ---------------------------------------------------------


def sinusoids(length: int, depth: int) -> torch.Tensor:
    pos = torch.arange(length, dtype=torch.float32)[:, None]
    inv = torch.exp(torch.arange(0, depth, 2, dtype=torch.float32) * (-math.log(10000.0) / depth))
    pe = torch.zeros(length, depth)
    pe[:, 0::2] = torch.sin(pos * inv)
    pe[:, 1::2] = torch.cos(pos * inv)
    return pe


class Attention(nn.Module):
    def __init__(self, d: int, heads: int, dropout: float) -> None:
        super().__init__()
        self.heads, self.dropout = heads, dropout
        self.ln = nn.LayerNorm(d, eps=1e-6)
        self.q, self.k, self.v, self.o = (nn.Linear(d, d) for _ in range(4))

    def forward(
        self, x: torch.Tensor, mem: torch.Tensor | None, mask: torch.Tensor
    ) -> torch.Tensor:
        h = self.ln(x)
        kv = h if mem is None else mem
        b, t, d = h.shape
        s = kv.shape[1]

        def split(z: torch.Tensor, n: int) -> torch.Tensor:
            return z.view(b, n, self.heads, d // self.heads).transpose(1, 2)

        out = F.scaled_dot_product_attention(
            split(self.q(h), t),
            split(self.k(kv), s),
            split(self.v(kv), s),
            attn_mask=mask,
            dropout_p=self.dropout if self.training else 0.0,
        )
        out = self.o(out.transpose(1, 2).reshape(b, t, d))
        return x + F.dropout(out, self.dropout, self.training)


class FeedForward(nn.Module):
    def __init__(self, d: int, ffn: int, dropout: float) -> None:
        super().__init__()
        self.ln = nn.LayerNorm(d, eps=1e-6)
        self.w1, self.w2 = nn.Linear(d, ffn), nn.Linear(ffn, d)
        self.dropout = dropout

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + F.dropout(self.w2(F.relu(self.w1(self.ln(x)))), self.dropout, self.training)


class EncoderLayer(nn.Module):
    def __init__(self, hp: Hparams) -> None:
        super().__init__()
        self.attn = Attention(hp.d_model, hp.heads, hp.dropout)
        self.ffn = FeedForward(hp.d_model, hp.ffn, hp.dropout)


class DecoderLayer(nn.Module):
    def __init__(self, hp: Hparams) -> None:
        super().__init__()
        self.self_attn = Attention(hp.d_model, hp.heads, hp.dropout)
        self.cross = Attention(hp.d_model, hp.heads, hp.dropout)
        self.ffn = FeedForward(hp.d_model, hp.ffn, hp.dropout)


class Seq2Seq(nn.Module):
    """Pre-norm Transformer with one shared (tied) embedding, as CTranslate2 runs it."""

    def __init__(self, vocab: int, hp: Hparams) -> None:
        super().__init__()
        self.hp = hp
        self.emb = nn.Embedding(vocab, hp.d_model)
        nn.init.normal_(self.emb.weight, std=hp.d_model**-0.5)
        self.register_buffer("pe", sinusoids(MAX_POSITIONS, hp.d_model))
        self.enc = nn.ModuleList(EncoderLayer(hp) for _ in range(hp.layers))
        self.dec = nn.ModuleList(DecoderLayer(hp) for _ in range(hp.layers))
        self.enc_ln = nn.LayerNorm(hp.d_model, eps=1e-6)
        self.dec_ln = nn.LayerNorm(hp.d_model, eps=1e-6)

    def embed(self, ids: torch.Tensor) -> torch.Tensor:
        x = self.emb(ids) * math.sqrt(self.hp.d_model) + self.pe[: ids.shape[1]]
        return F.dropout(x, self.hp.dropout, self.training)

    def forward(self, src: torch.Tensor, tgt_in: torch.Tensor, pad: int) -> torch.Tensor:
        key_ok = (src != pad)[:, None, None, :]
        x = self.embed(src)
        for layer in self.enc:
            x = layer.ffn(layer.attn(x, None, key_ok))
        mem = self.enc_ln(x)
        t = tgt_in.shape[1]
        causal = torch.ones(t, t, dtype=torch.bool).tril()[None, None]
        y = self.embed(tgt_in)
        for layer in self.dec:
            y = layer.ffn(layer.cross(layer.self_attn(y, None, causal), mem, key_ok))
        return self.dec_ln(y) @ self.emb.weight.T


# --- Training ----------------------------------------------------------------


def encode_pairs(
    sp: spm.SentencePieceProcessor, pairs: Sequence[tuple[str, str]]
) -> list[tuple[list[int], list[int]]]:
    return [(sp.encode(s), sp.encode(t)) for s, t in pairs]


def make_batch(
    items: Sequence[tuple[list[int], list[int]]], pad: int, bos: int, eos: int
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    src_len = max(len(s) for s, _ in items)
    tgt_len = max(len(t) for _, t in items) + 1
    src = torch.full((len(items), src_len), pad)
    tin = torch.full((len(items), tgt_len), pad)
    tout = torch.full((len(items), tgt_len), -100)
    for i, (s, t) in enumerate(items):
        src[i, : len(s)] = torch.tensor(s)
        tin[i, : len(t) + 1] = torch.tensor([bos, *t])
        tout[i, : len(t) + 1] = torch.tensor([*t, eos])
    return src, tin, tout


def train(
    model: Seq2Seq,
    data: list[tuple[list[int], list[int]]],
    sp: spm.SentencePieceProcessor,
    seed: int,
) -> None:
    hp = model.hp
    rng = random.Random(seed)
    opt = torch.optim.AdamW(model.parameters(), lr=hp.lr, betas=(0.9, 0.98), weight_decay=0.01)
    pad, bos, eos = sp.pad_id(), sp.bos_id(), sp.eos_id()
    model.train()
    started = time.monotonic()
    for step in range(1, hp.steps + 1):
        scale = min(step / hp.warmup, 0.5 * (1 + math.cos(math.pi * step / hp.steps)) + 0.05)
        for group in opt.param_groups:
            group["lr"] = hp.lr * scale
        src, tin, tout = make_batch(rng.sample(data, hp.batch), pad, bos, eos)
        logits = model(src, tin, pad)
        loss = F.cross_entropy(
            logits.reshape(-1, logits.shape[-1]), tout.reshape(-1), label_smoothing=0.1
        )
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if step % 200 == 0:
            print(f"  step {step} loss {loss.item():.3f} ({time.monotonic() - started:.0f}s)")


# --- Export --------------------------------------------------------------------


def _np(t: torch.Tensor) -> np.ndarray:
    return t.detach().cpu().numpy().astype(np.float32).copy()


def _set_ln(spec: object, ln: nn.LayerNorm) -> None:
    spec.gamma = _np(ln.weight)  # type: ignore[attr-defined]
    spec.beta = _np(ln.bias)  # type: ignore[attr-defined]


def _set_linear(spec: object, weights: Sequence[nn.Linear]) -> None:
    spec.weight = np.concatenate([_np(w.weight) for w in weights])  # type: ignore[attr-defined]
    spec.bias = np.concatenate([_np(w.bias) for w in weights])  # type: ignore[attr-defined]


def _set_attention(spec: object, attn: Attention, self_attention: bool) -> None:
    _set_ln(spec.layer_norm, attn.ln)  # type: ignore[attr-defined]
    linear = spec.linear  # type: ignore[attr-defined]
    if self_attention:
        _set_linear(linear[0], [attn.q, attn.k, attn.v])
    else:
        _set_linear(linear[0], [attn.q])
        _set_linear(linear[1], [attn.k, attn.v])
    _set_linear(linear[-1], [attn.o])


def _set_ffn(spec: object, ffn: FeedForward) -> None:
    _set_ln(spec.layer_norm, ffn.ln)  # type: ignore[attr-defined]
    _set_linear(spec.linear_0, [ffn.w1])  # type: ignore[attr-defined]
    _set_linear(spec.linear_1, [ffn.w2])  # type: ignore[attr-defined]


def export(model: Seq2Seq, vocab: list[str], out: Path) -> None:
    """Write the weights as a CTranslate2 model directory."""
    spec = ctranslate2.specs.TransformerSpec.from_config(
        model.hp.layers, model.hp.heads, pre_norm=True
    )
    spec.config.layer_norm_epsilon = 1e-6
    emb, pe = _np(model.emb.weight), _np(model.pe)
    for part, ln in ((spec.encoder, model.enc_ln), (spec.decoder, model.dec_ln)):
        embeddings = part.embeddings[0] if isinstance(part.embeddings, list) else part.embeddings
        embeddings.weight = emb
        part.position_encodings.encodings = pe
        _set_ln(part.layer_norm, ln)
    for ls, layer in zip(spec.encoder.layer, model.enc, strict=True):
        _set_attention(ls.self_attention, layer.attn, True)
        _set_ffn(ls.ffn, layer.ffn)
    for ls, layer in zip(spec.decoder.layer, model.dec, strict=True):
        _set_attention(ls.self_attention, layer.self_attn, True)
        _set_attention(ls.attention, layer.cross, False)
        _set_ffn(ls.ffn, layer.ffn)
    spec.decoder.projection.weight = emb
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(quantization=None)
    out.mkdir(parents=True, exist_ok=True)
    spec.save(str(out))


# --- Packaging -----------------------------------------------------------------


def package(spec: ModelSpec, model_dir: Path, sp_model: Path, out: Path) -> None:
    """Zip a model in the Argos layout with fixed timestamps (reproducible bytes)."""
    src, tgt, top = spec.src, spec.tgt, spec.name
    description = "Tiny test model for localize's tests (synthetic UI phrases only)"
    if spec.naive:
        description += "; never taught mask tokens, like a real Argos package"
    metadata = {
        "package_version": "1.0",
        "argos_version": "1.9",
        "from_code": src,
        "from_name": NAMES[src],
        "to_code": tgt,
        "to_name": NAMES[tgt],
        "type": "translate",
        "code": f"translate-{src}_{tgt}",
        "links": [],
        "description": description,
    }
    readme = (
        f"# {NAMES[src]} → {NAMES[tgt]} test model\n\n"
        "A tiny model trained on synthetic UI phrases by localize's "
        "tools/build_test_models.py. For tests only; it knows nothing else.\n"
    )
    files: list[tuple[str, bytes]] = [
        (f"{top}/metadata.json", (json.dumps(metadata, indent=2) + "\n").encode()),
        (f"{top}/README.md", readme.encode()),
        (f"{top}/sentencepiece.model", sp_model.read_bytes()),
    ]
    for path in sorted(model_dir.iterdir()):
        files.append((f"{top}/model/{path.name}", path.read_bytes()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name in (f"{top}/", f"{top}/model/"):
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.external_attr = (0o40755 << 16) | 0x10
            zf.writestr(info, b"")
        for name, data in files:
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    out.write_bytes(buf.getvalue())


# --- Evaluation ------------------------------------------------------------------


def evaluate(
    model_dir: Path, sp_model: Path, pairs: Sequence[tuple[str, str]]
) -> tuple[float, float]:
    """Exact-match rate and mask-kept rate of the exported model, argos settings."""
    sp = spm.SentencePieceProcessor(model_file=str(sp_model))
    translator = ctranslate2.Translator(str(model_dir), device="cpu", intra_threads=1)
    results = translator.translate_batch(
        [sp.encode(s, out_type=str) for s, _ in pairs],
        beam_size=4,
        length_penalty=0.2,
        replace_unknowns=True,
    )
    exact = kept = 0
    for (src, ref), res in zip(pairs, results, strict=True):
        hyp = sp.decode(res.hypotheses[0])
        exact += hyp == ref
        kept += all(hyp.count(mask(i)) == src.count(mask(i)) for i in range(MAX_TRAINED_MASK + 1))
    return exact / len(pairs), kept / len(pairs)


def build(spec: ModelSpec, hp: Hparams, seed: int, work: Path, out_dir: Path) -> Path:
    src, tgt = spec.src, spec.tgt
    print(f"{spec.name} ({src}→{tgt}):")
    torch.manual_seed(seed)
    source = naive_corpus if spec.naive else corpus
    triples = list(source(hp.corpus, seed))
    pairs = [(side(t, src), side(t, tgt)) for t in triples]
    sp_model = train_sentencepiece(pairs, work / f"sp_{src}{tgt}", hp.vocab, naive=spec.naive)
    sp = spm.SentencePieceProcessor(model_file=str(sp_model))
    print(f"  corpus {len(pairs)} pairs, vocabulary {sp.get_piece_size()} pieces")
    model = Seq2Seq(sp.get_piece_size(), hp)
    train(model, encode_pairs(sp, pairs), sp, seed)
    model.eval()
    model_dir = work / f"model_{src}{tgt}"
    vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    export(model, vocab, model_dir)
    held_out = [(side(t, src), side(t, tgt)) for t in source(300, seed + 1000)]
    exact, kept = evaluate(model_dir, sp_model, held_out)
    masks = "no masks in its corpus" if spec.naive else f"masks kept {kept:.1%}"
    print(f"  held-out exact match {exact:.1%}, {masks}")
    out = out_dir / f"{spec.name}.argosmodel"
    package(spec, model_dir, sp_model, out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=Hparams.steps)
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--out", type=Path, default=OUT, help="Output folder.")
    parser.add_argument("--only", action="append", choices=[s.name for s in SPECS],
                        help="Build only this package (repeatable); the others stay.")
    args = parser.parse_args()
    torch.set_num_threads(2)
    torch.use_deterministic_algorithms(True)
    hp = Hparams(steps=args.steps)
    args.out.mkdir(parents=True, exist_ok=True)
    specs = [s for s in SPECS if not args.only or s.name in args.only]
    built: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        for spec in specs:
            built.append(build(spec, hp, args.seed + spec.seed_offset, Path(tmp), Path(tmp)))
        # Move into place only when all are built: the fixtures and their sums stay consistent.
        sums_file = args.out / "SHA256SUMS"
        sums = dict(
            line.split()[::-1] for line in
            (sums_file.read_text(encoding="utf-8").splitlines() if sums_file.exists() else [])
        )
        for path in built:
            sums[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
            shutil.copyfile(path, args.out / f".{path.name}.tmp")
            os.replace(args.out / f".{path.name}.tmp", args.out / path.name)
        text = "".join(f"{sums[name]}  {name}\n" for name in sorted(sums))
        sums_file.write_text(text, encoding="utf-8")
    print(text, end="")


if __name__ == "__main__":
    main()
