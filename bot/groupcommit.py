"""Group commit: what concurrent requests each have to store is written by one of them, in one go.

A burst of WhatsApp messages is several gunicorn threads, each holding one request that must be
committed (and its job enqueued) before it may answer. Written one by one, every request pays its
own database round trip, commit and Redis round trip, which on a small server cost more CPU than
the rest of the request. Here the first caller that finds nobody writing becomes the *leader*: it
takes every item queued so far (its own included), writes them with one ``write`` call, and hands
each waiting caller its own result. A lone request is written at once by its own thread: no
hand-off, no timer, no added latency. Every caller still returns only after ``write`` has
returned for its item, so "stored before answered" holds for each of them.

PostgreSQL and many log-structured stores do the same thing inside; this is that idea one level up.
"""
from __future__ import annotations

import threading
from typing import Callable, Generic, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class _Slot(Generic[T, R]):
    __slots__ = ("item", "result", "error", "done")

    def __init__(self, item: T):
        self.item = item
        self.result: R | None = None
        self.error: BaseException | None = None
        self.done = False

    def outcome(self) -> R:
        if self.error is not None:
            raise self.error
        return self.result  # type: ignore[return-value]


class GroupCommit(Generic[T, R]):
    """``submit(item)`` returns ``write([...item...])``'s result for that item, sharing the call.

    ``write`` gets the items in arrival order and returns one result per item, in the same order;
    if it raises, every caller of that batch gets the exception. At most ``limit`` items per call.
    """

    def __init__(self, write: Callable[[list[T]], Sequence[R]], limit: int = 64):
        self._write = write
        self.limit = limit
        self._cond = threading.Condition()
        self._queue: list[_Slot[T, R]] = []
        self._writing = False
        self.batches = 0  # how many write calls: a batch size is items / batches

    def submit(self, item: T) -> R:
        slot: _Slot[T, R] = _Slot(item)
        with self._cond:
            self._queue.append(slot)
        while True:
            with self._cond:
                while self._writing and not slot.done:
                    self._cond.wait()
                if slot.done:
                    return slot.outcome()
                self._writing = True
                batch = self._queue[: self.limit]
                del self._queue[: self.limit]
            self._lead(batch)

    def _lead(self, batch: list[_Slot[T, R]]) -> None:
        try:
            results = self._write([slot.item for slot in batch])
            if len(results) != len(batch):
                raise RuntimeError(f"write returned {len(results)} results for {len(batch)} items")
            for slot, result in zip(batch, results):
                slot.result = result
        except BaseException as exc:  # every waiter of this batch must wake up with it
            for slot in batch:
                slot.error = exc
        finally:
            with self._cond:
                self.batches += 1
                for slot in batch:
                    slot.done = True
                self._writing = False
                self._cond.notify_all()
