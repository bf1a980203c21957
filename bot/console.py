"""The dialog engine in a terminal: the same conversations as on Telegram, without a token.

Interactive on a terminal (buttons as a numbered list; type the number or the label). When
stdin is piped it reads one line per turn, echoes it after ``> `` and prints plain text, so a
script can drive a whole conversation and read the transcript. A conversation left open by an
earlier run is shown first ("We were here:"), so its buttons can be pressed by number.

Files the bot sends (the export, the summary PDF) are saved in ``data/files``, readable by
the owner only; that folder is the terminal family's, so ``/delete`` empties it too.
"""

from __future__ import annotations

import asyncio
import io
import sys
from pathlib import Path
from typing import TextIO

from bot.domain.replies import Button, Document, Edit, Photo, Reply, Text
from bot.engine.dialog import DialogEngine, parse_text
from bot.engine.inbound import clean
from bot.flows.base import ButtonIn, Event
from bot.flows.parsing import parse_id
from storage.private import private_file, private_folder

#: The terminal is one family; Telegram chat ids are never 0, so the two never collide.
CONSOLE_CHAT_ID = 0
BOLD, RESET = "\033[1m", "\033[0m"


class Console:
    """Renders replies to a stream and turns typed lines into engine events."""

    def __init__(self, out: TextIO, *, rich: bool, files_dir: Path) -> None:
        self.out = out
        self.rich = rich
        self.files_dir = files_dir
        self.buttons: tuple[Button, ...] = ()

    def render(self, replies: list[Reply]) -> None:
        shown: tuple[Button, ...] = ()
        for reply in replies:
            match reply:
                case Text() | Edit():  # the terminal has no message to edit: print it
                    text = reply if isinstance(reply, Text) else reply.text
                    self._text(text)
                    shown = text.all_buttons or shown
                case Document() | Photo():
                    self._file(reply)
        if shown:
            self.buttons = shown
        self.out.flush()

    def _text(self, reply: Text) -> None:
        if self.rich:
            body = "".join(f"{BOLD}{s.text}{RESET}" if s.bold else s.text for s in reply.spans)
        else:
            body = reply.plain
        self.out.write(body + "\n")
        for number, button in enumerate(reply.all_buttons, start=1):
            self.out.write(f"  {number}. {button.label}\n")
        self.out.write("\n")

    def _file(self, reply: Document | Photo) -> None:
        private_folder(self.files_dir)
        name = reply.filename if isinstance(reply, Document) else "chart.png"
        path = self.files_dir / Path(name).name
        private_file(path, reply.data)
        caption = f" ({reply.caption})" if reply.caption else ""
        self.out.write(f"[file saved: {path}]{caption}\n\n")

    def forget_files(self) -> None:
        """The family was erased: delete every file saved for it."""
        if self.files_dir.is_dir():
            for path in self.files_dir.iterdir():
                if path.is_file():
                    path.unlink()

    def event(self, line: str) -> Event:
        """A number or a label presses a button of the last question; anything else is typed."""
        typed = clean(line).strip()
        number = parse_id(typed)
        if number is not None and 1 <= number <= len(self.buttons):
            return ButtonIn(self.buttons[number - 1].payload)
        for button in self.buttons:
            if typed and typed.casefold() == button.label.casefold():
                return ButtonIn(button.payload)
        return parse_text(typed)


async def run_console(
    engine: DialogEngine,
    stdin: TextIO = sys.stdin,
    out: TextIO = sys.stdout,
    files_dir: Path = Path("data/files"),
) -> None:
    """Chat until end of input (Ctrl-D), or ``/quit`` in a terminal; files go to ``files_dir``."""
    interactive = stdin.isatty()
    if isinstance(stdin, io.TextIOWrapper):  # bytes that are not UTF-8 read as U+FFFD
        stdin.reconfigure(errors="replace")
    console = Console(out, rich=interactive and out.isatty(), files_dir=files_dir)
    if interactive:
        out.write("Sprout terminal chat. Type /start to begin, /quit or Ctrl-D to leave.\n\n")
    if question := await engine.question_on_screen(CONSOLE_CHAT_ID):
        # A conversation left open last time: show where it stands, so a number typed now
        # presses one of its buttons rather than being read as an answer.
        out.write("We were here:\n")
        console.render(list(question))
    while True:
        if interactive:
            try:
                line = await asyncio.to_thread(input, "> ")
            except EOFError:
                break
        else:
            line = stdin.readline()
            if not line:
                break
            out.write(f"> {line.rstrip()}\n")
        if line.strip() in {"/quit", "/exit"}:
            break
        if not line.strip():
            continue
        outcome = await engine.handle(CONSOLE_CHAT_ID, console.event(line))
        console.render(outcome.replies)
        if outcome.erased:
            console.forget_files()
