"""A data key per family, and everything about a child's health encrypted under it (issue 16).

Each family gets a random data key, stored wrapped by the master key in ``family_keys``;
``key_check`` holds the canary that proves the master keys at start. Existing rows are
re-encrypted in place under their family's key (the master keys come from
``config.attributes["cipher"]``, see ``storage.db``): nicknames and the sealed conversation
(until now under the master key), and what was in clear: birth date, whether it was estimated
and weeks of pregnancy (``children.birth_enc``), each answer with its milestone and the
child's age (``observations.answer_enc``), each worry's topic and triage level with its words
(``concerns.note_enc``), and the skills a follow-up asks again (reminder ``items``). The
clear columns are dropped. Values use ``storage.crypto``'s format version 1.

0004's CHECK on ``observations.answer`` goes with the clear column (the database cannot check
an encrypted answer; ``ObservationRepository.add`` does); the downgrade puts it back.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa
from alembic import context, op

from storage.crypto import (
    ANSWER,
    BIRTH,
    DIALOG,
    ITEMS,
    NICKNAME,
    NOTE,
    Cipher,
    DataKey,
    EncryptionKeyError,
)

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SEALED = "sealed"
ANSWER_CHECK = "ck_observations_answer"
ANSWERS = ("yes", "not_yet", "not_sure")
NOW = sa.text("CURRENT_TIMESTAMP")


def _table(name: str, *columns: sa.Column) -> sa.TableClause:
    return sa.table(name, *columns)


families = _table("families", sa.column("id", sa.Integer))
family_keys = _table(
    "family_keys", sa.column("family_id", sa.Integer), sa.column("key_enc", sa.LargeBinary)
)
children_old = _table(
    "children",
    sa.column("id", sa.Integer),
    sa.column("family_id", sa.Integer),
    sa.column("nickname_enc", sa.LargeBinary),
    sa.column("birth_date", sa.Date),
    sa.column("birth_date_estimated", sa.Boolean),
    sa.column("gestational_weeks", sa.Integer),
    sa.column("birth_enc", sa.LargeBinary),
)
observations_old = _table(
    "observations",
    sa.column("id", sa.Integer),
    sa.column("child_id", sa.Integer),
    sa.column("milestone_id", sa.String),
    sa.column("answer", sa.String),
    sa.column("age_months", sa.Integer),
    sa.column("checklist_age", sa.Integer),
    sa.column("answer_enc", sa.LargeBinary),
)
concerns_old = _table(
    "concerns",
    sa.column("id", sa.Integer),
    sa.column("family_id", sa.Integer),
    sa.column("text_enc", sa.LargeBinary),
    sa.column("matched_id", sa.String),
    sa.column("triage", sa.String),
    sa.column("note_enc", sa.LargeBinary),
)
dialog_states = _table(
    "dialog_states",
    sa.column("family_id", sa.Integer),
    sa.column("data", sa.JSON),
    sa.column("prompt", sa.JSON),
)


reminders = _table(
    "reminders", sa.column("id", sa.Integer), sa.column("child_id", sa.Integer),
    sa.column("items", sa.JSON),
)  # fmt: skip


def _cipher() -> Cipher:
    cipher = context.config.attributes.get("cipher")
    if cipher is None:
        raise EncryptionKeyError("ENCRYPTION_KEYS: needed to move existing data to family keys")
    return cipher


# --- the value formats on each side -----------------------------------------------------


def _seal(key: DataKey, value: Any) -> dict[str, str]:
    return {SEALED: key.seal_text(value, DIALOG)}


def _seal_list(key: DataKey, items: list, purpose: bytes) -> list:
    return [{SEALED: key.seal_text(items, purpose)}] if items else []


def _unseal_list(key: DataKey, stored: list, purpose: bytes) -> list:
    return list(key.open_text(stored[0][SEALED], purpose)) if stored else []


def _is_sealed(stored: Any) -> bool:
    return isinstance(stored, dict) and set(stored) == {SEALED}


def _old_unseal(cipher: Cipher, stored: Any) -> Any:
    """Revision 0003's sealed values (under the master key), or a value written in clear."""
    return json.loads(cipher.decrypt(stored[SEALED].encode())) if _is_sealed(stored) else stored


def _old_seal(cipher: Cipher, value: Any) -> dict[str, str]:
    return {SEALED: cipher.encrypt(json.dumps(value, ensure_ascii=False)).decode()}


# --- upgrade ------------------------------------------------------------------------------


