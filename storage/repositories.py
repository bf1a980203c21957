"""Repositories: every query the bot runs is written here. They never commit; the unit of
work does.

The bot may change a row a repository returned (the effect appliers, the reminder plans);
the session writes those changes at commit, from the models, so the bot itself holds no SQL
and never touches the session. Storage's other SQL is schema and upkeep, not use cases:
migrations, ``rotate.py`` (key rotation over every encrypted column) and ``db.py``'s
connection pragmas.

Encrypted columns are encrypted and decrypted here, with the family's data key
(``storage.keys``), so callers only ever see plain values and cannot forget to encrypt.
Loading a family (``FamilyRepository``) unwraps its key for the rest of the unit of work.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Collection, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import (
    CursorResult,
    Result,
    Select,
    Table,
    bindparam,
    delete,
    exists,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from storage.crypto import (
    ANSWER,
    BIRTH,
    DIALOG,
    ITEMS,
    MEMBER_NAME,
    NICKNAME,
    NOTE,
    Cipher,
    EncryptionKeyError,
)
from storage.direct import Direct
from storage.keys import FamilyKeys, keyless
from storage.models import (
    ANSWERS,
    Base,
    Child,
    ConcernNote,
    DialogState,
    Family,
    FamilyKey,
    InboxUpdate,
    Invite,
    Member,
    Observation,
    OutboxMessage,
    ProcessedUpdate,
    Reminder,
    ReminderSend,
)
from storage.sealed import seal, seal_list, unseal, unseal_list


@dataclass(frozen=True, slots=True)
class FamilyDefaults:
    """Settings a new family starts with."""

    timezone: str
    reminder_hour: int


def _on_postgres(session: AsyncSession) -> bool:
    """Whether the session is bound to PostgreSQL (else SQLite), for statements that differ."""
    return session.get_bind().dialect.name == "postgresql"


def _dialect_insert(dialect: str, table: Any) -> postgresql.Insert | sqlite.Insert:
    """A dialect insert that supports ``on_conflict_*`` on both databases."""
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)


def _insert(session: AsyncSession, table: type) -> postgresql.Insert | sqlite.Insert:
    """``_dialect_insert`` for the session's database."""
    return _dialect_insert("postgresql" if _on_postgres(session) else "sqlite", table)


def _table(model: type[Base]) -> Table:
    """A model's table, for Core statements that skip the session's per-object work (the
    declarative ``__table__`` is typed as any ``FromClause``)."""
    return cast(Table, model.__table__)


def _changed(result: Result[Any]) -> bool:
    """Whether an INSERT or UPDATE touched a row.

    ``AsyncSession.execute`` is typed to return a plain ``Result``; for a DML statement it is a
    ``CursorResult``, the only kind with ``rowcount`` (SQLAlchemy's documented cast).
    """
    return bool(cast(CursorResult[Any], result).rowcount)


@dataclass(frozen=True, slots=True)
class StepRows:
    """What ``FamilyRepository.lock_step`` read for a dialog step."""

    family: Family
    member: Member
    #: The member's conversation; None before their first step.
    state: DialogState | None
    #: The family's children, oldest first (``ChildRepository.of_family``'s order).
    children: list[Child]
    #: How many members the family has (one: ``member`` is all of them).
    members: int
    #: Whether the chat has replies waiting in the outbox (``Outbox.add_leased``).
    waiting: bool


def _step_statement() -> Select[tuple]:
    """``lock_step``'s statement, built once (building a statement costs more CPU than
    SQLite takes to run this one)."""
    others = aliased(Member)
    members = (
        select(func.count(others.id))
        .where(others.family_id == Family.id)
        .correlate(Family)
        .scalar_subquery()
    )
    waiting = exists().where(OutboxMessage.chat_id == Member.chat_id).correlate(Member)
    return (
        select(Family, Member, FamilyKey.key_enc, DialogState, Child, members, waiting)
        .join(Member, Member.family_id == Family.id)
        .outerjoin(FamilyKey, FamilyKey.family_id == Family.id)
        .outerjoin(DialogState, DialogState.member_id == Member.id)
        .outerjoin(Child, Child.family_id == Family.id)
        .where(Member.chat_id == bindparam("chat_id"))
        .order_by(Child.id)
        .with_for_update(of=[Family, Member])
        .execution_options(populate_existing=True)
    )


_STEP = _step_statement()
#: ``lock_step``'s locks alone, taken first on PostgreSQL (see there).
_LOCK_STEP = (
    select(Family.id)
    .join(Member, Member.family_id == Family.id)
    .where(Member.chat_id == bindparam("chat_id"))
    .with_for_update(of=[Family, Member])
)


