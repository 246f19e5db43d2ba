"""The IKM report (issue 17 item 3): the computation against a hand-worked example, grades at their edges,
periods and channels in the office's time zone, the console page, the CSV and the command."""
from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from fractions import Fraction

import pytest

from bot.models import SurveyResponse
from bot.survey import ikm
from bot.texts import WIB
from config import parse
from tests.console_support import login, make_officer

EQUAL = (Fraction(1, 9),) * 9
WORKED = [  # u1 … u9 of four respondents
    (4, 4, 3, 4, 3, 4, 4, 3, 3),
    (3, 3, 3, 4, 3, 4, 4, 2, 3),
    (4, 3, 2, 4, 4, 3, 4, 3, 3),
    (3, 3, 3, 4, 3, 4, 3, 3, 4),
]


def test_ikm_matches_the_hand_computation():
    """Worked by hand, PermenPAN-RB 14/2017's method with weights 1/9:

    column sums   u1 14, u2 13, u3 11, u4 16, u5 13, u6 15, u7 15, u8 11, u9 13   (n = 4)
    NRR = sum / 4 u1 3.50, u2 3.25, u3 2.75, u4 4.00, u5 3.25, u6 3.75, u7 3.75, u8 2.75, u9 3.25
    Σ NRR          = 30.25
    Σ NRR × 1/9    = 3.36111…
    IKM = × 25     = 756.25 / 9 = 84.02777…  → rounded half up to two decimals: 84.03
    84.03 lies in 76.61–88.30                 → grade B
    (With the regulation's printed weight 0.111 instead of 1/9: 30.25 × 0.111 × 25 = 83.94375 → 83.94, still B;
    we keep weights exact, see README "IKM report".)
    """
    result = ikm.compute(WORKED, EQUAL)
    assert result.respondents == 4
    assert result.nrr == tuple(Fraction(s, 4) for s in (14, 13, 11, 16, 13, 15, 15, 11, 13))
    assert result.nrr_shown() == tuple(Decimal(v) for v in ("3.500", "3.250", "2.750", "4.000", "3.250", "3.750",
                                                             "3.750", "2.750", "3.250"))
    assert (result.ikm, result.grade) == (Decimal("84.03"), "B")


def test_configured_weights_are_used():
    """IKM_WEIGHTS "0.2 0.1 …": one answer 4 on u1 and 2 elsewhere gives (0.2×4 + 0.8×2) × 25 = 60.00, grade D."""
    weights = parse.weights("0.2 " + "0.1 " * 8)
    result = ikm.compute([(4,) + (2,) * 8], weights)
    assert (result.ikm, result.grade) == (Decimal("60.00"), "D")


@pytest.mark.parametrize("text", ["0.111 " * 9, "1/9 " * 8, "1/10 " * 10, "a b c", "-1 " + "1/4 " * 8])
def test_weights_that_do_not_sum_to_1_are_refused(text):
    """Nine weights summing to exactly 1, or the setting is refused at start-up."""
    with pytest.raises(ValueError):
        parse.weights(text)


@pytest.mark.parametrize("ikm_value, grade", [("100.00", "A"), ("88.31", "A"), ("88.30", "B"), ("76.61", "B"),
                                              ("76.60", "C"), ("65.00", "C"), ("64.99", "D"), ("25.00", "D")])
def test_grades_at_their_edges(ikm_value, grade):
    """A 88.31–100, B 76.61–88.30, C 65.00–76.60, D 25.00–64.99."""
    assert ikm.grade(Decimal(ikm_value)) == grade


def test_rounding_is_half_up_once_at_the_end():
    """88.305 is shown and graded as 88.31 (A); 64.995 as 65.00 (C); the extremes are 25.00 and 100.00."""
    assert ikm.half_up(Fraction(88305, 1000), 2) == Decimal("88.31")
    assert ikm.grade(ikm.half_up(Fraction(64995, 1000), 2)) == "C"
    assert ikm.compute([(1,) * 9], EQUAL).ikm == Decimal("25.00")
    assert ikm.compute([(4,) * 9], EQUAL).ikm == Decimal("100.00")
    assert ikm.compute([], EQUAL) is None


def _answer(session, n: int, when: dt.datetime, channel: str, scores) -> None:
    session.add(SurveyResponse(event_kind="consultation", event_id=n, channel=channel, created_at=when,
                               **{f"u{i}": s for i, s in enumerate(scores, 1)}))


@pytest.fixture
def answered(app):
    """The worked example in March (two by WhatsApp, two by e-mail, one at 23:30 WIB on the 31st), and one
    perfect answer in April."""
    with app.app_context(), app.extensions["db"].session() as s:
        times = [dt.datetime(2026, 3, 2, 9, tzinfo=WIB), dt.datetime(2026, 3, 10, 9, tzinfo=WIB),
                 dt.datetime(2026, 3, 20, 9, tzinfo=WIB), dt.datetime(2026, 3, 31, 23, 30, tzinfo=WIB)]
        for n, (when, channel, scores) in enumerate(zip(times, ("whatsapp", "email", "whatsapp", "email"), WORKED)):
            _answer(s, n + 1, when, channel, scores)
        _answer(s, 5, dt.datetime(2026, 4, 1, 8, tzinfo=WIB), "whatsapp", (4,) * 9)
        s.commit()
    return app


