"""``flask --app wsgi report ikm --from 2026-01-01 --to 2026-12-31 [--by quarter] [--csv]``."""
from __future__ import annotations

import datetime as dt

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from bot.db import get_db
from bot.survey import ikm

report_cli = AppGroup("report", help="Reports for the office.")


def _date(_ctx, _param, value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2026-01-31") from None


@report_cli.command("ikm")
@click.option("--from", "start", required=True, callback=_date, help="First day (YYYY-MM-DD), office time.")
@click.option("--to", "end", required=True, callback=_date, help="Last day, included.")
@click.option("--by", type=click.Choice(ikm.PERIODS), default="month", show_default=True)
@click.option("--csv", "as_csv", is_flag=True, help="CSV instead of a table.")
def report_ikm(start: dt.date, end: dt.date, by: str, as_csv: bool) -> None:
    """The IKM per period and channel from the SKM answers (PermenPAN-RB 14/2017)."""
    if end < start:
        raise click.BadParameter("--to is before --from")
    with get_db().session() as session:
        rows = ikm.report(session, current_app.config["SETTINGS"], start, end, by)
    if as_csv:
        click.echo(ikm.as_csv(rows), nl=False)
        return
    if not rows:
        click.echo(f"no SKM answers from {start} to {end}")
        return
    click.echo(f"{'period':<9} {'channel':<9} {'n':>5} " + " ".join(f"{f'U{n}':>5}" for n in range(1, 10))
               + f" {'IKM':>6}  grade")
    for row in rows:
        r = row.result
        click.echo(f"{row.period:<9} {row.channel:<9} {r.respondents:>5} "
                   + " ".join(f"{float(v):>5.2f}" for v in r.nrr_shown()) + f" {r.ikm:>6}  {r.grade}")


def init_app(app: Flask) -> None:
    app.cli.add_command(report_cli)
