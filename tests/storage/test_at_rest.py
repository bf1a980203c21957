"""What a database dump shows of a family (issue 16, failure 3): nothing about the child's
health. Every row of every table is read as ``pg_dump`` would print it (reflected, so tables
added later are covered), on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from storage.uow import Store
from tests.support.db_rows import snapshot
from tests.support.family import ADMIN_NAME, MEMBER_NAME, TOPIC, WEEKS, WORRY, Family

#: Triage levels and answers: none may sit in a column in clear.
LEVELS = {"emergency", "urgent", "safety_net", "concern", "out_of_scope"}
ANSWERS = {"yes", "not_yet", "not_sure"}


def _texts(value: Any) -> list[str]:
    """Every readable string in a stored value (JSON columns hold lists and dicts)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in (*_texts(k), *_texts(v))]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return []


async def test_a_dump_shows_no_birth_date_weeks_answer_topic_or_level(
    store: Store, clock: Callable[[], datetime]
) -> None:
    family = Family(store, clock(), chat=7)
    await family.everything()
    assert len(family.answered) > 1
    _, tables = await snapshot(store.engine)
    secrets = {family.nickname, WORRY, TOPIC, family.born.isoformat(), *family.answered}
    secrets |= {ADMIN_NAME, MEMBER_NAME}
    assert len(tables["members"]) == 2
    # Who gave each answer is kept as a member's id (issue 17): the name is only sealed.
    by = {row["member_id"] for row in tables["observations"]}
    assert by
    assert by <= {row["id"] for row in tables["members"]}
    for name, rows in tables.items():
        for row in rows:
            for column, value in row.items():
                where = f"{name}.{column}"
                assert value != family.born, where
                if isinstance(value, date | datetime):
                    continue
                for text in _texts(value):
                    assert not any(secret in text for secret in secrets), (where, text)
                    assert text not in LEVELS | ANSWERS, (where, text)
    for child in tables["children"]:
        assert WEEKS not in child.values()