class FamilyRepository:
    def __init__(self, session: AsyncSession, defaults: FamilyDefaults, keys: FamilyKeys) -> None:
        self._session = session
        self._defaults = defaults
        self._keys = keys

    async def lock_or_create(self, chat_id: int) -> Family:
        """The family of ``chat_id`` (``lock_member``, without the membership)."""
        return (await self.lock_member(chat_id))[0]

    async def lock_member(self, chat_id: int) -> tuple[Family, Member]:
        """The family ``chat_id`` is a member of, and that membership, created (a family of
        one, the chat its admin, with its data key) when the chat is new, both locked for
        this transaction, the family's key unwrapped.

        On PostgreSQL the family's row lock serialises everything its members do, and the
        member's row lock makes a membership removed meanwhile vanish from the result (the
        chat is then new: a stranger); SQLite's single writer (``BEGIN IMMEDIATE``) already
        serialises. Existing members, the common case, cost one statement (the key comes
        with the row). A family whose key is gone was being erased when the process stopped:
        its erasure is finished and the chat starts afresh.
        """
        found = await self._locked(chat_id)
        if found is not None and found[2] is None:
            await self.delete_erased(found[0].id)
            self._session.expunge(found[0])
            self._session.expunge(found[1])
            found = None
        if found is None:
            await self._create(chat_id)
            found = await self._locked(chat_id)
        assert found is not None
        family, member, wrapped = found
        assert wrapped is not None  # a family is created with its key, in one transaction
        self._keys.remember(family.id, wrapped)
        return family, member

    async def _create(self, chat_id: int) -> bool:
        """A family of one for a new chat: the family, its data key and the chat as its
        admin. False when another transaction created the chat's family first (PostgreSQL;
        the insert waited for it): the caller reads that one."""
        created = await self._session.execute(
            _insert(self._session, Family)
            .values(
                chat_id=chat_id,
                timezone=self._defaults.timezone,
                reminder_hour=self._defaults.reminder_hour,
                is_active=True,
            )
            .on_conflict_do_nothing(index_elements=["chat_id"])
            .returning(Family.id)
        )
        new_id = created.scalar_one_or_none()
        if new_id is None:
            return False
        await self._keys.create(new_id)
        await self._session.execute(
            _insert(self._session, Member).values(
                family_id=new_id,
                chat_id=chat_id,
                role="admin",
                reminders_on=True,
                join_failures=0,
            )
        )
        return True

    async def lock_step(self, chat_id: int, *, locked: bool = False) -> StepRows:
        """What a dialog step reads under its locks, in one statement: ``lock_member``'s
        family, membership and key, the member's conversation, the family's children, how
        many members it has and whether the chat has replies waiting in the outbox.

        Each statement is a round trip (to aiosqlite's thread, or to PostgreSQL) and a turn
        of the event loop; a step read these with five (docs/benchmarks.md, "The step's own
        transaction"). The locks are ``lock_member``'s (``FOR UPDATE OF`` the family and
        the membership; the outer-joined rows are read, not locked). A new chat's family is
        created here and then read; one whose erasure was interrupted goes through
        ``lock_member`` first.

        On PostgreSQL the locks are taken by a statement of their own first. A statement
        that waits for a row lock returns the rows it locks as their holder committed them
        but every other row (the conversation, the children) as it was when the statement
        began: a step that waited for another step of the family, or for the outbox's look
        recording a question, read the conversation and the children from before that
        commit (``tests/storage/test_locked_reads.py``). Once the locks are held, the read
        sees everything committed before it. SQLite's ``BEGIN IMMEDIATE`` takes the one
        write lock before anything is read, so there one statement does. ``locked``: this
        transaction took those locks already (``UpdateLog.claim`` with ``lock_step_of``).
        """
        if not locked and _on_postgres(self._session):
            await self._session.execute(_LOCK_STEP, {"chat_id": chat_id})
        rows = (await self._session.execute(_STEP, {"chat_id": chat_id})).all()
        if not rows:
            # A new chat: created here, then read once (``lock_member`` would read it twice
            # more). If another transaction created it first, its rows are locked first.
            if not await self._create(chat_id) and _on_postgres(self._session):
                await self._session.execute(_LOCK_STEP, {"chat_id": chat_id})
            rows = (await self._session.execute(_STEP, {"chat_id": chat_id})).all()
            assert rows, "a family took the chat's id without it as a member"
        elif rows[0][2] is None:
            await self.lock_member(chat_id)
            rows = (await self._session.execute(_STEP, {"chat_id": chat_id})).all()
        family, member, wrapped, state, _, count, waiting = rows[0]
        assert wrapped is not None  # made or restored in this transaction
        self._keys.remember(family.id, wrapped)
        children = [row[4] for row in rows if row[4] is not None]
        return StepRows(family, member, state, children, count, bool(waiting))

    async def _locked(self, chat_id: int) -> tuple[Family, Member, bytes | None] | None:
        result = await self._session.execute(
            select(Family, Member, FamilyKey.key_enc)
            .join(Member, Member.family_id == Family.id)
            .outerjoin(FamilyKey, FamilyKey.family_id == Family.id)
            .where(Member.chat_id == chat_id)
            .with_for_update(of=[Family, Member])
            .execution_options(populate_existing=True)
        )
        row = result.one_or_none()
        return None if row is None else (row[0], row[1], row[2])

    async def lock(self, family_id: int) -> Family | None:
        """Another family (the one an invite is for), locked for this transaction with its
        key unwrapped; None if it is gone or being erased."""
        result = await self._session.execute(
            select(Family, FamilyKey.key_enc)
            .join(FamilyKey, FamilyKey.family_id == Family.id)
            .where(Family.id == family_id)
            .with_for_update(of=Family)
            .execution_options(populate_existing=True)
        )
        row = result.one_or_none()
        if row is None:
            return None
        self._keys.remember(row[0].id, row[1])
        return row[0]

    async def get(self, chat_id: int) -> Family | None:
        """The family ``chat_id`` is a member of, with its key unwrapped; None if there is
        none, or if its erasure has begun (its key is gone)."""
        result = await self._session.execute(
            select(Family, FamilyKey.key_enc)
            .join(FamilyKey, FamilyKey.family_id == Family.id)
            .join(Member, Member.family_id == Family.id)
            .where(Member.chat_id == chat_id)
        )
        row = result.one_or_none()
        if row is None:
            return None
        self._keys.remember(row[0].id, row[1])
        return row[0]

    async def destroy_key(self, family: Family) -> None:
        """The first step of erasure: once committed, nothing of the family can be read. Its
        members' inbox and outbox rows go in the same step: they are keyed by chat, not by
        family (an update may come before its family exists), and sealed under the master
        key, so destroying the family's key would not reach them."""
        await self._keys.destroy(family.id)
        chats = select(Member.chat_id).where(Member.family_id == family.id)
        for table in (InboxUpdate, OutboxMessage):
            await self._session.execute(delete(table).where(table.chat_id.in_(chats)))

    async def move_into(self, source: Family, target: Family) -> None:
        """Move everything of ``source`` about its children into ``target`` (a member bringing
        their children into a shared family): children, answers, worries and reminders,
        re-encrypted from ``source``'s key to ``target``'s. Both keys must be loaded."""
        old, new = self._keys.of(source.id), self._keys.of(target.id)
        await self._session.flush()
        children = (
            (await self._session.execute(select(Child).where(Child.family_id == source.id)))
            .scalars()
            .all()
        )
        ids = [c.id for c in children]
        for child in children:
            child.nickname_enc = new.encrypt(old.decrypt(child.nickname_enc, NICKNAME), NICKNAME)
            child.birth_enc = new.seal(old.open(child.birth_enc, BIRTH), BIRTH)
            child.family_id = target.id
        if ids:
            for answer in (
                (
                    await self._session.execute(
                        select(Observation).where(Observation.child_id.in_(ids))
                    )
                )
                .scalars()
                .all()
            ):
                answer.answer_enc = new.seal(old.open(answer.answer_enc, ANSWER), ANSWER)
            for reminder in (
                (await self._session.execute(select(Reminder).where(Reminder.child_id.in_(ids))))
                .scalars()
                .all()
            ):
                reminder.items = seal_list(new, unseal_list(old, reminder.items, ITEMS), ITEMS)
        for note in (
            (
                await self._session.execute(
                    select(ConcernNote).where(ConcernNote.family_id == source.id)
                )
            )
            .scalars()
            .all()
        ):
            note.note_enc = new.seal(old.open(note.note_enc, NOTE), NOTE)
            note.family_id = target.id
        if target.active_child_id is None and ids:
            target.active_child_id = ids[0]
        source.active_child_id = None
        await self._session.flush()

    async def erase_now(self, family: Family) -> None:
        """Destroy an emptied family's key and its rows in one step (after ``move_into``:
        nothing of it is left to protect by committing the key's destruction first)."""
        await self._keys.destroy(family.id)
        await self._session.flush()
        await self._session.execute(delete(Family).where(Family.id == family.id))
        self._session.expunge(family)

    async def delete_erased(self, family_id: int) -> None:
        """The second step: delete the family's rows (every table cascades), only if its key
        is gone, so a family that started afresh meanwhile is never touched."""
        await self._session.execute(delete(Family).where(Family.id == family_id, keyless()))


#: How long an invite can be used.
INVITE_LIFETIME = timedelta(hours=48)


def token_hash(token: str) -> str:
    """What is stored of an invite token: its SHA-256. The token has 128 random bits, so a
    plain hash cannot be reversed by guessing, and a database copy cannot be used to join."""
    return hashlib.sha256(token.encode()).hexdigest()


class MemberRepository:
    """The members of families: role, name (sealed under the family's key), reminders."""

    def __init__(self, session: AsyncSession, keys: FamilyKeys) -> None:
        self._session = session
        self._keys = keys

    async def of_family(self, family_id: int) -> Sequence[Member]:
        result = await self._session.execute(
            select(Member).where(Member.family_id == family_id).order_by(Member.id)
        )
        return result.scalars().all()

    async def recipients(self, family_id: int) -> Sequence[Member]:
        """The members a check-in reminder goes to: those who want reminders and have not
        blocked the bot, oldest membership first."""
        result = await self._session.execute(
            select(Member)
            .where(Member.family_id == family_id, Member.reminders_on, Member.is_active)
            .order_by(Member.id)
        )
        return result.scalars().all()

    async def set_reachable(self, chat_id: int, reachable: bool) -> bool:
        """Record that the member of ``chat_id`` blocked (or unblocked) the bot; True if
        that changed anything. A chat that is no member is left alone (no trace)."""
        result = await self._session.execute(
            update(Member)
            .where(Member.chat_id == chat_id, Member.is_active.is_not(reachable))
            .values(is_active=reachable)
        )
        return _changed(result)

    async def of_chat(self, chat_id: int) -> Member | None:
        """The membership of ``chat_id``, unlocked (support and tests; a step locks it with
        ``FamilyRepository.lock_member``)."""
        result = await self._session.execute(select(Member).where(Member.chat_id == chat_id))
        return result.scalar_one_or_none()

    def name(self, member: Member) -> str | None:
        if member.name_enc is None:
            return None
        return self._keys.of(member.family_id).decrypt(member.name_enc, MEMBER_NAME).decode()

    def set_name(self, member: Member, name: str) -> None:
        key = self._keys.of(member.family_id)
        member.name_enc = key.encrypt(name.encode(), MEMBER_NAME)

    async def owned(self, family_id: int, member_id: int) -> Member | None:
        """The member ``member_id`` if it belongs to ``family_id`` (ids from input are
        untrusted)."""
        result = await self._session.execute(
            select(Member).where(Member.id == member_id, Member.family_id == family_id)
        )
        return result.scalar_one_or_none()

    async def remove(self, member: Member) -> None:
        """End a membership: its conversation goes with it (cascade), and so do the chat's
        queued replies and unprocessed updates, which may hold the family's data."""
        await self._session.flush()
        for table in (InboxUpdate, OutboxMessage):
            await self._session.execute(delete(table).where(table.chat_id == member.chat_id))
        await self._session.execute(delete(Member).where(Member.id == member.id))
        self._session.expunge(member)


