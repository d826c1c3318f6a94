from __future__ import annotations

from pathlib import Path

import pytest

from localize.config import load_config
from localize.errors import ConfigError


def test_defaults_without_settings(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config.sources == (tmp_path / "seeds",)
    assert config.locales == ("en", "nl", "zh")
    assert config.catalog_path("nl", "en") == tmp_path / "locales/nl/LC_MESSAGES/messages-en.po"
    assert config.template_path("zh") == tmp_path / "locales/messages-zh.pot"
    assert config.mo_path("nl") == tmp_path / "locales/nl/LC_MESSAGES/messages.mo"
    assert config.glossary == tmp_path / "glossary"


def test_pyproject_table_and_overrides(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.localize]\nsources = ["pages"]\nlocales = ["nl"]\ndomain = "site"\n'
        'output = "i18n"\n', encoding="utf-8")
    config = load_config(tmp_path)
    assert (config.sources, config.locales, config.domain) == ((tmp_path / "pages",), ("nl",),
                                                               "site")
    changed = config.override(locales="nl,zh", output=Path("out"), domain=None)
    assert changed.locales == ("nl", "zh") and changed.output == Path("out")
    assert changed.domain == "site"


def test_localize_toml_is_preferred(tmp_path: Path) -> None:
    (tmp_path / "localize.toml").write_text('domain = "news"\n', encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.localize]\ndomain = "site"\n', encoding="utf-8")
    assert load_config(tmp_path).domain == "news"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[tool.localize]\nlocale = ['nl']\n", "unknown setting 'locale'"),
        ("[tool.localize]\nlocales = []\n", "non-empty list"),
        ("[tool.localize\n", "invalid TOML"),
    ],
    ids=["unknown-key", "empty-locales", "bad-toml"],
)
def test_bad_settings_name_the_file(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        load_config(tmp_path)
    assert caught.value.path == str(tmp_path / "pyproject.toml")


@pytest.mark.parametrize("codes", ["en,nl,zh_Hans", "en,nl,zh_CN", "en,nl-BE,zh-Hans", "pt_BR"])
def test_locale_codes_as_people_write_them(tmp_path: Path, codes: str) -> None:
    config = load_config(tmp_path).override(locales=codes)
    assert config.locales == tuple(codes.split(","))


@pytest.mark.parametrize(("codes", "message"), [("en,xx", "unknown locale 'xx'"),
                                               ("en,nl nl", "invalid locale code"),
                                               ("nl,nl", "listed twice")])
def test_bad_locale_codes_are_named(tmp_path: Path, codes: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_config(tmp_path).override(locales=codes)
