"""The second opinions learned from labelled examples (``knowledge.examples``, the nearest
examples; ``knowledge.classifier``, the model): how much do they add on new wording?

Run from the repo root: ``.venv/bin/python bench/triage_second_opinion.py [set.tsv ...]``;
``--write`` instead regenerates ``knowledge/content/triage_examples.tsv`` from the tuning sets
(``knowledge.examples.examples_from_sets``) and trains ``knowledge/content/triage_model.tsv``
on them, which a test and ``parentbot knowledge check`` require after they change.

1. Transfer, simulated on the blind sets already in the tuning set: for each, the rules as they
   were before the set was read (a ``git archive`` of that commit's ``knowledge/``, run in a
   subprocess) score the set alone, then with the nearest examples' opinion, then with the
   model's too, both built only from the tuning rows that came before the set and that
   commit's calm look-alikes (``SIMULATIONS``; a model is trained for each, seconds apiece).
2. The held-out set and any sets given as arguments: today's rules alone, with the nearest
   examples, and with both opinions as shipped. Totals only: no row is printed.
3. Cost: thread CPU time per message, each opinion alone and triage without and with them.

Figures as in ``bench/triage_quality.py`` (urgent recall counts urgent or emergency).
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import cast

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from triage_quality import HELD_OUT_SET, LEVELS  # noqa: E402

from knowledge.classifier import (  # noqa: E402
    TriageModel,
    default_model,
    train,
    training_examples,
    write_model,
)
from knowledge.examples import (  # noqa: E402
    DEFAULT_PATH,
    MATCH_SETS,
    Example,
    ExampleIndex,
    ExampleLevel,
    Opinion,
    default_examples,
    examples_from_sets,
)
from knowledge.signs import default_danger_signs  # noqa: E402
from knowledge.triage import AGREEMENT, _assess_rules, _model_may_raise, assess  # noqa: E402

TUNING = "tests/data/triage_dev.tsv"
RANK = {"concern": 0, "safety_net": 1, "urgent": 2, "emergency": 3}


@dataclass(frozen=True)
class Simulation:
    """A blind set inside the tuning set, and the rules that had not yet seen it."""

    name: str
    #: The commit whose tuning set holds the blind set as its writer labelled it.
    tuning_at: str
    #: File lines of the blind set (the header is line 1); the examples are lines before.
    first: int
    last: int
    #: Commits whose rules had not read the set: main then, and after a sweep if there was one.
    rules_at: tuple[str, ...]


SIMULATIONS = (
    Simulation("set 10", "0cb9abc", 2596, 3197, ("5bf3c88^",)),
    Simulation("set 11", "ebe6d8e", 3435, 3884, ("3a8ff20^", "3a8ff20")),
    Simulation("set 12", "63f1eb8", 4156, 4605, ("9162c40", "b9c34a8")),
    Simulation("set 14", "490d114", 5056, 5505, ("5be6dbb",)),
    Simulation("set 15", "94cbfe4", 5056, 5455, ("d594ed2",)),
    Simulation("set 16", "a51037d", 5906, 6265, ("992389b",)),
    Simulation("set 17", "5d60210", 6266, 6685, ("e84b5a4",)),
    Simulation("set 18", "2a49c0d", 6686, 6985, ("42e5356",)),
    Simulation("set 19", "dc3cb34", 6986, 7285, ("76a34d0",)),
    Simulation("set 20", "9e253e7", 7286, 7585, ("fa4d2df",)),
    Simulation("set 21", "09bd6cc", 7586, 7745, ("3c8aa1d",)),
    Simulation("set 22", "37bb591", 7746, 8045, ("6ae5708",)),
    Simulation("set 23", "acf2b57", 8046, 8345, ("82012cf",)),
    Simulation("tri18", "acf2b57", 8346, 8645, ("3d0658f",)),
    Simulation("tri19", "acf2b57", 8646, 8885, ("2318c0d",)),
    Simulation("tri20", "d3e0486", 8886, 9125, ("acf2b57",)),
)

_RUN_OLD_RULES = """
import json, sys
sys.path.insert(0, sys.argv[1])
from knowledge.signs import default_danger_signs
from knowledge.triage import triage
own = [(text, "ordinary") for text in default_danger_signs().calm]
print(json.dumps([[triage(text) for text in json.load(sys.stdin)], own]))
"""


def _rows(text: str) -> list[tuple[str, str]]:
    reader = csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)
    return [(row["text"], row["level"]) for row in reader]


def _git(*args: str) -> bytes:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, check=True).stdout


def _old_rules(commit: str, texts: list[str]) -> tuple[list[str], list[Example]]:
    """Each text's level from the rules of ``commit`` alone (that commit's ``knowledge/``),
    and the calm look-alikes of its danger-sign table, as ordinary examples."""
    with tempfile.TemporaryDirectory() as tree:
        subprocess.run(["tar", "-x", "-C", tree], input=_git("archive", commit, "knowledge"),
                       check=True)  # fmt: skip
        done = subprocess.run(
            [sys.executable, "-c", _RUN_OLD_RULES, tree],
            input=json.dumps(texts), capture_output=True, text=True, check=True,
        )  # fmt: skip
    levels, own = json.loads(done.stdout)
    return levels, [Example(text, level) for text, level in own]


def _raised(level: str, opinion: Opinion | None) -> str:
    return opinion if opinion is not None and RANK[opinion] > RANK[level] else level


def _figures(rows: list[tuple[str, str]], answers: list[str]) -> list[str]:
    answered: dict[str, Counter[str]] = {level: Counter() for level in LEVELS}
    for (_, level), answer in zip(rows, answers, strict=True):
        answered[level][answer] += 1

    def share(level: str, *answers: str) -> str:
        total = sum(answered[level].values())
        return f"{sum(answered[level][a] for a in answers) / max(total, 1):.1%}"

    return [
        share("emergency", "emergency"),
        share("urgent", "urgent", "emergency"),
        share("ordinary", "emergency"),
        share("ordinary", "urgent"),
        share("ordinary", "safety_net"),
    ]


def _print(title: str, rows: list[tuple[str, str]], columns: dict[str, list[str]]) -> None:
    counts = Counter(level for _, level in rows)
    print(f"\n{title} ({', '.join(f'{counts[v]} {v}' for v in LEVELS)})")
    labels = ("emergency recall", "urgent recall", "emergency on ordinary",
              "urgent on ordinary", "safety net on ordinary")  # fmt: skip
    figures = {name: _figures(rows, answers) for name, answers in columns.items()}
    print(f"{'':<24}" + "".join(f"{name:>26}" for name in figures))
    for index, label in enumerate(labels):
        print(f"{label:<24}" + "".join(f"{f[index]:>26}" for f in figures.values()))


def _learned(model: TriageModel, index: ExampleIndex, text: str) -> Opinion | None:
    """The model's opinion where triage would let it speak (``knowledge.triage.assess``): the
    neighbours lean its way, and today's rules (the old ones do not say it) do not read the
    message as over or asked about; no child's age, as in every set here."""
    if index.read(text)[1] < AGREEMENT:
        return None
    table = default_danger_signs()
    allowed = _model_may_raise(_assess_rules(text, None, table), None, table)
    return model.opinion(text) if allowed else None


