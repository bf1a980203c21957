"""The dialog engine: one incoming message or button press, one database transaction.

For each input it locks the family's row, loads the family as a snapshot, runs the current
flow's step, applies the step's effects and saves the new state, all in one transaction, and
only then hands the replies back to the adapter. Files a step asks for (``FileRequest``: the
summary PDF) are made after the commit, in a worker thread, so their tenths of a second of
CPU hold neither the family's lock nor the event loop. State lives in the database, never only in
memory, so a restart or a second process continues the conversation where it stood.

Two steps have a second transaction. Erasure (``/delete``): the step destroys the family's
key and commits, and only then are its rows deleted (``storage.keys``). A step that asks for a
file, with the outbox (Telegram): its transaction queues every reply, the file's recipe in the
file's place, and a short one puts the made file in the recipe's place (``bot.engine.files``:
a crash in between leaves the recipe, and the file is made again from it).
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, assert_never

from bot.domain.replies import (
    Document,
    Edit,
    FileRequest,
    Photo,
    Reply,
    StepReply,
    Text,
    reply_to_json,
    say,
    shown_text,
    text_from_json,
    text_to_json,
)
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
from bot.domain.zones import zone_of
from bot.engine import files, invites, states
from bot.engine.effects import apply_effect
from bot.flows import asides
from bot.flows import family as family_flows
from bot.flows.base import (
    ButtonIn,
    CommandIn,
    Event,
    Flow,
    FlowContext,
    FlowState,
    InviteView,
    Step,
    TextIn,
)
from bot.flows.effects import DeleteFamily, LeaveFamily
from bot.flows.registry import COMMANDS, FLOWS, FREE_TEXT, GLOBAL, HELP_TEXT, Global
from knowledge.loader import KnowledgeBase
from storage.db import is_conflict
from storage.models import Child, Family, Member
from storage.repositories import Screen, StepRows, Stored
from storage.uow import Store, UnitOfWork

log = logging.getLogger(__name__)

#: Longest free text accepted; Telegram allows 4096, a worry or an answer never needs that.
MAX_TEXT = 1000
#: Telegram redelivers unconfirmed updates for at most a day; keep ids a little longer.
KEEP_UPDATE_IDS = timedelta(days=2)
#: Times one input is run when PostgreSQL rolls its transaction back as a deadlock's loser.
CONFLICT_TRIES = 3
#: Said before anything else when the stored conversation cannot be read (its flow or step
#: no longer exists): the conversation starts afresh.
LOST_TRACK = "Sorry, I lost track of where we were. Let's start again."
#: Said when the parent edits a message that cannot be taken as a correction.
EDITS_NOT_READ = "I don't read edited messages: if you changed something, please send it again."


def _reads_history(state: FlowState | None, event: Event) -> bool:
    """Whether any flow this input may reach reads answers, concerns or reminders."""
    candidates: list[Flow | None] = []
    command = parse_text(event.payload) if isinstance(event, ButtonIn) else event
    if isinstance(command, CommandIn):
        candidates.append(COMMANDS.get(command.name))
    if state is not None:
        candidates.append(FLOWS.get(state.flow))
    elif isinstance(event, TextIn):
        candidates.append(FREE_TEXT)
    return any(flow is not None and flow.reads_history for flow in candidates)


def _readable(stored: FlowState | states.Lost | None) -> FlowState | None:
    """The stored state, or None (logged, without the data) when it cannot be read."""
    match stored:
        case states.Lost(reason=reason, flow=flow, step=step, fields=fields):
            extra = {"reason": reason, "flow": flow[:40], "step": step[:40], "fields": fields}
            log.warning("conversation reset: stored state unreadable", extra=extra)
            return None
        case FlowState() | None:
            return stored
        case _:
            assert_never(stored)


def parse_text(text: str) -> Event:
    """Turn a typed line into a command (``/name args``, ``@botname`` dropped) or free text."""
    stripped = text.strip()
    if stripped.startswith("/") and len(stripped) > 1:
        head, _, args = stripped[1:].partition(" ")
        name = head.split("@", 1)[0].lower()
        if name.replace("_", "").isalnum():
            return CommandIn(name, args.strip())
    return TextIn(stripped)


async def made(
    replies: Iterable[StepReply],
    each: Callable[[Document | Photo], Awaitable[None]] | None = None,
) -> list[Reply]:
    """``replies`` in order, each requested file made in a worker thread. Called after the
    unit of work: the other chats go on meanwhile, and nothing waits on this family's lock.
    ``each`` is given every file as soon as it is made (the outbox path queues it)."""
    out: list[Reply] = []
    for reply in replies:
        match reply:
            case FileRequest():
                file = await asyncio.to_thread(reply.make)
                if each is not None:
                    await each(file)
                out.append(file)
            case Text() | Document() | Photo() | Edit():
                out.append(reply)
            case _:
                assert_never(reply)
    return out


def _in_place(
    replies: Iterable[StepReply], event: Event, message_id: int | None
) -> tuple[StepReply, ...]:
    """Edits aimed at the pressed message: that message's id, or, without one (a typed
    command, the terminal chat), a new message."""
    pressed = message_id if isinstance(event, ButtonIn) else None
    return tuple(
        (reply.text if pressed is None else Edit(reply.text, pressed))
        if isinstance(reply, Edit) and reply.message_id is None
        else reply
        for reply in replies
    )


def _before_files(replies: Iterable[StepReply]) -> list[Reply]:
    """The replies before the first ``FileRequest``: ready to queue in the step's
    transaction."""
    ready: list[Reply] = []
    for reply in replies:
        match reply:
            case FileRequest():
                break
            case Text() | Document() | Photo() | Edit():
                ready.append(reply)
            case _:
                assert_never(reply)
    return ready


def _question_at(step: Step) -> int | None:
    """Where among the step's replies the question on screen is (what ``_prompt`` stores:
    the last message, while the flow waits)."""
    if step.state is None:
        return None
    texts = [i for i, reply in enumerate(step.replies) if isinstance(reply, Text)]
    return texts[-1] if texts else None


def _payloads(replies: Sequence[StepReply], question: int | None) -> list[dict[str, Any]]:
    """Outbox payloads, the question marked so its earlier copy loses its buttons; a file
    still to be made is its recipe (``bot.engine.files``)."""
    return [
        files.recipe_payload(reply)
        if isinstance(reply, FileRequest)
        else reply_to_json(reply, question=i == question)
        for i, reply in enumerate(replies)
    ]


def _double_tap(event: Event, message_id: int | None, screen: Screen, prompt: list) -> bool:
    """The button just taken, pressed again on the same message and no longer on screen: the
    second tap of a double tap (phones send both before the first edit arrives)."""
    if not isinstance(event, ButtonIn) or message_id is None:
        return False
    if (message_id, event.payload) != (screen.answered, screen.tapped):
        return False
    on_screen = {b.payload for reply in prompt for b in text_from_json(reply).all_buttons}
    return event.payload not in on_screen


def _correctable(screen: Screen, message_id: int | None, event: Event) -> dict | None:
    """Where the conversation stood before the edited message, if the edit can be taken as a
    correction: the parent's last message, taken as data by a step that allows it."""
    if message_id is None or message_id != screen.typed or not isinstance(event, TextIn):
        return None
    return screen.before


