"""A family shared between caregivers: ``/family`` (members, invites, leave, remove,
promote) and joining with an invite (``/join CODE``, or the ``/start join_CODE`` deep link).

Pure like every flow: the engine looks the invite up (``FlowContext.invite``, under the
inviting family's lock), hands in a fresh random code for a new invite (``FlowContext.code``)
and carries out the effects, checking roles and ids again. Buttons here are payloads of the
question on screen, so a forged or stale one is refused by the engine before any step runs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar, Literal, assert_never
from urllib.parse import quote

from bot.domain.replies import Button, Reply, Span, bold, column, fit_name, say
from bot.domain.views import MemberView
from bot.flows.base import (
    ButtonIn,
    CommandIn,
    Event,
    Flow,
    FlowContext,
    FlowState,
    InviteView,
    Step,
    Steps,
    TextIn,
)
from bot.flows.effects import (
    CreateInvite,
    DeleteFamily,
    JoinFamily,
    LeaveFamily,
    PromoteMember,
    RemoveMember,
    RevokeInvites,
    SetMemberName,
    SetMyReminders,
)
from bot.flows.onboarding import JOINERS

#: The deep link's ``/start`` argument: ``join_<code>``.
DEEP_LINK_PREFIX = "join_"
MAX_NAME = 32
INVITE, REVOKE, RENAME, LEAVE, NO = "fm:invite", "fm:revoke", "fm:name", "fm:leave", "fm:no"
REMINDERS_ON, REMINDERS_OFF = "fm:rem:on", "fm:rem:off"
LEAVE_YES = "fm:leave:yes"
JOIN_YES, JOIN_NO, BRING, SEPARATE = "jn:yes", "jn:no", "jn:bring", "jn:separate"

#: Said to a chat removed from a family: nothing about the family.
REMOVED_NOTICE = (
    "You are no longer a member of a family in Sprout. Write /start to begin your own."
)
NOT_ADMIN = "Only an admin of the family can do that; /family shows who is."


def invite_code(event: Event) -> str | None:
    """The invite code a command carries (``/join CODE``, ``/start join_CODE``), if any."""
    if not isinstance(event, CommandIn):
        return None
    if event.name == "join":
        return event.args.strip()
    if event.name == "start" and event.args.startswith(DEEP_LINK_PREFIX):
        return event.args[len(DEEP_LINK_PREFIX) :].strip()
    return None


def check_name(text: str) -> str | None:
    """A member's name cleaned (spaces collapsed, joiners at word ends dropped), or None when
    it is empty, too long or not printable."""
    name = " ".join(word for word in (w.strip(JOINERS) for w in text.split()) if word)
    if not name or len(name) > MAX_NAME or not name.replace("\u200c", "").isprintable():
        return None
    if name.startswith("/"):
        return None
    return name


def shown(member: MemberView) -> str:
    return member.name or "a parent (no name yet)"


# --- /family ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class FamilyState(FlowState):
    """``/family``: the menu, a name being typed (``then``: what it is for), a confirmation."""

    flow: ClassVar[str] = "family"
    step: Literal["menu", "name", "confirm_leave", "confirm_remove"]
    then: Literal["", "invite"] = ""
    member_id: int | None = None


def _member_line(member: MemberView, me: int | None) -> str:
    role = "admin" if member.is_admin else "caregiver"
    you = ", you" if member.id == me else ""
    return f"\n• {shown(member)} ({role}{you})"


def _menu(ctx: FlowContext) -> Reply:
    family = ctx.family
    me = family.member
    names = ", ".join(child.nickname for child in family.children) or "no children yet"
    parts: list[str | Span] = [bold("Your family"), f" ({names})"]
    parts += [_member_line(m, family.me) for m in family.members or (me,)]
    buttons: list[Button] = []
    if me.is_admin:
        buttons.append(Button("Invite someone", INVITE))
        if family.open_invites:
            parts.append(f"\nOpen invites: {family.open_invites}.")
            buttons.append(Button("Withdraw open invites", REVOKE))
        for other in family.others():
            buttons.append(Button(fit_name("Remove {name}", shown(other)), f"fm:rm:{other.id}"))
            if not other.is_admin:
                label = fit_name("Make {name} admin", shown(other))
                buttons.append(Button(label, f"fm:ad:{other.id}"))
    if me.reminders_on:
        parts.append("\nYou get check-in reminders.")
        buttons.append(Button("Stop my reminders", REMINDERS_OFF))
    else:
        parts.append("\nYou get no check-in reminders; the others may.")
        buttons.append(Button("Send me reminders", REMINDERS_ON))
    buttons.append(Button("Change my name", RENAME))
    buttons.append(Button("Leave the family", LEAVE))
    return say(*parts, buttons=column(*buttons))


def start_family(ctx: FlowContext, _args: str) -> Step:
    return Step(FamilyState(step="menu"), (_menu(ctx),))


def _ask_name(first: str = "") -> Reply:
    return say(first + "What name should the others in the family see for you? "
               "For example Mum, Dad, Grandpa or Anna.")  # fmt: skip


def _invite(ctx: FlowContext) -> tuple[Reply, ...]:
    """The invite message: the deep link with a share button (Telegram), or the code for
    ``/join`` (the terminal chat, which has no bot username)."""
    names = " and ".join(child.nickname for child in ctx.family.children) or "your"
    whose = f"{names}'s family" if ctx.family.children else "your family"
    lines = [
        f"Here is an invite to {whose}. It works once, for 48 hours; ",
        "/family can withdraw it.\n",
    ]
    buttons = None
    if ctx.bot_username:
        link = f"https://t.me/{ctx.bot_username}?start={DEEP_LINK_PREFIX}{ctx.code}"
        lines.append(f"Send this link to the person you invite:\n{link}\n")
        share = (
            f"https://t.me/share/url?url={quote(link, safe='')}"
            f"&text={quote('Join our family in Sprout', safe='')}"
        )
        buttons = [[Button("Share the invite", "", url=share)]]
    lines.append(f"Or they can type this in their chat with Sprout:\n/join {ctx.code}")
    return (say(*lines, buttons=buttons),)


def _menu_button(state: FamilyState, payload: str, ctx: FlowContext) -> Step:
    family = ctx.family
    me = family.member
    if payload == RENAME:
        return Step(replace(state, step="name", then=""), (_ask_name(),))
    if payload in (REMINDERS_ON, REMINDERS_OFF):
        on = payload == REMINDERS_ON
        said = (
            "Done: you get check-in reminders again."
            if on
            else "Done: no more check-in reminders for you; the others still get theirs."
        )
        return Step(None, (say(said),), (SetMyReminders(on),))
    if payload == LEAVE:
        last = len(family.members) <= 1
        warning = (
            " You are its only member, so leaving erases the family and everything about "
            "the children."
            if last
            else " Your name and our conversation are erased; the children and their answers "
            "stay with the family."
        )
        question = say(
            bold("Leave the family?"),
            warning,
            buttons=column(Button("Yes, leave", LEAVE_YES), Button("No, stay", NO)),
        )
        return Step(replace(state, step="confirm_leave"), (question,))
    if not me.is_admin:
        return Step(None, (say(NOT_ADMIN),))
    if payload == INVITE:
        if me.name is None:
            return Step(replace(state, step="name", then="invite"), (_ask_name("First: "),))
        return Step(None, _invite(ctx), (CreateInvite(ctx.code),))
    if payload == REVOKE:
        return Step(None, (say("Done: the open invites no longer work."),), (RevokeInvites(),))
    kind, _, raw = payload.removeprefix("fm:").partition(":")
    other = next((m for m in family.others() if str(m.id) == raw), None)
    if other is None:
        return Step(None, (say("That member is no longer in the family."),))
    if kind == "ad":
        done = say(f"{shown(other)} is now an admin of the family.")
        return Step(None, (done,), (PromoteMember(other.id),))
    question = say(
        bold(f"Remove {shown(other)} from the family?"),
        " They lose access at once; what they answered stays with the family.",
        buttons=column(
            Button(fit_name("Yes, remove {name}", shown(other)), f"fm:rmy:{other.id}"),
            Button("No, keep them", NO),
        ),
    )
    return Step(replace(state, step="confirm_remove", member_id=other.id), (question,))


def _on_name(state: FamilyState, event: Event, ctx: FlowContext) -> Step:
    text = event.text if isinstance(event, TextIn) else ""
    name = check_name(text)
    if name is None:
        please = say(f"Please type a name of 1 to {MAX_NAME} characters, such as Mum.")
        return Step(state, (please,), not_an_answer=True)
    if state.then == "invite":
        return Step(None, _invite(ctx), (SetMemberName(name), CreateInvite(ctx.code)))
    return Step(None, (say(f"Done: the others now see you as {name}."),), (SetMemberName(name),))


def _on_leave(state: FamilyState, payload: str, ctx: FlowContext) -> Step:
    if payload != LEAVE_YES:
        return Step(None, (say("Okay, you stay in the family."),))
    if len(ctx.family.members) <= 1:
        done = say("Done: you left, and the family is erased. Write /start to begin again.")
        return Step(None, (done,), (DeleteFamily(),))
    done = say(
        "Done: you left the family. Your name and our conversation are erased. "
        "Write /start to begin your own."
    )
    return Step(None, (done,), (LeaveFamily(),))


def _on_remove(state: FamilyState, payload: str, ctx: FlowContext) -> Step:
    if payload != f"fm:rmy:{state.member_id}" or state.member_id is None:
        return Step(None, (say("Okay, nobody was removed."),))
    other = next((m for m in ctx.family.others() if m.id == state.member_id), None)
    if other is None or not ctx.family.member.is_admin:
        return Step(None, (say("That member is no longer in the family."),))
    done = say(f"Done: {shown(other)} is no longer in the family.")
    return Step(None, (done,), (RemoveMember(other.id, REMOVED_NOTICE),))


def handle_family(state: FamilyState, event: Event, ctx: FlowContext) -> Step:
    if state.step == "name":
        return _on_name(state, event, ctx)
    if not isinstance(event, ButtonIn):
        return Step(state, (say("Please press one of the buttons, or type /cancel."),),
                    not_an_answer=True)  # fmt: skip
    match state.step:
        case "menu":
            return _menu_button(state, event.payload, ctx)
        case "confirm_leave":
            return _on_leave(state, event.payload, ctx)
        case "confirm_remove":
            return _on_remove(state, event.payload, ctx)
        case _:
            assert_never(state.step)


# --- joining ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class JoinState(FlowState):
    """Joining the family of invite ``invite_id``: confirm, bring one's children or not, then
    the name the others see."""

    flow: ClassVar[str] = "join"
    step: Literal["confirm", "bring", "name"]
    invite_id: int
    bring_children: bool = False


def refused(invite: InviteView | None) -> str | None:
    """One clear line when the invite cannot be used; None when it can."""
    status = invite.status if invite is not None else "unknown"
    match status:
        case "ok":
            return None
        case "used":
            return "That invite was already used. Ask for a new one in /family."
        case "expired":
            return "That invite has expired (invites last 48 hours). Ask for a new one."
        case "revoked":
            return "That invite was withdrawn. Ask for a new one if you should join."
        case "own":
            return "You are already a member of that family; /family shows it."
        case "slowed":
            wait = invite.wait_minutes if invite is not None else 1
            return f"Too many codes that did not work. Please wait {wait} min and try again."
        case _:
            return "That is not a valid invite code. Check it, or ask for a new one."


def _whose(invite: InviteView) -> str:
    return " and ".join(invite.children) + "'s family" if invite.children else "a family"


def start_join(ctx: FlowContext, _args: str) -> Step:
    """``/join CODE`` or the deep link: ask before joining."""
    invite = ctx.invite
    line = refused(invite)
    if line is not None or invite is None or invite.id is None:
        return Step(None, (say(line or refused(None) or ""),))
    if ctx.family.others():
        return Step(None, (say(
            "You are in a shared family already. To join another, leave it first: "
            "/family, then Leave the family."
        ),))  # fmt: skip
    question = say(
        bold(f"Join {_whose(invite)}"),
        f", invited by {invite.invited_by or 'a parent'}?",
        buttons=[[Button("Join", JOIN_YES), Button("No, thanks", JOIN_NO)]],
    )
    return Step(JoinState(step="confirm", invite_id=invite.id), (question,))


def _own_children(ctx: FlowContext) -> str:
    return " and ".join(child.nickname for child in ctx.family.children)


def handle_join(state: JoinState, event: Event, ctx: FlowContext) -> Step:
    line = refused(ctx.invite)
    if line is not None:  # used, withdrawn or expired since the question was asked
        return Step(None, (say(line),))
    if state.step == "name":
        name = check_name(event.text) if isinstance(event, TextIn) else None
        if name is None:
            please = say(f"Please type a name of 1 to {MAX_NAME} characters, such as Dad.")
            return Step(state, (please,), not_an_answer=True)
        invite = ctx.invite
        assert invite is not None
        brought = f" {_own_children(ctx)} came with you." if state.bring_children else ""
        done = say(
            f"Welcome, {name}: you are now in {_whose(invite)}.{brought} Check-ins, worries, "
            "reminders and /summary are shared; /family shows who is in it."
        )
        notice = f"{name} joined the family."
        join = JoinFamily(state.invite_id, name, state.bring_children, notice)
        return Step(None, (done,), (join,))
    payload = event.payload if isinstance(event, ButtonIn) else ""
    if state.step == "confirm" and payload == JOIN_NO:
        return Step(None, (say("Okay, you did not join. The invite still works."),))
    if state.step == "confirm" and payload == JOIN_YES:
        if not ctx.family.children:
            return Step(replace(state, step="name"), (_ask_name(),))
        question = say(
            f"You already have {_own_children(ctx)} in Sprout. Bring them into the shared "
            "family (answers, worries and reminders move with them, nothing is lost), or "
            "stay separate and keep your own family here?",
            buttons=column(Button("Bring them in", BRING), Button("Stay separate", SEPARATE)),
        )
        return Step(replace(state, step="bring"), (question,))
    if state.step == "bring" and payload == SEPARATE:
        return Step(None, (say("Okay: you keep your own family here and did not join."),))
    if state.step == "bring" and payload == BRING:
        return Step(replace(state, step="name", bring_children=True), (_ask_name(),))
    please = say("Please press one of the buttons, or type /cancel.")
    return Step(state, (please,), not_an_answer=True)


FAMILY = Flow(
    name=FamilyState.flow,
    start=start_family,
    steps=Steps.of(FamilyState, handle_family),
    reads_history=False,
    continue_label="Back to your family",
)
JOIN = Flow(
    name=JoinState.flow,
    start=start_join,
    steps=Steps.of(JoinState, handle_join),
    reads_history=False,
    continue_label="Continue joining",
)
