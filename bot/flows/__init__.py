"""Conversations as pure step functions: no Telegram, no SQL, no clock."""
