"""`flask --app wsgi chat` and `officer reply`: the whole journey from a real terminal process."""
from __future__ import annotations

import os
import queue
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

from sqlalchemy import select

from bot.models import Rating

ROOT = Path(__file__).resolve().parent.parent


def _flask(env, *args, stdin=None):
    return subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *args], input=stdin, text=True,
                          capture_output=True, cwd=ROOT, env={**os.environ, **env}, timeout=120)


def test_scripted_chat_reaches_ticket_then_rating(app, knowledge, env):
    """Chat to an open ticket, officer reply + close from the CLI, then a rating from the chat."""
    first = _flask(env, "chat", "--email", "warga@example.org", stdin="\n".join([
        "Selamat pagi", "setuju", "Dewi Lestari", "081377778888", "jumlah penduduk miskin kota lubuklinggau tahun 2023",
        "tidak", "untuk skripsi", "ya", ""]))
    assert first.returncode == 0, first.stderr
    ticket = re.search(r"PST-\d{4}-\d{6}", first.stdout).group(0)
    assert "(conversation state: waiting)" in first.stdout

    reply = _flask(env, "officer", "reply", ticket, "Data ada di publikasi Dalam Angka, tabel 4.2.", "--close")
    assert reply.returncode == 0, reply.stderr

    second = _flask(env, "chat", "--email", "warga@example.org", stdin="4\nSangat membantu\n")
    assert "tabel 4.2" in second.stdout and "1 = tidak baik" in second.stdout
    assert "(conversation state: ready)" in second.stdout
    with app.app_context(), app.extensions["db"].session() as s:
        (rating,) = s.scalars(select(Rating)).all()
    assert (rating.score, rating.comment) == (4, "Sangat membantu")


def test_officer_reply_to_unknown_ticket_fails_clearly(app, env):
    """A wrong ticket number is one clear sentence and a non-zero exit, not a traceback."""
    result = _flask(env, "officer", "reply", "PST-2026-999999", "halo")
    assert result.returncode != 0
    assert "not an open consultation" in result.stderr and "Traceback" not in result.stderr


def test_interactive_whatsapp_identity_gets_code_printed(app, knowledge, env):
    """Playing a WhatsApp number, the mailed code is printed so the person can type it back."""
    proc = subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "chat", "--as", "081299990000"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            cwd=ROOT, env={**os.environ, **env, "PYTHONUNBUFFERED": "1"})
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x) for x in proc.stdout], daemon=True).start()

    def send_and_wait(text, pattern):
        proc.stdin.write(text + "\n")
        proc.stdin.flush()
        seen, deadline = "", time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                seen += lines.get(timeout=1)
            except queue.Empty:
                continue
            if (match := re.search(pattern, seen)):
                return match
        raise AssertionError(f"no {pattern!r} in {seen!r}")

    try:
        send_and_wait("halo", "Balas SETUJU")
        send_and_wait("setuju", "nama lengkap")
        send_and_wait("Andi Wijaya", "e-mail aktif")
        code = send_and_wait("andi@example.org", r"Kode verifikasi Anda: (\d{6})").group(1)
        send_and_wait(code, "Pendaftaran selesai")
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)
    assert proc.returncode == 0


def test_chat_shows_choices_and_takes_their_number(app, env):
    """`[1] Setuju  [2] Tidak setuju` under the notice; "1" agrees, as "setuju" would."""
    chat = _flask(env, "chat", "--as", "+6281377770001", stdin="halo\n1\n")
    assert chat.returncode == 0, chat.stderr
    assert "[1] Setuju  [2] Tidak setuju" in chat.stdout
    assert "(conversation state: ask_name)" in chat.stdout
