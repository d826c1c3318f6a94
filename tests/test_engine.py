"""The CTranslate2 engine on the real test models, pivoting, and picking an engine for a pair."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from localize.errors import ModelError
from localize.mt.engine import (
    CTranslate2Engine,
    DecodeSettings,
    Engine,
    EngineRegistry,
    PivotEngine,
    default_threads,
)
from localize.mt.models import ModelInfo, install, list_models

FIXTURES = Path(__file__).parent / "fixtures" / "models"


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> list[ModelInfo]:
    folder = tmp_path_factory.mktemp("models")
    for archive in (FIXTURES / "translate-en_nl-1_0.argosmodel",
                    FIXTURES / "translate-zh_en-1_0.argosmodel"):  # the taught models
        install(archive, folder)
    return list_models(folder)


@pytest.fixture(scope="module")
def registry(models: list[ModelInfo]) -> EngineRegistry:
    return EngineRegistry(models, where="models")


def test_engine_satisfies_the_protocol_and_loads_lazily(models: list[ModelInfo]) -> None:
    engine = CTranslate2Engine(models[0])
    assert isinstance(engine, Engine)
    assert (engine.name, engine.source, engine.target) == ("ctranslate2", "en", "nl")
    assert engine.model_id.startswith("translate-en_nl-1_0-1.0@")
    assert engine._translator is None


def test_translates_known_phrases_in_one_batch(registry: EngineRegistry) -> None:
    engine = registry.engine_for("en", "nl")
    assert isinstance(engine, CTranslate2Engine)
    calls = engine.calls
    out = engine.translate(["Save file", "Latest news", "Page ⟦0⟧ of ⟦1⟧", "⟦0⟧ new articles"])
    assert out == ["Bestand opslaan", "Laatste nieuws", "Pagina ⟦0⟧ van ⟦1⟧",
                   "⟦0⟧ nieuwe artikelen"]
    assert engine.calls == calls + 1


def test_lines_are_translated_separately_and_blank_texts_pass_through(
    registry: EngineRegistry,
) -> None:
    engine = registry.engine_for("en", "nl")
    out = engine.translate(["The file was saved.\nOpen file", "", "  "])
    assert out == ["Het bestand is opgeslagen.\nBestand openen", "", "  "]


def test_output_matches_argos_procedure(models: list[ModelInfo]) -> None:
    """Same settings as argostranslate's apply_packaged_translation, one sentence per call."""
    import ctranslate2
    import sentencepiece

    model = models[0]
    sp = sentencepiece.SentencePieceProcessor(model_file=str(model.sentencepiece))
    translator = ctranslate2.Translator(str(model.model_dir), device="cpu", compute_type="auto")
    texts = ["Delete file", "Welcome, ⟦0⟧!", "Your password has been updated."]
    expected = []
    for text in texts:
        res = translator.translate_batch(
            [sp.encode(text, out_type=str)], replace_unknowns=True, max_batch_size=32,
            batch_type="tokens", beam_size=4, num_hypotheses=1, length_penalty=0.2)
        value = sp.decode_pieces(res[0].hypotheses[0]).replace("▁", " ")
        expected.append(value[1:] if value.startswith(" ") else value)
    assert CTranslate2Engine(model, DecodeSettings(intra_threads=1)).translate(texts) == expected


def test_pivot_through_english(registry: EngineRegistry) -> None:
    engine = registry.engine_for("zh", "nl")
    assert isinstance(engine, PivotEngine)
    assert (engine.source, engine.target) == ("zh", "nl")
    assert "+" in engine.model_id
    assert engine.translate(["保存文件", "最新新闻"]) == ["Bestand opslaan", "Laatste nieuws"]


def test_no_model_names_installed_pairs(registry: EngineRegistry) -> None:
    with pytest.raises(ModelError) as err:
        registry.engine_for("nl", "zh")
    assert err.value.message == (
        "no model for nl→zh; installed pairs: en→nl, zh→en. "
        "Install one with `localize models install FILE.argosmodel`")
    with pytest.raises(ModelError, match="installed pairs: none"):
        EngineRegistry([]).engine_for("zh", "nl")


def test_pivot_refuses_mismatched_engines() -> None:
    class Fake:
        name, model_id = "fake", "f"

        def __init__(self, source: str, target: str) -> None:
            self.source, self.target = source, target

        def translate(self, texts: Sequence[str]) -> list[str]:
            return list(texts)

    with pytest.raises(ValueError, match="cannot chain"):
        PivotEngine(Fake("zh", "en"), Fake("nl", "de"))


def test_thread_defaults_and_overrides() -> None:
    inter, intra = default_threads({})
    assert intra == 1 and 1 <= inter <= 2
    env = {"LOCALIZE_MT_INTER_THREADS": "3", "LOCALIZE_MT_INTRA_THREADS": "0"}
    assert default_threads(env) == (3, 0)
    assert default_threads({"LOCALIZE_MT_INTER_THREADS": "0"})[0] >= 1


def test_broken_model_is_a_model_error(tmp_path: Path, models: list[ModelInfo]) -> None:
    broken = ModelInfo("broken", "en", "nl", tmp_path)
    with pytest.raises(ModelError, match="cannot load model"):
        CTranslate2Engine(broken).translate(["Save file"])


def test_an_input_the_model_cannot_take_fails_alone(models: list[ModelInfo]) -> None:
    engine = CTranslate2Engine(models[0], DecodeSettings(max_input_pieces=100_000))
    too_long = " ".join(["Save file"] * 200)  # past the test model's 256 positions
    out = engine.translate(["Save file", too_long, f"Latest news\n{too_long}"])
    assert out == ["Bestand opslaan", "", ""]


def test_a_sentence_past_the_limit_is_cut_at_clauses_and_rejoined(
    models: list[ModelInfo],
) -> None:
    engine = CTranslate2Engine(models[0], DecodeSettings(max_input_pieces=6))
    clauses = ["Save file,", "delete file;", "open page"]
    alone = engine.translate(clauses)
    before = engine.translated
    assert engine.translate([" ".join(clauses)]) == [" ".join(alone)]
    assert engine.translated == before + 3
    long_default = " ".join(["Save file"] * 200)  # cut between words under the default limit
    assert CTranslate2Engine(models[0]).translate([long_default])[0].startswith("Bestand")


def test_the_mask_probe_reads_the_vocabulary(models: list[ModelInfo]) -> None:
    engine = CTranslate2Engine(models[0])
    assert engine.single_pieces(["⟦0⟧", "⟦3⟧"])
    assert not engine.single_pieces(["⟦0⟧ ⟦1⟧"])
    assert not engine.single_pieces(["\u2603"])  # unknown to the test model
    assert engine._translator is None  # the probe loads only the SentencePiece model
