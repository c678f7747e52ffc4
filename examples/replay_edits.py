"""Replays the noise edits of exported samples (or stored interactions) on their clean texts.

Each noisy version's `edits` are in the order they were applied; each `position` is a Unicode code
point index (what Python's str indexes by) into the text as it was after the edits before it, where
`before` is replaced by `after`. Replaying them on the clean text gives `noisy_text` exactly.

Input: JSON lines of {"clean": ..., "noisy": ..., "edits": [...]} on stdin.
Prints "<n> records replayed, <m> mismatches" and exits 1 when any record does not replay.
"""

import json
import sys


def replay(clean, edits):
    text = clean
    for edit in edits:
        at, before = edit["position"], edit["before"]
        if text[at : at + len(before)] != before:
            return None
        text = text[:at] + edit["after"] + text[at + len(before) :]
    return text


def main():
    total = mismatches = 0
    for line in sys.stdin:
        if not line.strip():
            continue
        record = json.loads(line)
        total += 1
        if replay(record["clean"], record["edits"]) != record["noisy"]:
            mismatches += 1
    print(f"{total} records replayed, {mismatches} mismatches")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
