"""Driving every flow step with odd input through the dialog engine (issue 16).

Shared by the property test (``tests/engine/test_fuzz_flows.py``, bounded for CI) and the
longer fuzz run (``bench/fuzz.py``). A *path* takes a fresh family to one step of one flow (the
check-in's lost-skills question, the /child remove confirmation, ...), so every step is driven,
not only those a random walk happens to reach. Then *actions* follow, as a parent or a forger
could send them: type a line (odd unicode, commands with odd arguments), press a button on
screen, press one from earlier, or send a payload no screen showed. Every line and payload goes
through ``bot.engine.inbound``, as in both adapters.

After each action ``Explorer`` reads the conversation back from the database and reports:

* ``crash``: the engine raised;
* ``silent``: an accepted input got no reply;
* ``stuck``: a flow waits, but the question on screen has no buttons and its step does not
  take typed text (``TEXT_STEPS``), so nothing but /cancel moves it on;
* ``refused``: a button of the question on screen was refused as stale.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Literal

from hypothesis import strategies as st

from bot.domain.replies import Text, text_from_json
from bot.engine import inbound
from bot.engine.dialog import DialogEngine, Outcome
from bot.flows.registry import COMMANDS

# --- actions ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Type:
    """A typed line (a command when it starts with "/")."""

    text: str


@dataclass(frozen=True, slots=True)
class Press:
    """The button on screen whose label starts with ``label`` (paths only)."""

    label: str
    #: Press it again until the conversation is at this step (the check-in's questions).
    until: str | None = None


@dataclass(frozen=True, slots=True)
class PressShown:
    """One of the buttons the last replies showed (``index`` modulo their number)."""

    index: int


@dataclass(frozen=True, slots=True)
class PressOld:
    """A payload some earlier reply showed: stale, or pressed twice."""

    index: int


@dataclass(frozen=True, slots=True)
class Forge:
    """A callback payload no screen showed."""

    payload: str


Action = Type | PressShown | PressOld | Forge
PathStep = Type | Press

#: Steps that ask for typed text, so a question without buttons is not a dead end there.
TEXT_STEPS = frozenset(
    {
        ("onboarding", "nickname"),
        ("onboarding", "birth_date"),
        ("onboarding", "weeks"),
        ("reminders", "zone"),
        ("checkin", "lost_what"),
        ("recheck", "lost_what"),
        ("family", "name"),
        ("join", "name"),
    }
)

#: A 9-month-old at ``tests.conftest.FIXED_NOW`` (21 November 2026), added by typing.
ONBOARD: tuple[PathStep, ...] = (Type("/start"), Type("Mila"), Type("2026-02-10"), Type("no"))
CHECKIN = (*ONBOARD, Type("/checkin"))
LOST = (*CHECKIN, Press("Yes", until="lost"))
REMINDERS = (*ONBOARD, Type("/reminders"))

#: Name -> (how to get there, the (flow, step) it reaches; None: no flow, the idle chat).
PATHS: dict[str, tuple[tuple[PathStep, ...], tuple[str, str] | None]] = {
    "idle": (ONBOARD, None),
    "onboarding.nickname": ((Type("/start"),), ("onboarding", "nickname")),
    "onboarding.birth_date": (ONBOARD[:2], ("onboarding", "birth_date")),
    "onboarding.birth_day": (
        (*ONBOARD[:2], Type("February 2026")),
        ("onboarding", "birth_day"),
    ),
    "onboarding.preterm": (ONBOARD[:3], ("onboarding", "preterm")),
    "onboarding.weeks": ((*ONBOARD[:3], Press("Yes")), ("onboarding", "weeks")),
    "onboarding.rename": ((*ONBOARD, Type("/child"), Press("Rename")), ("onboarding", "nickname")),
    "onboarding.correct": (
        (*ONBOARD, Type("/child"), Press("Correct")),
        ("onboarding", "birth_date"),
    ),
    "children.menu": ((*ONBOARD, Type("/child")), ("children", "menu")),
    "children.confirm_remove": (
        (*ONBOARD, Type("/child"), Press("Remove")),
        ("children", "confirm_remove"),
    ),
    "checkin.question": (CHECKIN, ("checkin", "question")),
    "checkin.resume": (
        (*CHECKIN, Press("Yes"), Type("/cancel"), Type("/checkin")),
        ("checkin", "resume"),
    ),
    "checkin.lost": (LOST, ("checkin", "lost")),
    "checkin.lost_what": ((*LOST, Press("Yes")), ("checkin", "lost_what")),
    "activities.ideas": ((*ONBOARD, Type("/activities")), ("activities", "ideas")),
    "summary.period": ((*ONBOARD, Type("/summary")), ("summary", "period")),
    "summary.domains": ((*ONBOARD, Type("/summary"), Press("The last 3")), ("summary", "domains")),
    "delete.confirm": ((*ONBOARD, Type("/delete")), ("delete", "confirm")),
    "reminders.menu": (REMINDERS, ("reminders", "menu")),
    "reminders.hour": ((*REMINDERS, Press("Change the hour")), ("reminders", "hour")),
    "reminders.zone": ((*REMINDERS, Press("Change the time zone")), ("reminders", "zone")),
    "reminders.pause": ((*REMINDERS, Press("Pause")), ("reminders", "pause")),
    "reminders.stop": ((*REMINDERS, Press("Stop")), ("reminders", "stop")),
    "family.menu": ((*ONBOARD, Type("/family")), ("family", "menu")),
    "family.name": ((*ONBOARD, Type("/family"), Press("Change my name")), ("family", "name")),
    "family.invite": ((*ONBOARD, Type("/family"), Press("Invite")), ("family", "name")),
    "family.confirm_leave": (
        (*ONBOARD, Type("/family"), Press("Leave")),
        ("family", "confirm_leave"),
    ),
    "paused.onboarding": ((Type("/start"), Type("he is having a seizure")), ("paused", "wait")),
    "paused.checkin": ((*CHECKIN, Type("she is having a seizure")), ("paused", "wait")),
}

# --- what parents and forgers send -------------------------------------------------------------

ODD = (
    "²", "³", "¹", "٣", "۵", "½", "Ⅻ", "\u200c", "\u200d", "\ufe0f", "\u202e", "\ud800", "\udfff",
    "\x00", "\x1b[2J", "\r\n", "\t", "🏳️‍🌈", "👨‍👩‍👧", "علی‌رضا", "Zalgo̷̢͖", "<b>", "&amp;", "\\",
    "%s", "{child}", "'; DROP TABLE families;--", "9" * 5000, "x" * 1001, "   ", "",
)  # fmt: skip
ANSWERS = (
    "yes", "no", "not sure", "not yet", "y", "n", "Mila", "Leo", "2026-02-10", "March 2026",
    "February 2026", "15", "15th", "don't know", "32", "28+3", "40 weeks", "9", "17:00", "6pm",
    "21", "Berlin", "New York", "+2", "UTC-5", "2 weeks", "10 days", "continue", "start over",
    "Continue the check-in", "he can't hold a spoon", "she is not walking yet at 18 months",
    "he stopped babbling", "she is having a seizure", "he swallowed a battery", "hello", "thanks",
)  # fmt: skip
COMMAND_NAMES = (*sorted(COMMANDS), "help", "cancel", "foo", "CHECKIN", "checkin@sprout_bot")
ARGS = (
    "", "1", "2", "3", "0", "-1", "²", "³", "٣", " 1 ", "1 2", "9" * 18, "9" * 19, "9" * 5000,
    "\ud800", "pencil_grip", "rolling", "../../etc", "all",
)  # fmt: skip
PREFIXES = (
    "ch:switch:", "ch:rename:", "ch:birth:", "ch:remove:", "ch:remove_yes:", "ch:remove_no",
    "ch:add", "ci:", "ci:continue", "ci:restart", "ci:lost:y", "ci:lost:n", "ob:day:unknown",
    "ob:preterm:yes", "rem:h:", "rem:p:", "rem:skip:", "rem:zone", "rem:stop:yes", "sm:p:",
    "sm:d:", "dl:yes", "pause:continue", "act:more:", "act:adapt:", "/checkin ", "/snooze ",
    "/recheck ", "/about ", "/", "",
)  # fmt: skip

#: Any character, lone surrogates and control characters included.
_ANY_CHAR = st.characters(exclude_categories=())
_TEXT = st.one_of(
    st.sampled_from(ANSWERS),
    st.sampled_from(ODD),
    st.text(_ANY_CHAR, max_size=40),
    st.builds(str.__add__, st.sampled_from(ANSWERS), st.sampled_from(ODD)),
)
_ARG = st.one_of(st.sampled_from(ARGS), st.text(_ANY_CHAR, max_size=12))
_COMMAND = st.builds("/{} {}".format, st.sampled_from(COMMAND_NAMES), _ARG)
_INDEX = st.integers(min_value=0, max_value=50)
ACTIONS: st.SearchStrategy[Action] = st.one_of(
    st.builds(Type, _TEXT),
    st.builds(Type, _COMMAND),
    st.builds(PressShown, _INDEX),
    st.builds(PressShown, _INDEX),  # twice: pressing what is on screen goes deepest
    st.builds(PressOld, _INDEX),
    st.builds(Forge, st.builds(str.__add__, st.sampled_from(PREFIXES), _ARG)),
)

# --- the explorer -------------------------------------------------------------------------------

Kind = Literal["crash", "silent", "stuck", "refused"]
#: A conversation as stored: flow, step, the question on screen.
State = tuple[str | None, str | None, list[Text]]


@dataclass(frozen=True, slots=True)
class Finding:
    kind: Kind
    #: Where the conversation stood before the action ("checkin.resume", "idle").
    where: str
    action: str
    detail: str = ""


@dataclass
class Explorer:
    """One family talking to the engine, checked after every input."""

    engine: DialogEngine
    chat_id: int
    #: Buttons the last replies showed, and every payload shown so far.
    shown: list[str] = field(default_factory=list)
    seen: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    #: The stored state after the last action (only this explorer's actions change it).
    current: State | None = None

    async def state(self) -> State:
        """The flow, step and question on screen, as stored."""
        if self.current is not None:
            return self.current
        async with self.engine.store.unit_of_work() as uow:
            family = await uow.families.get(self.chat_id)
            member = await uow.members.of_chat(self.chat_id)
            saved = await uow.dialogs.get(member.id) if family and member else None
            if saved is None or not saved.flow:
                return None, None, []
            _, prompt = uow.dialogs.contents(saved)
            return saved.flow, saved.step, [text_from_json(q) for q in prompt]

    def _show(self, outcome: Outcome) -> None:
        buttons = [b for r in outcome.replies if isinstance(r, Text) for b in r.all_buttons]
        if buttons:
            self.shown = [b.payload for b in buttons]
            self.labels = [b.label for b in buttons]
            self.seen += [p for p in self.shown if p not in self.seen]

    async def follow(self, path: tuple[PathStep, ...]) -> None:
        """Walk a path; it must reach its step without a finding (else AssertionError)."""
        for item in path:
            if isinstance(item, Type):
                assert not await self.act(item), f"path broke at {item}"
                continue
            for _ in range(40):
                label = next((lb for lb in self.labels if lb.startswith(item.label)), None)
                assert label is not None, f"no button {item.label!r} among {self.labels}"
                press = PressShown(self.labels.index(label))
                assert not await self.act(press), f"path broke at {item}"
                if item.until is None or (await self.state())[1] == item.until:
                    break
            else:
                raise AssertionError(f"never reached {item.until!r} pressing {item.label!r}")

    async def act(self, action: Action) -> list[Finding]:
        """Send one action; what went wrong, if anything."""
        flow, step, prompt = await self.state()
        where = f"{flow}.{step}" if flow else "idle"
        on_screen = {b.payload for q in prompt for b in q.all_buttons}
        match action:
            case Type(text):
                event = inbound.typed(text)
            case PressShown(index):
                payload = self.shown[index % len(self.shown)] if self.shown else "/help"
                event = inbound.pressed(payload)
            case PressOld(index):
                payload = self.seen[index % len(self.seen)] if self.seen else "ch:add"
                event = inbound.pressed(payload)
            case Forge(payload):
                event = inbound.pressed(payload)
        said = _short(action)
        self.current = None
        try:
            outcome = await self.engine.handle(self.chat_id, event)
        except Exception as exc:
            return [Finding("crash", where, said, f"{type(exc).__name__}: {str(exc)[:200]}")]
        found: list[Finding] = []
        pressed = getattr(event, "payload", None)
        if pressed in on_screen and not outcome.accepted:
            found.append(Finding("refused", where, said))
        if outcome.accepted and not outcome.replies:
            found.append(Finding("silent", where, said))
        self._show(outcome)
        self.current = flow, step, prompt = await self.state()
        if flow is not None and step is not None:
            has_buttons = bool(prompt) and bool(prompt[-1].all_buttons)
            if not has_buttons and (flow, step) not in TEXT_STEPS:
                found.append(Finding("stuck", where, said, f"now at {flow}.{step}"))
        return found


def _short(action: Action) -> str:
    text = repr(action)
    return text if len(text) <= 120 else text[:117] + "..."


_chats = itertools.count(1_000_000)


def next_chat() -> int:
    """A chat id no other example used, so every example is a family of its own."""
    return next(_chats)


async def explore(engine: DialogEngine, path: str, actions: list[Action]) -> list[Finding]:
    """A fresh family walks ``path`` to its step, then sends ``actions``; every finding."""
    explorer = Explorer(engine, next_chat())
    steps, target = PATHS[path]
    await explorer.follow(steps)
    flow, step, _ = await explorer.state()
    reached = (flow, step) if flow is not None and step is not None else None
    assert reached == target, f"path {path} reached {reached}, not {target}"
    found: list[Finding] = []
    for action in actions:
        found += await explorer.act(action)
    return found
