"""SQLAlchemy 2 typed models. Migrations (``storage/migrations``) are the schema's source.

Everything a family told Sprout about its child is encrypted under the family's data key
(``*_enc`` columns and sealed JSON values, see ``storage.crypto`` and ``storage.keys``):
nickname, birth date and weeks of pregnancy, answers, worries with what they matched, the
conversation, the skills a follow-up asks about. What stays in clear is what the database
itself must compare or sort: ids (among them which member gave an answer, never their
name), the chat id, settings, the days answers and worries were given, and each reminder's
times, kind and status (the reminder job's query).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    TypeDecorator,
    UniqueConstraint,
    func,
    text,
    true,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


#: The values the bot's vocabulary columns may hold: reminder status and kind are enforced by
#: CHECK constraints; an answer is encrypted with its milestone since 0005, so
#: ``ObservationRepository.add`` checks it before sealing. Storage imports nothing from the
#: bot, so these spell out ``bot.domain.views.Answer``, ``ReminderStatus`` and
#: ``ReminderKind``; ``tests/domain/test_vocabulary.py`` fails when they differ. Migrations
#: spell out their own copy, frozen as of their revision.
ANSWERS = ("yes", "not_yet", "not_sure")
REMINDER_STATUSES = ("pending", "sent", "answered", "folded", "cancelled")
REMINDER_KINDS = ("checkin", "look_again", "practise", "doctor", "more")
#: A member's role (``bot.domain.views.Role``): admins invite, remove, promote, export and
#: erase; caregivers use everything about the children.
ROLES = ("admin", "caregiver")


def _one_of(column: str, values: tuple[str, ...]) -> CheckConstraint:
    """``column IN (values)``, named ``ck_<table>_<column>`` by the naming convention."""
    listed = ", ".join(f"'{v}'" for v in values)
    return CheckConstraint(f"{column} IN ({listed})", name=column)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _now() -> Mapped[datetime]:
    return mapped_column(DateTime(timezone=True), server_default=func.now())


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC instant on both databases.

    SQLite has no time zone type and hands back naive values; comparing those with aware
    ones fails, so every value is stored as UTC and read back as aware UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("UTCDateTime needs an aware datetime")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Family(Base):
    """A family: its children and settings, shared by its members (``Member``: one private
    chat each, or the terminal)."""

    __tablename__ = "families"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    #: An admin's chat (the creator's, until they leave): a new chat's family is created
    #: under it. Which family a chat belongs to is ``members.chat_id``, never this, and
    #: reminders go to the members (``reminder_sends``).
    chat_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    active_child_id: Mapped[int | None] = mapped_column(
        ForeignKey("children.id", ondelete="SET NULL", use_alter=True), default=None
    )
    timezone: Mapped[str] = mapped_column(String(64))
    reminder_hour: Mapped[int] = mapped_column(Integer)
    #: Kept from before members: blocking is per member now (``Member.is_active``).
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: Check-in reminders wait until then (``/reminders`` pause); None: not paused.
    paused_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    #: The parent turned check-in reminders off (``/reminders`` stop) until they resume.
    reminders_stopped: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = _now()

    children: Mapped[list[Child]] = relationship(
        back_populates="family",
        foreign_keys="Child.family_id",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="raise",
        order_by="Child.id",
    )


class Member(Base):
    """One chat's place in a family: its role, the name the others see (encrypted under the
    family's key), whether it wants reminders. A chat is a member of at most one family
    (``chat_id`` is unique), so a chat maps to one member and one family."""

    __tablename__ = "members"
    __table_args__ = (_one_of("role", ROLES),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    family_id: Mapped[int] = mapped_column(
        ForeignKey("families.id", ondelete="CASCADE"), index=True
    )
    chat_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    role: Mapped[str] = mapped_column(String(16))
    #: The name the others see ("Mum"), sealed; None until the member chose one.
    name_enc: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    reminders_on: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    #: False once this member blocked the bot: only their reminders stop, until they write.
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    #: Wrong, used or expired invite codes typed in a row, and when the next may be tried.
    join_failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    join_wait_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    created_at: Mapped[datetime] = _now()


class Invite(Base):
    """An invitation to a family: only the SHA-256 of its token is kept; single use, expires,
    revocable. Deleted with the family, and with the member who made it."""

    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    family_id: Mapped[int] = mapped_column(
        ForeignKey("families.id", ondelete="CASCADE"), index=True
    )
    invited_by: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    created_at: Mapped[datetime] = _now()


class FamilyKey(Base):
    """A family's data key, wrapped (encrypted) by the master key; deleting it erases the
    family's data wherever copies of it remain (``storage.keys``)."""

    __tablename__ = "family_keys"

    family_id: Mapped[int] = mapped_column(
        ForeignKey("families.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    key_enc: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = _now()


class KeyCheck(Base):
    """One row: a known value encrypted under the master key, proving at start that the
    configured keys are the ones the data was encrypted with (``storage.keys.check_keys``)."""

    __tablename__ = "key_check"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    canary_enc: Mapped[bytes] = mapped_column(LargeBinary)


class Child(Base):
    """A child: nickname and birth (date, whether estimated, weeks of pregnancy) encrypted."""

    __tablename__ = "children"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    family_id: Mapped[int] = mapped_column(
        ForeignKey("families.id", ondelete="CASCADE"), index=True
    )
    nickname_enc: Mapped[bytes] = mapped_column(LargeBinary)
    birth_enc: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = _now()

    family: Mapped[Family] = relationship(
        back_populates="children", foreign_keys=[family_id], lazy="raise"
    )


class Observation(Base):
    """A parent's answer on one day; which milestone, the answer and the child's age then
    (and the check-in it belongs to) are encrypted together in ``answer_enc``."""

    __tablename__ = "observations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    child_id: Mapped[int] = mapped_column(
        ForeignKey("children.id", ondelete="CASCADE"), index=True
    )
    answer_enc: Mapped[bytes] = mapped_column(LargeBinary)
    observed_on: Mapped[date] = mapped_column(Date)
    #: The member who gave it (revision 0009): an id, never a name (names are sealed in
    #: ``members.name_enc``). NULL for answers from before members were recorded, and once
    #: that member leaves or is removed (their name goes with them).
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL"), index=True, default=None
    )
    created_at: Mapped[datetime] = _now()


