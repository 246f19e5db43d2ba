"""The IKM (Indeks Kepuasan Masyarakat, PermenPAN-RB 14/2017) from SKM answers.

Per element the NRR is the mean score (1–4) of the answers; IKM = Σ NRR × weight × 25 with the weights of
``IKM_WEIGHTS`` (1/9 each by default, kept as exact fractions). Rounding happens once, at the end: the IKM is
rounded half up to two decimals and that rounded figure is graded, so a figure shown as 88.31 is always an A.
NRRs are shown to three decimals for reading only; the IKM is computed from the exact means, never from
the rounded ones. Periods are calendar months, quarters or years in the office's time zone.
"""
from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Iterable, Optional, Sequence
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.models import ELEMENTS, SurveyResponse

PERIODS = ("month", "quarter", "year")
ALL = "all"
# (lowest IKM of the grade, grade, quality) — PermenPAN-RB 14/2017's conversion table, lowest IKM is 25.00.
GRADES = ((Decimal("88.31"), "A", "sangat baik"), (Decimal("76.61"), "B", "baik"),
          (Decimal("65.00"), "C", "kurang baik"), (Decimal("25.00"), "D", "tidak baik"))


def half_up(value: Fraction, places: int) -> Decimal:
    """Round an exact value half up (88.305 → 88.31), as the report and the grade read it."""
    exact = Decimal(value.numerator) / Decimal(value.denominator)  # 28 significant digits: ample for 1–100
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def grade(ikm: Decimal) -> str:
    return next(letter for lowest, letter, _ in GRADES if ikm >= lowest)


@dataclasses.dataclass(frozen=True)
class Result:
    respondents: int
    nrr: tuple[Fraction, ...]  # exact means, element by element
    ikm: Decimal  # rounded half up to 0.01
    grade: str

    def nrr_shown(self) -> tuple[Decimal, ...]:
        return tuple(half_up(v, 3) for v in self.nrr)


def compute(scores: Sequence[Sequence[int]], weights: Sequence[Fraction]) -> Optional[Result]:
    """The IKM of these answers (each nine scores 1–4), or None when there are none."""
    if not scores:
        return None
    n = len(scores)
    nrr = tuple(Fraction(sum(row[i] for row in scores), n) for i in range(len(ELEMENTS)))
    ikm = half_up(sum(v * w for v, w in zip(nrr, weights)) * 25, 2)
    return Result(n, nrr, ikm, grade(ikm))


def period_of(moment: dt.datetime, by: str, tz: ZoneInfo) -> str:
    local = moment.astimezone(tz)
    if by == "year":
        return f"{local.year}"
    if by == "quarter":
        return f"{local.year}-Q{(local.month - 1) // 3 + 1}"
    return f"{local.year}-{local.month:02d}"


@dataclasses.dataclass(frozen=True)
class Row:
    period: str
    channel: str  # a channel, or ALL
    result: Result


def report(session: Session, settings, start: dt.date, end: dt.date, by: str = "month") -> list[Row]:
    """Rows per period (and per channel, after the period's all-channel row) for answers given from ``start`` to
    ``end`` inclusive, in the office's days."""
    tz = ZoneInfo(settings.office_timezone)
    lo = dt.datetime.combine(start, dt.time(), tz)
    hi = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tz)
    groups: dict[tuple[str, str], list[tuple[int, ...]]] = defaultdict(list)
    for response in session.scalars(select(SurveyResponse).where(
            SurveyResponse.created_at >= lo, SurveyResponse.created_at < hi).order_by(SurveyResponse.created_at)):
        period = period_of(response.created_at, by, tz)
        groups[(period, ALL)].append(response.scores())
        groups[(period, response.channel)].append(response.scores())
    order = sorted(groups, key=lambda key: (key[0], key[1] != ALL, key[1]))
    return [Row(period, channel, compute(groups[(period, channel)], settings.ikm_weights))
            for period, channel in order]


HEADER = ("period", "channel", "respondents", *(f"nrr_u{n}_{e}" for n, e in enumerate(ELEMENTS, 1)), "ikm",
          "grade")


def as_csv(rows: Iterable[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for row in rows:
        r = row.result
        writer.writerow([row.period, row.channel, r.respondents, *r.nrr_shown(), r.ikm, r.grade])
    return buffer.getvalue()
