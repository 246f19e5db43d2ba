"""GroupCommit: each caller gets its own item's result, concurrent callers share one write call."""
from __future__ import annotations

import threading
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.groupcommit import GroupCommit
from tests.support.ports import wait_until


class Writer:
    """A ``write`` that records its batches and can hold its first call open until released."""

    def __init__(self, hold_first: bool = False, fail_on=None, results=lambda batch: [x * 10 for x in batch]):
        self.batches: list[list] = []
        self.entered, self.release = threading.Event(), threading.Event()
        self.hold_first, self.fail_on, self.results = hold_first, fail_on, results
        if not hold_first:
            self.release.set()

    def __call__(self, batch):
        self.batches.append(list(batch))
        if len(self.batches) == 1 and self.hold_first:
            self.entered.set()
            assert self.release.wait(10), "the test never released the first write"
        if self.fail_on is not None and self.fail_on in batch:
            raise self.fail_on_error
        return self.results(batch)

    fail_on_error = ValueError("disk full")


def _submit_all(gc: GroupCommit, writer: Writer, first, others) -> dict:
    """``first`` is written alone and held; ``others`` queue behind it; then the write is released.

    Returns each item's outcome (its result, or the exception it raised)."""
    outcomes: dict = {}

    def call(item):
        try:
            outcomes[item] = gc.submit(item)
        except BaseException as exc:  # noqa: BLE001 - the outcome under test
            outcomes[item] = exc

    threads = [threading.Thread(target=call, args=(first,))]
    threads[0].start()
    assert writer.entered.wait(10)
    for item in others:
        threads.append(threading.Thread(target=call, args=(item,)))
        threads[-1].start()
    wait_until(lambda: len(gc._queue) == len(others), interval=0.001, what="the others queued")
    writer.release.set()
    for thread in threads:
        thread.join(10)
        assert not thread.is_alive()
    return outcomes


def test_lone_submit_is_written_at_once_by_its_own_call():
    """One caller, nobody writing: one write call with just its item, its result returned."""
    writer = Writer()
    gc = GroupCommit(writer)
    assert gc.submit(7) == 70
    assert writer.batches == [[7]] and gc.batches == 1
    assert gc.submit(8) == 80 and gc.batches == 2


def test_callers_waiting_behind_a_write_share_the_next_one():
    """12 callers: the first written alone, the 11 that queued meanwhile in ONE call, each its own result."""
    writer = Writer(hold_first=True)
    gc = GroupCommit(writer)
    outcomes = _submit_all(gc, writer, 0, range(1, 12))
    assert outcomes == {item: item * 10 for item in range(12)}
    assert gc.batches == 2 and [len(b) for b in writer.batches] == [1, 11]
    assert sorted(writer.batches[1]) == list(range(1, 12))
    assert sum(len(b) for b in writer.batches) == 12


def test_a_failing_write_raises_in_every_caller_of_its_batch_only():
    """The batch whose write raised: all its callers get that very exception; the held one succeeded."""
    writer = Writer(hold_first=True, fail_on=3)
    gc = GroupCommit(writer)
    outcomes = _submit_all(gc, writer, 0, [1, 2, 3, 4, 5])
    assert outcomes[0] == 0
    for item in (1, 2, 3, 4, 5):
        assert outcomes[item] is Writer.fail_on_error
    assert gc.batches == 2
    assert gc.submit(6) == 60 and gc.batches == 3  # not stuck in "writing"


def test_limit_caps_the_items_per_write_call():
    """limit=3 and 10 callers queued: calls of 3, 3, 3, 1 in arrival order; every result right."""
    writer = Writer(hold_first=True)
    gc = GroupCommit(writer, limit=3)
    outcomes = _submit_all(gc, writer, 100, range(10))
    assert outcomes == {item: item * 10 for item in [100, *range(10)]}
    assert [len(b) for b in writer.batches] == [1, 3, 3, 3, 1]
    assert max(len(b) for b in writer.batches) <= 3 and gc.batches == 5
    assert sorted(x for b in writer.batches[1:] for x in b) == list(range(10))


@pytest.mark.parametrize("results", [lambda batch: [], lambda batch: [1] * (len(batch) + 1)])
def test_wrong_number_of_results_is_a_runtime_error(results):
    """A write returning too few or too many results fails its callers instead of mismatching them."""
    gc = GroupCommit(Writer(results=results))
    with pytest.raises(RuntimeError, match="results for 1 items"):
        gc.submit(1)
    writer = Writer(hold_first=True, results=lambda batch: [x for x in batch] if len(batch) == 1 else results(batch))
    gc = GroupCommit(writer)
    outcomes = _submit_all(gc, writer, 0, [1, 2, 3])
    assert outcomes[0] == 0
    assert all(isinstance(outcomes[item], RuntimeError) for item in (1, 2, 3))


@settings(max_examples=25, deadline=None)
@given(items=st.lists(st.integers(-1000, 1000), min_size=1, max_size=40),
       threads=st.integers(1, 8), limit=st.integers(1, 6))
def test_every_caller_gets_the_result_of_its_own_item(items, threads, limit):
    """Any items, thread count and limit: each item written exactly once, each caller gets f(its item)."""
    written: list = []
    lock = threading.Lock()

    def write(batch):
        assert 1 <= len(batch) <= limit
        with lock:
            written.extend(batch)
        time.sleep(0.0005)  # let others queue up behind this call
        return [(index, value * 3 + 1) for index, value in batch]

    gc = GroupCommit(write, limit=limit)
    tagged = list(enumerate(items))
    got: dict = {}

    def worker(chunk):
        for item in chunk:
            got[item[0]] = gc.submit(item)

    pool = [threading.Thread(target=worker, args=(tagged[n::threads],)) for n in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(10)
    assert got == {index: (index, value * 3 + 1) for index, value in tagged}
    assert sorted(written) == tagged
    assert gc.batches <= len(items)
