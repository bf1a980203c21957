"""The milestone check-in: which items to ask (``plan``), the conversation (``flow``), how
answers grade into a level (``grading``), the result message (``result``) and the wording of
guidance shared with topic answers and the summary (``guidance``).
"""
