"""The buttons under every reminder and follow-up fit a phone row (issue 15, problem 7).

"Remind me tomorrow" shared a row with "Start check-in" and was cut on a phone; each kind of
reminder, sent or not, is built here and its rows measured.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.domain.replies import row_width
from bot.domain.views import ReminderKind, ReminderStatus
from bot.reminders.delivery import reminder_text
from storage.repositories import Birth, DueDetails, DueRow

WHEN = datetime(2026, 11, 21, 9, tzinfo=UTC)


@pytest.mark.parametrize("kind", list(ReminderKind))
@pytest.mark.parametrize("status", [ReminderStatus.PENDING, ReminderStatus.SENT])
def test_every_reminder_button_fits_its_row(kind: ReminderKind, status: ReminderStatus) -> None:
    row = DueRow(
        id=1, status=status, checklist_age=9, kind=kind, items=["m9_sits"], due_at=WHEN,
        sent_at=WHEN, follow_up_sent_at=None, child_id=1, key_enc=None, nickname_enc=b"",
        birth_enc=b"", chat_id=1, timezone="UTC",
        reminder_hour=10, is_active=True,
        reminders_stopped=False, paused_until=None,
    )  # fmt: skip
    details = DueDetails("Maximiliane-Charlotte", Birth(date(2026, 2, 10)), ["m9_sits"])
    text = reminder_text(row, details, date(2026, 11, 21))
    assert text.buttons
    wide = [b.label for r in text.buttons for b in r if len(b.label) > row_width(len(r))]
    assert wide == []
