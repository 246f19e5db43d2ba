"""A private redis-server, so tests may flush it or stop it (an outage) without touching the shared one."""
import shutil

from tests.support.ports import HOST, ServerProcess


class RedisServer(ServerProcess):
    """One redis-server on a free loopback port, no persistence; restartable on the same port."""

    name = "redis"

    def __init__(self):
        super().__init__()
        self.url = f"redis://{HOST}:{self.port}/0"

    def command(self) -> list[str]:
        return [
            shutil.which("redis-server") or "redis-server",
            "--port", str(self.port), "--bind", HOST, "--save", "", "--appendonly", "no",
            "--dir", str(self.base), "--daemonize", "no", "--protected-mode", "no",
        ]

    def client(self, **kwargs):
        """A redis-py client for this server."""
        import redis

        return redis.Redis.from_url(self.url, **kwargs)
