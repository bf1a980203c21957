"""Key rotation: re-wrap every family's data key, then the canary, under the first master key.

Rotation is two steps. Put the new key first in ``ENCRYPTION_KEYS`` and keep the old ones
after it: the bot unwraps keys wrapped under any of them and wraps new families' keys under
the new one at once. Then ``parentbot db rotate-key`` re-wraps every stored family key, and
the canary last, under the new key, after which the old keys can be dropped.

Only keys are under the master key (``storage.keys``): a family's data stays encrypted under
its own key and is never rewritten, so rotation touches one short row per family and nothing
the bot writes while it runs. Each re-wrap is a conditional update (``WHERE key_enc`` = the
value read): a key destroyed meanwhile by ``/delete`` stays destroyed, and a second rotation
running at the same time changes nothing twice. A key already under the first master key is
skipped (decrypting with that key alone tells), so a rotation that was interrupted resumes
where it stopped: rerunning it loses at most one batch of work.

The inbox and outbox (``bot.telegram``) hold their payloads under the master key too, for the
seconds they wait; those still waiting are re-encrypted the same way, before the canary, so
dropping the old key cannot strand a queued update or reply.

Dropping the old master key is also what makes erasure reach backups: a backup taken before a
``/delete`` holds that family's key wrapped under the master key of the time; once that
master key is gone, nothing in the backup about the family can be read.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update

from storage.models import FamilyKey, InboxUpdate, KeyCheck, OutboxMessage
from storage.uow import Store

#: Keys re-wrapped per transaction.
BATCH = 500


@dataclass(slots=True)
class Rotation:
    """What a rotation did."""

    #: Family keys re-wrapped under the first master key by this run.
    rewrapped: int = 0
    #: Already under the first master key (new since, or done by an earlier run).
    current: int = 0
    #: Destroyed by ``/delete`` between reading and re-wrapping: left destroyed.
    erased: int = 0
    #: Inbox and outbox rows (waiting updates and replies) re-encrypted.
    queued: int = 0


async def rotate_all(store: Store) -> Rotation:
    """Re-wrap every family key under the store's first master key, then the canary."""
    master = store.cipher
    done = Rotation()
    after = -1
    while True:
        async with store.engine.connect() as conn:
            rows = (
                await conn.execute(
                    select(FamilyKey.family_id, FamilyKey.key_enc)
                    .where(FamilyKey.family_id > after)
                    .order_by(FamilyKey.family_id)
                    .limit(BATCH)
                )
            ).all()
        if not rows:
            break
        after = rows[-1][0]
        changes = []
        for family_id, wrapped in rows:
            if master.is_current(wrapped):
                done.current += 1
            else:
                changes.append((family_id, wrapped, master.rotate(wrapped)))
        async with store.engine.begin() as conn:
            for family_id, old, new in changes:
                result = await conn.execute(
                    update(FamilyKey)
                    .where(FamilyKey.family_id == family_id, FamilyKey.key_enc == old)
                    .values(key_enc=new)
                )
                if result.rowcount:
                    done.rewrapped += 1
                else:
                    done.erased += 1
    for table in (InboxUpdate, OutboxMessage):
        done.queued += await _rotate_queue(store, table)
    await _rotate_canary(store)
    return done


async def _rotate_queue(store: Store, table: type[InboxUpdate] | type[OutboxMessage]) -> int:
    """Re-encrypt the waiting rows of the inbox or outbox; a row sent or processed meanwhile
    is gone, and the conditional update leaves it gone."""
    master = store.cipher
    async with store.engine.connect() as conn:
        rows = (await conn.execute(select(table.id, table.payload_enc))).all()
    changed = 0
    async with store.engine.begin() as conn:
        for row_id, old in rows:
            if master.is_current(old):
                continue
            result = await conn.execute(
                update(table)
                .where(table.id == row_id, table.payload_enc == old)
                .values(payload_enc=master.rotate(old))
            )
            changed += result.rowcount
    return changed


async def _rotate_canary(store: Store) -> None:
    """Last, so a canary under the new key means every key before it was re-wrapped."""
    async with store.engine.begin() as conn:
        stored = (await conn.execute(select(KeyCheck.id, KeyCheck.canary_enc))).first()
        if stored is not None and not store.cipher.is_current(stored.canary_enc):
            await conn.execute(
                update(KeyCheck)
                .where(KeyCheck.id == stored.id, KeyCheck.canary_enc == stored.canary_enc)
                .values(canary_enc=store.cipher.rotate(stored.canary_enc))
            )
