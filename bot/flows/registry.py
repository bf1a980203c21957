"""Every flow and command by name: the one place to add a flow.

The engine routes through these tables. ``COMMANDS`` maps a ``/command`` to the flow it
starts, ``FREE_TEXT`` takes a worry typed outside any flow, and ``FLOWS`` finds a stored
conversation's flow by the name the flow's state declares (``FlowState.flow``); the flow's
state type declares its steps (``Flow.steps``). ``GLOBAL`` names the commands about the
conversation itself rather than a flow (``/cancel`` ends it, ``/help`` leaves it as it is),
which only the engine can carry out because only it holds the conversation. The one flow the
engine names is the pause (``bot.flows.asides``): its seam for worries typed mid-flow.
"""

from __future__ import annotations

from enum import StrEnum

from bot.flows import activities, asides, children, concern, data, family, onboarding, summary
from bot.flows import reminder_settings as reminders
from bot.flows.base import Flow
from bot.flows.checkin import flow as checkin
from bot.flows.checkin import shown as result_on_screen

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
    "family": family.FAMILY,
    "join": family.JOIN,
}

#: Flow name -> flow, for continuing a stored conversation: every flow that waits.
FLOWS: dict[str, Flow] = {
    flow.name: flow
    for flow in (
        onboarding.FLOW,
        children.FLOW,
        checkin.FLOW,
        result_on_screen.FLOW,
        activities.FLOW,
        summary.FLOW,
        data.DELETE,
        reminders.FLOW,
        asides.FLOW,
        family.FAMILY,
        family.JOIN,
    )
}

#: Started by free text typed outside any flow (a parent's worry); None: answer with help.
FREE_TEXT: Flow | None = concern.FLOW


class Global(StrEnum):
    """Commands about the conversation itself, carried out by the engine."""

    CANCEL = "cancel"
    HELP = "help"


#: ``/command`` -> the global command it is.
GLOBAL: dict[str, Global] = {command.value: command for command in Global}

#: Commands shown in menus, with their one-line descriptions (Telegram's command list).
MENU: dict[str, str] = {
    "start": "Start, or add your first child",
    "child": "Switch, add, rename or correct a child",
    "checkin": "Milestone check-in for your child's age",
    "activities": "Ideas to try at home",
    "summary": "A summary for the doctor (text and PDF)",
    "reminders": "Reminders: when, hour, time zone, pause",
    "family": "Share with a partner, grandparent, nanny",
    "export": "All your data as a file",
    "delete": "Erase all your data",
    "privacy": "What I keep, why, and for how long",
    Global.HELP: "What I can do",
    Global.CANCEL: "Stop what we are doing (answers kept)",
}

HELP_TEXT = (
    "Here is what I can do:\n"
    + "\n".join(f"/{name}: {text}" for name, text in MENU.items())
    + "\nOr type what worries you in your own words."
)
