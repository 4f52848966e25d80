import DBindCore
import Testing

// Expected centralities are networkx 3.6.1's on the same graphs: one edge per ordered pair,
// weight = number of interactions. To reproduce:
//
//     import random, networkx as nx
//     def digraph(pairs, members):
//         G = nx.DiGraph(); G.add_nodes_from(members)
//         for s, t in pairs:
//             if s != t: G.add_edge(s, t, weight=G[s][t]["weight"] + 1 if G.has_edge(s, t) else 1)
//         return G
//     askers = (201, 202, 203, 204)
//     A = digraph([(a, 100) for a in askers] * 2 + [(201, 100)] + [(100, a) for a in askers]
//                 + [(202, 203), (201, 201), (50, 204)], [50, 100, 201, 202, 203, 204, 300])
//     X, Y = (1, 2, 3, 4), (6, 7, 8, 9)
//     B = digraph([(a, b) for c in (X, Y) for a in c for b in c if a != b] + [(1, 2), (2, 3), (7, 6)]
//                 + [(5, 4), (4, 5), (5, 3), (5, 6), (6, 5)], range(1, 10))
//     for G in (A, B):
//         print(nx.pagerank(G, alpha=0.85, weight="weight", tol=1e-10, max_iter=200))
//         print(nx.betweenness_centrality(G, normalized=True))
//     # Sampled: SplitMix64(seed 7) picks sources 4, 6, 3, 7 of B; hand networkx the same ones.
//     class Fixed(random.Random):
//         def sample(self, population, k): return [4, 6, 3, 7]
//     print(nx.betweenness_centrality(B, k=4, normalized=True, seed=Fixed()))

@Suite("Interaction graph and metrics")
struct GraphTests {
    static func link(_ source: UInt64, _ target: UInt64, _ kind: InteractionKind,
                     minute: Int64 = 0, channel: UInt64 = 9000) -> MemberInteraction {
        MemberInteraction(source: Snowflake(source), target: Snowflake(target), kind: kind,
                          time: Timestamp(milliseconds: 1_700_000_000_000 + minute * 60_000),
                          channel: Snowflake(channel))
    }

    static func members(_ ids: [UInt64], bots: Set<UInt64> = []) -> [Snowflake: GraphMember] {
        Dictionary(uniqueKeysWithValues: ids.map {
            (Snowflake($0), GraphMember(id: Snowflake($0), name: "member\($0)", isBot: bots.contains($0)))
        })
    }

    /// Largest difference from the expected values; infinite when the keys differ.
    static func deviation(_ actual: [Snowflake: Double], _ expected: [UInt64: Double]) -> Double {
        guard actual.count == expected.count else { return .infinity }
        var worst = 0.0
        for (id, value) in expected {
            guard let got = actual[Snowflake(id)] else { return .infinity }
            worst = max(worst, abs(got - value))
        }
        return worst
    }

    /// A help channel: 100 answers askers 201–204, who mention and thank it; 201 asks again in
    /// another channel and replies to itself; 202 helps 203; bot 50 answers 204; 300 only lurks.
    static let helpChannel: [MemberInteraction] = {
        let askers: [UInt64] = [201, 202, 203, 204]
        var list: [MemberInteraction] = []
        for (i, asker) in askers.enumerated() {
            let minute = Int64(i * 10)
            list.append(link(asker, 100, .mention, minute: minute))
            list.append(link(100, asker, .reply, minute: minute + 2))
            list.append(link(asker, 100, .reaction, minute: minute + 3))
        }
        list += [link(201, 100, .mention, minute: 45, channel: 9001), link(202, 203, .reply, minute: 50),
                 link(201, 201, .reply, minute: 5), link(50, 204, .reply, minute: 31)]
        return list
    }()
    static let helpMembers = members([50, 100, 201, 202, 203, 204, 300], bots: [50])

    /// Two groups that talk among themselves, {1, 2, 3, 4} and {6, 7, 8, 9}; 5 talks with 4 and
    /// 6 and replies to 3, so it joins them and leans to the first.
    static let bridge: [MemberInteraction] = {
        var list: [MemberInteraction] = []
        for (cluster, channel) in [([1, 2, 3, 4], 9100), ([6, 7, 8, 9], 9200)] as [([UInt64], UInt64)] {
            for a in cluster {
                for b in cluster where a != b { list.append(link(a, b, .coParticipation, channel: channel)) }
            }
        }
        list += [link(1, 2, .reply), link(2, 3, .reply), link(7, 6, .mention),
                 link(5, 4, .coParticipation), link(4, 5, .coParticipation), link(5, 3, .reply),
                 link(5, 6, .coParticipation), link(6, 5, .coParticipation)]
        return list
    }()

