"""A synthetic parallel corpus of UI and news-site phrases in English, Dutch and Chinese.

Used only to train the tiny test models in ``tests/fixtures/models``. Phrases are
templates filled from a small vocabulary; some carry mask tokens (``⟦0⟧``,
``⟦1⟧``, ...) exactly where ``localize.mt.masking`` puts them (placeholders, names,
glossary terms, markup), so the models learn to copy masks through.

Only masks ⟦0⟧-⟦3⟧ appear in the corpus: a string with more masks than that
makes the test models lose one, which the tests use to check the review flag.

``naive_corpus`` is the same corpus as real parallel data has it: no mask tokens,
each mask slot filled with what such data holds in its place (a number, a
product or person name), so a model trained on it copies numbers and names as
real models do, and has never seen a mask.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass

__all__ = ["MAX_TRAINED_MASK", "NAMES", "Triple", "corpus", "mask", "naive_corpus"]

MAX_TRAINED_MASK = 3


def mask(i: int) -> str:
    """The mask token for index ``i``, as ``localize.mt.masking`` writes it."""
    return f"⟦{i}⟧"


@dataclass(frozen=True)
class Triple:
    en: str
    nl: str
    zh: str


@dataclass(frozen=True)
class Noun:
    en: str
    en_pl: str
    nl: str
    nl_pl: str
    nl_neuter: bool  # "het" word: "nieuw" instead of "nieuwe"
    zh: str


@dataclass(frozen=True)
class Verb:
    en: str
    nl: str
    en_pp: str
    nl_pp: str
    zh: str


NOUNS = [
    Noun("file", "files", "bestand", "bestanden", True, "文件"),
    Noun("article", "articles", "artikel", "artikelen", True, "文章"),
    Noun("model", "models", "model", "modellen", True, "模型"),
    Noun("page", "pages", "pagina", "pagina's", False, "页面"),
    Noun("message", "messages", "bericht", "berichten", True, "消息"),
    Noun("comment", "comments", "reactie", "reacties", False, "评论"),
    Noun("image", "images", "afbeelding", "afbeeldingen", False, "图片"),
    Noun("video", "videos", "video", "video's", False, "视频"),
    Noun("report", "reports", "rapport", "rapporten", True, "报告"),
    Noun("account", "accounts", "account", "accounts", True, "账户"),
    Noun("setting", "settings", "instelling", "instellingen", False, "设置"),
    Noun("story", "stories", "verhaal", "verhalen", True, "故事"),
    Noun("dataset", "datasets", "dataset", "datasets", False, "数据集"),
    Noun("chip", "chips", "chip", "chips", False, "芯片"),
    Noun("robot", "robots", "robot", "robots", False, "机器人"),
    Noun("tool", "tools", "tool", "tools", False, "工具"),
    Noun("paper", "papers", "paper", "papers", False, "论文"),
    Noun("newsletter", "newsletters", "nieuwsbrief", "nieuwsbrieven", False, "新闻简报"),
    Noun("category", "categories", "categorie", "categorieën", False, "类别"),
    Noun("link", "links", "link", "links", False, "链接"),
    Noun("draft", "drafts", "concept", "concepten", True, "草稿"),
    Noun("profile", "profiles", "profiel", "profielen", True, "个人资料"),
    Noun("update", "updates", "update", "updates", False, "更新"),
    Noun("password", "passwords", "wachtwoord", "wachtwoorden", True, "密码"),
]

VERBS = [
    Verb("Save", "opslaan", "saved", "opgeslagen", "保存"),
    Verb("Delete", "verwijderen", "deleted", "verwijderd", "删除"),
    Verb("Open", "openen", "opened", "geopend", "打开"),
    Verb("Share", "delen", "shared", "gedeeld", "分享"),
    Verb("Edit", "bewerken", "edited", "bewerkt", "编辑"),
    Verb("Download", "downloaden", "downloaded", "gedownload", "下载"),
    Verb("Upload", "uploaden", "uploaded", "geüpload", "上传"),
    Verb("Publish", "publiceren", "published", "gepubliceerd", "发布"),
    Verb("Update", "bijwerken", "updated", "bijgewerkt", "更新"),
    Verb("Copy", "kopiëren", "copied", "gekopieerd", "复制"),
]

FIXED = [
    Triple("Settings", "Instellingen", "设置"),
    Triple("Sign in", "Inloggen", "登录"),
    Triple("Sign out", "Uitloggen", "退出"),
    Triple("Search", "Zoeken", "搜索"),
    Triple("Cancel", "Annuleren", "取消"),
    Triple("Next page", "Volgende pagina", "下一页"),
    Triple("Previous page", "Vorige pagina", "上一页"),
    Triple("Read more", "Lees meer", "阅读更多"),
    Triple("Latest news", "Laatste nieuws", "最新新闻"),
    Triple("Why it matters", "Waarom dit telt", "为什么重要"),
    Triple("Subscribe to the newsletter", "Abonneer op de nieuwsbrief", "订阅新闻简报"),
    Triple("All rights reserved.", "Alle rechten voorbehouden.", "版权所有。"),
    Triple("Something went wrong.", "Er is iets misgegaan.", "出了点问题。"),
    Triple("Try again", "Opnieuw proberen", "重试"),
    Triple("Share this article", "Deel dit artikel", "分享这篇文章"),
    Triple("Artificial intelligence", "Kunstmatige intelligentie", "人工智能"),
    Triple("Machine learning", "Machinaal leren", "机器学习"),
    Triple("Privacy policy", "Privacybeleid", "隐私政策"),
    Triple("Contact us", "Neem contact op", "联系我们"),
    Triple("About us", "Over ons", "关于我们"),
    Triple("Back to top", "Terug naar boven", "返回顶部"),
    Triple("Show more", "Meer tonen", "显示更多"),
    Triple("Show less", "Minder tonen", "显示更少"),
    Triple("Yes", "Ja", "是"),
    Triple("No", "Nee", "否"),
    Triple("Home", "Startpagina", "首页"),
    Triple("Today", "Vandaag", "今天"),
    Triple("Yesterday", "Gisteren", "昨天"),
    Triple("Most read", "Meest gelezen", "最多阅读"),
    Triple("Open source", "Open source", "开源"),
]

Template = Callable[[random.Random], Triple]


def _noun_verb(rng: random.Random) -> Triple:
    n, v = rng.choice(NOUNS), rng.choice(VERBS)
    return Triple(f"{v.en} {n.en}", f"{n.nl.capitalize()} {v.nl}", f"{v.zh}{n.zh}")


def _done(rng: random.Random) -> Triple:
    n, v = rng.choice(NOUNS), rng.choice(VERBS)
    art = "Het" if n.nl_neuter else "De"
    return Triple(
        f"The {n.en} was {v.en_pp}.", f"{art} {n.nl} is {v.nl_pp}.", f"{n.zh}已{v.zh}。"
    )


def _yours(rng: random.Random) -> Triple:
    n, v = rng.choice(NOUNS), rng.choice(VERBS)
    return Triple(
        f"Your {n.en} has been {v.en_pp}.", f"Uw {n.nl} is {v.nl_pp}.", f"您的{n.zh}已{v.zh}。"
    )


def _none_found(rng: random.Random) -> Triple:
    n = rng.choice(NOUNS)
    return Triple(f"No {n.en_pl} found", f"Geen {n.nl_pl} gevonden", f"未找到{n.zh}")


def _all(rng: random.Random) -> Triple:
    n = rng.choice(NOUNS)
    return Triple(f"All {n.en_pl}", f"Alle {n.nl_pl}", f"所有{n.zh}")


def _new_count(rng: random.Random) -> Triple:
    n = rng.choice(NOUNS)
    m = mask(0)
    return Triple(f"{m} new {n.en_pl}", f"{m} nieuwe {n.nl_pl}", f"{m}个新{n.zh}")


def _count(rng: random.Random) -> Triple:
    n = rng.choice(NOUNS)
    m = mask(0)
    return Triple(f"{m} {n.en_pl}", f"{m} {n.nl_pl}", f"{m}个{n.zh}")


def _verb_mask(rng: random.Random) -> Triple:
    v = rng.choice(VERBS)
    m = mask(0)
    return Triple(f"{v.en} {m}", f"{m} {v.nl}", f"{v.zh}{m}")


def _released(rng: random.Random) -> Triple:
    n = rng.choice(NOUNS)
    m = mask(0)
    adj = "nieuw" if n.nl_neuter else "nieuwe"
    return Triple(
        f"{m} released a new {n.en}.",
        f"{m} heeft een {adj} {n.nl} uitgebracht.",
        f"{m}发布了新{n.zh}。",
    )


def _one_mask(rng: random.Random) -> Triple:
    m = mask(0)
    return rng.choice(
        [
            Triple(f"Read more about {m}", f"Lees meer over {m}", f"阅读更多关于{m}的内容"),
            Triple(f"Latest news about {m}", f"Laatste nieuws over {m}", f"关于{m}的最新新闻"),
            Triple(f"Welcome, {m}!", f"Welkom, {m}!", f"欢迎，{m}！"),
            Triple(f"Click {m} to continue.", f"Klik op {m} om verder te gaan.", f"点击{m}继续。"),
            Triple(f"{m} minutes ago", f"{m} minuten geleden", f"{m}分钟前"),
            Triple(f"By {m}", f"Door {m}", f"作者：{m}"),
            Triple(f"Search for {m}", f"Zoeken naar {m}", f"搜索{m}"),
            Triple(f"Hello {m}", f"Hallo {m}", f"你好{m}"),
        ]
    )


def _two_masks(rng: random.Random) -> Triple:
    a, b = mask(0), mask(1)
    return rng.choice(
        [
            Triple(f"Page {a} of {b}", f"Pagina {a} van {b}", f"第{a}页，共{b}页"),
            Triple(
                f"{a} and {b} are available.", f"{a} en {b} zijn beschikbaar.", f"{a}和{b}可用。"
            ),
            Triple(f"{a} works with {b}.", f"{a} werkt samen met {b}.", f"{a}与{b}合作。"),
            Triple(f"{a} wrote about {b}", f"{a} schreef over {b}", f"{a}写了关于{b}的文章"),
        ]
    )


def _three_masks(rng: random.Random) -> Triple:
    a, b, c = mask(0), mask(1), mask(2)
    return Triple(
        f"{a}, {b} and {c} are available.",
        f"{a}, {b} en {c} zijn beschikbaar.",
        f"{a}、{b}和{c}可用。",
    )


def _fixed(rng: random.Random) -> Triple:
    return rng.choice(FIXED)


TEMPLATES: list[tuple[Template, int]] = [
    (_noun_verb, 6),
    (_done, 5),
    (_yours, 4),
    (_none_found, 3),
    (_all, 2),
    (_new_count, 3),
    (_count, 3),
    (_verb_mask, 3),
    (_released, 3),
    (_one_mask, 6),
    (_two_masks, 4),
    (_three_masks, 1),
    (_fixed, 6),
]


def _renumber(t: Triple, base: int) -> Triple:
    """Shift mask indices so markup masks can wrap the phrase (⟦0⟧...⟦n⟧)."""
    out = [t.en, t.nl, t.zh]
    for i in reversed(range(MAX_TRAINED_MASK + 1)):
        out = [s.replace(mask(i), mask(i + base)) for s in out]
    return Triple(*out)


def _wrap(t: Triple, rng: random.Random) -> Triple:
    """Wrap a phrase in a markup pair of masks (``<b>...</b>`` masked)."""
    used = sum(1 for i in range(MAX_TRAINED_MASK + 1) if mask(i) in t.en)
    if used + 2 > MAX_TRAINED_MASK + 1:
        return t
    inner = _renumber(t, 1)
    a, b = mask(0), mask(used + 1)
    return Triple(f"{a}{inner.en}{b}", f"{a}{inner.nl}{b}", f"{a}{inner.zh}{b}")


def corpus(size: int, seed: int) -> Iterator[Triple]:
    """``size`` phrase triples drawn from the templates with a fixed seed."""
    rng = random.Random(seed)
    funcs = [f for f, _ in TEMPLATES]
    weights = [w for _, w in TEMPLATES]
    yield from FIXED
    for _ in range(size - len(FIXED)):
        t = rng.choices(funcs, weights)[0](rng)
        if rng.random() < 0.1:
            t = _wrap(t, rng)
        yield t


NAMES = [
    "OpenAI", "Google", "Linux", "Python", "Anna", "Thomas", "Maria", "Peter", "GitHub",
    "Wikipedia", "Mistral", "Europa", "Sophie", "Daniel", "Apple", "Microsoft",
]


def _fill_slot(rng: random.Random) -> str:
    """What real parallel data has where a mask stands: a number or a name."""
    if rng.random() < 0.5:
        return str(rng.choice([rng.randint(2, 99), rng.randint(100, 9999)]))
    return rng.choice(NAMES)


def naive_corpus(size: int, seed: int) -> Iterator[Triple]:
    """``corpus(size, seed)`` with every mask replaced by a number or a name (no masks left).

    Wrapped phrases lose their markup masks: real parallel data holds little markup.
    """
    rng = random.Random(seed + 500)
    for t in corpus(size, seed):
        out = [t.en, t.nl, t.zh]
        used = [i for i in range(MAX_TRAINED_MASK + 2) if mask(i) in t.en]
        wrapped = len(used) > 1 and all(
            s.startswith(mask(0)) and s.endswith(mask(used[-1])) for s in out)
        for i in used:
            value = "" if wrapped and i in (0, used[-1]) else _fill_slot(rng)
            out = [s.replace(mask(i), value) for s in out]
        yield Triple(*out)
