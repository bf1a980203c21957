"""Building the pieces every entry point needs from settings: store, knowledge, engine.

The knowledge base is validated, and migrations are applied, before anything talks to a
parent: a broken content file or an old schema stops the program at start, not mid-dialog.
"""

from __future__ import annotations

from bot.engine.dialog import DialogEngine
from bot.settings import ConfigError, Settings
from knowledge.check import problems
from knowledge.loader import KnowledgeBase, KnowledgeError, default_knowledge
from storage.crypto import EncryptionKeyError, cipher_from
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


def open_store(settings: Settings, *, create_key: bool) -> Store:
    """The database handle; ``create_key`` lets the terminal chat make its own key file."""
    keys = settings.encryption_keys.get_secret_value() if settings.encryption_keys else None
    try:
        cipher = cipher_from(keys, settings.encryption_key_file, create=create_key)
    except EncryptionKeyError as exc:
        raise ConfigError(str(exc)) from None
    defaults = FamilyDefaults(settings.default_timezone, settings.reminder_hour)
    return Store(settings.database_url, cipher, defaults)


async def open_engine(settings: Settings, *, create_key: bool) -> DialogEngine:
    """Validate knowledge, open and migrate the database, and build the engine."""
    knowledge = checked_knowledge()
    store = open_store(settings, create_key=create_key)
    await store.upgrade()
    return DialogEngine(store, knowledge)