    @Test("one edge per ordered pair with counts per kind, times and channels; self-loops dropped")
    func edgesFoldPerPair() throws {
        let graph = InteractionGraph(interactions: GraphTests.helpChannel, members: GraphTests.helpMembers)
        #expect(graph.nodes.map(\.id.rawValue) == [50, 100, 201, 202, 203, 204, 300])
        #expect(graph.nodes.first?.isBot == true)
        #expect(graph.edges.count == 10)
        #expect(graph.edges.map { [$0.source.rawValue, $0.target.rawValue] }
            == [[50, 204], [100, 201], [100, 202], [100, 203], [100, 204],
                [201, 100], [202, 100], [202, 203], [203, 100], [204, 100]])

        let asked = try #require(graph.edge(from: Snowflake(201), to: Snowflake(100)))
        #expect(asked.mentions == 2 && asked.reactions == 1 && asked.replies == 0)
        #expect(asked.addressed == 0 && asked.coParticipation == 0)
        #expect(asked.count(of: .mention) == 2)
        #expect(asked.weight == 3)
        #expect(asked.first == GraphTests.link(201, 100, .mention, minute: 0).time)
        #expect(asked.last == GraphTests.link(201, 100, .mention, minute: 45).time)
        #expect(asked.channels == [Snowflake(9000), Snowflake(9001)])