@dataclass(frozen=True, slots=True)
class FoundInvite:
    """An invite looked up by its token, with whether it can still be used at ``now``."""

    invite: Invite
    status: str  # "ok", "used", "expired", "revoked"


class InviteRepository:
    """Invites to a family, stored as the hash of their token."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, family_id: int, invited_by: int, token: str, now: datetime) -> None:
        self._session.add(
            Invite(
                family_id=family_id,
                invited_by=invited_by,
                token_hash=token_hash(token),
                expires_at=now + INVITE_LIFETIME,
            )
        )

    async def find(self, token: str, now: datetime) -> FoundInvite | None:
        """The invite whose token is ``token``, locked; None if there is none."""
        result = await self._session.execute(
            select(Invite).where(Invite.token_hash == token_hash(token)).with_for_update()
        )
        invite = result.scalar_one_or_none()
        return None if invite is None else FoundInvite(invite, self._status(invite, now))

    async def get(self, invite_id: int, now: datetime) -> FoundInvite | None:
        result = await self._session.execute(
            select(Invite).where(Invite.id == invite_id).with_for_update()
        )
        invite = result.scalar_one_or_none()
        return None if invite is None else FoundInvite(invite, self._status(invite, now))

    @staticmethod
    def _status(invite: Invite, now: datetime) -> str:
        if invite.used_at is not None:
            return "used"
        if invite.revoked_at is not None:
            return "revoked"
        if invite.expires_at <= now:
            return "expired"
        return "ok"

    async def open_count(self, family_id: int, now: datetime) -> int:
        """How many of the family's invites could still be used."""
        count = await self._session.scalar(
            select(func.count(Invite.id)).where(
                Invite.family_id == family_id,
                Invite.used_at.is_(None),
                Invite.revoked_at.is_(None),
                Invite.expires_at > now,
            )
        )
        return int(count or 0)

    async def revoke_open(self, family_id: int, now: datetime) -> None:
        await self._session.execute(
            update(Invite)
            .where(
                Invite.family_id == family_id,
                Invite.used_at.is_(None),
                Invite.revoked_at.is_(None),
            )
            .values(revoked_at=now)
        )


@dataclass(frozen=True, slots=True)
class Birth:
    """When a child was born: the date (the 15th when only the month was known, then
    ``estimated``) and weeks of pregnancy when born early."""

    date: date
    estimated: bool = False
    weeks: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "estimated": self.estimated, "weeks": self.weeks}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Birth:
        return cls(date.fromisoformat(data["date"]), bool(data["estimated"]), data["weeks"])


#: New rows of a step, as Core statements built once on the tables: through the session
#: (``add``, written by its flush) each cost the unit of work's per-object machinery.
_ADD_CHILD = insert(_table(Child)).returning(_table(Child).c.id, _table(Child).c.created_at)
_ADD_OBSERVATION = insert(_table(Observation))
_ADD_CONCERN = insert(_table(ConcernNote))


class ChildRepository:
    def __init__(self, session: AsyncSession, keys: FamilyKeys) -> None:
        self._session = session
        self._keys = keys

    async def of_family(self, family_id: int) -> Sequence[Child]:
        result = await self._session.execute(
            select(Child).where(Child.family_id == family_id).order_by(Child.id)
        )
        return result.scalars().all()

    def nickname(self, child: Child) -> str:
        return self._keys.of(child.family_id).decrypt(child.nickname_enc, NICKNAME).decode()

    def birth(self, child: Child) -> Birth:
        return Birth.from_json(self._keys.of(child.family_id).open(child.birth_enc, BIRTH))

    async def add(
        self,
        family: Family,
        *,
        nickname: str,
        birth_date: date,
        birth_date_estimated: bool,
        gestational_weeks: int | None,
    ) -> Child:
        """A new child of ``family``, written at once (its id is the reminders' and the
        family's) by a statement built once, and handed back as a row the session holds (as
        if loaded): the session's flush of one new object cost more CPU than the rest of the
        step's writes (docs/benchmarks.md, "The step's own CPU")."""
        key = self._keys.of(family.id)
        birth = Birth(birth_date, birth_date_estimated, gestational_weeks)
        values = {
            "family_id": family.id,
            "nickname_enc": key.encrypt(nickname.encode(), NICKNAME),
            "birth_enc": key.seal(birth.to_json(), BIRTH),
        }
        row = (await self._session.execute(_ADD_CHILD, values)).one()
        child = Child(id=row.id, created_at=row.created_at, **values)
        make_transient_to_detached(child)
        self._session.add(child)
        return child

    async def owned(self, family: Family, child_id: int) -> Child | None:
        """The child ``child_id`` if it belongs to ``family`` (ids from input are untrusted).

        By primary key, so a child the step's snapshot loaded already costs no statement."""
        child = await self._session.get(Child, child_id)
        return child if child is not None and child.family_id == family.id else None

    def rename(self, child: Child, nickname: str) -> None:
        child.nickname_enc = self._keys.of(child.family_id).encrypt(nickname.encode(), NICKNAME)

    def set_birth(self, child: Child, birth: Birth) -> None:
        child.birth_enc = self._keys.of(child.family_id).seal(birth.to_json(), BIRTH)

    async def remove(self, child: Child) -> None:
        await self._session.execute(delete(Child).where(Child.id == child.id))


@dataclass(frozen=True, slots=True)
class StoredObservation:
    """One answer, decrypted."""

    child_id: int
    milestone_id: str
    answer: str
    observed_on: date
    age_months: int
    checklist_age: int
    #: The member who gave it; None before revision 0009 and after that member left.
    member_id: int | None = None


class ObservationRepository:
    def __init__(self, session: AsyncSession, keys: FamilyKeys) -> None:
        self._session = session
        self._keys = keys

    async def of_children(
        self, family_id: int, child_ids: Sequence[int]
    ) -> list[StoredObservation]:
        """The answers about these children of ``family_id``, oldest first."""
        if not child_ids:
            return []
        result = await self._session.execute(
            select(
                Observation.child_id,
                Observation.answer_enc,
                Observation.observed_on,
                Observation.member_id,
            )
            .where(Observation.child_id.in_(child_ids))
            .order_by(Observation.observed_on, Observation.id)
        )
        key = self._keys.of(family_id)
        found = []
        for child_id, token, observed_on, member_id in result.all():
            data = key.open(token, ANSWER)
            found.append(
                StoredObservation(
                    child_id,
                    data["milestone_id"],
                    data["answer"],
                    observed_on,
                    data["age_months"],
                    data["checklist_age"],
                    member_id,
                )
            )
        return found

    async def add(
        self,
        family_id: int,
        *,
        child_id: int,
        milestone_id: str,
        answer: str,
        observed_on: date,
        age_months: int,
        checklist_age: int,
        member_id: int | None = None,
    ) -> None:
        """Record an answer (by ``member_id``), sealed with its milestone and the child's
        age. The database
        cannot check an encrypted answer (0004's CHECK went with the clear column in 0005),
        so it is checked here against the vocabulary. Written at once by a statement built
        once (no object for the session to flush)."""
        if answer not in ANSWERS:
            raise ValueError(f"not an answer: {answer!r}")
        data = {
            "milestone_id": milestone_id,
            "answer": answer,
            "age_months": age_months,
            "checklist_age": checklist_age,
        }
        await self._session.execute(
            _ADD_OBSERVATION,
            {
                "child_id": child_id,
                "answer_enc": self._keys.of(family_id).seal(data, ANSWER),
                "observed_on": observed_on,
                "member_id": member_id,
            },
        )


@dataclass(frozen=True, slots=True)
class StoredConcern:
    """One worry, decrypted: the parent's words, the topic it matched and its triage level."""

    child_id: int | None
    text: str
    matched_id: str | None
    triage: str
    created_on: date


