"""The ``parentbot`` command (a contract: scripts and checks rely on it, see DESIGN.md 3).

Every failure a user can cause (a bad setting, a missing key, an invalid knowledge base) ends
with one clear line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from bot.settings import ConfigError, Settings, load_settings


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {"database_url": args.db} if getattr(args, "db", None) else {}
    return load_settings(**overrides)


def _chat(args: argparse.Namespace) -> int:
    from bot.bootstrap import freeze_start_up, open_engine
    from bot.console import run_console

    settings = _settings(args)

    async def main() -> None:
        engine = await open_engine(settings, create_key=True)
        freeze_start_up()
        try:
            await run_console(engine)
        finally:
            await engine.store.close()

    asyncio.run(main())
    return 0


def _run(args: argparse.Namespace) -> int:
    from bot.telegram.application import run_bot

    return run_bot(_settings(args), webhook=args.webhook)


def _match(args: argparse.Namespace) -> int:
    from bot.bootstrap import checked_knowledge
    from knowledge.matcher import Matcher

    matcher = Matcher(checked_knowledge())
    if args.text == ["-"]:
        queries = [line.rstrip("\n") for line in sys.stdin if line.strip()]
    else:
        queries = [" ".join(args.text)]
    for query in queries:
        result = matcher.match(query)
        if args.json:
            print(json.dumps(result.to_json(), ensure_ascii=False))
            continue
        print(f"{query!r}: {result.triage}")
        for match in result.matches:
            print(f"  {match.score:5.1f}  {match.id} ({match.kind}): {match.title}")
    return 0


def _knowledge(args: argparse.Namespace) -> int:
    from knowledge.check import problems
    from knowledge.loader import KnowledgeError, load_knowledge

    try:
        kb = load_knowledge()
    except KnowledgeError as exc:
        print("\n".join(exc.problems), file=sys.stderr)
        return 1
    if args.action == "list":
        from knowledge.listing import format_list

        entries = format_list(kb)
        if args.json:
            print(json.dumps(entries, ensure_ascii=False, indent=1))
        else:
            for item in entries:
                print(f"{item['id']} ({item['kind']}): {item['title']}")
        return 0
    found = problems(kb)
    if found:
        print("\n".join(found), file=sys.stderr)
        print(f"{len(found)} problem(s) in the knowledge base", file=sys.stderr)
        return 1
    counts: dict[str, int] = {}
    for entry in kb.entries:
        counts[entry.kind] = counts.get(entry.kind, 0) + 1
    print("knowledge base OK: " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())))
    return 0


def _db(args: argparse.Namespace) -> int:
    if args.action == "new-key":
        from storage.crypto import new_key

        print(new_key())
        return 0
    from bot.bootstrap import open_store
    from storage.crypto import EncryptionKeyError

    rotate = args.action == "rotate-key"
    settings = _settings(args)

    async def main() -> None:
        store = await open_store(settings, create_key=not rotate)
        try:
            if rotate:
                from storage.rotate import rotate_all

                done = await rotate_all(store)
                print(
                    f"family keys: {done.rewrapped} re-wrapped under the first key, "
                    f"{done.current} already were, {done.erased} erased meanwhile; "
                    f"{done.queued} waiting updates and replies re-encrypted"
                )
        finally:
            await store.close()

    try:
        asyncio.run(main())
    except EncryptionKeyError as exc:
        raise ConfigError(str(exc)) from None
    print("database is up to date")
    return 0


def _summary(args: argparse.Namespace) -> int:
    from bot.bootstrap import open_engine
    from bot.engine.summary_file import NotFound, summary_pdf
    from bot.summary.build import DOMAIN_ORDER, ReportOptions

    settings = _settings(args)
    domains = DOMAIN_ORDER if args.domain == "both" else (args.domain,)
    options = ReportOptions(None if args.months == "all" else int(args.months), domains)

    async def main() -> bytes:
        engine = await open_engine(settings, create_key=False)
        try:
            return await summary_pdf(engine, args.chat_id, args.child, options)
        finally:
            await engine.store.close()

    try:
        data = asyncio.run(main())
    except NotFound as exc:
        print(f"parentbot: {exc}", file=sys.stderr)
        return 1
    args.out.write_bytes(data)
    print(f"wrote {args.out} ({len(data)} bytes)")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parentbot", description="Sprout: motor development guidance for parents."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    chat = commands.add_parser("chat", help="chat with the bot in this terminal")
    chat.add_argument("--db", help="database URL (default: DATABASE_URL or data/sprout.db)")
    chat.set_defaults(func=_chat)

    run = commands.add_parser("run", help="run the Telegram bot (long polling by default)")
    run.add_argument("--webhook", action="store_true", help="serve webhooks instead of polling")
    run.add_argument("--db", help="database URL")
    run.set_defaults(func=_run)

    match = commands.add_parser("match", help="match parent concerns to the knowledge base")
    match.add_argument("--json", action="store_true", help="one JSON object per query")
    match.add_argument("text", nargs="+", help="the concern, or - to read one per stdin line")
    match.set_defaults(func=_match)

    knowledge = commands.add_parser("knowledge", help="check or list the knowledge base")
    knowledge.add_argument("action", choices=["check", "list"])
    knowledge.add_argument("--json", action="store_true", help="with list: JSON output")
    knowledge.set_defaults(func=_knowledge)

    db = commands.add_parser("db", help="database maintenance")
    db.add_argument("action", choices=["upgrade", "new-key", "rotate-key"])
    db.add_argument("--db", help="database URL")
    db.set_defaults(func=_db)

    summary = commands.add_parser("summary", help="write a child's summary PDF to a file")
    summary.add_argument("--db", help="database URL")
    summary.add_argument("--chat-id", type=int, required=True, help="the family's chat id")
    summary.add_argument("--child", required=True, help="the child's nickname")
    summary.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    summary.add_argument("--months", choices=["3", "12", "all"], default="all")
    summary.add_argument("--domain", choices=["both", "fine", "gross"], default="both")
    summary.set_defaults(func=_summary)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.func
    try:
        return handler(args)
    except ConfigError as exc:
        print(f"parentbot: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `parentbot match ... | head`: the reader left, not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