class ConcernNote(Base):
    """A worry: the parent's words, the topic it matched and its triage level, encrypted
    together in ``note_enc``."""

    __tablename__ = "concerns"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    family_id: Mapped[int] = mapped_column(
        ForeignKey("families.id", ondelete="CASCADE"), index=True
    )
    child_id: Mapped[int | None] = mapped_column(
        ForeignKey("children.id", ondelete="CASCADE"), index=True, default=None
    )
    note_enc: Mapped[bytes] = mapped_column(LargeBinary)
    created_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = _now()


class DialogState(Base):
    """Where a member's conversation stands; survives restarts and other processes. Sealed
    under the key of ``family_id``, the member's family."""

    __tablename__ = "dialog_states"

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    family_id: Mapped[int] = mapped_column(
        ForeignKey("families.id", ondelete="CASCADE"), index=True
    )
    flow: Mapped[str | None] = mapped_column(String(32), default=None)
    step: Mapped[str | None] = mapped_column(String(32), default=None)
    #: The flow's data, sealed (``storage.sealed``): it can name the child.
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    #: The last question on screen (serialised replies), sealed: its buttons are the valid
    #: payloads.
    prompt: Mapped[list] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class ProcessedUpdate(Base):
    """Telegram update ids already handled, so a redelivered update is processed once."""

    __tablename__ = "processed_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    processed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class Reminder(Base):
    """One reminder: a child's checklist age, when it is due, and where it stands.

    ``next_at`` is when the delivery job next has to act on the row (send the reminder, send
    the follow-up, or take back a claim whose lease ran out) and is NULL once nothing is left
    to do; the due-row query is an index range scan on it. A claim is ``claimed_by`` (a token
    naming the process and the batch) with ``next_at`` moved to the end of the lease.
    ``status`` (``REMINDER_STATUSES``): ``pending`` (not sent yet), ``sent`` (its follow-up
    may follow), ``answered``, ``folded`` (too late; the next check-in covers it),
    ``cancelled``. ``kind`` (``REMINDER_KINDS``) is ``checkin`` for the check-in of
    ``checklist_age``, or a follow-up a check-in result promised (``look_again``,
    ``practise``, ``doctor``, ``more``) with the milestones to ask again in ``items``; one row
    per child, checklist age and kind.
    """

    __tablename__ = "reminders"
    __table_args__ = (
        UniqueConstraint(
            "child_id", "checklist_age", "kind", name="uq_reminders_child_id_checklist_age_kind"
        ),
        Index(
            "ix_reminders_next_at",
            "next_at",
            postgresql_where=text("next_at IS NOT NULL"),
            sqlite_where=text("next_at IS NOT NULL"),
        ),
        _one_of("status", REMINDER_STATUSES),
        _one_of("kind", REMINDER_KINDS),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("children.id", ondelete="CASCADE"))
    checklist_age: Mapped[int] = mapped_column(Integer)
    #: The local day the child reaches ``checklist_age``; ``due_at`` is that day at the hour.
    due_on: Mapped[date] = mapped_column(Date)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    next_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    claimed_by: Mapped[str | None] = mapped_column(String(64), default=None)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    follow_up_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    kind: Mapped[str] = mapped_column(String(16), default="checkin", server_default="checkin")
    #: The milestones a follow-up asks again, sealed (``storage.sealed.seal_list``).
    items: Mapped[list] = mapped_column(JSON, default=list)