def _after_typed(
    screen: Screen,
    state: FlowState | None,
    event: Event,
    message_id: int | None,
    step: Step,
    prompt: list,
) -> Screen:
    """Remember where the conversation stood before a typed message a later edit may
    correct: taken as data (no effects yet, the flow goes on) at a step that allows it."""
    correctable = (
        isinstance(event, TextIn)
        and message_id is not None
        and state is not None
        and state.takes_correction
        and step.state is not None
        and not step.effects
        and not step.not_an_answer
    )
    if not correctable:
        return replace(screen, typed=None, before=None) if screen.typed else screen
    assert state is not None
    before = {"flow": state.flow, "step": state.step, "data": states.dump(state), "prompt": prompt}
    return replace(screen, typed=message_id, before=before)


def _replaces_screen(replies: Iterable[StepReply | Reply]) -> bool:
    """Whether a reply edits a message already on screen instead of adding one below it: a
    menu replacing itself (``Text.in_place``) or a part of an answer (``Edit``)."""
    return any(
        isinstance(reply, Edit) or (isinstance(reply, Text) and reply.in_place)
        for reply in replies
    )


def _after_press(
    screen: Screen, event: Event, message_id: int | None, accepted: bool, step: Step
) -> Screen:
    """The screen after a press on ``message_id``: an accepted press makes it the answered
    question; the handler takes its buttons off (unless the reply edits it in place), so it
    is no longer the live copy."""
    if not isinstance(event, ButtonIn) or message_id is None:
        return screen
    live = screen.live if _replaces_screen(step.replies) or screen.live != message_id else None
    if not accepted:
        return replace(screen, live=live)
    return replace(screen, live=live, answered=message_id, tapped=event.payload)


