#!/usr/bin/env python3
"""Loads dbind's span exports with each tool's own library and counts what the tool gets right.

Usage:
  interop_check.py prodigy TASKS.jsonl           spaCy rebuilds each task from its tokens; spans align
  interop_check.py label-studio TASKS.jsonl CONFIG.xml
                                                 label-studio-sdk accepts the config, predictions
                                                 and annotations; region text is the offsets' text
  interop_check.py doccano DOCCANO.jsonl PRODIGY.jsonl
                                                 each doccano span, sliced as doccano's browser editor
                                                 slices (JavaScript string indices, run in node), is
                                                 the text Python slices for the same span of the same
                                                 unit in a Prodigy (code point) export

Prints one JSON object of counts as the last line. Exits 2 when the tool's library is missing.
"""
import json
import subprocess
import sys


def lines(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def prodigy(path):
    try:
        import spacy
        from spacy.tokens import Doc
    except ImportError:
        print("spacy is not installed", file=sys.stderr)
        sys.exit(2)
    vocab = spacy.blank("en").vocab
    out = {"tasks": 0, "rebuilt": 0, "spans": 0, "aligned": 0, "failures": []}
    for task in lines(path):
        out["tasks"] += 1
        tokens = task.get("tokens", [])
        doc = Doc(vocab, words=[t["text"] for t in tokens], spaces=[t["ws"] for t in tokens])
        if doc.text == task["text"]:
            out["rebuilt"] += 1
        elif len(out["failures"]) < 5:
            out["failures"].append({"text": task["text"], "doc": doc.text})
        for span in task.get("spans", []):
            out["spans"] += 1
            if doc.text != task["text"]:
                continue
            aligned = doc.char_span(span["start"], span["end"])  # strict alignment
            if (aligned is not None and "token_start" in span and aligned.start == span["token_start"]
                    and aligned.end - 1 == span["token_end"]
                    and all(tokens[i]["start"] >= 0 for i in range(aligned.start, aligned.end))):
                out["aligned"] += 1
            elif len(out["failures"]) < 5:
                out["failures"].append({"span": span, "text": task["text"]})
    return out


def label_studio(path, config_path):
    try:
        from label_studio_sdk.label_interface import LabelInterface
    except ImportError:
        print("label-studio-sdk is not installed", file=sys.stderr)
        sys.exit(2)
    with open(config_path, encoding="utf-8") as f:
        interface = LabelInterface(f.read())
    out = {"tasks": 0, "predictions": 0, "valid_predictions": 0, "annotations": 0, "valid_annotations": 0,
           "regions": 0, "region_text_matches": 0, "failures": []}
    for task in lines(path):
        out["tasks"] += 1
        text = task["data"]["text"]
        for prediction in task.get("predictions", []):
            out["predictions"] += 1
            errors = interface.validate_prediction(prediction, return_errors=True)
            if not errors:
                out["valid_predictions"] += 1
            elif len(out["failures"]) < 5:
                out["failures"].append(errors)
            for region in prediction["result"]:
                out["regions"] += 1
                value = region["value"]
                if text[value["start"]:value["end"]] == value["text"]:  # Label Studio counts code points
                    out["region_text_matches"] += 1
        for annotation in task.get("annotations", []):
            out["annotations"] += 1
            if interface.validate_annotation(annotation):
                out["valid_annotations"] += 1
            elif len(out["failures"]) < 5:
                out["failures"].append(annotation)
    return out


# doccano's editor takes offsets from the browser's selection: JavaScript string indices.
JS_SLICER = r"""
const lines = require('fs').readFileSync(process.argv[1], 'utf8').split('\n').filter(l => l.trim());
const out = lines.map(l => { const r = JSON.parse(l); return [r.meta.id, r.label.map(([s, e, k]) => [k, r.text.slice(s, e)])]; });
process.stdout.write(JSON.stringify(out));
"""


def doccano(path, prodigy_path):
    try:
        sliced = subprocess.run(["node", "-e", JS_SLICER, path], check=True, capture_output=True, text=True).stdout
    except FileNotFoundError:
        print("node is not installed", file=sys.stderr)
        sys.exit(2)
    expected = {}
    for task in lines(prodigy_path):
        text = task["text"]
        expected[task["meta"]["id"]] = [(s["label"], text[s["start"]:s["end"]]) for s in task["spans"]]
    out = {"tasks": 0, "spans": 0, "right": 0, "failures": []}
    for unit_id, spans in json.loads(sliced):
        out["tasks"] += 1
        want = expected.get(unit_id, [])
        for i, (label, text) in enumerate(spans):
            out["spans"] += 1
            if i < len(want) and want[i] == (label, text):
                out["right"] += 1
            elif len(out["failures"]) < 5:
                # ascii(): the JavaScript slice may hold half a surrogate pair.
                out["failures"].append({"unit": unit_id, "doccano": ascii((label, text)), "python": ascii(want[i] if i < len(want) else None)})
    return out


def main():
    mode = sys.argv[1]
    if mode == "prodigy":
        result = prodigy(sys.argv[2])
    elif mode == "label-studio":
        result = label_studio(sys.argv[2], sys.argv[3])
    elif mode == "doccano":
        result = doccano(sys.argv[2], sys.argv[3])
    else:
        sys.exit(f"unknown mode {mode}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