        let answered = try #require(graph.edge(from: Snowflake(100), to: Snowflake(201)))
        #expect(answered.replies == 1 && answered.weight == 1 && answered.channels == [Snowflake(9000)])
        #expect(graph.edge(from: Snowflake(201), to: Snowflake(201)) == nil, "self-reply dropped")
        #expect(graph.edge(from: Snowflake(100), to: Snowflake(300)) == nil)
        #expect(graph.edge(from: Snowflake(999), to: Snowflake(100)) == nil)
        #expect(graph.position(of: Snowflake(300)) == 6)
    }

    @Test("ids missing from the member table become nodes named by id, unless only in self-loops")
    func unknownMembers() {
        let graph = InteractionGraph(interactions: [GraphTests.link(2, 1, .addressed), GraphTests.link(7, 7, .reply)],
                                     members: [:])
        #expect(graph.nodes == [GraphMember(id: Snowflake(1), name: "1"), GraphMember(id: Snowflake(2), name: "2")])
        #expect(graph.edge(from: Snowflake(2), to: Snowflake(1))?.addressed == 1)
    }

    @Test("help channel: the helper collects the weight, PageRank and betweenness as networkx")
    func helpChannelCentrality() {
        let graph = InteractionGraph(interactions: GraphTests.helpChannel, members: GraphTests.helpMembers)
        let metrics = GraphMetrics(graph: graph)
        // Into 100: 201 mentions twice and reacts once (3), 202–204 mention and react (2 each).
        #expect(metrics.inDegree == [Snowflake(50): 0, Snowflake(100): 9, Snowflake(201): 1, Snowflake(202): 1,
                                     Snowflake(203): 2, Snowflake(204): 2, Snowflake(300): 0])
        #expect(metrics.outDegree == [Snowflake(50): 1, Snowflake(100): 4, Snowflake(201): 3, Snowflake(202): 3,
                                      Snowflake(203): 2, Snowflake(204): 2, Snowflake(300): 0])
        #expect(GraphTests.deviation(metrics.pageRank, [
            50: 0.024390243902, 100: 0.432422079555, 201: 0.116279935879, 202: 0.116279935879,
            203: 0.149225917685, 204: 0.137011643196, 300: 0.024390243902,
        ]) < 1e-6)
        #expect(abs(metrics.pageRank.values.reduce(0, +) - 1) < 1e-9)
        // Of the 6 · 5 = 30 ordered pairs among the other nodes, 14 shortest paths go through 100
        // (askers to askers, and bot 50 onward) and 4 through 204 (50 to 100 and the askers).
        #expect(GraphTests.deviation(metrics.betweenness, [
            50: 0, 100: 14.0 / 30, 201: 0, 202: 0, 203: 0, 204: 4.0 / 30, 300: 0,
        ]) < 1e-6)
        #expect(!metrics.betweennessSampled)
        // networkx's Louvain finds {50, 204} and {100, 201, 202, 203}; the lurker stays alone.
        #expect(metrics.communityCount == 3)
        #expect(metrics.community == [Snowflake(50): 0, Snowflake(100): 1, Snowflake(201): 1, Snowflake(202): 1,
                                      Snowflake(203): 1, Snowflake(204): 0, Snowflake(300): 2])
    }

    @Test("two clusters joined by a bridge: two communities, the bridge in one, highest betweenness")
    func bridgeBetweenClusters() throws {
        let graph = InteractionGraph(interactions: GraphTests.bridge, members: GraphTests.members(Array(UInt64(1)...9)))
        #expect(graph.edges.count == 29)
        #expect(graph.edge(from: Snowflake(1), to: Snowflake(2))?.replies == 1)
        #expect(graph.edge(from: Snowflake(1), to: Snowflake(2))?.coParticipation == 1)
        let metrics = GraphMetrics(graph: graph)
        #expect(metrics.inDegree[Snowflake(5)] == 2 && metrics.outDegree[Snowflake(5)] == 3)
        #expect(metrics.inDegree[Snowflake(3)] == 5 && metrics.outDegree[Snowflake(3)] == 3)

        #expect(metrics.communityCount == 2)
        let community = { (id: UInt64) in metrics.community[Snowflake(id)] ?? -1 }
        #expect(([1, 2, 3, 4] as [UInt64]).allSatisfy { community($0) == community(1) })
        #expect(([6, 7, 8, 9] as [UInt64]).allSatisfy { community($0) == community(6) })
        #expect(community(1) != community(6))
        #expect(community(5) == community(1) || community(5) == community(6))
        #expect(community(5) == community(1), "5 has three ties to the first group, one to the second")

        #expect(GraphTests.deviation(metrics.pageRank, [
            1: 0.115002250808, 2: 0.135157284443, 3: 0.146873789717, 4: 0.131766686355, 5: 0.071741922701,
            6: 0.127410989071, 7: 0.094146628865, 8: 0.088950224021, 9: 0.088950224021,
        ]) < 1e-6)
        // Of the 8 · 7 = 56 ordered pairs without the node, all 32 between the groups pass through 5;
        // 4 and 6 are the gates on either side; 3 takes half of the ten paths from 5 onward to 1 and 2.
        #expect(GraphTests.deviation(metrics.betweenness, [
            1: 0, 2: 0, 3: 5.0 / 56, 4: 20.0 / 56, 5: 32.0 / 56, 6: 30.0 / 56, 7: 0, 8: 0, 9: 0,
        ]) < 1e-6)
        let top = try #require(metrics.betweenness.max { $0.value < $1.value })
        #expect(top.key == Snowflake(5))
    }

    @Test("betweenness from sampled sources: deterministic, scaled as networkx, exact when k = n")
    func sampledBetweenness() {
        let graph = InteractionGraph(interactions: GraphTests.bridge, members: GraphTests.members(Array(UInt64(1)...9)))
        let exact = GraphMetrics(graph: graph)
        let all = GraphMetrics(graph: graph, options: .init(exactBetweennessLimit: 0, betweennessSamples: 9))
        #expect(!all.betweennessSampled)
        #expect(all.betweenness == exact.betweenness)

        let options = GraphMetrics.Options(exactBetweennessLimit: 0, betweennessSamples: 4, seed: 7)
        let sampled = GraphMetrics(graph: graph, options: options)
        #expect(sampled.betweennessSampled)
        // Sources 3, 4, 6, 7 are scaled by 1 / (3 · 7), the others by 1 / (4 · 7).
        #expect(GraphTests.deviation(sampled.betweenness, [
            1: 0, 2: 0, 3: 2.0 / 21, 4: 7.0 / 21, 5: 16.0 / 28, 6: 11.0 / 21, 7: 0, 8: 0, 9: 0,
        ]) < 1e-6)
        #expect(GraphMetrics(graph: graph, options: options).betweenness == sampled.betweenness)
    }

    @Test("an empty graph has no metrics")
    func emptyGraph() {
        let metrics = GraphMetrics(graph: InteractionGraph(interactions: [], members: [:]))
        #expect(metrics.pageRank.isEmpty && metrics.betweenness.isEmpty && metrics.community.isEmpty)
        #expect(metrics.communityCount == 0)
    }
}
