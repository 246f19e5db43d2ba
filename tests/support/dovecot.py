"""A private Dovecot IMAP server (Debian dovecot-imapd) so mail polling is tested against a real server.

Each user has a passwd-file of its own (Dovecot rereads a changed file at most once a second, a
new file at once), so each test gets a fresh, empty mailbox by adding a user; no restart, no cleanup.
"""
import os
import shutil
import uuid
from dataclasses import dataclass

from tests.support.ports import ServerProcess

MAIL_UID = MAIL_GID = 8  # Debian's "mail" user: Dovecot refuses uid 0 for mail access
DOMAIN = "example.org"

CONFIG = """\
base_dir = {base}/run
state_dir = {base}/state
log_path = {base}/dovecot.log
protocols = imap
listen = {host}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = {uid}
first_valid_gid = {uid}
mail_location = maildir:~/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {base}/users/%u
}}
userdb {{
  driver = static
  args = uid={uid} gid={uid} home={base}/home/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""


@dataclass
class Mailbox:
    """One IMAP account on a DovecotServer: what the bot's IMAP settings need, plus test helpers."""

    server: "DovecotServer"
    user: str
    password: str

    @property
    def host(self) -> str:
        return self.server.host

    @property
    def port(self) -> int:
        return self.server.port

    def client(self):
        """A logged-in IMAPClient; the caller logs out (or uses it in a with-block)."""
        from imapclient import IMAPClient

        imap = IMAPClient(self.host, port=self.port, ssl=False, timeout=10)
        imap.login(self.user, self.password)
        return imap

    def append(self, raw: bytes, folder: str = "INBOX", flags: tuple = ()) -> None:
        """Deliver a raw RFC 5322 message into folder, as if it had arrived by mail."""
        with self.client() as imap:
            if folder != "INBOX" and not imap.folder_exists(folder):
                imap.create_folder(folder)
            imap.append(folder, raw, flags=flags)

    def fetch_all(self, folder: str = "INBOX") -> dict[int, dict]:
        """{uid: {b"FLAGS": ..., b"RFC822": ...}} of every message in folder, e.g. to check \\Seen."""
        with self.client() as imap:
            imap.select_folder(folder, readonly=True)
            uids = imap.search("ALL")
            return imap.fetch(uids, ["FLAGS", "RFC822"]) if uids else {}


class DovecotServer(ServerProcess):
    """A dovecot master in the foreground on a free loopback port, everything under one temp dir."""

    name = "dovecot"

    def __init__(self, user: str = f"bot@{DOMAIN}", password: str = "secret"):
        super().__init__()
        self.base.chmod(0o755)  # Dovecot's unprivileged processes must reach home/ and users/
        (self.base / "home").mkdir()
        os.chown(self.base / "home", MAIL_UID, MAIL_GID)
        (self.base / "users").mkdir()
        (self.base / "dovecot.conf").write_text(
            CONFIG.format(base=self.base, host=self.host, port=self.port, uid=MAIL_UID))
        self.default = self.add_user(user, password)

    def command(self) -> list[str]:
        binary = shutil.which("dovecot") or "/usr/sbin/dovecot"
        return [binary, "-F", "-c", str(self.base / "dovecot.conf")]

    @property
    def user(self) -> str:
        return self.default.user

    @property
    def password(self) -> str:
        return self.default.password

    def append(self, raw: bytes, folder: str = "INBOX") -> None:
        """Deliver into the default account's folder."""
        self.default.append(raw, folder)

    def add_user(self, user: str | None = None, password: str = "secret") -> Mailbox:
        """Add an account (unique name by default) with an empty mailbox; works while running."""
        user = user or f"u{uuid.uuid4().hex[:12]}@{DOMAIN}"
        (self.base / "users" / user).write_text(f"{user}:{{PLAIN}}{password}\n")
        return Mailbox(self, user, password)

    def stop(self) -> None:
        """Graceful shutdown; Dovecot takes about a second (kill() is instant)."""
        super().stop()

    def kill(self) -> None:
        super().kill()
        (self.base / "run" / "master.pid").unlink(missing_ok=True)  # else the next start may wait
