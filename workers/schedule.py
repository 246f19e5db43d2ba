"""Periodic jobs, registered when a worker starts. The deadline sweeper arrives with its issue."""
from __future__ import annotations

from redis import Redis


def install(connection: Redis) -> None:
    """Register periodic jobs on ``connection`` (idempotent: several workers may call it)."""