class ConcernRepository:
    def __init__(self, session: AsyncSession, keys: FamilyKeys) -> None:
        self._session = session
        self._keys = keys

    async def of_family(self, family_id: int) -> list[StoredConcern]:
        result = await self._session.execute(
            select(ConcernNote.child_id, ConcernNote.note_enc, ConcernNote.created_on)
            .where(ConcernNote.family_id == family_id)
            .order_by(ConcernNote.id)
        )
        key = self._keys.of(family_id)
        found = []
        for child_id, token, created_on in result.all():
            note = key.open(token, NOTE)
            text, matched, triage = note["text"], note["matched_id"], note["triage"]
            found.append(StoredConcern(child_id, text, matched, triage, created_on))
        return found

    async def add(
        self,
        *,
        family_id: int,
        child_id: int | None,
        text: str,
        matched_id: str | None,
        triage: str,
        created_on: date,
    ) -> None:
        """Record a worry, written at once by a statement built once."""
        note = {"text": text, "matched_id": matched_id, "triage": triage}
        await self._session.execute(
            _ADD_CONCERN,
            {
                "family_id": family_id,
                "child_id": child_id,
                "note_enc": self._keys.of(family_id).seal(note, NOTE),
                "created_on": created_on,
            },
        )


#: The key of the sealed ``data`` column that holds the ``Screen`` beside the flow's own
#: data: message ids fit there without a migration, and ``contents`` never shows them.
_SCREEN = "__screen__"


@dataclass(frozen=True, slots=True)
class Screen:
    """Which of the bot's chat messages carry the conversation (Telegram message ids).

    ``live`` is the last question sent with buttons: when the question is sent again, that
    copy loses its buttons. ``answered`` is the question whose button was last taken and
    ``tapped`` that button's payload: the same tap again (a double tap) is answered quietly.
    ``typed`` is the parent's last message when a step took it as data it may correct (a
    nickname, a birth date), and ``before`` where the conversation stood before it (flow,
    step, data, prompt): an edit of that message is taken again from there.
    """

    live: int | None = None
    answered: int | None = None
    tapped: str | None = None
    typed: int | None = None
    before: dict | None = None


class DialogRepository:
    """Where each member's conversation stands, its data and question sealed (encrypted)
    under the key of the member's family."""

    def __init__(self, session: AsyncSession, keys: FamilyKeys) -> None:
        self._session = session
        self._keys = keys

    async def get(self, member_id: int) -> DialogState | None:
        return await self._session.get(DialogState, member_id)

    async def save(
        self,
        member: Member,
        *,
        flow: str | None,
        step: str | None,
        data: dict,
        prompt: list,
        screen: Screen | None = None,
    ) -> None:
        """Store where the member's conversation stands; ``screen`` None keeps the stored
        one.

        One ``INSERT ... ON CONFLICT DO UPDATE`` (both databases have it), written at once
        rather than through the session's unit of work: every step writes this row, and
        the session's flush cost more CPU than the statement. A copy the session loaded is
        brought up to date without being marked changed."""
        if screen is None:
            state = await self.get(member.id)
            screen = self.screen(state) if state is not None else Screen()
        key = self._keys.of(member.family_id)
        values = {
            "family_id": member.family_id,
            "flow": flow,
            "step": step,
            "data": seal(key, _with_screen(data, screen), DIALOG),
            "prompt": seal_list(key, prompt, DIALOG),
        }
        await _upsert_dialog(self._session.get_bind().dialect.name).execute(
            self._session, {"member_id": member.id, **values}
        )
        loaded = self._session.identity_map.get(identity_key(DialogState, member.id))
        if loaded is not None:
            for name, value in values.items():
                set_committed_value(loaded, name, value)

    async def clear(self, member_id: int) -> None:
        """Forget the member's conversation (joining another family starts afresh)."""
        if (state := await self.get(member_id)) is not None:
            await self._session.delete(state)
            await self._session.flush()

    def contents(self, state: DialogState) -> tuple[dict, list]:
        """The flow's data and the question on screen, decrypted."""
        key = self._keys.of(state.family_id)
        data = dict(unseal(key, state.data, DIALOG))
        data.pop(_SCREEN, None)
        return data, unseal_list(key, state.prompt, DIALOG)

    def screen(self, state: DialogState) -> Screen:
        """The message ids kept with the state (none for a state stored before they were)."""
        if not state.data:
            return Screen()
        return _screen_in(unseal(self._keys.of(state.family_id), state.data, DIALOG))

    async def show(self, shown: Sequence[tuple[int, int | None]]) -> list[int | None]:
        """For each ``(chat, live)``, in order, record ``live`` (a Telegram message id; None
        for a question without buttons) as the question on that member's screen; returns, for
        each, the copy it replaces (None when there is none, or nothing to record: the chat
        is no member, has no conversation, or its family's erasure has begun). Called by the
        Telegram outbox's look once the questions were sent.

        The family and the membership are locked as a step locks them (``FOR UPDATE OF``), so
        no step of the chat reads the conversation before this and writes it after. One
        statement reads and locks every chat's conversation, one writes those that change
        (a question without buttons after another changes nothing), and only the sealed
        data (where the ``Screen`` is) is opened and sealed again: a question shown changes
        nothing else. It was two reads and an upsert per question, each in a
        transaction of its own (docs/benchmarks.md, "The reply's bookkeeping in the look")."""
        if not shown:
            return []
        rows = await self._session.execute(_SHOWN, {"chats": sorted({chat for chat, _ in shown})})
        found: dict[int, tuple[int, int, dict]] = {}
        for member_id, chat_id, family_id, wrapped, sealed in rows:
            self._keys.remember(family_id, wrapped)
            key = self._keys.of(family_id)
            found[chat_id] = (
                member_id,
                family_id,
                dict(unseal(key, sealed, DIALOG)) if sealed else {},
            )
        earlier: list[int | None] = []
        changed: set[int] = set()
        for chat, live in shown:
            if chat not in found:
                earlier.append(None)
                continue
            member_id, family_id, data = found[chat]
            screen = _screen_in(data)
            earlier.append(screen.live)
            if screen.live == live:  # a question without buttons after another: no change
                continue
            data.pop(_SCREEN, None)
            found[chat] = (member_id, family_id, _with_screen(data, replace(screen, live=live)))
            changed.add(chat)
        if changed:
            await self._session.execute(
                _SHOW,
                [
                    {
                        "member": found[chat][0],
                        "sealed": seal(self._keys.of(found[chat][1]), found[chat][2], DIALOG),
                    }
                    for chat in sorted(changed)
                ],
            )
        return earlier


def _screen_in(data: dict) -> Screen:
    """The ``Screen`` kept in a conversation's opened data (none for a state stored before
    screens were)."""
    raw = data.get(_SCREEN) or {}
    return Screen(
        raw.get("live"),
        raw.get("answered"),
        raw.get("tapped"),
        raw.get("typed"),
        raw.get("before"),
    )


def _shown_statement() -> Select[tuple]:
    """``DialogRepository.show``'s read: the conversations of the chats ``:chats`` with
    their families' wrapped keys, the family and the membership locked as
    ``FamilyRepository.lock_member`` locks them (in the families' order, so two looks lock
    them alike), and the key and the conversation locked too.

    Locked, not only joined: on PostgreSQL a statement that waited for a row lock (a step
    of the same chat holding its family) returns the locked rows as that step committed
    them but every other row as it was when the statement began, so an unlocked
    conversation came back as before the step and was written back over it
    (``tests/telegram/test_family_bot.py`` on PostgreSQL: "stored state unreadable"). A
    chat with no conversation, or whose family's key is gone (being erased), has nothing to
    record: inner joins."""
    return (
        select(Member.id, Member.chat_id, Family.id, FamilyKey.key_enc, DialogState.data)
        .select_from(Family)
        .join(Member, Member.family_id == Family.id)
        .join(FamilyKey, FamilyKey.family_id == Family.id)
        .join(DialogState, DialogState.member_id == Member.id)
        .where(Member.chat_id.in_(bindparam("chats", expanding=True)))
        .order_by(Family.id, Member.id)
        .with_for_update(of=[Family, Member, FamilyKey, DialogState])
    )


_SHOWN = _shown_statement()
#: ``DialogRepository.show``'s write, one row per ``member``.
_SHOW = (
    update(_table(DialogState))
    .where(_table(DialogState).c.member_id == bindparam("member"))
    .values(data=bindparam("sealed"), updated_at=func.now())
)


