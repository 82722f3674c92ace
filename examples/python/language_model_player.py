"""A language model as a player: a brink decision rule that asks a model what to do.

`language_model_player(client)` returns a rule for `brink.run(..., policies={actor: rule})`.
The rule writes what the actor sees (docs/PYTHON.md, "Decision rules from Python") into a
prompt, calls `client(prompt) -> reply text` (yours: an HTTP API, a local model, anything) and
parses the reply: a JSON object of action → probability (renormalised over the allowed
actions), or a bare action name; anything else holds. Replies are cached by prompt, so the
same observation asks the model once and re-running gives the same answers.

Run as a script, it plays red in `teaching-symmetric` with a stand-in client (no model and no
network: a fixed rule that answers in the model's format) and checks that the stand-in, which
says "up when you can", gives the same runs as the built-in `hawk`.

    python examples/python/language_model_player.py [--runs 2000]
"""

from __future__ import annotations

import argparse
import functools
import json
from collections.abc import Callable

import brink


def prompt_for(o: brink.Observation) -> str:
    """What the actor sees, as a prompt that asks for probabilities over its actions."""
    crossing = o.unanswered_crossing
    return "\n".join(
        [
            f"You lead {o.actor} in a crisis between nuclear-armed states. Turn {o.turn}.",
            f"The escalation ladder, lowest first: {', '.join(o.ladder)}.",
            f"Positions now: {json.dumps(o.rungs)}. You hold '{o.rung}'.",
            "Your beliefs about where each adversary's red line lies (probability per rung, "
            f"then 'none'): {json.dumps(o.beliefs)}.",
            f"Positions so far, one row per turn, in the order {list(o.actors)}: "
            f"{[list(row) for row in o.history]} (rung indices).",
            *(
                [
                    f"{crossing['by']} crossed into your red-line zone ({crossing['from']} → "
                    f"{crossing['to']}); you have not answered."
                ]
                if crossing
                else []
            ),
            f"Your options: {list(o.allowed)} ('up'/'down' move one rung; a rung name jumps there).",
            "Reply with JSON only: the probability of each option, summing to 1, "
            'e.g. {"hold": 0.7, "up": 0.3}.',
        ]
    )


def parse_reply(reply: str, allowed: tuple[str, ...]) -> str | dict[str, float]:
    """The rule's answer from the model's reply: its probabilities over the allowed actions
    (renormalised), or a bare allowed action name; "hold" if it makes no sense."""
    try:
        stated = json.loads(reply)
    except json.JSONDecodeError:
        stated = reply
    if isinstance(stated, str):
        word = stated.strip().strip('".').lower()
        return word if word in allowed else "hold"
    if not isinstance(stated, dict):
        return "hold"
    probs = {}
    for action, p in stated.items():
        try:
            p = float(p)
        except (TypeError, ValueError):
            continue
        if action in allowed and p > 0:
            probs[action] = p
    total = sum(probs.values())
    return {action: p / total for action, p in probs.items()} if total > 0 else "hold"


Decision = str | dict[str, float]


def language_model_player(client: Callable[[str], str]) -> Callable[[brink.Observation], Decision]:
    """A decision rule asking `client` (prompt → reply text), with replies cached by prompt."""
    ask = functools.lru_cache(maxsize=None)(client)

    def decide(o: brink.Observation) -> Decision:
        return parse_reply(ask(prompt_for(o)), o.allowed)

    return decide


def stand_in_client(prompt: str) -> str:
    """Not a model: answers "up" with certainty when it is an option, else "hold", in the
    model's reply format (so the example and its test need no network)."""
    options = prompt.split("Your options: ", 1)[1].split(" (", 1)[0]
    return json.dumps({"up": 1.0} if "'up'" in options else {"hold": 1.0})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    played = brink.run(
        "teaching-symmetric",
        runs=args.runs,
        seed=args.seed,
        records=True,
        policies={"red": language_model_player(stand_in_client)},
    )
    hawk = brink.load("teaching-symmetric").set("actors.red.policy", "hawk")
    built_in = brink.run(hawk, runs=args.runs, seed=args.seed, records=True)
    nuclear = played.summary["outcomes"]["nuclear_use"]
    print(f"red played by the stand-in client: P(nuclear use) = {nuclear['p']:.4f} {nuclear['ci95']}")
    assert played.runs.equals(built_in.runs), "the stand-in answers as the built-in hawk does"
    print("same runs as the built-in hawk: yes")


if __name__ == "__main__":
    main()
