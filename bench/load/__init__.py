"""The parts of ``bench/load.py``: the fake API process, the stack's processes, the offered load, the report."""