@functools.cache
def _upsert_dialog(dialect: str) -> Direct:
    """``DialogRepository.save``'s statement for ``dialect``, built once and run on the
    driver (``storage.direct``)."""
    table = _table(DialogState)
    names = ("family_id", "flow", "step", "data", "prompt")
    statement = _dialect_insert(dialect, table).values(
        member_id=bindparam("member_id"), **{name: bindparam(name) for name in names}
    )
    return Direct(
        statement.on_conflict_do_update(
            index_elements=[table.c.member_id],
            set_={**{name: statement.excluded[name] for name in names}, "updated_at": func.now()},
        )
    )


def _with_screen(data: dict, screen: Screen) -> dict:
    if screen == Screen():
        return data
    return {**data, _SCREEN: asdict(screen)}


@functools.cache
def _claim_update(dialect: str) -> postgresql.Insert | sqlite.Insert:
    """``UpdateLog.claim``'s statement for ``dialect``, built once: every step runs it, and
    building it cost more CPU than running it (docs/benchmarks.md, "The reply's
    bookkeeping in the look")."""
    table = _table(ProcessedUpdate)
    return (
        _dialect_insert(dialect, table)
        .values(update_id=bindparam("update_id"), processed_at=bindparam("processed_at"))
        .on_conflict_do_nothing(index_elements=[table.c.update_id])
    )


def _claim_and_lock() -> Select[tuple]:
    """PostgreSQL: ``_claim_update`` and then ``_LOCK_STEP`` in one statement (each a data
    source of its own: the claim's ``INSERT`` runs to completion, the lock's rows are all
    counted, so all locked). The claim is evaluated first, the order two separate
    statements had, so a step and a redelivery of its update still take them alike."""
    claimed = _claim_update("postgresql").returning(_table(ProcessedUpdate).c.update_id)
    claims = claimed.cte("claimed")
    locks = _LOCK_STEP.cte("locked")
    return select(
        select(func.count()).select_from(claims).scalar_subquery().label("claimed"),
        select(func.count()).select_from(locks).scalar_subquery().label("locked"),
    )


_CLAIM_AND_LOCK = Direct(_claim_and_lock())


@functools.cache
def _claim_direct(dialect: str) -> Direct:
    """``_claim_update`` run on the driver (``storage.direct``): every step runs it."""
    return Direct(_claim_update(dialect))


class UpdateLog:
    """Remembers handled Telegram update ids (redelivery after a restart is ignored)."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def claim(
        self, update_id: int, now: datetime, *, lock_step_of: int | None = None
    ) -> bool:
        """True the first time ``update_id`` is seen; False for a duplicate.

        With ``lock_step_of`` (a chat id), on PostgreSQL the same statement then takes the
        locks ``FamilyRepository.lock_step`` takes first there, so the step pays one round
        trip for both (its read must still be a later statement: see ``lock_step``); the
        caller passes ``locked=True`` to ``lock_step``. A duplicate's transaction holds
        them until it ends, at once. On SQLite the write lock is already held, and this is
        the claim alone.
        """
        params = {"update_id": update_id, "processed_at": now}
        if lock_step_of is not None and _on_postgres(self._session):
            ran = await _CLAIM_AND_LOCK.execute(self._session, {**params, "chat_id": lock_step_of})
            claimed, _locked = ran.rows[0]
            return bool(claimed)
        ran = await _claim_direct(self._session.get_bind().dialect.name).execute(
            self._session, params
        )
        return ran.rowcount > 0

    async def forget_before(self, cutoff: datetime) -> None:
        """Drop ids older than ``cutoff``: Telegram never redelivers updates that old."""
        await self._session.execute(
            delete(ProcessedUpdate).where(ProcessedUpdate.processed_at < cutoff)
        )


@dataclass(frozen=True, slots=True)
class DueRow:
    """A reminder row whose ``next_at`` has come, with what deciding and sending it needs."""

    id: int
    status: str
    checklist_age: int
    kind: str
    #: Sealed (``DueDetails.items`` once decrypted).
    items: list
    due_at: datetime
    sent_at: datetime | None
    follow_up_sent_at: datetime | None
    child_id: int
    #: The family's wrapped key (None once its erasure began), and the child's sealed data.
    key_enc: bytes | None
    nickname_enc: bytes
    birth_enc: bytes
    chat_id: int
    timezone: str
    reminder_hour: int
    is_active: bool
    reminders_stopped: bool
    paused_until: datetime | None
    #: The family whose members the reminder goes to.
    family_id: int = 0


#: Statuses with something possibly left to do (a reminder or a follow-up); the same as
#: ``bot.domain.views.ReminderStatus.is_open`` (a test keeps them equal).
OPEN = ("pending", "sent")
#: Kinds a check-in answers: its own reminder and its "more questions" follow-up (the
#: follow-ups that name items are answered by their own re-check).
ANSWERED_BY_CHECKIN = ("checkin", "more")


def due_query(now: datetime, limit: int) -> Select[tuple]:
    """The due-row query: a range scan on the partial index ``ix_reminders_next_at``, then
    the row's child and family by primary key (the benchmark EXPLAINs this statement)."""
    r = Reminder
    return (
        select(
            r.id,
            r.status,
            r.checklist_age,
            r.kind,
            r.items,
            r.due_at,
            r.sent_at,
            r.follow_up_sent_at,
            r.child_id,
            FamilyKey.key_enc,
            Child.nickname_enc,
            Child.birth_enc,
            Family.chat_id,
            Family.timezone,
            Family.reminder_hour,
            # Someone can be reminded: a member who wants reminders and has not blocked the bot.
            # A scalar subquery, not EXISTS: PostgreSQL planned EXISTS as a hashed subplan
            # that read every member of every family at each tick (50 ms at 100k families,
            # growing with them); this one is an index lookup per row returned (64).
            select(Member.id)
            .where(Member.family_id == Family.id, Member.reminders_on, Member.is_active)
            .limit(1)
            .scalar_subquery()
            .is_not(None)
            .label("is_active"),
            Family.reminders_stopped,
            Family.paused_until,
            Family.id,
        )
        .join(Child, Child.id == r.child_id)
        .join(Family, Family.id == Child.family_id)
        .outerjoin(FamilyKey, FamilyKey.family_id == Family.id)
        .where(r.next_at <= now)
        .order_by(r.next_at)
        .limit(limit)
        .with_for_update(of=r, skip_locked=True)
    )


@dataclass(frozen=True, slots=True)
class DueDetails:
    """What a due row's reminder says, decrypted with its family's key."""

    nickname: str
    birth: Birth
    items: list[str]


@dataclass(frozen=True, slots=True)
class PlannedRow:
    """A check-in reminder a child's plan adds (``ReminderRepository.add_planned``)."""

    checklist_age: int
    due_on: date
    due_at: datetime
    next_at: datetime | None
    status: str


@dataclass(frozen=True, slots=True)
class OpenReminder:
    """A reminder something may still be sent for, as a step's snapshot shows it."""

    id: int
    child_id: int
    checklist_age: int
    status: str
    next_at: datetime | None
    kind: str
    #: The milestones a follow-up asks about again, decrypted.
    items: tuple[str, ...]


def _open_reminders_statement() -> Select[tuple]:
    """``ReminderRepository.open_of_children``'s statement, built once."""
    reminders = _table(Reminder)
    c = reminders.c
    return (
        select(c.id, c.child_id, c.checklist_age, c.status, c.next_at, c.kind, c["items"])
        .where(c.child_id.in_(bindparam("children", expanding=True)), c.status.in_(OPEN))
        .order_by(c.child_id, c.checklist_age, c.id)
    )


_OPEN_REMINDERS = _open_reminders_statement()


