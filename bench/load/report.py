"""The figures of each database side by side: the real engine and the no-op baseline of the same run."""
from __future__ import annotations

ROWS = (  # key, label, format
    ("offered", "messages offered", "{:.0f}"),
    ("offer_rate", "achieved offer rate, msg/s", "{:.1f}"),
    ("replies_per_s", "replies/s (answered ÷ first webhook→last reply)", "{:.1f}"),
    ("api_peak_per_s", "fake API: most messages in one second", "{:.0f}"),
    ("api_messages", "fake API: messages received", "{:.0f}"),
    ("reply_p50", "inbound→reply p50, s", "{:.2f}"),
    ("reply_p95", "inbound→reply p95, s", "{:.2f}"),
    ("reply_p99", "inbound→reply p99, s", "{:.2f}"),
    ("webhook_p99_ms", "webhook p99 (from due time), ms", "{:.0f}"),
    ("errors", "webhook errors (non-200 or no answer in 15 s)", "{:.0f}"),
    ("unanswered", "messages unanswered at the end of the wait", "{:.0f}"),
    ("peak_rss_mib", "peak memory, stack RSS sum, MiB", "{:.0f}"),
)


def render(results: dict[tuple[str, str], dict], args) -> str:
    """One column per (database, engine), rows as in ROWS, then CPU per message per process."""
    columns = list(results)
    head = [f"{db} {engine}" for db, engine in columns]
    width = max(12, *map(len, head)) + 2
    lines = [f"bench/load.py: {args.rate:g} msg/s for {args.duration:g} s, fake API latency "
             f"{args.api_latency * 1000:.0f} ms, wait for replies ≤ {args.drain:g} s",
             f"{'':50}" + "".join(f"{h:>{width}}" for h in head)]
    for key, label, fmt in ROWS:
        lines.append(f"{label:50}" + "".join(f"{fmt.format(results[c][key]):>{width}}" for c in columns))
    states = sorted({state for c in columns for state in results[c].get("messages", {})})
    lines.append("message rows after the wait, by direction and status")
    for state in states:
        lines.append(f"  {state:48}" + "".join(f"{results[c]['messages'].get(state, 0):>{width}}" for c in columns))
    names = sorted({name for c in columns for name in results[c]["cpu_ms_per_message"]})
    lines.append("CPU per message offered, ms")
    for name in names:
        lines.append(f"  {name:48}" + "".join(
            f"{results[c]['cpu_ms_per_message'].get(name, 0.0):>{width}.2f}" for c in columns))
    return "\n".join(lines)
