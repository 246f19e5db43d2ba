"""The database copy of the articles and the index every process keeps over it."""
from __future__ import annotations

import datetime as dt
import json
import os
import threading
import time

from sqlalchemy import select

from bot import clock
from bot.models import KnowledgeArticle, UnansweredQuery
from knowledge.article import dump, load_dir
from knowledge.store import import_dir, record_unanswered


def test_import_is_idempotent_and_counts_changes(session, tmp_path):
    """A second import of unchanged files touches nothing; an edited file is one update."""
    for article in load_dir()[:3]:
        (tmp_path / f"{article.slug}.md").write_text(dump(article), encoding="utf-8")
    assert import_dir(session, tmp_path) == (3, 0, [])
    session.commit()
    assert import_dir(session, tmp_path) == (0, 0, [])
    first = sorted(tmp_path.glob("*.md"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nKalimat tambahan.\n", encoding="utf-8")
    _touch(first, clock.now() + dt.timedelta(seconds=1))
    assert import_dir(session, tmp_path) == (0, 1, [])


def test_import_keeps_console_edits_newer_than_the_file(session, tmp_path):
    """An article edited or switched off in the console after its file was written survives `kb import`."""
    article = load_dir()[0]
    path = tmp_path / f"{article.slug}.md"
    path.write_text(dump(article), encoding="utf-8")
    _touch(path, clock.now() - dt.timedelta(hours=1))
    import_dir(session, tmp_path)
    row = session.scalar(select(KnowledgeArticle))
    row.title, row.active, row.updated_at = "Judul dari konsol", False, clock.now()
    session.commit()
    assert import_dir(session, tmp_path) == (0, 0, [article.slug])
    assert (row.title, row.active) == ("Judul dari konsol", False)
    _touch(path, clock.now() + dt.timedelta(seconds=1))  # the file changed after the edit: the file wins
    assert import_dir(session, tmp_path) == (0, 1, [])
    assert (row.title, row.active) == (article.title, True)


def _touch(path, when):
    os.utime(path, (when.timestamp(), when.timestamp()))


def test_index_is_built_once_and_follows_edits(app, knowledge, session):
    """Repeated searches reuse one index; an edit in the database (as the console makes) rebuilds it."""
    first = knowledge.index(session)
    assert knowledge.index(session) is first
    row = session.scalar(select(KnowledgeArticle).where(KnowledgeArticle.slug == "jam-layanan-pst"))
    row.questions = [*row.questions, "kapan loket pst buka di hari kerja"]
    row.updated_at = clock.now()
    session.commit()
    rebuilt = knowledge.index(session)
    assert rebuilt is not first
    assert "kapan loket pst buka di hari kerja" in rebuilt.articles["jam-layanan-pst"].questions


def test_deactivated_article_is_no_longer_found(app, knowledge, session):
    """An article switched off in the console disappears from the answers."""
    assert knowledge.search(session, "jam buka pelayanan")[0].slug == "jam-layanan-pst"
    row = session.scalar(select(KnowledgeArticle).where(KnowledgeArticle.slug == "jam-layanan-pst"))
    row.active = False
    session.commit()
    assert all(hit.slug != "jam-layanan-pst" for hit in knowledge.search(session, "jam buka pelayanan"))


def test_unanswered_questions_are_counted(session):
    """The same unanswered question asked twice is one row with count 2."""
    record_unanswered(session, "Harga tiket pesawat?", "harga tiket pesawat")
    record_unanswered(session, "harga tiket pesawat", "harga tiket pesawat")
    session.commit()
    (row,) = session.scalars(select(UnansweredQuery)).all()
    assert row.count == 2 and row.example == "Harga tiket pesawat?"


def test_the_same_new_question_counted_by_two_workers_at_once(app):
    """A second worker counting a question the first has not committed yet waits and adds one; no error."""
    db, errors = app.extensions["db"], []

    def second():
        try:
            with db.session() as other:
                record_unanswered(other, "harga cabai?", "harga cabai")
                other.commit()
        except Exception as exc:  # collected for the assertion below
            errors.append(exc)

    with db.session() as first:
        record_unanswered(first, "harga cabai", "harga cabai")
        first.flush()
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.3)  # the second worker is now waiting on the first's uncommitted row
        first.commit()
    thread.join()
    with db.session() as session:
        (row,) = session.scalars(select(UnansweredQuery)).all()
    assert errors == [] and (row.count, row.example) == (2, "harga cabai")


def test_import_of_a_bad_file_names_it_and_imports_nothing(runner, session, tmp_path):
    """`kb import` with one broken file exits with one line naming it, and no other file is imported."""
    good = load_dir()[0]
    (tmp_path / f"{good.slug}.md").write_text(dump(good), encoding="utf-8")
    (tmp_path / "zz-rusak.md").write_text("---\ntitle: [tidak ditutup\n---\nIsi.\n", encoding="utf-8")
    result = runner.invoke(args=["kb", "import", "--dir", str(tmp_path)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "zz-rusak: front matter is not valid YAML" in result.output
    assert session.scalars(select(KnowledgeArticle)).all() == []


def test_import_from_a_missing_directory_is_refused(runner, tmp_path):
    """A mistyped --dir is an error, not "0 articles created"."""
    result = runner.invoke(args=["kb", "import", "--dir", str(tmp_path / "artikel")])
    assert result.exit_code == 2 and "does not exist" in result.output


def test_nul_in_a_question_is_searched_and_counted(knowledge, session):
    """PostgreSQL refuses NUL in text: a question carrying one is still searched and counted, without it."""
    assert knowledge.search(session, "jam buka\x00 pelayanan")[0].slug == "jam-layanan-pst"
    record_unanswered(session, "harga tiket\x00 pesawat", "harga tiket\x00 pesawat")
    session.commit()
    (row,) = session.scalars(select(UnansweredQuery)).all()
    assert row.normalized == "harga tiket pesawat" and row.example == "harga tiket pesawat"


def test_search_json_is_ranked(runner, knowledge):
    """`kb search --json` prints valid JSON whose hits carry their rank, score and confidence."""
    result = runner.invoke(args=["kb", "search", "--json", "--limit", "3", "brp angka kemiskinan llg"])
    hits = json.loads(result.output)
    assert [h["rank"] for h in hits] == [1, 2, 3] and hits[0]["slug"] == "data-kemiskinan-lubuklinggau"
    assert hits[0]["confident"] is True and isinstance(hits[0]["score"], float)


def test_eval_with_a_missing_queries_file_is_refused(runner, knowledge, tmp_path):
    """A mistyped --queries path is a one-line usage error, not a FileNotFoundError traceback."""
    result = runner.invoke(args=["kb", "eval", "--queries", str(tmp_path / "queries.tsv")])
    assert result.exit_code == 2 and "does not exist" in result.output