class ReminderRepository:
    """Reminder rows. Decisions live in ``bot.domain.schedule``; this is only the SQL.

    The delivery job's writes are one method each (claim, defer, close; then, guarded by
    the claim's token, ``reschedule``, ``cancel``, ``mark_sent``, ``mark_follow_up_sent``),
    so what a row can become is spelled out here rather than in column dictionaries. A
    follow-up's ``items`` are sealed under the family's key (``items``, ``set_items``).
    """

    def __init__(self, session: AsyncSession, keys: FamilyKeys) -> None:
        self._session = session
        self._keys = keys

    def details(self, row: DueRow) -> DueDetails:
        """Decrypt a due row (``EncryptionKeyError`` if its family's key is gone or wrong)."""
        if row.key_enc is None:
            raise EncryptionKeyError("the family's key is gone: its erasure has begun")
        key = self._keys.master.unwrap(row.key_enc)
        return DueDetails(
            key.decrypt(row.nickname_enc, NICKNAME).decode(),
            Birth.from_json(key.open(row.birth_enc, BIRTH)),
            [str(i) for i in unseal_list(key, row.items, ITEMS)],
        )

    def items(self, family_id: int, reminder: Reminder) -> list[str]:
        """The milestones a follow-up asks about again."""
        return [str(i) for i in unseal_list(self._keys.of(family_id), reminder.items, ITEMS)]

    def set_items(self, family_id: int, reminder: Reminder, items: Sequence[str]) -> None:
        reminder.items = seal_list(self._keys.of(family_id), list(items), ITEMS)

    async def due(self, now: datetime, limit: int) -> list[DueRow]:
        """Up to ``limit`` rows due at ``now``, oldest first, locked for this transaction.

        On PostgreSQL ``FOR UPDATE SKIP LOCKED`` lets another instance claim the next rows
        meanwhile instead of waiting; on SQLite the transaction holds the single write lock.
        """
        result = await self._session.execute(due_query(now, limit))
        return [DueRow(*row) for row in result.all()]

    async def claim(self, ids: Sequence[int], token: str, now: datetime, until: datetime) -> None:
        """Claim rows for ``token`` until ``until`` (the lease): then anyone may take them."""
        if ids:
            await self._session.execute(
                update(Reminder)
                .where(Reminder.id.in_(ids))
                .values(claimed_by=token, claimed_at=now, next_at=until)
            )

    async def defer(self, until: Sequence[tuple[int, datetime]]) -> None:
        """Look at these rows again later (and drop any stale claim on them)."""
        if until:
            await self._session.execute(
                update(Reminder),
                [
                    {"id": i, "next_at": t, "claimed_by": None, "claimed_at": None}
                    for i, t in until
                ],
            )

    async def close(self, rows: Sequence[tuple[int, str]]) -> None:
        """Nothing left to do for these rows; each gets its final status."""
        if rows:
            await self._session.execute(
                update(Reminder),
                [
                    {"id": i, "status": s, "next_at": None, "claimed_by": None, "claimed_at": None}
                    for i, s in rows
                ],
            )

    async def reschedule(self, reminder_id: int, token: str, at: datetime) -> bool:
        """Not sent this time (a passing failure, or a blocked bot): try again at ``at``."""
        return await self._release(reminder_id, token, next_at=at)

    async def cancel(self, reminder_id: int, token: str) -> bool:
        """Never to be sent (Telegram refused it for good, e.g. the chat is gone)."""
        return await self._release(reminder_id, token, status="cancelled", next_at=None)

    async def mark_sent(
        self, reminder_id: int, token: str, at: datetime, follow_up_at: datetime | None
    ) -> bool:
        """The reminder went out at ``at``; its one follow-up is due at ``follow_up_at``
        (None: it gets none)."""
        return await self._release(
            reminder_id, token, status="sent", sent_at=at, next_at=follow_up_at
        )

    async def mark_follow_up_sent(self, reminder_id: int, token: str, at: datetime) -> bool:
        """The reminder's follow-up went out at ``at``: nothing more is sent for it."""
        return await self._release(reminder_id, token, follow_up_sent_at=at, next_at=None)

    async def _release(self, reminder_id: int, token: str, **values: object) -> bool:
        """Release a claim with ``values``, only if it is still ``token``'s.

        False when the claim was lost (its lease ran out and someone else took the row, or
        the parent answered, snoozed or stopped meanwhile): then nothing is changed.
        """
        result = await self._session.execute(
            update(Reminder)
            .where(Reminder.id == reminder_id, Reminder.claimed_by == token)
            .values(claimed_by=None, claimed_at=None, **values)
        )
        return _changed(result)

    async def sent_to(self, reminder_id: int, phase: str) -> set[int]:
        """The members who already got ``reminder_id``'s ``phase`` (a retry skips them)."""
        result = await self._session.execute(
            select(ReminderSend.member_id).where(
                ReminderSend.reminder_id == reminder_id, ReminderSend.phase == phase
            )
        )
        return set(result.scalars().all())

    async def record_send(
        self, reminder_id: int, member_id: int, phase: str, message_id: int | None, at: datetime
    ) -> None:
        """``member_id`` got ``reminder_id``'s ``phase`` as message ``message_id``."""
        await self._session.execute(
            _insert(self._session, ReminderSend)
            .values(
                reminder_id=reminder_id,
                member_id=member_id,
                phase=phase,
                message_id=message_id,
                sent_at=at,
            )
            .on_conflict_do_nothing(index_elements=["reminder_id", "member_id", "phase"])
        )

    async def forget_sends(self, reminder_id: int) -> None:
        """The reminder is to be sent again (snoozed): nobody has had this sending yet."""
        await self._session.execute(
            delete(ReminderSend).where(ReminderSend.reminder_id == reminder_id)
        )

    async def take_messages(
        self, child_id: int, checklist_age: int, except_member: int
    ) -> list[tuple[int, int]]:
        """The reminder messages (chat, message id) other members got for this check-in (or
        an earlier one still open), forgotten as they are returned: the check-in is done, so
        each is edited once to say who did it."""
        result = await self._session.execute(
            select(ReminderSend.id, Member.chat_id, ReminderSend.message_id)
            .join(Reminder, Reminder.id == ReminderSend.reminder_id)
            .join(Member, Member.id == ReminderSend.member_id)
            .where(
                Reminder.child_id == child_id,
                Reminder.checklist_age <= checklist_age,
                Reminder.kind.in_(ANSWERED_BY_CHECKIN),
                ReminderSend.member_id != except_member,
                ReminderSend.message_id.is_not(None),
            )
            .order_by(ReminderSend.id)
        )
        rows = result.all()
        if rows:
            await self._session.execute(
                delete(ReminderSend).where(ReminderSend.id.in_([r[0] for r in rows]))
            )
        return [(chat, message) for _, chat, message in rows if message is not None]

    async def of_kind(self, child_id: int, checklist_age: int, kind: str) -> Reminder | None:
        """The child's row of ``kind`` for ``checklist_age`` (there is at most one)."""
        result = await self._session.execute(
            select(Reminder).where(
                Reminder.child_id == child_id,
                Reminder.checklist_age == checklist_age,
                Reminder.kind == kind,
            )
        )
        return result.scalar_one_or_none()

    async def open_of_children(
        self, family_id: int, child_ids: Sequence[int]
    ) -> list[OpenReminder]:
        """The open reminders (``OPEN``) of these children of ``family_id``, in
        ``of_children``'s order, as plain values for the step's snapshot: a statement built
        once, without the session's loading of the answered and cancelled rows too
        (docs/benchmarks.md, "The step's own CPU")."""
        if not child_ids:
            return []
        result = await self._session.execute(_OPEN_REMINDERS, {"children": list(child_ids)})
        key = self._keys.of(family_id)
        return [
            OpenReminder(
                id_,
                child_id,
                age,
                status,
                next_at,
                kind,
                tuple(str(i) for i in unseal_list(key, items, ITEMS)),
            )
            for id_, child_id, age, status, next_at, kind, items in result
        ]

    async def of_children(self, child_ids: Sequence[int]) -> Sequence[Reminder]:
        if not child_ids:
            return []
        result = await self._session.execute(
            select(Reminder)
            .where(Reminder.child_id.in_(child_ids))
            .order_by(Reminder.child_id, Reminder.checklist_age, Reminder.id)
        )
        return result.scalars().all()

    def add(self, reminder: Reminder) -> None:
        self._session.add(reminder)

    async def add_planned(self, child_id: int, planned: Sequence[PlannedRow]) -> None:
        """A child's new check-in rows, in one ``INSERT``: added to the session, they were
        written one statement each on SQLite (the session reads back each row's id)."""
        if not planned:
            return
        await self._session.execute(
            _PLAN,
            [
                {
                    "child_id": child_id,
                    "checklist_age": row.checklist_age,
                    "due_on": row.due_on,
                    "due_at": row.due_at,
                    "next_at": row.next_at,
                    "status": row.status,
                    "kind": "checkin",
                    "items": [],
                }
                for row in planned
            ],
        )

    async def remove(self, reminder: Reminder) -> None:
        await self._session.delete(reminder)

    async def owned(self, family_id: int, reminder_id: int) -> Reminder | None:
        """The row ``reminder_id`` if it is one of ``family_id``'s (button ids are untrusted)."""
        result = await self._session.execute(
            select(Reminder)
            .join(Child, Child.id == Reminder.child_id)
            .where(Reminder.id == reminder_id, Child.family_id == family_id)
        )
        return result.scalar_one_or_none()

    async def answered(self, child_id: int, checklist_age: int) -> None:
        """The parent answered the check-in for ``checklist_age``: no reminder or follow-up
        for it, or for any earlier one (a check-in also asks what is still open from those).

        Follow-ups that name items (look again, practise) stay: they are answered by their
        own re-check; "more questions" is answered by continuing the check-in.

        A statement built once, on the table; the rows the session loaded (the step's
        reminders) are brought up to date from the ids it returns, as the ORM's bulk
        ``UPDATE`` did by evaluating its criteria on every object in the session, at more
        CPU than the rest of the check-in answer's writes (docs/benchmarks.md, "The step's
        own CPU").
        """
        result = await self._session.execute(
            _ANSWERED, {"of_child": child_id, "up_to_age": checklist_age}
        )
        for (reminder_id,) in result.all():
            loaded = self._session.identity_map.get(identity_key(Reminder, reminder_id))
            if loaded is not None:
                for name, value in _ANSWERED_VALUES.items():
                    set_committed_value(loaded, name, value)


