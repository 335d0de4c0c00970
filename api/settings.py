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
    restate_threshold: float = Field(0.5, gt=0, le=1)
    """Amending instructions restate a provision whose changed words exceed this share."""
    search_dir: Path | None = None
    """The search index's folder; `var_dir/search` when not set."""

    smtp_host: str = ""
    """The SMTP server that sends notifications; no e-mail is sent while it is empty."""
    smtp_port: int = 25
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_security: Literal["none", "starttls", "tls"] = "none"
    mail_from: str = "Kanun <kanun@localhost>"
    public_url: str = "http://127.0.0.1:8000"
    """The address people reach Kanun at, for the links in e-mails."""
    mail_digest_hour: int = Field(7, ge=0, le=23)
    """The hour (UTC) after which the daily digests go out."""
    mail_interval_seconds: int = Field(30, ge=1)
    """How long the mail worker waits between two looks at the outbox."""

    @property
    def search_path(self) -> Path:
        return self.search_dir or self.var_dir / "search"