def upgrade() -> None:
    op.create_table(
        "family_keys",
        sa.Column("family_id", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("key_enc", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.PrimaryKeyConstraint("family_id", name="pk_family_keys"),
        sa.ForeignKeyConstraint(
            ["family_id"], ["families.id"], name="fk_family_keys_family_id_families",
            ondelete="CASCADE",
        ),
    )  # fmt: skip
    op.create_table(
        "key_check",
        sa.Column("id", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("canary_enc", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_key_check"),
    )
    with op.batch_alter_table("children") as batch:
        batch.add_column(sa.Column("birth_enc", sa.LargeBinary(), nullable=True))
    with op.batch_alter_table("observations") as batch:
        batch.add_column(sa.Column("answer_enc", sa.LargeBinary(), nullable=True))
    with op.batch_alter_table("concerns") as batch:
        batch.add_column(sa.Column("note_enc", sa.LargeBinary(), nullable=True))

    _encrypt_existing()

    with op.batch_alter_table("children") as batch:
        batch.drop_column("birth_date")
        batch.drop_column("birth_date_estimated")
        batch.drop_column("gestational_weeks")
        batch.alter_column("birth_enc", existing_type=sa.LargeBinary(), nullable=False)
    op.drop_index("ix_observations_child_milestone", table_name="observations")
    with op.batch_alter_table("observations") as batch:
        batch.drop_constraint(op.f(ANSWER_CHECK), type_="check")
        for column in ("milestone_id", "answer", "age_months", "checklist_age"):
            batch.drop_column(column)
        batch.alter_column("answer_enc", existing_type=sa.LargeBinary(), nullable=False)
    op.create_index("ix_observations_child_id", "observations", ["child_id"])
    with op.batch_alter_table("concerns") as batch:
        for column in ("text_enc", "matched_id", "triage"):
            batch.drop_column(column)
        batch.alter_column("note_enc", existing_type=sa.LargeBinary(), nullable=False)


def _encrypt_existing() -> None:
    bind = op.get_bind()
    ids = bind.execute(sa.select(families.c.id)).scalars().all()
    if not ids:
        return
    cipher = _cipher()
    keys = {family_id: DataKey.generate() for family_id in ids}
    bind.execute(
        family_keys.insert(),
        [{"family_id": f, "key_enc": cipher.wrap(key)} for f, key in keys.items()],
    )
    family_of: dict[int, int] = {}
    updates = []
    for row in bind.execute(sa.select(children_old)).mappings():
        key = keys[row["family_id"]]
        family_of[row["id"]] = row["family_id"]
        birth = {
            "date": row["birth_date"].isoformat(),
            "estimated": bool(row["birth_date_estimated"]),
            "weeks": row["gestational_weeks"],
        }
        updates.append({
            "i": row["id"],
            "n": key.encrypt(cipher.decrypt(row["nickname_enc"]).encode(), NICKNAME),
            "b": key.seal(birth, BIRTH),
        })  # fmt: skip
    _update(children_old, updates, nickname_enc="n", birth_enc="b")

    updates = []
    for row in bind.execute(sa.select(observations_old)).mappings():
        answer = {
            "milestone_id": row["milestone_id"],
            "answer": row["answer"],
            "age_months": row["age_months"],
            "checklist_age": row["checklist_age"],
        }
        key = keys[family_of[row["child_id"]]]
        updates.append({"i": row["id"], "a": key.seal(answer, ANSWER)})
    _update(observations_old, updates, answer_enc="a")

    updates = []
    for row in bind.execute(sa.select(concerns_old)).mappings():
        note = {
            "text": cipher.decrypt(row["text_enc"]),
            "matched_id": row["matched_id"],
            "triage": row["triage"],
        }
        updates.append({"i": row["id"], "c": keys[row["family_id"]].seal(note, NOTE)})
    _update(concerns_old, updates, note_enc="c")

    updates = []
    for row in bind.execute(sa.select(dialog_states)).mappings():
        key = keys[row["family_id"]]
        prompt = row["prompt"] or []
        if len(prompt) == 1 and _is_sealed(prompt[0]):
            prompt = _old_unseal(cipher, prompt[0])
        data = _old_unseal(cipher, row["data"] or {})
        updates.append(
            {"i": row["family_id"], "d": _seal(key, data), "p": _seal_list(key, prompt, DIALOG)}
        )
    _update(dialog_states, updates, key="family_id", data="d", prompt="p")

    updates = [
        {"i": row["id"], "t": _seal_list(keys[family_of[row["child_id"]]], row["items"], ITEMS)}
        for row in bind.execute(sa.select(reminders)).mappings()
        if row["items"]
    ]
    _update(reminders, updates, items="t")


def _update(table: sa.TableClause, rows: list[dict], key: str = "id", **values: str) -> None:
    """``UPDATE table SET column = :param ... WHERE key = :i`` for each of ``rows``."""
    if rows:
        statement = (
            table.update()
            .where(table.c[key] == sa.bindparam("i"))
            .values({column: sa.bindparam(param) for column, param in values.items()})
        )
        op.get_bind().execute(statement, rows)


# --- downgrade ----------------------------------------------------------------------------


def downgrade() -> None:
    bind = op.get_bind()
    # Families whose erasure had begun (key destroyed) are finished first: nothing to keep.
    bind.execute(
        families.delete().where(~sa.exists().where(family_keys.c.family_id == families.c.id))
    )
    with op.batch_alter_table("children") as batch:
        batch.add_column(sa.Column("birth_date", sa.Date(), nullable=True))
        batch.add_column(sa.Column("birth_date_estimated", sa.Boolean(), nullable=True))
        batch.add_column(sa.Column("gestational_weeks", sa.Integer(), nullable=True))
    with op.batch_alter_table("observations") as batch:
        batch.add_column(sa.Column("milestone_id", sa.String(64), nullable=True))
        batch.add_column(sa.Column("answer", sa.String(16), nullable=True))
        batch.add_column(sa.Column("age_months", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("checklist_age", sa.Integer(), nullable=True))
    with op.batch_alter_table("concerns") as batch:
        batch.add_column(sa.Column("text_enc", sa.LargeBinary(), nullable=True))
        batch.add_column(sa.Column("matched_id", sa.String(64), nullable=True))
        batch.add_column(sa.Column("triage", sa.String(16), nullable=True))

    _decrypt_existing()

    with op.batch_alter_table("children") as batch:
        batch.alter_column("birth_date", existing_type=sa.Date(), nullable=False)
        batch.alter_column("birth_date_estimated", existing_type=sa.Boolean(), nullable=False)
        batch.drop_column("birth_enc")
    op.drop_index("ix_observations_child_id", table_name="observations")
    with op.batch_alter_table("observations") as batch:
        restored = (
            ("milestone_id", sa.String(64)),
            ("answer", sa.String(16)),
            ("age_months", sa.Integer()),
            ("checklist_age", sa.Integer()),
        )
        for column, kind in restored:
            batch.alter_column(column, existing_type=kind, nullable=False)
        batch.drop_column("answer_enc")
        listed = ", ".join(f"'{v}'" for v in ANSWERS)
        batch.create_check_constraint(op.f(ANSWER_CHECK), f"answer IN ({listed})")
    op.create_index(
        "ix_observations_child_milestone", "observations", ["child_id", "milestone_id"]
    )
    with op.batch_alter_table("concerns") as batch:
        batch.alter_column("text_enc", existing_type=sa.LargeBinary(), nullable=False)
        batch.alter_column("triage", existing_type=sa.String(16), nullable=False)
        batch.drop_column("note_enc")
    op.drop_table("key_check")
    op.drop_table("family_keys")


def _decrypt_existing() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.select(family_keys)).mappings().all()
    if not rows:
        return
    cipher = _cipher()
    keys = {row["family_id"]: cipher.unwrap(row["key_enc"]) for row in rows}
    family_of: dict[int, int] = {}
    updates = []
    for row in bind.execute(sa.select(children_old)).mappings():
        key = keys[row["family_id"]]
        family_of[row["id"]] = row["family_id"]
        birth = key.open(row["birth_enc"], BIRTH)
        updates.append({
            "i": row["id"],
            "n": cipher.encrypt(key.decrypt(row["nickname_enc"], NICKNAME).decode()),
            "d": date.fromisoformat(birth["date"]),
            "e": birth["estimated"],
            "w": birth["weeks"],
        })  # fmt: skip
    _update(children_old, updates, nickname_enc="n", birth_date="d",
            birth_date_estimated="e", gestational_weeks="w")  # fmt: skip

    updates = []
    for row in bind.execute(sa.select(observations_old)).mappings():
        answer = keys[family_of[row["child_id"]]].open(row["answer_enc"], ANSWER)
        updates.append({"i": row["id"], "m": answer["milestone_id"], "a": answer["answer"],
                        "g": answer["age_months"], "c": answer["checklist_age"]})  # fmt: skip
    _update(observations_old, updates, milestone_id="m", answer="a", age_months="g",
            checklist_age="c")  # fmt: skip

    updates = []
    for row in bind.execute(sa.select(concerns_old)).mappings():
        note = keys[row["family_id"]].open(row["note_enc"], NOTE)
        updates.append({"i": row["id"], "t": cipher.encrypt(note["text"]),
                        "m": note["matched_id"], "l": note["triage"]})  # fmt: skip
    _update(concerns_old, updates, text_enc="t", matched_id="m", triage="l")

    updates = []
    for row in bind.execute(sa.select(dialog_states)).mappings():
        key = keys[row["family_id"]]
        data = key.open_text(row["data"][SEALED], DIALOG) if _is_sealed(row["data"]) else {}
        prompt = _unseal_list(key, row["prompt"] or [], DIALOG)
        updates.append({"i": row["family_id"], "d": _old_seal(cipher, data),
                        "p": [_old_seal(cipher, prompt)] if prompt else []})  # fmt: skip
    _update(dialog_states, updates, key="family_id", data="d", prompt="p")

    updates = [
        {"i": row["id"], "t": _unseal_list(keys[family_of[row["child_id"]]], row["items"], ITEMS)}
        for row in bind.execute(sa.select(reminders)).mappings()
        if row["items"]
    ]
    _update(reminders, updates, items="t")