_ANSWERED_VALUES: dict[str, Any] = {
    "status": "answered",
    "next_at": None,
    "claimed_by": None,
    "claimed_at": None,
}


def _answered_statement() -> Any:
    """``ReminderRepository.answered``'s ``UPDATE``, built once."""
    reminders = _table(Reminder)
    return (
        update(reminders)
        .where(
            reminders.c.child_id == bindparam("of_child"),
            reminders.c.checklist_age <= bindparam("up_to_age"),
            reminders.c.kind.in_(ANSWERED_BY_CHECKIN),
            reminders.c.status.in_(OPEN),
        )
        .values(_ANSWERED_VALUES)
        .returning(reminders.c.id)
    )


_ANSWERED = _answered_statement()


#: Run with a list of rows (the driver's ``executemany``), built once: a statement built
#: with the rows in it (``.values([...])``) has no cache key, so every step compiled its
#: ``INSERT`` again (docs/benchmarks.md, "The reply's bookkeeping in the look").
_PLAN = insert(_table(Reminder))
#: The columns of a queued reply (``Outbox.add_leased``).
_QUEUED = ("chat_id", "payload_enc", "not_before", "claimed_until", "attempts")


@functools.cache
def _queue(rows: int, returning: bool) -> Direct:
    """``Outbox.add_leased``'s ``INSERT`` of ``rows`` replies, one ``VALUES`` list each
    (parameters ``chat_id_0``, ``payload_enc_0``, ...), with ``RETURNING id`` or without:
    one statement whatever the count, as SQLAlchemy's "insertmanyvalues" sent it, built once
    per count and run on the driver (``storage.direct``)."""
    outbox = _table(OutboxMessage)
    statement = insert(outbox).values(
        [{name: bindparam(f"{name}_{i}") for name in _QUEUED} for i in range(rows)]
    )
    return Direct(statement.returning(outbox.c.id) if returning else statement)


def _outbox_statements() -> tuple[Any, ...]:
    """The outbox sender's statements and the inbox's delete, built once and on the tables
    (Core, not the ORM's bulk ``UPDATE``/``DELETE``, which looked for the rows in the
    session): building them, and the ORM's work around them, cost more CPU per look than
    SQLite took to run them (docs/benchmarks.md, "The reply's bookkeeping in the look")."""
    inbox, outbox = _table(InboxUpdate), _table(OutboxMessage)
    unqueue = delete(inbox).where(inbox.c.update_id == bindparam("update_id"))
    settle = delete(outbox).where(outbox.c.id.in_(bindparam("ids", expanding=True)))
    first = select(func.min(outbox.c.id).label("id")).group_by(outbox.c.chat_id).subquery()
    heads = (
        select(outbox.c.id, outbox.c.chat_id, outbox.c.not_before, outbox.c.claimed_until)
        .join(first, first.c.id == outbox.c.id)
        .order_by(outbox.c.not_before, outbox.c.id)
        .limit(bindparam("limit"))
    )
    free = outbox.c.claimed_until.is_(None) | (outbox.c.claimed_until < bindparam("now"))
    claim = (
        update(outbox)
        .where(outbox.c.id.in_(bindparam("ids", expanding=True)), free)
        .values(claimed_until=bindparam("until"))
        .returning(outbox.c.id, outbox.c.chat_id, outbox.c.payload_enc)
    )
    push_back = (
        update(outbox)
        .where(
            outbox.c.chat_id.in_(bindparam("chats", expanding=True)),
            outbox.c.not_before < bindparam("at"),
        )
        .values(not_before=bindparam("at"))
    )
    # PostgreSQL: the settle and the heads as one statement. Its parts share one snapshot,
    # so the heads still see the rows being deleted: they are left out by id.
    gone = settle.returning(outbox.c.id).cte("gone")
    first_left = (
        select(func.min(outbox.c.id).label("id"))
        .where(outbox.c.id.not_in(select(gone.c.id)))
        .group_by(outbox.c.chat_id)
        .subquery()
    )
    settle_heads = (
        select(outbox.c.id, outbox.c.chat_id, outbox.c.not_before, outbox.c.claimed_until)
        .join(first_left, first_left.c.id == outbox.c.id)
        .order_by(outbox.c.not_before, outbox.c.id)
        .limit(bindparam("limit"))
    )
    return unqueue, settle, heads, settle_heads, claim, push_back


_UNQUEUE, _SETTLE, _HEADS, _SETTLE_HEADS, _CLAIM, _PUSH_BACK = _outbox_statements()
#: The inbox's delete, run on the driver by every step of a stored update (``storage.direct``).
_UNQUEUE_UPDATE = Direct(_UNQUEUE)


@dataclass(frozen=True, slots=True)
class Stored:
    """An inbox or outbox row: its key (update id or row id), chat and decrypted payload."""

    id: int
    chat_id: int | None
    payload: Any


def _sealed(cipher: Cipher, payload: Any) -> bytes:
    """An inbox or outbox payload under the master key: these rows live for seconds and may
    come before the chat's family (and its key) exists; erasure deletes them by chat. JSON's
    ASCII escapes keep an update's lone surrogates (cleaned later, by ``inbound``) storable."""
    return cipher.encrypt(json.dumps(payload))


def _opened(cipher: Cipher, token: bytes) -> Any:
    return json.loads(cipher.decrypt(token))


@functools.cache
def _store_update(dialect: str) -> Direct:
    """``Inbox.add``'s statement for ``dialect``, built once and run on the driver
    (``storage.direct``): a busy chat's every update is stored with it."""
    table = _table(InboxUpdate)
    names = ("update_id", "chat_id", "payload_enc", "received_at")
    return Direct(
        _dialect_insert(dialect, table)
        .values(**{name: bindparam(name) for name in names})
        .on_conflict_do_nothing(index_elements=[table.c.update_id])
    )


class Inbox:
    """Telegram updates received and not yet processed (``InboxUpdate``)."""

    def __init__(self, session: AsyncSession, cipher: Cipher) -> None:
        self._session = session
        self._cipher = cipher

    async def add(self, update_id: int, chat_id: int | None, payload: Any, now: datetime) -> None:
        """Store an update; one already stored (Telegram sent it again) is kept as it is."""
        await _store_update(self._session.get_bind().dialect.name).execute(
            self._session,
            {
                "update_id": update_id,
                "chat_id": chat_id,
                "payload_enc": _sealed(self._cipher, payload),
                "received_at": now,
            },
        )

    async def pending(self) -> list[Stored]:
        """Every stored update (keyed by update id), oldest first: start-up replays them."""
        rows = await self._session.execute(
            select(InboxUpdate.update_id, InboxUpdate.chat_id, InboxUpdate.payload_enc).order_by(
                InboxUpdate.id
            )
        )
        return [
            Stored(update_id, chat_id, _opened(self._cipher, payload))
            for update_id, chat_id, payload in rows
        ]

    async def remove(self, update_id: int) -> None:
        """The update was processed: in the transaction that saved what it changed."""
        await _UNQUEUE_UPDATE.execute(self._session, {"update_id": update_id})


