# {{title}}

The story: who does what in the pierogi shop, and what is about to go wrong.

## Try this

1. Press **Play** and read the run.
2. Step to the interesting moment and inject the fault there.

## What to observe

What the learner should notice in the diagram: the anomaly, in the shop's terms.

## Your task

What to change, and what "correct" means (the invariants the checker uses).

<details><summary>Hint 1</summary>

A first nudge.
</details>

<details><summary>Hint 2</summary>

A stronger nudge.
</details>

## Discuss

- A question for the room.
