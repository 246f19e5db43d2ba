"""WSGI entry point: ``gunicorn wsgi:app`` or ``flask --app wsgi …``."""
from bot import create_app
from config import ConfigError

try:
    app = create_app()
except ConfigError as exc:  # one clear sentence instead of a traceback
    raise SystemExit(f"Configuration error: {exc}") from None