class ReminderSend(Base):
    """A reminder (``phase``: the reminder or its follow-up) sent to one member, and the
    message it became: a retried row skips members who got it, and when one member finishes
    the check-in the others' message is edited to say so."""

    __tablename__ = "reminder_sends"
    __table_args__ = (
        UniqueConstraint(
            "reminder_id", "member_id", "phase", name="uq_reminder_sends_reminder_id"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reminder_id: Mapped[int] = mapped_column(ForeignKey("reminders.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), index=True
    )
    phase: Mapped[str] = mapped_column(String(16))
    message_id: Mapped[int | None] = mapped_column(BigInteger, default=None)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime())


class InboxUpdate(Base):
    """A Telegram update stored before it is acknowledged, until it has been processed.

    Polling asks for the next offset (which tells Telegram the update arrived) and the webhook
    answers 200 only after this row is committed, so a crash loses no update: rows left here
    are processed again at start-up. ``id`` is arrival order. ``payload_enc`` is the update's
    JSON, encrypted (it holds the parent's words); ``chat_id`` lets ``/delete`` erase the
    chat's rows without a foreign key (an update may come before its family exists).
    """

    __tablename__ = "inbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    update_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    chat_id: Mapped[int | None] = mapped_column(BigInteger, index=True, default=None)
    payload_enc: Mapped[bytes] = mapped_column(LargeBinary)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime())


class OutboxMessage(Base):
    """A reply committed with the state change that produced it, until it has been sent.

    The sender sends a chat's rows in ``id`` order, each no earlier than ``not_before`` (the
    per-chat pacing waits here, not in an update's processing slot), and deletes a row once
    Telegram accepted it; a crash between the two sends it again (at most one repeat).
    ``claimed_until`` is a lease, so several processes on one database never send a row twice
    while its claimer lives. ``payload_enc`` is the reply (text, or a file's bytes), encrypted.
    """

    __tablename__ = "outbox"
    #: Never reuse an id on SQLite: a sent row is settled (deleted) by id at the sender's
    #: next look, and an id freed meanwhile by erasure went to the next row queued.
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    payload_enc: Mapped[bytes] = mapped_column(LargeBinary)
    not_before: Mapped[datetime] = mapped_column(UTCDateTime())
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
