"""Rows written straight into an older schema revision, as a deployed database holds them, for
the migration tests: the same family (id 1, chat 5) and child (id 1, "Mila") every time."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.crypto import Cipher


async def insert_family_and_child(connection: AsyncConnection, cipher: Cipher) -> None:
    """Family 1 (chat 5, UTC, reminders at 10) and its child 1, Mila, born 10 January 2026,
    with the nickname encrypted under ``cipher`` as revisions 0001-0004 stored it."""
    await connection.execute(
        text(
            "INSERT INTO families (id, chat_id, timezone, reminder_hour, is_active, "
            "reminders_stopped) VALUES (1, 5, 'UTC', 10, true, false)"
        )
    )
    await connection.execute(
        text(
            "INSERT INTO children (id, family_id, nickname_enc, birth_date, "
            "birth_date_estimated) VALUES (1, 1, :nick, :born, false)"
        ),
        {"nick": cipher.encrypt("Mila"), "born": date(2026, 1, 10)},
    )