def simulate(run: Simulation) -> None:
    tuning = _rows(_git("show", f"{run.tuning_at}:{TUNING}").decode())
    before, blind = tuning[: run.first - 2], tuning[run.first - 2 : run.last - 1]
    texts = [text for text, _ in blind]
    columns: dict[str, list[str]] = {}
    for commit in run.rules_at:
        alone, own = _old_rules(commit, texts)
        matching = [
            (row["text"], row["expected"])
            for name in MATCH_SETS
            for row in csv.DictReader(
                io.StringIO(_git("show", f"{commit}:tests/data/{name}").decode()),
                delimiter="\t", quoting=csv.QUOTE_NONE,
            )
        ]  # fmt: skip
        pool = examples_from_sets(before, matching)
        earlier = [Example(text, cast(ExampleLevel, level)) for text, level in pool]
        index = ExampleIndex([*earlier, *own])
        opinions = [index.opinion(text) for text in texts]
        model = train([*earlier, *own])
        learned = [_learned(model, index, text) for text in texts]
        after = "" if commit == run.rules_at[0] else f"@{commit}"
        columns[f"rules@{commit}"] = alone
        columns[f"+ nearest{after}"] = [
            _raised(a, o) for a, o in zip(alone, opinions, strict=True)
        ]
        columns[f"+ nearest + model{after}"] = [
            _raised(_raised(a, o), m) for a, o, m in zip(alone, opinions, learned, strict=True)
        ]
    title = f"{run.name}: lines {run.first}-{run.last}, examples lines 2-{run.first - 1}"
    _print(title, blind, columns)


