"""The parent's data: ``/export`` (all of it as a JSON file), ``/delete`` (erase it all, after
a confirmation) and ``/privacy`` (what is kept, why, for how long, and how to get it back or
erase it). Telegram's developer terms ask for exactly these; DESIGN.md section 6.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from bot.domain.replies import Button, Document, Text, bold, column, say
from bot.flows.base import ButtonIn, Event, Flow, FlowContext, FlowState, Step, Steps
from bot.flows.effects import DeleteFamily
from bot.summary.export import export_json

CONFIRM, KEEP = "dl:yes", "dl:no"

PRIVACY_TEXT = (
    bold("What I keep"),
    "\n• Each child's nickname, birth date, and weeks of pregnancy if born early."
    "\n• Your check-in answers, with the date, the child's age then and which member gave "
    "each."
    "\n• Worries you type, in your words, the topic they matched and how urgent they sounded."
    "\n• Your settings: time zone, reminder hour, paused or stopped reminders, and when "
    "each check-in reminder, or follow-up I promised, is due (with the skills it asks about)."
    "\n• This chat's id, so I can answer and remind you, and where our conversation stands."
    "\n• If you share the family: each member's chat id, role and the name the others see, "
    "and a fingerprint (hash) of each invite, with when it expires or was used.",
    "\n\n",
    bold("How it is protected"),
    "\nYour family has its own key, and everything about your child is encrypted with it: "
    "nicknames, birth dates, weeks of pregnancy, answers, worries with their topics and "
    "levels, the skills a follow-up asks about, members' names, and our conversation. "
    "Your key is itself encrypted with Sprout's master key, which is kept apart from the "
    "database."
    "\nIn clear, because the database has to compare or sort them: members' chat ids and "
    "roles, which member gave an answer (a number, never the name), your "
    "settings, the days you answered or wrote, and each reminder's time, kind (such as "
    '"did you reach the doctor?") and status. A check-in reminder falls on the day your '
    "child reaches an age, so its time hints at the birthday.",
    "\n\n",
    bold("Why"),
    "\nOnly to guide you: to pick the right milestones for your child's age, remind you of "
    "check-ins, and write the summary for your doctor. Nothing is shared, sold or shown to "
    "anyone but the members of your family, and logs never contain your child's details.",
    "\n\n",
    bold("For how long"),
    "\nUntil you delete it: there is no expiry while you use Sprout. /delete first destroys "
    "your family's key, then erases everything. Copies a database keeps for a while (its "
    "logs, old versions of rows, backups) are encrypted with that key. They may still hold "
    "your key, locked with the master key: once that master key is replaced, nothing in "
    "them can be read.",
    "\n\n",
    bold("Your choices"),
    "\nEveryone in a shared family sees its children, answers and worries. Leaving it "
    "(/family) erases your name and our conversation; the rest stays with the family, "
    "your answers without your name. "
    "/export sends an admin all of it as a file. /delete (admins) erases it all, for "
    "every member, after you confirm. "
    "Messages in this chat stay in Telegram until you delete the chat there.",
)


#: Said to a caregiver asking for what only admins may do.
ADMINS_ONLY = "Only an admin of the family can {what}; /family shows who is."


def _export(ctx: FlowContext, _args: str) -> Step:
    if not ctx.family.member.is_admin:
        return Step(None, (say(ADMINS_ONLY.format(what="export its data")),))
    data = export_json(ctx.family, ctx.knowledge, ctx.now)
    name = f"sprout-export-{ctx.today.isoformat()}.json"
    document = Document(data, name, caption="Everything Sprout keeps about your family.")
    note = say(
        "Here is all your data as a JSON file (its format is described in Sprout's "
        "docs/export.md). /delete erases it from Sprout."
    )
    return Step(None, (document, note))


def _privacy(_ctx: FlowContext, _args: str) -> Step:
    return Step(None, (say(*PRIVACY_TEXT),))


def _confirm_question(ctx: FlowContext) -> Text:
    names = ", ".join(child.nickname for child in ctx.family.children)
    children = f" including {names}'s answers and worries" if names else ""
    others = " for every member: they are told, and lose it too" if ctx.family.others() else ""
    return say(
        bold("Delete everything?"),
        f" This erases all I keep about your family{children}, and your reminders{others}. ",
        "It cannot be undone. /export first if you want a copy.",
        buttons=column(Button("Yes, delete everything", CONFIRM), Button("No, keep it", KEEP)),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class DeleteState(FlowState):
    """Waiting for the parent to confirm erasing everything."""

    flow: ClassVar[str] = "delete"
    step: Literal["confirm"]


def _delete(ctx: FlowContext, _args: str) -> Step:
    if not ctx.family.member.is_admin:
        leave = " To leave it yourself: /family, then Leave the family."
        return Step(None, (say(ADMINS_ONLY.format(what="erase the family") + leave),))
    return Step(DeleteState(step="confirm"), (_confirm_question(ctx),))


def _handle_delete(state: DeleteState, event: Event, ctx: FlowContext) -> Step:
    """Only the confirm button erases; typed text or anything else asks again."""
    payload = event.payload if isinstance(event, ButtonIn) else ""
    if payload == CONFIRM and ctx.family.member.is_admin:
        done = say(
            "Done: everything about your family is erased from Sprout. "
            "If you write again, we start afresh with /start."
        )
        by = ctx.family.member.name or "An admin"
        notice = (
            f"{by} erased your shared family in Sprout: nothing about it is kept. "
            "Write /start to begin again."
        )
        return Step(None, (done,), (DeleteFamily(notice if ctx.family.others() else ""),))
    if payload == KEEP:
        return Step(None, (say("Okay, nothing was deleted."),))
    please = say("Please press one of the buttons, or type /cancel.")
    return Step(state, (please, _confirm_question(ctx)), not_an_answer=True)


EXPORT = Flow(name="export", start=_export)
PRIVACY = Flow(name="privacy", start=_privacy)
DELETE = Flow(
    name=DeleteState.flow,
    start=_delete,
    steps=Steps.of(DeleteState, _handle_delete),
    continue_label="Back to deleting your data",
)
