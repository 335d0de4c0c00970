"""Settings, read from `KANUN_*` environment variables (or a `.env` file)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, IPvAnyNetwork
from pydantic_settings import BaseSettings, SettingsConfigDict

from api.auth.throttle import Policy


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KANUN_", env_file=".env", extra="ignore")

    environment: Literal["local", "test", "production"] = "local"
    database_url: str = "sqlite:///./var/kanun.db"
    read_database_url: str | None = None
    """A read replica of the PostgreSQL database, for the read-only paths (search, numbered
    versions, diffs); the primary when not set. A replica lags its primary by a moment."""
    var_dir: Path = Path("var")
    anonymous_read: bool = False
    """Let people who are not signed in read instruments, versions and diffs."""
    session_hours: int = 12
    cookie_secure: bool = False
    """Send the session cookie over HTTPS only; turn on behind TLS."""
    login_max_failures: int = Field(5, ge=0)
    """Failed sign-ins for one user name from one address before each try must wait."""
    login_max_failures_per_address: int = Field(50, ge=0)
    """Failed sign-ins from one address, whatever the user names, before tries must wait."""
    login_first_pause_seconds: float = Field(1.0, gt=0)
    login_longest_pause_seconds: int = Field(300, ge=1)
    """The pause doubles with each failure past those, from the first pause up to this."""
    login_window_seconds: int = Field(900, ge=1)
    """Failed sign-ins older than this are forgotten."""
    trusted_proxies: list[IPvAnyNetwork] = Field(default_factory=list)
    """Addresses of the reverse proxies in front of Kanun (JSON list, e.g. ["127.0.0.1"]):
    from them, the client's address is read from X-Forwarded-For."""
    max_body_bytes: int = 20 * 1024 * 1024
    threads: int = Field(40, ge=1, le=1000)
    """Requests served at once by one process; its database pool holds as many connections."""
    restate_threshold: float = Field(0.5, gt=0, le=1)
    """Amending instructions restate a provision whose changed words exceed this share."""
    signing_key: Path | None = None
    """The Ed25519 private key (PEM) that signs the chain checkpoints; keep it outside the
    database and its backups (`kanun keygen FILE` makes one)."""
    verify_key: Path | None = None
    """The public key that `kanun verify` checks the checkpoints with; by default the
    signing key's."""

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

    def unsafe_for_production(self) -> list[str]:
        """Sentences naming each setting that is not safe for a production service."""
        found = []
        if not self.cookie_secure:
            found.append("Set KANUN_COOKIE_SECURE=true and serve over HTTPS.")
        if self.signing_key is None:
            found.append("Set KANUN_SIGNING_KEY to a key made with `kanun keygen`.")
        elif not self.signing_key.is_file():
            found.append(f"The signing key {self.signing_key} does not exist.")
        elif self.signing_key.stat().st_mode & 0o077:
            found.append(f"The signing key {self.signing_key} is readable by others; chmod 600.")
        if any(network.prefixlen == 0 for network in self.trusted_proxies):
            found.append("KANUN_TRUSTED_PROXIES trusts every address; name the proxies.")
        return found

    @property
    def login_policy(self) -> Policy:
        return Policy(
            free_per_account=self.login_max_failures,
            free_per_address=self.login_max_failures_per_address,
            first_pause=self.login_first_pause_seconds,
            longest_pause=self.login_longest_pause_seconds,
            window=self.login_window_seconds,
        )

    @property
    def public_key_path(self) -> Path | None:
        return self.verify_key or self.signing_key
