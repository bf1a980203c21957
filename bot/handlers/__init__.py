"""Thin python-telegram-bot adapters onto the dialog engine."""
