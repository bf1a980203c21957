"""The bot's vocabulary and storage's copy of it agree.

Storage imports nothing from the bot, so the values its CHECK constraints (and, for the
sealed answer, ``ObservationRepository.add``) allow are spelled out in ``storage.models``;
the bot's are ``bot.domain.views``. These tests fail the moment the two lists drift (a value
added on one side only would be refused by the database, or allowed in the database but
unknown to the code). ``tests/storage/test_migration_0004.py`` checks the constraints the
migrations actually built, value by value.
"""

from __future__ import annotations

from typing import get_args

from sqlalchemy import CheckConstraint

from bot.domain.views import Answer, ReminderKind, ReminderStatus
from storage import repositories
from storage.models import ANSWERS, REMINDER_KINDS, REMINDER_STATUSES, Base


def test_reminder_statuses_and_kinds_are_the_enums_values() -> None:
    assert list(REMINDER_STATUSES) == [s.value for s in ReminderStatus]
    assert list(REMINDER_KINDS) == [k.value for k in ReminderKind]


def test_answers_are_the_domains() -> None:
    assert get_args(Answer) == ANSWERS


def test_the_model_checks_list_every_value() -> None:
    """Status and kind are checked by the database; the answer is sealed since 0005, so the
    observation table has no CHECK (``ObservationRepository.add`` checks ``ANSWERS``)."""
    checks = {
        str(c.name): str(c.sqltext)
        for table in (Base.metadata.tables["reminders"], Base.metadata.tables["observations"])
        for c in table.constraints
        if isinstance(c, CheckConstraint)
    }
    assert set(checks) == {"ck_reminders_status", "ck_reminders_kind"}
    for name, values in (
        ("ck_reminders_status", ReminderStatus),
        ("ck_reminders_kind", ReminderKind),
    ):
        assert all(f"'{v}'" in checks[name] for v in values), name


def test_open_statuses_in_queries_are_the_domains() -> None:
    assert set(repositories.OPEN) == {s for s in ReminderStatus if s.is_open}
    assert set(repositories.ANSWERED_BY_CHECKIN) <= set(ReminderKind)
