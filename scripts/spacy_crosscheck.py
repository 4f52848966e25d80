#!/usr/bin/env python3
"""Cross-checks dbind's EntityRuler matcher against spaCy's on the same texts and patterns.

Runs `dbind match-patterns` and spaCy's entity_ruler (blank "en", no model) over the messages
of the shared chat data and compares the (text, start, end, label) spans twice:
  1. matcher: spaCy runs on dbind's own tokens (its tokenizer is replaced by dbind's, also for
     phrase patterns), so any difference is a difference of matcher semantics;
  2. end to end: spaCy uses its own tokenizer, so tokenization differences show too.
Agreement is |both| / |either|. End-to-end disagreements are sorted into classes:
  tie           - the same span with another label: two patterns match identical tokens and
                  spaCy's order among equal-length matches is a hash-set order
  tokenization  - the span covers different tokens in the two tokenizers ("/dev/sda" is
                  "/dev" "/" "sda" in spaCy and "/" "dev" "/" "sda" here; "#ubuntu" is one
                  hashtag token here)
  overlap       - same tokens, but the longest-match filter kept a different overlapping span
                  because the other side had another candidate (usually caused by tokenization)
  attribute     - same tokens, different attribute verdict
Usage: scripts/spacy_crosscheck.py [--dbind .build/release/dbind] [--data ../shared/data]
       [--patterns schemas/entity_patterns/software.jsonl] [--json]
Needs: pip install spacy  (no model download).
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile


def chat_texts(data, irc_splits=("dev",)):
    """Message texts of the IRC logs of `irc_splits`, then of the DISCO Discord files, in file order."""
    texts = []
    for split in irc_splits:
        irc = os.path.join(data, "irc-disentanglement", split)
        for name in sorted(os.listdir(irc)):
            if name.endswith(".raw.txt"):
                for line in open(os.path.join(irc, name), encoding="utf-8", errors="replace"):
                    m = re.match(r"^\[\d\d:\d\d\] <[^>]+> (.*)$", line.rstrip("\n"))
                    if m:
                        texts.append(m.group(1))
    disco = os.path.join(data, "disco-discord", "dev")
    for name in sorted(os.listdir(disco)):
        for line in open(os.path.join(disco, name), encoding="utf-8"):
            if "<text>" in line and "</text>" in line:
                t = line[line.index("<text>") + 6:line.rindex("</text>")]
                for a, b in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&")):
                    t = t.replace(a, b)
                texts.append(t)
    return texts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dbind", default=".build/release/dbind")
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--patterns", default="schemas/entity_patterns/software.jsonl")
    parser.add_argument("--examples", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    import spacy

    texts = chat_texts(args.data)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for t in texts:
            f.write(json.dumps(t, ensure_ascii=False) + "\n")
        texts_path = f.name
    out = subprocess.run([args.dbind, "match-patterns", "--patterns", args.patterns, "--input", texts_path, "--json"],
                         capture_output=True, text=True, check=True)
    ours = {(m["item"], m["start"], m["end"], m["label"]) for m in json.loads(out.stdout.strip().split("\n")[-1])}

    patterns = [json.loads(l) for l in open(args.patterns, encoding="utf-8") if l.strip()]

    # 1. Matcher agreement on dbind's tokens.
    phrases = [p["pattern"] for p in patterns if isinstance(p["pattern"], str)]
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        for t in texts + phrases:
            f.write(json.dumps(t, ensure_ascii=False) + "\n")
        all_path = f.name
    out = subprocess.run([args.dbind, "tokenize", "--input", all_path, "--json"], capture_output=True, text=True, check=True)
    token_lists = json.loads(out.stdout.strip().split("\n")[-1])
    dbind_tokens = {t: toks for t, toks in zip(texts + phrases, token_lists)}

    from spacy.tokens import Doc

    class DbindTokenizer:
        """dbind's tokens as a spaCy Doc; gaps other than one space become whitespace tokens."""

        def __init__(self, vocab):
            self.vocab = vocab

        def __call__(self, text):
            words, spaces, position = [], [], 0
            for start, end, _ in dbind_tokens[text]:
                if start > position:
                    gap = text[position:start]
                    if words and gap == " ":
                        spaces[-1] = True
                    else:
                        words.append(gap)
                        spaces.append(False)
                words.append(text[start:end])
                spaces.append(False)
                position = end
            if position < len(text):
                words.append(text[position:])
                spaces.append(False)
            return Doc(self.vocab, words=words, spaces=spaces)

    same_tokens = spacy.blank("en")
    same_tokens.tokenizer = DbindTokenizer(same_tokens.vocab)
    same_tokens.add_pipe("entity_ruler").add_patterns(patterns)
    matcher_theirs = set()
    for i, doc in enumerate(same_tokens.pipe(texts, batch_size=256)):
        for ent in doc.ents:
            matcher_theirs.add((i, ent.start_char, ent.end_char, ent.label_))
    matcher_both = ours & matcher_theirs
    matcher_union = len(ours | matcher_theirs)
    matcher_agreement = len(matcher_both) / matcher_union if matcher_union else 1.0
    ours_spans = {s[:3] for s in ours}
    their_spans = {s[:3] for s in matcher_theirs}
    matcher_ties = sum(1 for s in ours - matcher_theirs if s[:3] in their_spans)
    matcher_other = sorted(s for s in ours ^ matcher_theirs if s[:3] not in (their_spans if s in ours else ours_spans))
    span_union = len(ours_spans | their_spans)
    span_agreement = len(ours_spans & their_spans) / span_union if span_union else 1.0
    matcher_examples = [f"{'dbind' if s in ours else 'spaCy'} {s[3]}: {texts[s[0]][s[1]:s[2]]!r} in {texts[s[0]][:80]!r}"
                        for s in matcher_other[: args.examples * 3]]

    # 2. End to end, spaCy with its own tokenizer.
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(patterns)
    theirs = set()
    spacy_bounds = []
    for i, doc in enumerate(nlp.pipe(texts, batch_size=256)):
        for ent in doc.ents:
            theirs.add((i, ent.start_char, ent.end_char, ent.label_))
        spacy_bounds.append({t.idx for t in doc} | {t.idx + len(t.text) for t in doc})

    both, only_ours, only_theirs = ours & theirs, ours - theirs, theirs - ours
    union = len(ours | theirs)
    agreement = len(both) / union if union else 1.0

    # dbind token boundaries for the texts that disagree.
    disagreeing = sorted({s[0] for s in only_ours | only_theirs})
    dbind_bounds = {}
    for i in disagreeing:
        r = subprocess.run([args.dbind, "tokenize", texts[i], "--json"], capture_output=True, text=True, check=True)
        toks = json.loads(r.stdout.strip().split("\n")[-1])
        dbind_bounds[i] = {t["start"] for t in toks} | {t["end"] for t in toks}

    def inner(bounds, s, e):
        return {b for b in bounds if s < b < e}

    classes = collections.Counter()
    examples = collections.defaultdict(list)
    for side, spans, other in (("dbind-only", only_ours, theirs), ("spacy-only", only_theirs, ours)):
        for (i, s, e, label) in sorted(spans):
            edges_both = {s, e} <= dbind_bounds[i] and {s, e} <= spacy_bounds[i]
            same_tokens = edges_both and inner(dbind_bounds[i], s, e) == inner(spacy_bounds[i], s, e)
            same_span = any(o[0] == i and o[1] == s and o[2] == e for o in other)
            overlapping = any(o[0] == i and o[1] < e and s < o[2] for o in other)
            if same_span:
                kind = "tie"
            elif not same_tokens:
                kind = "tokenization"
            elif overlapping:
                kind = "overlap"
            else:
                kind = "attribute"
            classes[(side, kind, label)] += 1
            if len(examples[(side, kind)]) < args.examples:
                examples[(side, kind)].append(f"{label}: {texts[i][s:e]!r} in {texts[i][:90]!r}")

    print(f"texts: {len(texts)}; patterns: {len(patterns)}; spaCy {spacy.__version__}")
    print(f"matcher agreement on dbind tokens: {matcher_agreement:.4f} "
          f"(dbind {len(ours)}, spaCy {len(matcher_theirs)}, both {len(matcher_both)})")
    print(f"  spans ignoring labels: {span_agreement:.4f}; same span with another label (spaCy orders ties by hash): "
          f"{matcher_ties}; other differences: {len(matcher_other)}")
    for example in matcher_examples:
        print(f"      {example}")
    print(f"end-to-end agreement, each with its own tokenizer: {agreement:.4f} "
          f"(dbind {len(ours)}, spaCy {len(theirs)}, both {len(both)})")
    for (side, kind, label), n in sorted(classes.items()):
        print(f"  {side:10s} {kind:12s} {label:16s} {n}")
    for key, items in sorted(examples.items()):
        print(f"  e.g. {key[0]} / {key[1]}:")
        for item in items:
            print(f"      {item}")
    if args.json:
        print(json.dumps({
            "texts": len(texts), "patterns": len(patterns), "spacy_version": spacy.__version__,
            "matcher_agreement": round(matcher_agreement, 4), "matcher_spacy_spans": len(matcher_theirs),
            "matcher_span_agreement": round(span_agreement, 4), "matcher_label_ties": matcher_ties,
            "matcher_other_differences": len(matcher_other),
            "dbind_spans": len(ours), "spacy_spans": len(theirs), "both": len(both),
            "end_to_end_agreement": round(agreement, 4),
            "disagreements": {f"{side}/{kind}/{label}": n for (side, kind, label), n in sorted(classes.items())},
        }))


if __name__ == "__main__":
    sys.exit(main())
