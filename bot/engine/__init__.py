"""The dialog engine: one transaction per parent input.

``dialog`` loads the family, hands the input to the pure flow that owns the conversation,
applies the effects the flow returns (``effects``, one small applier per effect type) and
saves the new state, all in one unit of work; files a step asks for (``FileRequest``) are made
after it commits, in a worker thread. ``summary_file`` builds the summary PDF from the
same snapshot for the command line. The engine imports flows, reminders and storage; adapters
(Telegram, the terminal chat) import the engine and nothing imports them.
"""
