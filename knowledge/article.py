"""A knowledge article and its text-file form (YAML front matter + Markdown body).

Articles live in ``knowledge/articles/<slug>.md`` so that content changes are reviewed in pull
requests like code; the database holds the copy the bot and the console use.
"""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Iterable

import yaml

ARTICLES_DIR = Path(__file__).parent / "articles"
_FRONT = re.compile(r"\A---\s*\n(.*?)\n---\s*\n(.*)\Z", re.S)
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,118}$")
LANGUAGES = ("id", "en")
MAX_FIELD = 255  # title and source columns; PostgreSQL refuses a longer value mid-import


class ArticleError(ValueError):
    """An article file that cannot be read; the message names the file and the problem."""


@dataclasses.dataclass(frozen=True)
class Article:
    slug: str
    title: str
    body: str
    questions: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    lang: str = "id"
    source: str = ""
    # The same article in the other language: search lists one of the two, never both.
    twin: str = ""

    @property
    def summary(self) -> str:
        """First paragraph of the body: what a numbered search answer shows."""
        return self.body.strip().split("\n\n", 1)[0].strip()


def parse(text: str, slug: str) -> Article:
    """Parse one article file's text; ``slug`` comes from the file name."""
    match = _FRONT.match(text)
    if not match:
        raise ArticleError(f"{slug}: missing '---' front matter")
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        raise ArticleError(f"{slug}: front matter is not valid YAML ({exc.__class__.__name__})") from exc
    if not isinstance(meta, dict):
        raise ArticleError(f"{slug}: front matter must be 'key: value' lines")
    if not SLUG.match(slug):
        raise ArticleError(f"{slug}: slug must be lowercase letters, digits and '-'")
    title = str(meta.get("title") or "").strip()
    body = match.group(2).strip()
    if not title or not body:
        raise ArticleError(f"{slug}: title and body are required")
    article = Article(slug=slug, title=title, body=body, questions=_strings(meta, "questions", slug),
                      tags=_strings(meta, "tags", slug), lang=str(meta.get("lang") or "id"),
                      source=str(meta.get("source") or ""), twin=str(meta.get("twin") or "").strip())
    if article.lang not in LANGUAGES:
        raise ArticleError(f"{slug}: lang must be one of {', '.join(LANGUAGES)}")
    if article.twin and (not SLUG.match(article.twin) or article.twin == slug):
        raise ArticleError(f"{slug}: twin must be the slug of another article")
    for field in ("title", "source"):
        if len(getattr(article, field)) > MAX_FIELD:
            raise ArticleError(f"{slug}: {field} is longer than {MAX_FIELD} characters")
    return article


def _strings(meta: dict, field: str, slug: str) -> tuple[str, ...]:
    """A list field; a bare string would otherwise be read letter by letter."""
    value = meta.get(field) or []
    if not isinstance(value, list):
        raise ArticleError(f"{slug}: {field} must be a list ('- ...' lines)")
    return tuple(str(v).strip() for v in value if v is not None and str(v).strip())


def dump(article: Article) -> str:
    """The file text for an article; ``parse(dump(a), a.slug) == a``."""
    meta = {"title": article.title, "lang": article.lang, "tags": list(article.tags),
            "questions": list(article.questions)}
    if article.source:
        meta["source"] = article.source
    if article.twin:
        meta["twin"] = article.twin
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100)
    return f"---\n{front}---\n{article.body.strip()}\n"


def load_dir(directory: Path = ARTICLES_DIR) -> list[Article]:
    """Every ``*.md`` article in ``directory``, sorted by slug; the first bad file stops the whole load."""
    return [_read(p) for p in sorted(directory.glob("*.md"))]


def _read(path: Path) -> Article:
    try:
        text = path.read_text(encoding="utf-8-sig")  # -sig: editors on Windows may write a byte order mark
    except UnicodeDecodeError as exc:
        raise ArticleError(f"{path.name}: not UTF-8 (byte {exc.start}); save the file as UTF-8") from exc
    return parse(text, path.stem)


def slugs(articles: Iterable[Article]) -> set[str]:
    return {a.slug for a in articles}
