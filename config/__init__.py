"""Settings: the only place that reads the environment.

``Settings.from_env()`` reads ``os.environ`` (and a ``.env`` file when present); tests build
``Settings.from_mapping({...})`` and never see the developer's ``.env``. A wrong or missing value
stops start-up with one sentence that names the variable (:class:`ConfigError`).
"""
from config.settings import ConfigError, Settings, PROJECT_ROOT

__all__ = ["ConfigError", "Settings", "PROJECT_ROOT"]
