"""Small SVG charts drawn on the server: no chart library, no script, labels escaped."""
from __future__ import annotations

import datetime as dt
from collections import Counter

from markupsafe import Markup, escape

COLOURS = {"whatsapp": "#25d366", "email": "#1a73e8", "terminal": "#777"}
WIDTH, HEIGHT, PAD = 640, 200, 28


def stacked_bars(days: list[dt.date], series: dict[str, Counter], title: str,
                 names: dict[str, str] | None = None) -> Markup:
    """One bar per day, stacked by channel, with a legend naming each channel as ``names`` says."""
    names = names or {}
    totals = [sum(series[ch][d] for ch in series) for d in days]
    top = max(totals + [1])
    step = (WIDTH - 2 * PAD) / max(len(days), 1)
    bar = max(step * 0.8, 1)
    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT + 30}" role="img" aria-label="{escape(title)}">',
             f"<title>{escape(title)}</title>",
             f'<text x="{PAD}" y="14" font-size="11" fill="#5f6368">max {top}</text>',
             f'<line x1="{PAD}" y1="{HEIGHT}" x2="{WIDTH - PAD}" y2="{HEIGHT}" stroke="#dadce0"/>']
    for i, day in enumerate(days):
        x, y = PAD + i * step, HEIGHT
        for channel in sorted(series):
            n = series[channel][day]
            if not n:
                continue
            h = (HEIGHT - 2 * PAD) * n / top
            y -= h
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                         f'fill="{COLOURS.get(channel, "#999")}"><title>{escape(names.get(channel, channel))} {day:%d-%m}: {n}</title></rect>')
        if len(days) <= 14 or i % max(len(days) // 7, 1) == 0:
            parts.append(f'<text x="{x:.1f}" y="{HEIGHT + 14}" font-size="10" fill="#5f6368">{day:%d/%m}</text>')
    for j, channel in enumerate(sorted(series)):
        lx = PAD + j * 110
        parts.append(f'<rect x="{lx}" y="{HEIGHT + 20}" width="10" height="10" fill="{COLOURS.get(channel, "#999")}"/>'
                     f'<text x="{lx + 14}" y="{HEIGHT + 29}" font-size="11">{escape(names.get(channel, channel))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def rating_bars(ratings: Counter, title: str) -> Markup:
    """Horizontal bars for scores 1–4."""
    top = max(list(ratings.values()) + [1])
    rows = [f'<svg class="chart" viewBox="0 0 320 110" role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>']
    for i, score in enumerate((4, 3, 2, 1)):
        n, y = ratings.get(score, 0), 8 + i * 25
        w = 240 * n / top
        rows.append(f'<text x="0" y="{y + 13}" font-size="12">{score}</text>'
                    f'<rect x="16" y="{y}" width="{w:.1f}" height="18" fill="#0b5394"/>'
                    f'<text x="{20 + w:.1f}" y="{y + 13}" font-size="11">{n}</text>')
    rows.append("</svg>")
    return Markup("".join(rows))


def ikm_bars(points: list[tuple[str, float, str]], title: str) -> Markup:
    """One bar per period on the IKM's 0–100 scale, labelled with the figure and its grade (A–D)."""
    step = (WIDTH - 2 * PAD) / max(len(points), 1)
    bar = min(max(step * 0.7, 1), 80)
    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT + 30}" role="img" aria-label="{escape(title)}">',
             f"<title>{escape(title)}</title>",
             f'<line x1="{PAD}" y1="{HEIGHT}" x2="{WIDTH - PAD}" y2="{HEIGHT}" stroke="#dadce0"/>']
    for i, (period, ikm, grade) in enumerate(points):
        h = (HEIGHT - 2 * PAD) * ikm / 100
        x = PAD + i * step
        parts.append(f'<rect x="{x:.1f}" y="{HEIGHT - h:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="#0b5394">'
                     f'<title>{escape(period)}: {ikm:.2f} ({escape(grade)})</title></rect>'
                     f'<text x="{x:.1f}" y="{HEIGHT - h - 4:.1f}" font-size="11">{ikm:.2f} {escape(grade)}</text>'
                     f'<text x="{x:.1f}" y="{HEIGHT + 14}" font-size="10" fill="#5f6368">{escape(period)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
