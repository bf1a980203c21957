"""The Telegram adapter: the python-telegram-bot ``Application`` (``application``), the
webhook server (``webhook``), paced and retried sending (``sender``) and turning replies into
Telegram messages (``render``). Thin: every decision is the engine's or a flow's. Nothing in
Sprout imports this package except the command line.
"""
