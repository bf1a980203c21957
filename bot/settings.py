"""Configuration from the environment and ``.env`` (pydantic-settings).

Every key is listed, with a comment, in ``.env.example``. A missing or malformed value must stop
the program with one line naming the key, never a traceback: ``load_settings`` turns pydantic's
validation error into ``ConfigError`` with exactly that line.
"""

from __future__ import annotations

import re
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///data/sprout.db"
_TOKEN = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{20,}$")


class ConfigError(Exception):
    """A setting is missing or malformed; the message names the key."""


class Settings(BaseSettings):
    """Sprout's settings. Field names map to upper-case environment variables."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    telegram_bot_token: SecretStr | None = None
    database_url: str = DEFAULT_DATABASE_URL
    bot_api_base_url: str = "https://api.telegram.org/bot"
    bot_api_base_file_url: str = "https://api.telegram.org/file/bot"
    webhook_url: str | None = None
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    webhook_secret: SecretStr | None = None
    default_timezone: str = "UTC"
    #: Never in the quiet hours 20:00-08:00 (``bot.domain.schedule``).
    reminder_hour: int = Field(default=10, ge=8, le=19)
    #: Reminders a second this process sends (Telegram allows about 30 for the whole bot;
    #: with several instances, divide: 14 each for two).
    reminder_rate: float = Field(default=28.0, gt=0, le=30)
    log_level: str = "INFO"
    #: Comma-separated Fernet keys; the first encrypts, all decrypt (key rotation).
    encryption_keys: SecretStr | None = None
    #: Where the terminal chat keeps a generated key when ENCRYPTION_KEYS is not set.
    encryption_key_file: Path = Path("data/sprout.key")

    @field_validator("default_timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"{value!r} is not an IANA time zone such as Europe/Berlin") from exc
        return value

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError("must be DEBUG, INFO, WARNING, ERROR or CRITICAL")
        return level

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError(
                "must start with sqlite+aiosqlite:// or postgresql+asyncpg:// (async drivers)"
            )
        return value

    @field_validator("telegram_bot_token")
    @classmethod
    def _token_shape(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not _TOKEN.match(value.get_secret_value()):
            raise ValueError("does not look like a bot token from @BotFather (digits:letters)")
        return value

    def require_token(self) -> str:
        """The bot token, or ``ConfigError`` when it is not set (only ``run`` needs it)."""
        if self.telegram_bot_token is None:
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN is not set: get one from @BotFather and put it in .env"
            )
        return self.telegram_bot_token.get_secret_value()


def load_settings(**overrides: object) -> Settings:
    """Read settings, turning validation errors into one ``ConfigError`` line per key."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        key = str(first["loc"][0]).upper() if first["loc"] else "settings"
        message = str(first["msg"]).removeprefix("Value error, ")
        raise ConfigError(f"{key}: {message}") from None