class Outbox:
    """Replies committed and not yet sent (``OutboxMessage``; the model explains the lease)."""

    def __init__(self, session: AsyncSession, cipher: Cipher) -> None:
        self._session = session
        self._cipher = cipher
        #: The chats replies were queued for in this transaction.
        self.chats: set[int] = set()

    def add(self, chat_id: int, payloads: Sequence[Any], now: datetime) -> None:
        """Queue replies for ``chat_id`` in order, sendable from ``now`` (the sender paces)."""
        self.chats.add(chat_id)
        self._session.add_all(
            OutboxMessage(
                chat_id=chat_id,
                payload_enc=_sealed(self._cipher, payload),
                not_before=now,
                attempts=0,
            )
            for payload in payloads
        )

    async def add_leased(
        self,
        chat_id: int,
        payloads: Sequence[Any],
        now: datetime,
        until: datetime,
        *,
        waiting: bool | None = None,
    ) -> Stored | None:
        """Queue replies as ``add`` does and, when the chat had none waiting, lease the first
        to the caller until ``until`` (returned): it is sent at once after the commit, not at
        the sender's next look. With rows waiting, the new ones queue behind them (order).
        ``waiting`` is whether the chat has rows waiting, when the caller read it already
        (``FamilyRepository.lock_step``); None reads it here.

        The lease is written in the transaction that queues the row, so a crash before the
        send leaves a leased row, sent after the lease like any other (at once on SQLite).
        One ``INSERT ... RETURNING`` for all the rows, not the session's unit of work: a
        reply is written once and never changed in this transaction."""
        if chat_id in self.chats:  # rows for this chat wait in the session: queue behind
            self.add(chat_id, payloads, now)
            return None
        self.chats.add(chat_id)
        if waiting is None:
            waiting = (
                await self._session.scalar(
                    select(OutboxMessage.id).where(OutboxMessage.chat_id == chat_id).limit(1)
                )
                is not None
            )
        if not payloads:
            return None
        values: dict[str, Any] = {}
        for i, payload in enumerate(payloads):
            row = (
                chat_id,
                _sealed(self._cipher, payload),
                now,
                None if waiting or i else until,
                0,
            )
            values.update({f"{name}_{i}": value for name, value in zip(_QUEUED, row, strict=True)})
        ran = await _queue(len(payloads), not waiting).execute(self._session, values)
        if waiting:
            return None
        first = min(row[0] for row in ran.rows)  # ids follow the rows' order: the least
        return Stored(first, chat_id, json.loads(json.dumps(payloads[0])))

    async def add_making(
        self,
        chat_id: int,
        payloads: Sequence[Any],
        making: Collection[int],
        now: datetime,
        until: datetime,
    ) -> list[int]:
        """Queue replies as ``add`` does, where the payloads at the indexes ``making`` are
        files still to be made (their recipes): those rows are leased to the caller until
        ``until``, so no sender takes them while the caller makes the files (``fill``).
        Being rows in the chat's order, they hold back what was queued after them. Returns
        their ids, in order."""
        self.chats.add(chat_id)
        rows = [
            OutboxMessage(
                chat_id=chat_id,
                payload_enc=_sealed(self._cipher, payload),
                not_before=now,
                attempts=0,
                claimed_until=until if i in making else None,
            )
            for i, payload in enumerate(payloads)
        ]
        self._session.add_all(rows)
        await self._session.flush()
        return [row.id for i, row in enumerate(rows) if i in making]

    async def fill(self, row_id: int, payload: Any, held_until: datetime) -> bool:
        """Put ``payload`` (the made file) in the place of the row ``row_id`` (its recipe),
        released for sending, if the caller's lease (``held_until``) still holds it; False
        when another process took the row over after the lease or it is gone (erased)."""
        result = await self._session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == row_id, OutboxMessage.claimed_until == held_until)
            .values(payload_enc=_sealed(self._cipher, payload), claimed_until=None)
            .execution_options(synchronize_session=False)
        )
        return _changed(result)

    async def drop_held(self, row_ids: Sequence[int], held_until: datetime) -> None:
        """Forget the rows ``row_ids`` the caller still holds (files that cannot be made),
        so the chat's later replies do not wait behind them."""
        if row_ids:
            await self._session.execute(
                delete(OutboxMessage)
                .where(OutboxMessage.id.in_(row_ids), OutboxMessage.claimed_until == held_until)
                .execution_options(synchronize_session=False)
            )

    async def heads(
        self,
        now: datetime,
        limit: int,
        *,
        paced: Collection[int] = (),
        next_at: datetime | None = None,
        settling: Sequence[int] = (),
    ) -> tuple[list[int], datetime | None]:
        """Per chat, the id of its first row when that row may be sent now and is unclaimed;
        and when the next first row becomes sendable (None: none waits).

        ``settling`` are rows to forget first, with one statement for a batch of any size:
        rows Telegram accepted (a sent reply is of no use to keep) or refused for good. On
        PostgreSQL the same statement forgets them and reads the heads: one round trip fewer
        per look (docs/benchmarks.md, "PostgreSQL's own cost").

        Only a chat's first row is ever sent, so its replies keep their order; a row queued
        while earlier ones wait may have an earlier ``not_before``, but a send or a retry
        pushes every later row of the chat back to the pacing time: here, ``paced`` are the
        chats a reply was just sent to (settled here), whose rows wait until ``next_at``. Only
        those that have rows left are written (most have none: their step's one reply was
        just settled), which this statement finds out; all of them when the heads were cut
        at ``limit``.
        """
        if settling and _on_postgres(self._session):
            rows = (
                await self._session.execute(_SETTLE_HEADS, {"ids": list(settling), "limit": limit})
            ).all()
        else:
            if settling:
                await self._session.execute(_SETTLE, {"ids": list(settling)})
            rows = (await self._session.execute(_HEADS, {"limit": limit})).all()
        pushed: set[int] = set()
        if paced and next_at is not None:
            pushed = set(paced) if len(rows) >= limit else {row[1] for row in rows} & set(paced)
            if pushed:
                await self._push_back(pushed, next_at)
        due: list[int] = []
        later: datetime | None = None
        for row_id, chat_id, not_before, claimed_until in rows:
            if claimed_until is not None and claimed_until >= now:
                continue
            if chat_id in pushed and next_at is not None and not_before < next_at:
                not_before = next_at
            if not_before <= now:
                due.append(row_id)
            elif later is None or not_before < later:
                later = not_before
        return due, later

    async def claim(self, ids: Sequence[int], now: datetime, until: datetime) -> list[Stored]:
        """Lease the rows ``ids`` that nobody else holds; returns the ones now ours, in order.

        One ``UPDATE ... RETURNING`` for the whole batch: the lease and the read are one
        statement, so a row another process took meanwhile is neither leased nor returned.
        """
        if not ids:
            return []
        rows = await self._session.execute(_CLAIM, {"ids": list(ids), "now": now, "until": until})
        return [
            Stored(row_id, chat_id, _opened(self._cipher, payload))
            for row_id, chat_id, payload in sorted(rows, key=lambda row: row[0])
        ]

    async def retry_later(self, row_id: int, chat_id: int, at: datetime) -> int:
        """A send failed for a passing reason: release the row and try again at ``at`` (the
        chat's later rows wait too, to keep their order). Returns the attempts so far."""
        await self._session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == row_id)
            .values(claimed_until=None, attempts=OutboxMessage.attempts + 1)
        )
        await self._push_back([chat_id], at)
        attempts = await self._session.scalar(
            select(OutboxMessage.attempts).where(OutboxMessage.id == row_id)
        )
        return int(attempts or 0)

    async def drop(self, row_id: int) -> None:
        """A row that can never be sent (refused by Telegram, blocked bot, out of retries)."""
        await self._session.execute(delete(OutboxMessage).where(OutboxMessage.id == row_id))

    async def release_all(self) -> None:
        """Take back every lease: at the start of the only process (SQLite), whose holder
        can only have been an earlier run of it."""
        await self._session.execute(update(OutboxMessage).values(claimed_until=None))

    async def _push_back(self, chats: Collection[int], at: datetime) -> None:
        """Hold the rows of ``chats`` until ``at`` (the pacing)."""
        await self._session.execute(_PUSH_BACK, {"chats": sorted(chats), "at": at})
