"""Which flow answers which command, and which one takes free text.

The one place to add a flow: the engine routes through these tables and knows no flow by name.
"""

from __future__ import annotations

from bot.flows import activities, checkin, children, concern, onboarding
from bot.flows.base import Flow

#: ``/command`` -> the flow it starts.
COMMANDS: dict[str, Flow] = {
    "start": onboarding.FLOW,
    "child": children.FLOW,
    "about": concern.ABOUT,
    "checkin": checkin.FLOW,
    "activities": activities.FLOW,
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
    "help": "What I can do",
    "cancel": "Stop what we are doing (answers are kept)",
}

HELP_TEXT = (
    "Here is what I can do:\n"
    + "\n".join(f"/{name}: {text}" for name, text in MENU.items())
    + "\nOr type what worries you in your own words."
)
