#!/usr/bin/env python3
"""Loads `dbind export --format graph` files with networkx and checks them against the store.

Usage: check_graph.py GRAPH_DIR STORE.sqlite
Prints one JSON object: nodes and edges as networkx reads GraphML and GEXF, how many member
pairs' reply and reaction counts equal the store's replies and reactions between two different
members (per format), the
pairs compared, and whether every Neo4j relationship end is a node. Exits 2 without networkx.
"""
import csv
import json
import os
import sqlite3
import sys


def main():
    try:
        import networkx as nx
    except ImportError:
        print("networkx is not installed", file=sys.stderr)
        sys.exit(2)
    folder, store = sys.argv[1], sys.argv[2]
    db = sqlite3.connect(store)
    replies = {(str(a), str(b)): n for a, b, n in db.execute(
        "SELECT m.author_id, t.author_id, count(*) FROM messages m JOIN messages t ON t.id = m.reply_to "
        "WHERE NOT m.is_system AND m.author_id != t.author_id GROUP BY 1, 2")}
    reactions = {}
    for users, author in db.execute(
            "SELECT r.user_ids, m.author_id FROM reactions r JOIN messages m ON m.id = r.message_id "
            "WHERE NOT m.is_system AND r.user_ids IS NOT NULL"):
        for user in users.split(","):
            if user != str(author):
                reactions[(user, str(author))] = reactions.get((user, str(author)), 0) + 1
    out = {"store_reply_pairs": len(replies), "store_reaction_pairs": len(reactions)}
    for name, reader in [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)]:
        graph = reader(os.path.join(folder, "graph." + name))
        out[name + "_nodes"] = graph.number_of_nodes()
        out[name + "_edges"] = graph.number_of_edges()
        got = {(u, v): int(d.get("replies", 0)) for u, v, d in graph.edges(data=True) if int(d.get("replies", 0)) > 0}
        out[name + "_reply_pairs_equal"] = sum(1 for pair, n in replies.items() if got.get(pair) == n)
        out[name + "_reply_pairs_extra"] = len(set(got) - set(replies))
        reacted = {(u, v): int(d.get("reactions", 0)) for u, v, d in graph.edges(data=True) if int(d.get("reactions", 0)) > 0}
        out[name + "_reaction_pairs_equal"] = sum(1 for pair, n in reactions.items() if reacted.get(pair) == n)
        out[name + "_reaction_pairs_extra"] = len(set(reacted) - set(reactions))
        out[name + "_directed"] = graph.is_directed()
    nodes = set()
    for file in ["members.csv", "channels.csv"]:
        with open(os.path.join(folder, file), newline="", encoding="utf-8") as f:
            nodes |= {row[0] for row in list(csv.reader(f))[1:]}
    dangling = 0
    relationships = 0
    for file in ["replied_to.csv", "mentioned.csv", "addressed.csv", "reacted_to.csv", "posted_in.csv"]:
        with open(os.path.join(folder, file), newline="", encoding="utf-8") as f:
            for row in list(csv.reader(f))[1:]:
                relationships += 1
                dangling += (row[0] not in nodes) + (row[1] not in nodes)
    out["neo4j_relationships"] = relationships
    out["neo4j_dangling_ends"] = dangling
    print(json.dumps(out))


if __name__ == "__main__":
    main()