def score(path: Path) -> None:
    with path.open(encoding="utf-8") as handle:
        rows = _rows(handle.read())
    none = ExampleIndex(())
    alone: list[str] = [assess(text, examples=none).level or "concern" for text, _ in rows]
    full = default_examples()
    nearest: list[str] = [assess(text, examples=full).level or "concern" for text, _ in rows]
    both: list[str] = [assess(text).level or "concern" for text, _ in rows]
    columns = {"rules alone": alone, "+ nearest": nearest, "+ nearest + model": both}
    _print(f"{path.name}: today's rules", rows, columns)


def _percentiles(costs: list[int]) -> str:
    ordered = sorted(costs)
    p50, p99 = (ordered[min(len(ordered) - 1, int(len(ordered) * q))] for q in (0.5, 0.99))
    return f"p50 {p50 / 1e6:.2f} ms, p99 {p99 / 1e6:.2f} ms"


def cost() -> None:
    """Thread CPU time per message on the triage tuning set's texts: each opinion alone, and
    triage without and with them (warm: the index built, normalisation cached as in a server)."""
    started = time.perf_counter()
    full = default_examples()
    print(f"\ncost: index of {len(full.examples)} examples built in "
          f"{time.perf_counter() - started:.2f} s")  # fmt: skip
    started = time.perf_counter()
    model = default_model()
    print(f"model of {len(model.idf)} features read in {time.perf_counter() - started:.2f} s")
    with (ROOT / TUNING).open(encoding="utf-8") as handle:
        texts = [text for text, _ in _rows(handle.read())]
    none = ExampleIndex(())
    for label, run in (
        ("nearest alone", full.opinion),
        ("model alone", model.opinion),
        ("triage without", lambda text: assess(text, examples=none)),
        ("triage with", lambda text: assess(text)),
    ):
        costs = []
        for text in texts:
            begin = time.thread_time_ns()
            run(text)
            costs.append(time.thread_time_ns() - begin)
        print(f"{label:<16} {_percentiles(costs)}")


def write_examples() -> None:
    """Regenerate ``knowledge/content/triage_examples.tsv`` from the tuning sets."""
    data = ROOT / "tests" / "data"
    with (data / "triage_dev.tsv").open(encoding="utf-8") as handle:
        triage_rows = _rows(handle.read())
    matching: list[tuple[str, str]] = []
    for name in MATCH_SETS:
        with (data / name).open(encoding="utf-8") as handle:
            reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            matching += [(row["text"], row["expected"]) for row in reader]
    rows = examples_from_sets(triage_rows, matching)
    DEFAULT_PATH.write_text(
        "text\tlevel\n" + "".join(f"{text}\t{level}\n" for text, level in rows), encoding="utf-8"
    )
    print(f"{DEFAULT_PATH.relative_to(ROOT)}: {len(rows)} examples")
    examples = training_examples(default_danger_signs())
    write_model(train(examples))
    print(f"knowledge/content/triage_model.tsv: trained on {len(examples)} examples")


def main() -> None:
    if sys.argv[1:] == ["--write"]:
        write_examples()
        return
    for run in SIMULATIONS:
        simulate(run)
    for path in (HELD_OUT_SET, *(Path(arg) for arg in sys.argv[1:])):
        score(path)
    cost()


if __name__ == "__main__":
    main()
