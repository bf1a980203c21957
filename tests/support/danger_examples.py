"""Issue 10's examples with the level a clinician expects, and what each level looks like.

Shared by the terminal-chat and the Bot API stand-in tests, which send each one both as a
first message and typed in the middle of a check-in.
"""

from __future__ import annotations

from knowledge.signs import default_danger_signs

ANSWERS = default_danger_signs().answers

#: (message, expected triage level): the issue's misses and its false alarms.
EXAMPLES: list[tuple[str, str]] = [
    (
        "my daughter just swallowed a 20p coin, she is breathing fine but dribbling a lot",
        "emergency",
    ),
    (
        "I think he put a bead up his nose or swallowed it, he keeps coughing and retching",
        "emergency",
    ),
    (
        "something is stuck in her throat, she's making a high pitched noise and can't cry",
        "emergency",
    ),
    ("38.9 fever, he screams when we lift his head and there is a blotchy rash", "emergency"),
    ("little dark red spots on his tummy that stay when I press them, and he's hot", "emergency"),
    ("our baby is limp and her breathing is very shallow, she keeps drifting off", "emergency"),
    (
        "his left arm and the left side of his mouth keep twitching and he's not looking at me",
        "emergency",
    ),
    (
        "5 month old fell off the sofa onto a hard floor, big lump on the back of the head and "
        "now sleepy",
        "emergency",
    ),
    ("my 9 month old fell down a flight of stairs", "emergency"),
    ("he could roll over last month but now he can't anymore", "urgent"),
    ("my son keeps confusing b and d when he writes", "concern"),
    ("he had a seizure with a fever when he was 18 months, he is 3 now and fine", "safety_net"),
    ("she doesn't want her walker anymore since she started walking by herself", "concern"),
    ("she used to need help on the stairs but now she goes up by herself", "concern"),
]

#: The first words of each level's answer (for ordinary worries: none of them).
OPENING = {
    "emergency": ANSWERS.emergency[:60],
    "urgent": ANSWERS.urgent[:40],
    "safety_net": ANSWERS.safety_net[:40],
}


def ids(example: tuple[str, str]) -> str:
    """A short test id: the level and the first words."""
    text, level = example
    return f"{level}:{'_'.join(text.split()[:4])}"


def check_answer(reply: str, level: str) -> None:
    """``reply`` opens with the level's answer; an ordinary worry gets none of them."""
    if level == "safety_net":  # a sign named as over earns a calm note first
        assert reply.startswith((OPENING[level], ANSWERS.history)), reply[:120]
        assert OPENING[level] in reply
    elif level == "emergency" and reply.startswith("Start now: "):
        # A choking child's back blows come before the call (``Sign.step_before_call``).
        assert f"\n\n{OPENING[level]}" in reply, reply[:200]
    elif level in OPENING:
        assert reply.startswith(OPENING[level]), reply[:120]
    else:
        assert not any(opening in reply for opening in OPENING.values()), reply[:200]
