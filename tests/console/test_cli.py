"""The ``parentbot`` command contract (DESIGN.md section 3), run as a user runs it."""

from __future__ import annotations

import json
import subprocess

from tests.support.cli import PARENTBOT
from tests.support.cli import parentbot as run


def test_match_json_reads_one_concern_per_stdin_line() -> None:
    done = run("match", "--json", "-", stdin="he holds his crayon in a fist\nhello\n\n")
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["query"] for line in lines] == ["he holds his crayon in a fist", "hello"]
    first, second = lines
    assert set(first) == {"query", "triage", "matches"}
    assert first["triage"] == "concern"
    assert 1 <= len(first["matches"]) <= 5
    assert set(first["matches"][0]) == {"id", "kind", "title", "score"}
    assert (second["triage"], second["matches"]) == ("out_of_scope", [])


def test_match_with_arguments_joins_them_into_one_query() -> None:
    done = run("match", "--json", "she", "swallowed", "a", "battery")
    assert json.loads(done.stdout)["triage"] == "emergency"


def test_knowledge_list_json_names_every_entry() -> None:
    done = run("knowledge", "list", "--json")
    entries = json.loads(done.stdout)
    assert {"id", "kind", "title"} <= set(entries[0])
    assert "pencil_grip" in {entry["id"] for entry in entries}


def test_knowledge_check_passes_on_the_shipped_content() -> None:
    done = run("knowledge", "check")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("knowledge base OK")


def test_a_closed_pipe_is_not_an_error() -> None:
    pipe = subprocess.Popen(
        [PARENTBOT, "match", "she cant hold a spoon"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert pipe.stdout is not None
    pipe.stdout.close()  # the reader leaves at once, like `| head -0`
    _, err = pipe.communicate(timeout=120)
    assert b"Traceback" not in err
