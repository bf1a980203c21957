"""The child and the family as the rest of Sprout sees them, with no I/O at all.

Read-only views of a family and the reminder vocabulary (``views``), age and corrected age
(``age``), when check-ins fall due (``schedule``), time zones (``zones``), how dates read to
a parent (``dates``), which home activities fit an item (``suggestions``) and the message
vocabulary every part speaks (``replies``). Domain code imports nothing of ours except
``knowledge``; everything else may import it.
"""
