"""``flask --app wsgi kb import|export|search|eval`` for maintainers of the knowledge base."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from bot.db import get_db
from knowledge.article import ARTICLES_DIR, ArticleError, dump
from knowledge.store import active_articles, import_dir

kb_cli = AppGroup("kb", help="Knowledge base upkeep.")


@kb_cli.command("import")
@click.option("--dir", "directory", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=ARTICLES_DIR)
def kb_import(directory: Path) -> None:
    """Copy the article files into the database (new and changed ones); one bad file imports nothing."""
    with get_db().session() as session:
        try:
            created, updated, kept = import_dir(session, directory)
        except ArticleError as exc:
            raise click.ClickException(str(exc)) from exc
        session.commit()
        # Encode the new texts now, so the first citizen after a deploy does not wait for it.
        current_app.extensions["knowledge"].index(session)
        session.commit()
    click.echo(f"{created} articles created, {updated} updated")
    if kept:
        click.echo(f"{len(kept)} kept as changed in the console after their file (`kb export` writes edits to the "
                   f"files; delete the file of one switched off; a file saved later wins): {', '.join(kept)}")


@kb_cli.command("export")
@click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path), default=ARTICLES_DIR)
def kb_export(directory: Path) -> None:
    """Write the database's articles back to files (to review console edits in a pull request)."""
    directory.mkdir(parents=True, exist_ok=True)
    with get_db().session() as session:
        articles = active_articles(session)
    for article in articles:
        (directory / f"{article.slug}.md").write_text(dump(article), encoding="utf-8")
    click.echo(f"{len(articles)} articles written to {directory}")


@kb_cli.command("search")
@click.argument("query")
@click.option("--limit", default=5, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the ranked hits as JSON.")
def kb_search(query: str, limit: int, as_json: bool) -> None:
    """Search the knowledge base as the bot would."""
    with get_db().session() as session:
        hits = current_app.extensions["knowledge"].search(session, query, limit=limit)
    if as_json:
        ranked = [{"rank": rank, **dataclasses.asdict(hit)} for rank, hit in enumerate(hits, 1)]
        click.echo(json.dumps(ranked, ensure_ascii=False, indent=2))
        return
    if not hits:
        click.echo("no hits")
    for rank, hit in enumerate(hits, 1):
        mark = "" if hit.confident else "  (below threshold)"
        click.echo(f"{rank}. {hit.slug}  {hit.score:.3f}{mark}\n   {hit.title}")


@kb_cli.command("eval")
@click.option("--queries", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None)
def kb_eval(queries: Path | None) -> None:
    """Score our search and two baselines on the labelled queries."""
    from knowledge import evaluation

    with get_db().session() as session:
        articles = active_articles(session)
    if not articles:
        raise click.ClickException("the knowledge base is empty: run `flask --app wsgi kb import` first")
    click.echo(evaluation.run(articles, queries or evaluation.QUERIES_PATH))


def init_app(app: Flask) -> None:
    app.cli.add_command(kb_cli)
