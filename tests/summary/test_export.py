"""``/export`` built from the family snapshot (``bot.summary.export``): every child, answer,
worry and reminder, with titles from the knowledge base, in the documented schema."""

from __future__ import annotations

import json
from datetime import date

from bot.domain.views import (
    ChildView,
    ConcernView,
    FamilyView,
    MemberView,
    ObservationView,
    ReminderKind,
    ReminderStatus,
    ReminderView,
    Role,
)
from bot.summary.export import build_export, export_json
from bot.summary.export_schema import SproutExport
from tests.support.context import KB, NOW

MILESTONE = KB.milestones[0]
MILA = ChildView(
    id=1,
    nickname="Mila",
    birth_date=date(2025, 3, 1),
    gestational_weeks=34,
    observations=(ObservationView(MILESTONE.id, "not_yet", date(2026, 9, 1), 18, 18),),
    concerns=(
        ConcernView("she holds the crayon in a fist", "pencil_grip", "concern", NOW.date()),
    ),
)
LEO = ChildView(id=2, nickname="Leo", birth_date=date(2022, 1, 5))
FAMILY = FamilyView(
    chat_id=7,
    children=(MILA, LEO),
    active_child_id=2,
    reminders=(ReminderView(9, 1, 24, ReminderStatus.PENDING, NOW, ReminderKind.CHECKIN),),
    family_concerns=(ConcernView("is this normal?", None, "out_of_scope", NOW.date()),),
)


def test_the_export_holds_every_child_with_titles_and_the_active_one_marked() -> None:
    export = build_export(FAMILY, KB, NOW)
    mila, leo = export.children
    assert (mila.nickname, mila.gestational_weeks, mila.active) == ("Mila", 34, False)
    assert leo.active
    assert mila.observations[0].milestone_title == MILESTONE.title
    assert mila.concerns[0].matched_title == KB.by_id["pencil_grip"].title
    assert [r.checklist_age for r in mila.reminders] == [24]
    assert leo.reminders == []  # a reminder goes with its own child only
    assert export.family_concerns[0].matched_title is None


def test_the_json_file_reads_back_as_the_schema_and_keeps_non_ascii_names() -> None:
    zoe = FamilyView(
        chat_id=7, children=(ChildView(id=3, nickname="Zoë", birth_date=date(2024, 1, 1)),)
    )
    raw = export_json(zoe, KB, NOW)
    assert SproutExport.model_validate_json(raw).children[0].nickname == "Zoë"
    assert json.loads(raw)["format"] == "sprout-export"


def test_the_export_lists_members_by_name_only_and_who_gave_each_answer() -> None:
    answers = (
        ObservationView(MILESTONE.id, "yes", date(2026, 9, 1), 18, 18),  # before 0009
        ObservationView(MILESTONE.id, "not_yet", date(2026, 9, 3), 18, 18, 11),
        ObservationView(MILESTONE.id, "yes", date(2026, 9, 4), 18, 18, 12),
    )
    shared = FamilyView(
        chat_id=7,
        children=(ChildView(id=1, nickname="Mila", birth_date=date(2025, 3, 1),
                            observations=answers),),
        members=(MemberView(11, "Mum", Role.ADMIN), MemberView(12, None, Role.CAREGIVER)),
        me=11,
    )  # fmt: skip
    raw = export_json(shared, KB, NOW)
    export = SproutExport.model_validate_json(raw)
    assert [(m.name, m.role) for m in export.members] == [("Mum", "admin"), (None, "caregiver")]
    assert [o.answered_by for o in export.children[0].observations] == [None, "Mum", None]
    dumped = json.loads(raw)
    assert set(dumped["members"][0]) == {"name", "role"}  # no chat id, no member id
    assert "11" not in json.dumps(dumped["members"])
