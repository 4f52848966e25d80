#!/usr/bin/env python3
"""Samples 320 random chat lines from the Ubuntu IRC disentanglement TRAIN split.

Every `[HH:MM] <nick> text` line with non-empty text in the sorted train `*.raw.txt` files is a
candidate; 320 are drawn uniformly without replacement with `random.Random(20261202)`, so the
gold set built from them (`fixtures/gold/irc-train-sample.jsonl`) is an unbiased, reproducible
sample rather than lines chosen to suit the extractor. Prints `file<TAB>line<TAB>nick<TAB>text`
sorted by file and 0-based line, the file relative to the data root.

Usage: sample_gold_lines.py [DATA_ROOT]  (default: ../shared/data relative to the repo root)
"""
import random
import re
import sys
from pathlib import Path

SEED = 20261202
COUNT = 320
MESSAGE = re.compile(r"^\[\d\d:\d\d\] <([^>\s]+)> (.*)$")


def main() -> int:
    repo = Path(__file__).resolve().parent.parent
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else repo / ".." / "shared" / "data"
    candidates = []
    for path in sorted((root / "irc-disentanglement" / "train").glob("*.raw.txt")):
        name = f"irc-disentanglement/train/{path.name}"
        for index, line in enumerate(path.read_text(encoding="utf-8").split("\n")):
            match = MESSAGE.match(line)
            if match and match.group(2).strip():
                candidates.append((name, index, match.group(1), match.group(2)))
    for name, index, nick, text in sorted(random.Random(SEED).sample(candidates, COUNT)):
        print(f"{name}\t{index}\t{nick}\t{text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
