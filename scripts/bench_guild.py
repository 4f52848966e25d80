#!/usr/bin/env python3
"""dbind on a real guild, next to its peers, in one run: `dbind ingest` beside a plain Python
ingest (json.load + sqlite3 executemany, one transaction per file), and `dbind tag` (every stage
and storage, all cores; also with `--rules-only`) beside spaCy's bare tokenizer (blank "en", one core) over
the same texts.

The guild is the Ubuntu IRC train split of ../shared/data, one DiscordChatExporter file per
IRC log (153 channels, about 220,000 messages; `nick:` addressing becomes a mention), written
to a temporary folder. Both ingests start from an empty database file on the same disk; they
alternate `--repeat` times (default 3) and the medians are compared.
Usage: scripts/bench_guild.py [--dbind .build/release/dbind] [--data ../shared/data] [--repeat 3] [--json]
"""
import argparse
import glob
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import tempfile
import time
from datetime import datetime, timedelta, timezone

LINE = re.compile(r"^\[(\d\d):(\d\d)\] <([^>]+)> (.*)$")


def build_guild(data, folder):
    """Writes the IRC train logs as DCE channel files; returns (files, messages)."""
    guild = {"id": "1300000000000000001", "name": "Ubuntu IRC", "iconUrl": ""}
    authors = {}
    next_id = [1320000000000000000]

    def author(nick):
        if nick not in authors:
            authors[nick] = {"id": str(1310000000000000000 + len(authors)), "name": nick, "discriminator": "0000",
                             "nickname": nick, "color": None, "isBot": False, "roles": [], "avatarUrl": ""}
        return authors[nick]

    total = 0
    paths = sorted(glob.glob(os.path.join(data, "irc-disentanglement", "train", "*.raw.txt")))
    for index, path in enumerate(paths):
        day = datetime.strptime(os.path.basename(path)[:10], "%Y-%m-%d").replace(tzinfo=timezone.utc)
        messages, previous, sequence = [], None, 0
        for line in open(path, encoding="utf-8", errors="replace"):
            m = LINE.match(line.rstrip("\n"))
            if not m:
                continue
            t = day + timedelta(hours=int(m[1]), minutes=int(m[2]))
            if previous and t < previous:
                t = previous
            sequence = sequence + 1 if previous == t else 0
            previous = t
            next_id[0] += 1
            addressee = re.match(r"^([\w\-\[\]\\^{}|`]+)[:,] ", m[4])
            mentions = [author(addressee[1])] if addressee and addressee[1] in authors else []
            messages.append({
                "id": str(next_id[0]), "type": "Default", "timestamp": (t + timedelta(milliseconds=sequence)).isoformat(),
                "timestampEdited": None, "callEndedTimestamp": None, "isPinned": False, "content": m[4],
                "author": author(m[3]), "attachments": [], "embeds": [], "stickers": [], "reactions": [],
                "mentions": mentions, "inlineEmojis": []})
        channel = {"id": str(1330000000000000000 + index), "type": "GuildTextChat", "categoryId": None, "category": None,
                   "name": f"ubuntu-{index:03d}", "topic": None}
        document = {"guild": guild, "channel": channel, "dateRange": {"after": None, "before": None},
                    "exportedAt": "2025-01-01T00:00:00+00:00", "messages": messages, "messageCount": len(messages)}
        with open(os.path.join(folder, f"ubuntu-{index:03d}.json"), "w", encoding="utf-8") as f:
            json.dump(document, f, ensure_ascii=False)
        total += len(messages)
    return len(paths), total


