"""Run calls at the same moment in threads, each in the app's context, to test races for real."""
from __future__ import annotations

import threading
from typing import Callable


def at_once(app, fn: Callable, *args_each) -> list[Exception]:
    """``fn(*args)`` for each args tuple, released together by a barrier; returns what they raised."""
    barrier, errors = threading.Barrier(len(args_each)), []

    def run(args):
        try:
            with app.app_context():
                barrier.wait()
                fn(*args)
        except Exception as exc:  # collected for the test to assert
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(args,)) for args in args_each]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors
