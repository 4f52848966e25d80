#!/usr/bin/env python3
"""Text-stage throughput: dbind (tokenize + sentences + questions + entities) next to spaCy
(blank "en" tokenizer + entity_ruler), one core each, on the same corpus and pattern file.

The corpus is built from the real chat messages of ../shared/data (Ubuntu IRC dev logs and
DISCO Discord messages), repeated in order until it reaches --megabytes (default 200), and
written as one JSON string per line. Note: repeating messages favours spaCy's tokenizer cache
(it caches whitespace-separated chunks); dbind has no such cache.
Usage: scripts/bench_text.py [--dbind .build/release/dbind] [--megabytes 200] [--spacy-megabytes 200]
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


def build_corpus(data, megabytes, path):
    messages = chat_texts(data)
    target = megabytes * 1_000_000
    size = 0
    count = 0
    with open(path, "w", encoding="utf-8") as f:
        while size < target:
            for m in messages:
                f.write(json.dumps(m, ensure_ascii=False) + "\n")
                size += len(m.encode("utf-8"))
                count += 1
                if size >= target:
                    break
    return count, size


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dbind", default=".build/release/dbind")
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--patterns", default="schemas/entity_patterns/software.jsonl")
    parser.add_argument("--megabytes", type=int, default=200)
    parser.add_argument("--spacy-megabytes", type=int, default=200, help="how much of the corpus spaCy runs over")
    parser.add_argument("--corpus", default="/tmp/dbind-bench-corpus.jsonl")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    if not os.path.exists(args.corpus) or os.path.getsize(args.corpus) < args.megabytes * 1_000_000:
        count, size = build_corpus(args.data, args.megabytes, args.corpus)
        print(f"corpus: {count} messages, {size / 1e6:.1f} MB -> {args.corpus}")

    out = subprocess.run(["taskset", "-c", "0", args.dbind, "bench", "text", "--input", args.corpus,
                          "--patterns", args.patterns, "--json"], capture_output=True, text=True, check=True)
    ours = json.loads(out.stdout.strip().split("\n")[-1])
    print(out.stdout.strip().split("\n")[-2])

    import spacy

    os.sched_setaffinity(0, {0})
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([json.loads(l) for l in open(args.patterns, encoding="utf-8") if l.strip()])
    texts = []
    size = 0
    with open(args.corpus, encoding="utf-8") as f:
        for line in f:
            t = json.loads(line)
            texts.append(t)
            size += len(t.encode("utf-8"))
            if size >= args.spacy_megabytes * 1_000_000:
                break
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
    ruler_ratio = ours["tokenize_ruler_tokens_per_second"] / theirs["tokens_per_second"]
    message_ratio = ours["messages_per_second"] / theirs["messages_per_second"]
    print(f"{'':28s} {'tokens/s':>12s} {'messages/s':>12s} {'MB/s':>8s}")
    print(f"{'dbind tokenize only':28s} {ours['tokenize_tokens_per_second']:12d}")
    print(f"{'spaCy tokenizer only':28s} {theirs['tokenize_tokens_per_second']:12d}")
    print(f"{'dbind tokenizer+patterns':28s} {ours['tokenize_ruler_tokens_per_second']:12d}")
    print(f"{'dbind tok+sent+q+entities':28s} {ours['tokens_per_second']:12d} {ours['messages_per_second']:12d} {ours['megabytes_per_second']:8.2f}")
    print(f"{'spaCy tokenizer+EntityRuler':28s} {theirs['tokens_per_second']:12d} {theirs['messages_per_second']:12d} {theirs['megabytes_per_second']:8.2f}")
    print(f"same work (tokenizer + EntityRuler): dbind / spaCy {ruler_ratio:.2f}x tokens/s")
    print(f"full dbind text stage / spaCy tokenizer+EntityRuler: {ratio:.2f}x tokens/s, {message_ratio:.2f}x messages/s "
          f"(dbind over {ours['megabytes']} MB, spaCy over {theirs['megabytes']} MB)")
    if args.json:
        print(json.dumps({"dbind": ours, "spacy": theirs, "ratio_tokens": round(ratio, 2), "ratio_messages": round(message_ratio, 2),
                          "ratio_same_work": round(ruler_ratio, 2)}))


if __name__ == "__main__":
    main()
