"""Settings, read from `KANUN_*` environment variables (or a `.env` file)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KANUN_", env_file=".env", extra="ignore")

    environment: Literal["local", "test", "production"] = "local"
    database_url: str = "sqlite:///./var/kanun.db"
    var_dir: Path = Path("var")
    anonymous_read: bool = False
    """Let people who are not signed in read instruments, versions and diffs."""
    session_hours: int = 12
    cookie_secure: bool = False
    """Send the session cookie over HTTPS only; turn on behind TLS."""
    login_max_failures: int = 5
    login_window_seconds: int = 900
    max_body_bytes: int = 20 * 1024 * 1024
    threads: int = Field(40, ge=1, le=1000)
    """Requests served at once by one process; its database pool holds as many connections."""
    restate_threshold: float = Field(0.5, gt=0, le=1)
    """Amending instructions restate a provision whose changed words exceed this share."""
    search_dir: Path | None = None
    """The search index's folder; `var_dir/search` when not set."""

    @property
    def search_path(self) -> Path:
        return self.search_dir or self.var_dir / "search"
