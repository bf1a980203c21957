"""Check-in reminders: which rows a family should have (``plans``, pure apart from the unit of
work it writes to) and the job that delivers due rows exactly once (``delivery``: claim with a
lease, send, mark sent). Imported by the engine and the Telegram application; imports flows'
effect types, the domain and storage.
"""
