"""Sprout: the dialog engine, its flows and its adapters (Telegram, terminal)."""