def _table(rows) -> dict[tuple[str, str], tuple[int, str, str]]:
    return {(r.period, r.channel): (r.result.respondents, str(r.result.ikm), r.result.grade) for r in rows}


def test_report_by_month_quarter_and_year_with_channels(answered):
    """Months follow the office's clock (23:30 WIB on 31 March is March); each period has an all-channel row."""
    settings = answered.config["SETTINGS"]
    with answered.app_context(), answered.extensions["db"].session() as s:
        months = _table(ikm.report(s, settings, dt.date(2026, 1, 1), dt.date(2026, 12, 31), "month"))
        quarters = _table(ikm.report(s, settings, dt.date(2026, 1, 1), dt.date(2026, 12, 31), "quarter"))
        year = _table(ikm.report(s, settings, dt.date(2026, 1, 1), dt.date(2026, 12, 31), "year"))
        march_only = _table(ikm.report(s, settings, dt.date(2026, 3, 1), dt.date(2026, 3, 31), "month"))
    assert months[("2026-03", "all")] == (4, "84.03", "B") and months[("2026-04", "all")] == (1, "100.00", "A")
    assert months[("2026-03", "whatsapp")][0] == 2 and months[("2026-03", "email")][0] == 2
    assert quarters[("2026-Q1", "all")] == (4, "84.03", "B") and quarters[("2026-Q2", "all")][0] == 1
    assert year[("2026", "all")][0] == 5 and set(march_only) == {("2026-03", "all"), ("2026-03", "whatsapp"),
                                                                  ("2026-03", "email")}


def test_command_prints_the_table_and_csv(answered):
    """`flask report ikm --from … --to …` prints IKM and grade per period and channel; --csv the same as CSV."""
    runner = answered.test_cli_runner()
    shown = runner.invoke(args=["report", "ikm", "--from", "2026-03-01", "--to", "2026-03-31"])
    assert shown.exit_code == 0, shown.output
    assert "2026-03   all           4" in shown.output and "84.03  B" in shown.output
    as_csv = runner.invoke(args=["report", "ikm", "--from", "2026-01-01", "--to", "2026-12-31", "--by", "quarter",
                                 "--csv"])
    rows = list(csv.DictReader(io.StringIO(as_csv.output)))
    assert rows[0]["period"] == "2026-Q1" and rows[0]["ikm"] == "84.03" and rows[0]["nrr_u3_time"] == "2.750"


@pytest.mark.parametrize("args, says", [
    (["--from", "2026-13-01", "--to", "2026-12-31"], "not a date"),
    (["--from", "2026-03-01", "--to", "2026-02-01"], "before --from"),
    (["--from", "2026-03-01", "--to", "2026-03-31", "--by", "week"], "week"),
    (["--from", "2026-03-01"], "--to"),
])
def test_command_refuses_bad_input_in_one_line(app, args, says):
    """Bad dates or periods: an error naming the option, exit status 2, no traceback."""
    result = app.test_cli_runner().invoke(args=["report", "ikm", *args])
    assert result.exit_code == 2 and says in result.output and "Traceback" not in result.output


def test_command_says_when_there_are_no_answers(app):
    result = app.test_cli_runner().invoke(args=["report", "ikm", "--from", "2026-01-01", "--to", "2026-01-31"])
    assert result.exit_code == 0 and "no SKM answers" in result.output


def test_console_page_and_csv_for_supervisors_only(answered):
    """A supervisor sees the table and chart and downloads the CSV; an officer is refused."""
    make_officer(answered, "boss", role="supervisor")
    make_officer(answered, "siti")
    client = answered.test_client()
    login(client, "siti")
    assert client.get("/console/ikm/").status_code == 403
    assert client.get("/console/ikm/ikm.csv?from=2026-01-01&to=2026-12-31").status_code == 403
    boss = answered.test_client()
    login(boss, "boss")
    page = boss.get("/console/ikm/?from=2026-01-01&to=2026-12-31&by=quarter").get_data(as_text=True)
    assert "2026-Q1" in page and "84.03" in page and "<svg" in page and ">IKM<" in page
    exported = boss.get("/console/ikm/ikm.csv?from=2026-01-01&to=2026-12-31&by=month")
    assert exported.mimetype == "text/csv" and "2026-04,all,1," in exported.get_data(as_text=True)


@pytest.mark.parametrize("query", ["from=2026-02-30", "from=x&to=y", "by=week", "from=2026-05-01&to=2026-04-01",
                                   "from=%00"])
def test_console_page_refuses_bad_queries_with_a_message(answered, query):
    """A bad date or period: the page says what is wrong (400), never a 500; the CSV answers 400 in words."""
    make_officer(answered, "boss", role="supervisor")
    client = answered.test_client()
    login(client, "boss")
    page = client.get(f"/console/ikm/?{query}")
    assert page.status_code == 400 and 'role="alert"' in page.get_data(as_text=True)
    assert client.get(f"/console/ikm/ikm.csv?{query}").status_code == 400
