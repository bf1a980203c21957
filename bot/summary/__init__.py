"""What a parent can take to the doctor or keep: the summary of one child (``build``), its chat
text (``text``) and PDF (``pdf``), and the full data export (``export``, ``export_schema``).
Pure: built from the domain views and the knowledge base, no storage, no Telegram. Flows
import it; it imports the domain and ``knowledge``.
"""
