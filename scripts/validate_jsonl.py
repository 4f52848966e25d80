#!/usr/bin/env python3
"""Validates every line of a JSON Lines file against a JSON Schema (draft 2020-12).

Usage: validate_jsonl.py SCHEMA FILE. Exits non-zero naming the first invalid line.
Needs the `jsonschema` package (`pip install jsonschema`).
"""
import json
import sys

import jsonschema


def main() -> int:
    schema_path, data_path = sys.argv[1], sys.argv[2]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft202012Validator(schema)
    count = 0
    with open(data_path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if not line.strip():
                continue
            errors = sorted(validator.iter_errors(json.loads(line)), key=lambda e: list(e.path))
            if errors:
                error = errors[0]
                path = "/".join(str(p) for p in error.path)
                print(f"{data_path}:{number}: {path}: {error.message}", file=sys.stderr)
                return 1
            count += 1
    print(f"{count} lines valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
