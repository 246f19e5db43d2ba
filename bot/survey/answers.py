"""Storing and finding SKM answers: one per service event, whoever submits first."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from sqlalchemy import exists, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.models import ELEMENTS, Consultation, ServiceEvent, SurveyResponse

# The optional profile: field -> allowed codes (labels in bot/texts "survey_options"); anything else is dropped.
PROFILE = {
    "sex": ("f", "m"),
    "age_band": ("lt20", "20_29", "30_39", "40_49", "50_59", "60p"),
    "education": ("sd", "smp", "sma", "diploma", "s1", "s2", "s3"),
    "occupation": ("pns", "tni_polri", "private", "self", "student", "other"),
}


class AlreadyAnswered(Exception):
    """This service event has its answer; a second one is refused (the first is what the report counted)."""


def answered(session: Session, kind: ServiceEvent, event_id: int) -> bool:
    return bool(session.scalar(select(exists().where(
        SurveyResponse.event_kind == kind.value, SurveyResponse.event_id == event_id))))


def event_of(session: Session, kind: ServiceEvent, event_id: int) -> Optional[str]:
    """The channel of the service event, or None when there is no such event.

    Walk-in visits (issue 19) add their branch here."""
    if kind is ServiceEvent.CONSULTATION:
        row = session.get(Consultation, event_id)
        return row.channel if row is not None else None
    return None


def forget_profiles(session: Session, consultation_ids: list[int]) -> None:
    """HAPUS DATA: the scores stay in the report, the profile (sex, age, education, occupation) goes."""
    if consultation_ids:
        session.execute(update(SurveyResponse).where(
            SurveyResponse.event_kind == ServiceEvent.CONSULTATION.value,
            SurveyResponse.event_id.in_(consultation_ids)).values({field: None for field in PROFILE}))


def read_form(form) -> tuple[dict[str, int], dict[str, Optional[str]], list[str]]:
    """Scores u1..u9 (1–4), the profile (known codes only), and the elements left unanswered or invalid."""
    scores, missing = {}, []
    for n, _element in enumerate(ELEMENTS, 1):
        value = (form.get(f"u{n}") or "").strip()
        if value in ("1", "2", "3", "4"):
            scores[f"u{n}"] = int(value)
        else:
            missing.append(f"u{n}")
    profile = {field: (form.get(field) if form.get(field) in codes else None) for field, codes in PROFILE.items()}
    return scores, profile, missing


def store(session: Session, kind: ServiceEvent, event_id: int, scores: dict[str, int],
          profile: dict[str, Optional[str]], now: dt.datetime) -> SurveyResponse:
    """Insert the answer; a concurrent or repeated one hits the unique constraint and is refused."""
    channel = event_of(session, kind, event_id)
    if answered(session, kind, event_id):
        raise AlreadyAnswered()
    response = SurveyResponse(event_kind=kind.value, event_id=event_id, channel=channel, created_at=now,
                              **scores, **profile)
    try:
        with session.begin_nested():
            session.add(response)
    except IntegrityError:
        raise AlreadyAnswered() from None
    return response
