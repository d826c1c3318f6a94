"""Terminology checks: glossary terms and do-not-translate names."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from localize.checks.base import ERROR, Unit, check

__all__: list[str] = []


def _quote(forms: Sequence[str]) -> str:
    first = f"'{forms[0]}'"
    rest = ", ".join(f"'{f}'" for f in forms[1:])
    return f"{first} (or {rest})" if rest else first


@check("glossary", ERROR, "a glossary term in the source needs the glossary's translation")
def _glossary(unit: Unit) -> Iterator[str]:
    g = unit.glossary
    for m in unit.source_terms:
        if m.term.dnt:
            continue
        # A source form that several terms share (推理: reasoning, inference) accepts any.
        terms = g.sharing(m.text, unit.source_lang) or [m.term]
        wanted = [f for t in terms for f in t.forms(unit.target_lang)]
        if not wanted or any(g.search(unit.target, t, unit.target_lang) for t in terms):
            continue
        yield f"'{m.text}' in source needs {_quote(wanted)} in translation"


@check("names", ERROR, "a do-not-translate name must appear unchanged in the translation")
def _names(unit: Unit) -> Iterator[str]:
    g = unit.glossary
    for m in unit.source_terms:
        if not m.term.dnt:
            continue
        altered = g.find_altered(unit.target, unit.target_lang, [m.term])
        if altered:
            written = ", ".join(f"'{a.text}'" for a in altered)
            yield f"name '{m.text}' in source is written {written} in translation"
        elif not g.search(unit.target, m.term, unit.target_lang):
            yield f"name '{m.text}' in source is missing from translation"