def _committing(
    uow: UnitOfWork, committed: Callable[[], None] | None
) -> Callable[[], Awaitable[None]]:
    """``uow.commit``, then ``committed`` (told as soon as the step is durable)."""

    async def commit() -> None:
        await uow.commit()
        if committed is not None:
            committed()

    return commit


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the adapter should send; ``accepted`` is False for a stale or duplicate button."""

    replies: list[Reply] = field(default_factory=list)
    accepted: bool = True
    #: The family was erased: adapters delete what they keep of it (the terminal's files).
    erased: bool = False
    #: A second tap on a question already answered (a double tap): nothing to show at all.
    quiet: bool = False
    #: With ``lease``: the step's first queued reply, leased to the caller to send at once.
    leased: Stored | None = None
    #: Whether the outbox sender should look for rows now: replies were queued and not all
    #: of them wait behind ``leased`` (notices to other members, files made after the commit).
    look: bool = True

    @property
    def in_place(self) -> bool:
        """Whether a reply replaces a message on screen (a menu edits itself, a topic shows
        one of its parts): the pressed message changes, so no "✓ choice" line."""
        return _replaces_screen(self.replies)


class DialogEngine:
    """Runs flows for families; shared by the Telegram adapter and the terminal chat."""

    def __init__(
        self,
        store: Store,
        knowledge: KnowledgeBase,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.store = store
        self.knowledge = knowledge
        self.clock = clock
        #: The bot's Telegram username, for invite links; None in the terminal chat.
        self.bot_username: str | None = None

    async def handle(
        self,
        chat_id: int,
        event: Event,
        *,
        update_id: int | None = None,
        outbox: bool = False,
        message_id: int | None = None,
        also: Sequence[int] = (),
        edited: bool = False,
        lease: timedelta | None = None,
        in_inbox: bool = True,
        committed: Callable[[], None] | None = None,
    ) -> Outcome:
        """Process one input for ``chat_id``; a repeated ``update_id`` is ignored.

        ``message_id`` is the chat message whose button was pressed (Telegram): a second tap
        on the question whose button was last taken is a double tap and changes nothing.
        ``also`` are updates joined into this one (a long message Telegram split in two):
        they leave the inbox and the update log takes them in this same transaction.
        ``edited``: the parent edited message ``message_id`` to ``event``. The edit of the
        last message, taken by a step as data it may correct (a nickname, a birth date), is
        taken again from where the conversation stood before it; any other gets one line.
        For a button, ``message_id`` is also the message an ``Edit`` reply replaces.

        A transaction PostgreSQL rolled back as a deadlock's loser runs again (at most
        ``CONFLICT_TRIES`` times): nothing of it was committed. Two admins joining each
        other's families at once lock the two families in opposite orders (their own first,
        then the inviting one), which is such a deadlock; without this, the loser's update
        stayed in the inbox, unanswered until the next start. Only the step's transaction
        takes row locks; what runs after its commit (files, erasure's second step) takes
        none, so a conflict never repeats a committed step.

        With ``outbox`` (Telegram) the replies are queued in the outbox and the update leaves
        the inbox in this same transaction, so a crash keeps either both or neither; the
        replies are still returned (the terminal chat prints them itself). A requested file
        is queued as its recipe, in its place, and made after the commit; a crash before it
        is made leaves the recipe, made again by the outbox sender (``bot.engine.files``).
        With ``lease`` too, a chat with no reply waiting gets its first reply leased for that
        long in the same transaction and returned (``Outcome.leased``): the caller sends it
        at once instead of waiting for the outbox sender to find it (issue 16's latency).
        ``in_inbox=False``: the update was never written to the inbox (an idle chat's update,
        processed in the transaction that stores it), so there is no row to delete; the
        update log still takes its id. ``committed`` is called right after the step's commit,
        before any file is made: from then on the update is durable (the poller may
        acknowledge it).
        """
        tries = 1
        while True:
            try:
                return await self._handle(
                    chat_id,
                    event,
                    update_id=update_id,
                    outbox=outbox,
                    message_id=message_id,
                    also=also,
                    edited=edited,
                    lease=lease,
                    in_inbox=in_inbox,
                    committed=committed,
                )
            except Exception as exc:
                if tries >= CONFLICT_TRIES or not is_conflict(exc):
                    raise
                log.info("lost a deadlock; running the update again", extra={"tries": tries})
            tries += 1

    async def _handle(
        self,
        chat_id: int,
        event: Event,
        *,
        update_id: int | None,
        outbox: bool,
        message_id: int | None,
        also: Sequence[int],
        edited: bool,
        lease: timedelta | None,
        in_inbox: bool,
        committed: Callable[[], None] | None,
    ) -> Outcome:
        """One try of ``handle``."""
        now = self.clock()
        leased: Stored | None = None
        held: list[int] = []  # the step's file recipes, ours until ``now + files.HOLD``
        async with self.store.unit_of_work() as uow:
            commit = _committing(uow, committed)
            for joined in also:
                await uow.inbox.remove(joined)
                await uow.updates.claim(joined, now)
            if update_id is not None:
                if in_inbox:
                    await uow.inbox.remove(update_id)
                # On PostgreSQL the claim also takes the step's locks (one round trip less).
                if not await uow.updates.claim(update_id, now, lock_step_of=chat_id):
                    log.info("duplicate update ignored", extra={"update_id": update_id})
                    await commit()
                    return Outcome(accepted=False)
                if update_id % 500 == 0:
                    await uow.updates.forget_before(now - KEEP_UPDATE_IDS)
            rows = await uow.families.lock_step(chat_id, locked=update_id is not None)
            family, member, saved = rows.family, rows.member, rows.state
            if not member.is_active:  # writing again restores their reminders after a block
                member.is_active = True
            data, prompt = uow.dialogs.contents(saved) if saved is not None else ({}, [])
            stored = (
                states.load(saved.flow, saved.step or "", data)
                if saved is not None and saved.flow
                else None
            )
            screen = uow.dialogs.screen(saved) if saved is not None else Screen()
            if edited:
                before = _correctable(screen, message_id, event)
                if before is None:
                    if outbox:
                        uow.outbox.add(chat_id, _payloads([say(EDITS_NOT_READ)], None), now)
                    await commit()
                    return Outcome([say(EDITS_NOT_READ)], accepted=False)
                stored = states.load(before["flow"], before["step"], before["data"])
                prompt = list(before["prompt"])
            state = _readable(stored)
            if _double_tap(event, message_id, screen, prompt):
                await commit()
                return Outcome(accepted=False, quiet=True)
            lost = isinstance(stored, states.Lost)
            if lost:
                prompt = []  # the question on screen belonged to the lost conversation
            ctx = await self.context(
                uow,
                family,
                now,
                history=_reads_history(state, event),
                member=member,
                loaded=rows,
                invite=await invites.resolve(uow, family, member, state, event, now),
                about_family=invites.about_family(state, event),
            )
            step, accepted = self._route(state, prompt, event, ctx)
            step = self._keep_question(state, step, prompt)
            if lost:
                step = replace(step, replies=(say(LOST_TRACK), *step.replies))
            step = asides.follow_up(state, step, ctx)
            screen = _after_press(screen, event, message_id, accepted, step)
            screen = _after_typed(screen, state, event, message_id, step, prompt)
            step = replace(step, replies=_in_place(step.replies, event, message_id))
            for effect in step.effects:
                await apply_effect(uow, family, effect, ctx)
            # An erased family keeps nothing, not even where its conversation stood; a member
            # who left keeps no conversation either.
            erased = any(isinstance(effect, DeleteFamily) for effect in step.effects)
            left = any(isinstance(effect, LeaveFamily) for effect in step.effects)
            if not erased and not left:
                await uow.dialogs.save(
                    member,
                    flow=step.state.flow if step.state else None,
                    step=step.state.step if step.state else None,
                    data=states.dump(step.state) if step.state else {},
                    prompt=self._prompt(step, prompt),
                    screen=screen,
                )
            question = _question_at(step)
            if outbox:
                # Files are made after the commit; what comes before the first may go now.
                ready = _before_files(step.replies)
                payloads = _payloads(ready, question)
                # A step that also told other members (a notice) leaves all its replies to
                # the sender's look, which starts them in the order they were written.
                if lease is None or uow.outbox.chats - {chat_id}:
                    uow.outbox.add(chat_id, payloads, now)
                else:
                    leased = await uow.outbox.add_leased(
                        chat_id, payloads, now, now + lease, waiting=rows.waiting
                    )
                if rest := step.replies[len(ready) :]:
                    later = None if question is None else question - len(ready)
                    recipes = [i for i, reply in enumerate(rest) if isinstance(reply, FileRequest)]
                    held = await uow.outbox.add_making(
                        chat_id, _payloads(rest, later), recipes, now, now + files.HOLD
                    )
            await commit()
        if erased:
            await self._delete_rows(family.id)
        if held:
            replies = await self._made_in_place(step.replies, held, now + files.HOLD)
        else:
            replies = await made(step.replies)
        look = leased is None or bool(uow.outbox.chats - {chat_id})
        if held:
            look = True  # the leased reply may be sent and settled already
        return Outcome(replies, accepted, erased, leased=leased, look=look)

    async def _made_in_place(
        self, replies: Sequence[StepReply], held: list[int], until: datetime
    ) -> list[Reply]:
        """Make the step's files, each put in the place of its recipe (``held``, ours until
        ``until``) in a short transaction as soon as it is made. If one cannot be made, the
        recipes left are forgotten (the parent is told something went wrong) so the chat's
        later replies do not wait behind them; a crash leaves them to ``remake``."""
        waiting = list(held)

        async def put(file: Document | Photo) -> None:
            await files.fill(self.store, waiting[0], file, until)
            waiting.pop(0)

        try:
            return await made(replies, put)
        except Exception:
            await files.forget(self.store, waiting, until)
            raise

    async def remake(self, row: Stored, until: datetime) -> None:
        """Make the file whose recipe ``row`` is, its maker having died (the outbox sender
        leased the row until ``until``): asked for again from the family's data as committed,
        as the member who asked sees it, and put in the recipe's place; the recipe is
        forgotten when its family or child is gone."""
        assert row.chat_id is not None
        request: FileRequest | None = None
        recipe = files.recipe_in(row.payload)
        async with self.store.unit_of_work() as uow:
            family = await uow.families.get(row.chat_id)
            member = await uow.members.of_chat(row.chat_id) if family is not None else None
            if recipe is not None and family is not None and member is not None:
                ctx = await self.context(uow, family, self.clock(), member=member)
                request = files.again(recipe, ctx.family, self.knowledge)
        file = await asyncio.to_thread(request.make) if request is not None else None
        await files.fill(self.store, row.id, file, until)

    async def question_on_screen(self, chat_id: int) -> tuple[Text, ...]:
        """The question ``chat_id``'s conversation waits at, as last shown (none outside a
        conversation): the terminal chat shows it again when it starts, so a number typed
        after a restart presses the button it names instead of being read as an answer."""
        async with self.store.unit_of_work() as uow:
            family = await uow.families.get(chat_id)
            member = await uow.members.of_chat(chat_id) if family is not None else None
            saved = await uow.dialogs.get(member.id) if member is not None else None
            if saved is None or not saved.flow:
                return ()
            data, prompt = uow.dialogs.contents(saved)
            stored = states.load(saved.flow, saved.step or "", data)
        if isinstance(stored, states.Lost):
            return ()  # the next step says so, and starts afresh
        return tuple(text_from_json(reply) for reply in prompt)

    async def _delete_rows(self, family_id: int) -> None:
        """Erasure's second step, once the destroyed key is committed: delete the family's
        rows (every table cascades) and, on SQLite, empty the write-ahead log of them. If the
        process stops before this, the rows are deleted at the next start."""
        async with self.store.unit_of_work() as uow:
            await uow.families.delete_erased(family_id)
            await uow.commit()
        await self.store.scrub()

    async def queue(
        self,
        chat_id: int,
        replies: list[Reply],
        *,
        update_id: int | None = None,
        in_inbox: bool = True,
    ) -> None:
        """Queue replies that need no conversation (a sticker's answer) in the outbox; the
        update they answer leaves the inbox in the same transaction (``in_inbox=False``: it
        was never written there)."""
        async with self.store.unit_of_work() as uow:
            if update_id is not None and in_inbox:
                await uow.inbox.remove(update_id)
            uow.outbox.add(chat_id, [reply_to_json(r) for r in replies], self.clock())
            await uow.commit()

    async def set_reachable(self, chat_id: int, reachable: bool) -> None:
        """Record that a member blocked (or unblocked) the bot; their reminders follow this
        flag, the other members' do not.

        A chat that never wrote is not created: a block should leave no trace.
        """
        async with self.store.unit_of_work() as uow:
            if await uow.members.set_reachable(chat_id, reachable):
                await uow.commit()

    async def context(
        self,
        uow: UnitOfWork,
        family: Family,
        now: datetime,
        *,
        history: bool = True,
        member: Member | None = None,
        invite: InviteView | None = None,
        about_family: bool = False,
        loaded: StepRows | None = None,
    ) -> FlowContext:
        """The snapshot flows read: the family, its members, its children and, with
        ``history``, their answers, concerns and open reminders; as ``member`` sees it.
        What the step's first statement read (``loaded``) is not read again."""
        if loaded is not None and loaded.members == 1:
            members: Sequence[Member] = [loaded.member]
        else:
            members = await uow.members.of_family(family.id)
        if loaded is not None:
            children: Sequence[Child] = loaded.children
        else:
            children = await uow.children.of_family(family.id)
        child_ids = [c.id for c in children]
        observations = await uow.observations.of_children(family.id, child_ids) if history else ()
        notes = await uow.concerns.of_family(family.id) if history else ()
        reminders = await uow.reminders.open_of_children(family.id, child_ids) if history else ()
        births = {child.id: uow.children.birth(child) for child in children}
        views = tuple(
            ChildView(
                id=child.id,
                nickname=uow.children.nickname(child),
                birth_date=births[child.id].date,
                birth_date_estimated=births[child.id].estimated,
                gestational_weeks=births[child.id].weeks,
                observations=tuple(
                    ObservationView(
                        o.milestone_id,
                        o.answer,  # type: ignore[arg-type]
                        o.observed_on,
                        o.age_months,
                        o.checklist_age,
                        o.member_id,
                    )
                    for o in observations
                    if o.child_id == child.id
                ),
                concerns=tuple(
                    ConcernView(n.text, n.matched_id, n.triage, n.created_on)
                    for n in notes
                    if n.child_id == child.id
                ),
            )
            for child in children
        )
        view = FamilyView(
            chat_id=member.chat_id if member is not None else family.chat_id,
            members=tuple(
                MemberView(m.id, uow.members.name(m), Role(m.role), m.reminders_on)
                for m in members
            ),
            me=member.id if member is not None else None,
            open_invites=await uow.invites.open_count(family.id, now) if about_family else 0,
            children=views,
            active_child_id=family.active_child_id,
            timezone=family.timezone,
            reminder_hour=family.reminder_hour,
            family_concerns=tuple(
                ConcernView(n.text, n.matched_id, n.triage, n.created_on)
                for n in notes
                if n.child_id is None
            ),
            paused_until=family.paused_until,
            reminders_stopped=family.reminders_stopped,
            reminders=tuple(
                ReminderView(
                    r.id,
                    r.child_id,
                    r.checklist_age,
                    ReminderStatus(r.status),
                    r.next_at,
                    ReminderKind(r.kind),
                    r.items,
                )
                for r in reminders
            ),
        )
        today = now.astimezone(zone_of(family.timezone)).date()
        return FlowContext(
            now=now,
            today=today,
            family=view,
            knowledge=self.knowledge,
            invite=invite,
            code=secrets.token_urlsafe(invites.TOKEN_BYTES),
            bot_username=self.bot_username,
        )

    # --- routing -------------------------------------------------------------------------

    def _route(
        self, state: FlowState | None, prompt: list, event: Event, ctx: FlowContext
    ) -> tuple[Step, bool]:
        if isinstance(event, ButtonIn):
            if event.payload.startswith("/"):
                return self._command(state, parse_text(event.payload), ctx), True
            on_screen = {b.payload for reply in prompt for b in text_from_json(reply).all_buttons}
            if state is None or event.payload not in on_screen:
                return self._stale(state, prompt), False
        if isinstance(event, CommandIn):
            return self._command(state, event, ctx), True
        if isinstance(event, TextIn) and len(event.text) > MAX_TEXT:
            too_long = say(f"That message is long; please keep it under {MAX_TEXT} characters.")
            return Step(state, (too_long, *self._again(prompt))), True
        if isinstance(event, TextIn) and not event.text:
            return Step(state, self._again(prompt) or (say(HELP_TEXT),)), True
        if state is None:
            if FREE_TEXT is not None and isinstance(event, TextIn):
                return FREE_TEXT.start(ctx, event.text), True
            return Step(None, (say(HELP_TEXT),)), True
        flow = FLOWS[state.flow]
        if not isinstance(event, TextIn):
            return flow.handle(state, event, ctx), True
        # Typed text mid-flow is triaged like any other: a danger sign pauses the flow before
        # a step that takes any text could take it; a worry the step refuses is kept.
        question = self._again(prompt)
        paused = asides.pause_for_danger(state, event.text, question, flow.continue_label, ctx)
        if paused is not None:
            return paused, True
        step = flow.handle(state, event, ctx)
        if step.not_an_answer:
            return asides.keep_worry(step, event.text, question, ctx), True
        return step, True

    def _command(self, state: FlowState | None, event: Event, ctx: FlowContext) -> Step:
        if not isinstance(event, CommandIn):  # a button payload like "/" with no name
            return Step(state, (say(HELP_TEXT),))
        match GLOBAL.get(event.name):
            case Global.CANCEL:
                text = (
                    "Okay, stopped. Everything you told me so far is saved."
                    if state
                    else "There is nothing to cancel; /help lists what I can do."
                )
                return Step(None, (say(text),))
            case Global.HELP:
                return Step(state, (say(HELP_TEXT),))
            case None:
                pass
            case unknown:
                assert_never(unknown)
        flow = COMMANDS.get(event.name)
        if family_flows.invite_code(event) is not None:  # /join CODE, or the deep link
            flow = family_flows.JOIN
        if flow is None:
            return Step(state, (say(f"I don't know /{event.name[:32]}. " + HELP_TEXT),))
        return flow.start(ctx, event.args)

    def _stale(self, state: FlowState | None, prompt: list) -> Step:
        if state is None or not prompt:
            return Step(
                state,
                (say("That button is from an earlier conversation; /help lists what I can do."),),
            )
        return Step(state, (say("That button belongs to an earlier question. We are here:"),
                            *self._again(prompt)))  # fmt: skip

    @staticmethod
    def _again(prompt: list) -> tuple[Reply, ...]:
        return tuple(text_from_json(reply) for reply in prompt)

    @classmethod
    def _keep_question(cls, state: FlowState | None, step: Step, prompt: list) -> Step:
        """A step that stays at a question with buttons but answers without them ("Please
        choose one of the buttons", /help) shows the question again after its reply.

        Otherwise the buttonless reply would become the question on screen: nothing left to
        press, and the question's own buttons refused as from an earlier question.
        """
        if state is None or step.state is None:
            return step
        if (step.state.flow, step.state.step) != (state.flow, state.step):
            return step
        if any((text := shown_text(reply)) and text.buttons for reply in step.replies):
            return step
        if not any(text_from_json(reply).buttons for reply in prompt):
            return step
        again = (*step.replies, *cls._again(prompt))
        return Step(step.state, again, step.effects, step.not_an_answer)

    @staticmethod
    def _prompt(step: Step, previous: list) -> list:
        """The question now on screen: the step's last message, kept while the flow waits."""
        if step.state is None:
            return []
        texts = [text for reply in step.replies if (text := shown_text(reply))]
        return [text_to_json(texts[-1])] if texts else previous
