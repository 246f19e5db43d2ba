"""``flask --app wsgi intent eval`` for maintainers of the intent layer and its corpus."""
from __future__ import annotations

import json

import click
from flask import Flask
from flask.cli import AppGroup

intent_cli = AppGroup("intent", help="The intent layer: measure it on its corpus.")


@intent_cli.command("eval")
@click.option("--folds", default=5, show_default=True, type=click.IntRange(2, 20),
              help="Folds of the cross-validation on train.tsv.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def intent_eval(folds: int, as_json: bool) -> None:
    """Score the intent layer and today's keyword rules on the held-out split (and the layer cross-validated
    on train)."""
    from bot.nlu import evaluate

    result = evaluate.run(folds)
    click.echo(json.dumps(result, indent=2) if as_json else evaluate.table(result))


def init_app(app: Flask) -> None:
    app.cli.add_command(intent_cli)
