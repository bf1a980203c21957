"""/export, /delete and /privacy as pure flows, and the export schema and its documentation."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from bot.domain.replies import Document, Text
from bot.domain.views import ChildView, ConcernView, FamilyView, ObservationView
from bot.flows import data
from bot.flows.base import ButtonIn, FlowContext, TextIn
from bot.flows.effects import DeleteFamily
from bot.summary.export_schema import SCHEMA_VERSION, SproutExport
from tests.support.context import KB, context

DOCS = Path(__file__).parents[2] / "docs" / "export.md"

MILA = ChildView(
    id=3,
    nickname="Мила",
    birth_date=date(2025, 9, 1),
    gestational_weeks=33,
    observations=(ObservationView("sits_unsupported", "yes", date(2026, 6, 1), 7, 6),),
    concerns=(ConcernView("she doesn't sit", "sitting", "concern", date(2026, 6, 2)),),
)
LEO = ChildView(id=4, nickname="Leo", birth_date=date(2023, 1, 5), birth_date_estimated=True)
FAMILY = FamilyView(
    chat_id=77,
    children=(MILA, LEO),
    active_child_id=4,
    timezone="Europe/Berlin",
    reminder_hour=9,
    family_concerns=(ConcernView("hello?", None, "out_of_scope", date(2026, 1, 1)),),
)


def ctx() -> FlowContext:
    return context(FAMILY)


def test_export_sends_one_json_file_that_validates_against_the_schema() -> None:
    step = data.EXPORT.start(ctx(), "")
    assert step.state is None
    [document] = [r for r in step.replies if isinstance(r, Document)]
    assert document.filename == "sprout-export-2026-11-21.json"
    export = SproutExport.model_validate_json(document.data)
    assert export.schema_version == SCHEMA_VERSION
    assert export.format == "sprout-export"
    assert export.chat_id == 77
    assert (export.settings.timezone, export.settings.reminder_hour) == ("Europe/Berlin", 9)
    mila, leo = export.children
    assert (mila.nickname, mila.gestational_weeks, mila.active) == ("Мила", 33, False)
    assert (leo.birth_date_estimated, leo.active) == (True, True)
    [answer] = mila.observations
    assert (answer.milestone_id, answer.answer, answer.age_months, answer.checklist_age) == (
        "sits_unsupported", "yes", 7, 6,
    )  # fmt: skip
    assert answer.milestone_title == KB.by_id["sits_unsupported"].title
    [worry] = mila.concerns
    assert (worry.text, worry.matched_title) == ("she doesn't sit", KB.by_id["sitting"].title)
    assert [c.text for c in export.family_concerns] == ["hello?"]
    assert "Мила" in document.data.decode()  # readable UTF-8, not \u escapes


def test_every_field_of_the_schema_is_documented() -> None:
    documented = DOCS.read_text()
    assert f"`schema_version`: {SCHEMA_VERSION}" in documented
    schema = SproutExport.model_json_schema()
    fields = set(schema["properties"])
    for definition in schema["$defs"].values():
        fields |= set(definition["properties"])
    missing = {f for f in fields if not re.search(rf"`{f}`", documented)}
    assert not missing


def test_the_example_in_the_docs_validates() -> None:
    example = re.search(r"```json\n(.*?)```", DOCS.read_text(), re.DOTALL)
    assert example is not None
    SproutExport.model_validate(json.loads(example.group(1)))


def test_delete_asks_first_and_only_the_confirm_button_erases() -> None:
    ask = data.DELETE.start(ctx(), "")
    assert ask.state is not None
    assert not ask.effects
    question = ask.replies[-1]
    assert isinstance(question, Text)
    assert "cannot be undone" in question.plain
    assert "Мила, Leo" in question.plain
    assert [b.payload for b in question.all_buttons] == [data.CONFIRM, data.KEEP]

    typed = data.DELETE.handle(ask.state, TextIn("yes"), ctx())
    assert not typed.effects
    assert typed.state == ask.state
    assert typed.replies[-1] == question  # the buttons again

    kept = data.DELETE.handle(ask.state, ButtonIn(data.KEEP), ctx())
    assert (kept.state, kept.effects) == (None, ())

    erased = data.DELETE.handle(ask.state, ButtonIn(data.CONFIRM), ctx())
    assert erased.state is None
    assert erased.effects == (DeleteFamily(),)
    assert "erased" in erased.replies[0].plain  # type: ignore[union-attr]


def test_privacy_says_what_why_how_long_and_how_to_export_or_delete() -> None:
    [reply] = data.PRIVACY.start(ctx(), "").replies
    assert isinstance(reply, Text)
    text = reply.plain
    for part in ("What I keep", "encrypted", "Why", "For how long", "/export", "/delete"):
        assert part in text
