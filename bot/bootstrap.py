"""Building the pieces every entry point needs from settings: store, knowledge, engine.

The knowledge base is validated, migrations are applied and the encryption keys are proved
(``storage.keys.check_keys``) before anything talks to a parent: a broken content file, an
old schema or a wrong key stops the program at start with one line, not mid-dialog.
"""

from __future__ import annotations

import gc

from bot.engine.dialog import DialogEngine
from bot.flows.concern import matcher_for
from bot.settings import ConfigError, Settings
from knowledge import triage
from knowledge.check import problems
from knowledge.escalation import default_rules
from knowledge.loader import KnowledgeBase, KnowledgeError, default_knowledge
from storage.crypto import Cipher, EncryptionKeyError, MissingKeyFile, cipher_from, create_key_file
from storage.keys import holds_families
from storage.repositories import FamilyDefaults
from storage.uow import Store


def checked_knowledge() -> KnowledgeBase:
    """The shipped knowledge base, or ``ConfigError`` listing what is wrong with it."""
    try:
        kb = default_knowledge()
    except KnowledgeError as exc:
        raise ConfigError("knowledge base is invalid:\n" + "\n".join(exc.problems)) from None
    if found := problems(kb):
        raise ConfigError("knowledge base is inconsistent:\n" + "\n".join(found))
    return kb


async def open_store(settings: Settings, *, create_key: bool) -> Store:
    """The database, migrated, its keys proved (``Store.open``); ``ConfigError`` otherwise.

    ``create_key`` lets the terminal chat make its own key file on first run, but never
    while the database holds families: a new key could not read them, and the old one would
    be lost for good if its file were replaced.
    """
    keys = settings.encryption_keys.get_secret_value() if settings.encryption_keys else None
    try:
        cipher = cipher_from(keys, settings.encryption_key_file)
    except MissingKeyFile as exc:
        if not create_key:
            raise ConfigError(str(exc)) from None
        cipher = await _new_key_file(settings)
    except EncryptionKeyError as exc:
        raise ConfigError(str(exc)) from None
    defaults = FamilyDefaults(settings.default_timezone, settings.reminder_hour)
    store = Store(settings.database_url, cipher, defaults)
    try:
        await store.open()
    except EncryptionKeyError as exc:
        await store.close()
        raise ConfigError(str(exc)) from None
    return store


async def _new_key_file(settings: Settings) -> Cipher:
    key_file = settings.encryption_key_file
    if await holds_families(settings.database_url):
        raise ConfigError(
            f"ENCRYPTION_KEYS: not set and no key file at {key_file}, but the database holds "
            "encrypted families: restore that key file or set ENCRYPTION_KEYS (a new key "
            "could not read them)"
        )
    return create_key_file(key_file)


async def open_engine(settings: Settings, *, create_key: bool) -> DialogEngine:
    """Validate knowledge, open and migrate the database, and build the engine."""
    knowledge = checked_knowledge()
    prepare(knowledge)
    store = await open_store(settings, create_key=create_key)
    return DialogEngine(store, knowledge)


def prepare(knowledge: KnowledgeBase) -> None:
    """Build before serving what flows build on first use and keep: the danger signs and
    the word list triage reads, the matcher, the escalation rules. Built on the first worry
    instead, they held the event loop, and so every chat's replies, for about two seconds
    (the worst of the steady benchmark's latencies, docs/benchmarks.md)."""
    triage.prepare()
    matcher_for(knowledge)
    default_rules()


def freeze_start_up() -> None:
    """Take everything built so far out of the cyclic garbage collector's reach (collect,
    then ``gc.freeze``); ``parentbot run`` and ``parentbot chat`` call it once the engine
    (and the Telegram application) are built, before serving.

    What start-up builds (the knowledge base, triage's danger signs and word list, the
    matcher's indexes, SQLAlchemy's and PTB's machinery: about 260,000 tracked objects) lives
    as long as the process, but the collector's oldest generation walked all of it again
    whenever enough new objects had survived: a pause of about 190 ms of CPU (measured with
    ``gc.callbacks`` during a steady ``bench/throughput.py`` run, docs/benchmarks.md) in
    which the event loop, and so every chat, stood still, a few times in every few minutes
    of traffic. Frozen, those objects are never walked again; a full collection then looks
    at the few thousand that came after. They are still freed by reference counting; only a
    cycle among them would never be (nothing built at start is meant to go).
    """
    gc.collect()
    gc.freeze()