def python_ingest(folder, database):
    """The peer: what a short script would do, with the same idempotent upserts dbind does."""
    db = sqlite3.connect(database)
    db.executescript("""
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT, nickname TEXT, is_bot INTEGER);
        CREATE TABLE channels (id INTEGER PRIMARY KEY, name TEXT, topic TEXT);
        CREATE TABLE messages (id INTEGER PRIMARY KEY, channel_id INTEGER, author_id INTEGER, timestamp TEXT,
                               content TEXT, reply_to INTEGER);
        CREATE TABLE mentions (message_id INTEGER, author_id INTEGER, PRIMARY KEY (message_id, author_id)) WITHOUT ROWID;
        CREATE INDEX messages_by_channel_time ON messages(channel_id, timestamp);
    """)
    count = 0
    for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
        with open(path, encoding="utf-8") as f:
            export = json.load(f)
        messages = export["messages"]
        with db:
            db.execute("INSERT OR REPLACE INTO channels VALUES (?, ?, ?)",
                       (int(export["channel"]["id"]), export["channel"]["name"], export["channel"]["topic"]))
            people = {m["author"]["id"]: m["author"] for m in messages}
            for m in messages:
                for x in m["mentions"]:
                    people[x["id"]] = x
            db.executemany("INSERT OR REPLACE INTO authors VALUES (?, ?, ?, ?)",
                           [(int(a["id"]), a["name"], a.get("nickname"), int(a.get("isBot", False))) for a in people.values()])
            db.executemany("INSERT OR REPLACE INTO messages VALUES (?, ?, ?, ?, ?, ?)",
                           [(int(m["id"]), int(export["channel"]["id"]), int(m["author"]["id"]), m["timestamp"], m["content"],
                             int(m["reference"]["messageId"]) if m.get("reference") else None) for m in messages])
            db.executemany("INSERT OR IGNORE INTO mentions VALUES (?, ?)",
                           [(int(m["id"]), int(x["id"])) for m in messages for x in m["mentions"]])
        count += len(messages)
    db.close()
    return count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dbind", default=".build/release/dbind")
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, help="ingest runs of each side, alternated (median)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="dbind-bench-ingest-") as work:
        guild = os.path.join(work, "guild")
        os.makedirs(guild)
        files, messages = build_guild(args.data, guild)
        size = sum(os.path.getsize(os.path.join(guild, f)) for f in os.listdir(guild))

        # The files just written go to disk first, so neither ingest pays for the other's writeback;
        # the two then alternate, each into a new database, and each side's median counts.
        os.sync()
        ours_runs, theirs_runs = [], []
        for attempt in range(args.repeat):
            for name in ("dbind.sqlite", "python.sqlite"):
                for suffix in ("", "-wal", "-shm"):
                    if os.path.exists(os.path.join(work, name + suffix)):
                        os.remove(os.path.join(work, name + suffix))
            start = time.perf_counter()
            run = subprocess.run([args.dbind, "ingest", "--db", os.path.join(work, "dbind.sqlite"), guild, "--json"],
                                 capture_output=True, text=True, check=True)
            ours_runs.append(time.perf_counter() - start)
            ours = json.loads(run.stdout.strip().split("\n")[-1])

            start = time.perf_counter()
            stored = python_ingest(guild, os.path.join(work, "python.sqlite"))
            theirs_runs.append(time.perf_counter() - start)
        ours_seconds = statistics.median(ours_runs)
        theirs_seconds = statistics.median(theirs_runs)

        # The rules alone first, on a copy of the ingested store, then tag as users run it.
        shutil.copyfile(os.path.join(work, "dbind.sqlite"), os.path.join(work, "rules.sqlite"))
        start = time.perf_counter()
        subprocess.run([args.dbind, "tag", "--db", os.path.join(work, "rules.sqlite"), "--rules-only", "--json"],
                       capture_output=True, text=True, check=True)
        rules_seconds = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run([args.dbind, "tag", "--db", os.path.join(work, "dbind.sqlite"), "--json"],
                       capture_output=True, text=True, check=True)
        tag_seconds = time.perf_counter() - start
        texts = [row[0] for row in sqlite3.connect(os.path.join(work, "python.sqlite")).execute("SELECT content FROM messages")]

    import spacy

    os.sched_setaffinity(0, {0})
    nlp = spacy.blank("en")
    start = time.perf_counter()
    for _ in nlp.tokenizer.pipe(texts, batch_size=1000):
        pass
    spacy_seconds = time.perf_counter() - start

    ours_rate = ours["messages"] / ours_seconds
    theirs_rate = stored / theirs_seconds
    tag_rate = ours["messages"] / tag_seconds
    rules_rate = ours["messages"] / rules_seconds
    spacy_rate = len(texts) / spacy_seconds
    print(f"guild: {files} files, {messages} messages, {size / 1e6:.1f} MB")
    print(f"dbind ingest                 {ours_seconds:7.2f} s  {ours_rate:9.0f} msgs/s")
    print(f"plain Python ingest          {theirs_seconds:7.2f} s  {theirs_rate:9.0f} msgs/s   dbind / Python {ours_rate / theirs_rate:.2f}x"
          f" (medians of {args.repeat} alternated runs)")
    print(f"dbind tag (all stages)       {tag_seconds:7.2f} s  {tag_rate:9.0f} msgs/s")
    print(f"dbind tag --rules-only       {rules_seconds:7.2f} s  {rules_rate:9.0f} msgs/s")
    print(f"spaCy bare tokenizer, 1 core {spacy_seconds:7.2f} s  {spacy_rate:9.0f} msgs/s   dbind tag / spaCy {tag_rate / spacy_rate:.2f}x"
          f" (--rules-only {rules_rate / spacy_rate:.2f}x)")
    if args.json:
        print(json.dumps({"files": files, "messages": messages, "megabytes": round(size / 1e6, 1),
                          "ingest": {"dbind_seconds": round(ours_seconds, 2), "dbind_messages_per_second": int(ours_rate),
                                     "python_seconds": round(theirs_seconds, 2), "python_messages_per_second": int(theirs_rate),
                                     "ratio": round(ours_rate / theirs_rate, 2),
                                     "dbind_runs": [round(x, 2) for x in ours_runs],
                                     "python_runs": [round(x, 2) for x in theirs_runs]},
                          "tag": {"dbind_seconds": round(tag_seconds, 2), "dbind_messages_per_second": int(tag_rate),
                                  "spacy_tokenizer_seconds": round(spacy_seconds, 2),
                                  "spacy_tokenizer_messages_per_second": int(spacy_rate),
                                  "ratio": round(tag_rate / spacy_rate, 2), "spacy": spacy.__version__,
                                  "rules_only_seconds": round(rules_seconds, 2),
                                  "rules_only_messages_per_second": int(rules_rate),
                                  "rules_only_ratio": round(rules_rate / spacy_rate, 2)}}))


if __name__ == "__main__":
    main()
