"""Which flow answers which command, and which one takes free text.

The one place to add a flow: the engine routes through these tables and knows no flow by name.
"""

from __future__ import annotations

from bot.flows import activities, asides, children, concern, data, onboarding, summary
from bot.flows import reminder_settings as reminders
from bot.flows.base import Flow
from bot.flows.checkin import flow as checkin

#: ``/command`` -> the flow it starts.
COMMANDS: dict[str, Flow] = {
    "start": onboarding.FLOW,
    "child": children.FLOW,
    "about": concern.ABOUT,
    "checkin": checkin.FLOW,
    "activities": activities.FLOW,
    "summary": summary.FLOW,
    "export": data.EXPORT,
    "delete": data.DELETE,
    "privacy": data.PRIVACY,
    "reminders": reminders.FLOW,
    "snooze": reminders.SNOOZE,
    "recheck": checkin.RECHECK,
}

#: Flow name -> flow, for continuing a stored conversation.
FLOWS: dict[str, Flow] = {
    flow.name: flow
    for flow in (
        onboarding.FLOW,
        children.FLOW,
        concern.FLOW,
        concern.ABOUT,
        checkin.FLOW,
        activities.FLOW,
        summary.FLOW,
        data.EXPORT,
        data.DELETE,
        data.PRIVACY,
        reminders.FLOW,
        reminders.SNOOZE,
        checkin.RECHECK,
        asides.FLOW,
    )
}

#: Started by free text typed outside any flow (a parent's worry); None: answer with help.
FREE_TEXT: Flow | None = concern.FLOW

#: Commands shown in menus, with their one-line descriptions (Telegram's command list).
MENU: dict[str, str] = {
    "start": "Start, or add your first child",
    "child": "Your children: switch, add, rename, correct",
    "checkin": "Milestone check-in for your child's age",
    "activities": "Ideas to try at home",
    "summary": "A summary for the doctor (text and PDF)",
    "reminders": "Check-in reminders: next ones, hour, time zone, pause",
    "export": "All your data as a file",
    "delete": "Erase all your data",
    "privacy": "What I keep, why, and for how long",
    "help": "What I can do",
    "cancel": "Stop what we are doing (answers are kept)",
}

HELP_TEXT = (
    "Here is what I can do:\n"
    + "\n".join(f"/{name}: {text}" for name, text in MENU.items())
    + "\nOr type what worries you in your own words."
)
