#!/usr/bin/env python3
"""Text-stage throughput: dbind (tokenize + sentences + questions + entities + patterns, with the
question rules and gazetteers `dbind tag` loads from schemas/) next to spaCy (blank "en"
tokenizer + entity_ruler with the same patterns + a question rule), one core each, on the same
texts, in one run. Run it from the repository root.

The texts are the real chat of ../shared/data, each distinct line once: the Ubuntu IRC train and
dev logs and the DISCO Discord messages (about 220,000 texts). Repeating text would flatter
tokenizer caches (spaCy caches whitespace-separated chunks), so nothing is repeated. The
patterns default to the reference workload, ../shared/data/bench/chat-patterns.jsonl.
Usage: scripts/bench_text.py [--dbind .build/release/dbind] [--patterns FILE] [--json]
Needs: pip install spacy (no model download).
"""
import argparse
import json
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from spacy_crosscheck import chat_texts  # noqa: E402


def distinct_chat(data):
    """Every distinct message text of the IRC train and dev logs and of DISCO, in file order."""
    return list(dict.fromkeys(chat_texts(data, irc_splits=("train", "dev"))))


def build_corpus(data, path):
    texts = distinct_chat(data)
    with open(path, "w", encoding="utf-8") as f:
        for t in texts:
            f.write(json.dumps(t, ensure_ascii=False) + "\n")
    return len(texts), sum(len(t.encode("utf-8")) for t in texts)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dbind", default=".build/release/dbind")
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--patterns", default=None, help="default: DATA/bench/chat-patterns.jsonl")
    parser.add_argument("--corpus", default="/tmp/dbind-bench-distinct-chat.jsonl")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    args.patterns = args.patterns or os.path.join(args.data, "bench", "chat-patterns.jsonl")
    count, size = build_corpus(args.data, args.corpus)
    print(f"corpus: {count} distinct messages, {size / 1e6:.1f} MB -> {args.corpus}")

    out = subprocess.run(["taskset", "-c", "0", args.dbind, "bench", "text", "--input", args.corpus,
                          "--patterns", args.patterns, "--json"], capture_output=True, text=True, check=True)
    ours = json.loads(out.stdout.strip().split("\n")[-1])
    print(out.stdout.strip().split("\n")[-2])

    import spacy

    os.sched_setaffinity(0, {0})
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([json.loads(l) for l in open(args.patterns, encoding="utf-8") if l.strip()])

    @spacy.Language.component("question_rule")
    def question_rule(doc):
        # The least a question detector does: a sentence-final question mark.
        doc.user_data["question"] = any(t.text == "?" for t in doc)
        return doc

    nlp.add_pipe("question_rule")
    with open(args.corpus, encoding="utf-8") as f:
        texts = [json.loads(line) for line in f]
    size = sum(len(t.encode("utf-8")) for t in texts)
    start = time.perf_counter()
    tokens = 0
    for doc in nlp.tokenizer.pipe(texts, batch_size=1000):
        tokens += len(doc)
    tokenize_seconds = time.perf_counter() - start
    start = time.perf_counter()
    tokens = 0
    entities = 0
    for doc in nlp.pipe(texts, batch_size=1000):
        tokens += len(doc)
        entities += len(doc.ents)
    seconds = time.perf_counter() - start
    theirs = {
        "messages": len(texts), "megabytes": round(size / 1e6, 1), "tokens": tokens, "entities": entities,
        "tokenize_tokens_per_second": int(tokens / tokenize_seconds),
        "tokens_per_second": int(tokens / seconds), "messages_per_second": int(len(texts) / seconds),
        "megabytes_per_second": round(size / 1e6 / seconds, 2), "version": spacy.__version__,
    }
    ratio = ours["tokens_per_second"] / theirs["tokens_per_second"]
    # dbind leaves the rate out when no pattern was loaded: there is no pattern pass to time.
    ruler = ours.get("tokenize_ruler_tokens_per_second")
    ruler_ratio = ruler / theirs["tokens_per_second"] if ruler else None
    message_ratio = ours["messages_per_second"] / theirs["messages_per_second"]
    print(f"{'':28s} {'tokens/s':>12s} {'messages/s':>12s} {'MB/s':>8s}")
    print(f"{'dbind tokenize only':28s} {ours['tokenize_tokens_per_second']:12d}")
    print(f"{'spaCy tokenizer only':28s} {theirs['tokenize_tokens_per_second']:12d}")
    print(f"{'dbind tokenizer+patterns':28s} {ruler if ruler else 'no patterns':>12}")
    print(f"{'dbind tok+sent+q+entities':28s} {ours['tokens_per_second']:12d} {ours['messages_per_second']:12d} {ours['megabytes_per_second']:8.2f}")
    print(f"{'spaCy tok+EntityRuler+q':28s} {theirs['tokens_per_second']:12d} {theirs['messages_per_second']:12d} {theirs['megabytes_per_second']:8.2f}")
    if ruler_ratio is not None:
        print(f"same work (tokenizer + EntityRuler): dbind / spaCy {ruler_ratio:.2f}x tokens/s")
    print(f"full dbind text stage / spaCy tokenizer+EntityRuler+question rule: {ratio:.2f}x tokens/s, "
          f"{message_ratio:.2f}x messages/s (same {len(texts)} texts)")
    if args.json:
        print(json.dumps({"dbind": ours, "spacy": theirs, "ratio_tokens": round(ratio, 2), "ratio_messages": round(message_ratio, 2),
                          "ratio_same_work": round(ruler_ratio, 2) if ruler_ratio is not None else None}))


if __name__ == "__main__":
    main()
