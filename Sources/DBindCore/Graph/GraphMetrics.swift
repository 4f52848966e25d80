/// Who is central in an interaction graph and how it splits into groups.
///
/// Every value is reproducible: the graph's node order is by id, sampling uses a seeded
/// generator, and community ties are broken by position rather than by hashing.
public struct GraphMetrics: Sendable {
    public struct Options: Sendable {
        /// PageRank's damping factor (networkx's `alpha`).
        public var damping: Double
        /// PageRank stops when the L1 change of an iteration is below `nodes × tolerance`.
        public var tolerance: Double
        public var maxIterations: Int
        /// Betweenness is exact up to this many nodes; above it, it is estimated from
        /// `betweennessSamples` source nodes (Brandes needs one search per source), fewer on a
        /// dense graph so the searches visit at most `betweennessEdgeBudget` edges in all.
        public var exactBetweennessLimit: Int
        public var betweennessSamples: Int
        public var betweennessEdgeBudget: Int
        public var seed: UInt64

        public init(damping: Double = 0.85, tolerance: Double = 1e-10, maxIterations: Int = 200,
                    exactBetweennessLimit: Int = 2000, betweennessSamples: Int = 1000, betweennessEdgeBudget: Int = 100_000_000,
                    seed: UInt64 = 0x5EED) {
            self.damping = damping
            self.tolerance = tolerance
            self.maxIterations = maxIterations
            self.exactBetweennessLimit = exactBetweennessLimit
            self.betweennessSamples = betweennessSamples
            self.betweennessEdgeBudget = betweennessEdgeBudget
            self.seed = seed
        }
    }

    /// Weighted degrees: the sum of `Edge.weight` over a member's incoming and outgoing edges.
    public var inDegree: [Snowflake: Int]
    public var outDegree: [Snowflake: Int]
    /// Weighted PageRank, as `networkx.pagerank(G, weight="weight")`; sums to 1.
    public var pageRank: [Snowflake: Double]
    /// Shortest-path betweenness on the unweighted directed graph, normalized as
    /// `networkx.betweenness_centrality(G, normalized=True)`. Weights are left out because
    /// shortest paths read a weight as a distance, while here a heavier edge means a closer tie.
    public var betweenness: [Snowflake: Double]
    /// Whether `betweenness` is a sampled estimate rather than exact.
    public var betweennessSampled: Bool
    /// Louvain community of each member, numbered from 0 in order of each community's
    /// smallest member id.
    public var community: [Snowflake: Int]
    public var communityCount: Int

    public init(graph: InteractionGraph, options: Options = Options()) {
        let ids = graph.nodes.map(\.id)
        func keyed<Value>(_ values: [Value]) -> [Snowflake: Value] {
            Dictionary(uniqueKeysWithValues: zip(ids, values))
        }
        var inDegree = Array(repeating: 0, count: ids.count)
        var outDegree = Array(repeating: 0, count: ids.count)
        for e in graph.edges.indices {
            inDegree[graph.targets[e]] += graph.edges[e].weight
            outDegree[graph.sources[e]] += graph.edges[e].weight
        }
        let betweenness = GraphMetrics.betweenness(graph, options: options)
        let communities = GraphMetrics.communities(graph)
        self.inDegree = keyed(inDegree)
        self.outDegree = keyed(outDegree)
        pageRank = keyed(GraphMetrics.pageRank(graph, options: options))
        self.betweenness = keyed(betweenness.values)
        betweennessSampled = betweenness.sampled
        community = keyed(communities.labels)
        communityCount = communities.count
    }

    /// Power iteration from the uniform vector; a node with no out-edges hands its rank to
    /// every node equally, and each iteration teleports `1 − damping` uniformly. Where networkx
    /// throws after `maxIterations`, this returns the last iterate.
    static func pageRank(_ graph: InteractionGraph, options: Options) -> [Double] {
        let n = graph.nodes.count
        guard n > 0 else { return [] }
        let sources = graph.sources
        let targets = graph.targets
        var outWeight = Array(repeating: 0.0, count: n)
        for e in graph.edges.indices { outWeight[sources[e]] += Double(graph.edges[e].weight) }
        let share = graph.edges.indices.map { Double(graph.edges[$0].weight) / outWeight[sources[$0]] }
        let dangling = (0..<n).filter { outWeight[$0] == 0 }
        let uniform = 1.0 / Double(n)
        let damping = options.damping
        var rank = Array(repeating: uniform, count: n)
        var next = Array(repeating: 0.0, count: n)
        for _ in 0..<options.maxIterations {
            var danglingRank = 0.0
            for v in dangling { danglingRank += rank[v] }
            let base = damping * danglingRank * uniform + (1 - damping) * uniform
            for v in 0..<n { next[v] = 0 }
            for e in share.indices { next[targets[e]] += rank[sources[e]] * share[e] }
            var change = 0.0
            for v in 0..<n {
                next[v] = damping * next[v] + base
                change += abs(next[v] - rank[v])
            }
            swap(&rank, &next)
            if change < Double(n) * options.tolerance { break }
        }
        return rank
    }

    /// Brandes' algorithm: one breadth-first search per source, then dependencies summed in
    /// reverse search order. Sampled estimates scale as networkx 3.6 does: a sampled source
    /// never lies inside its own paths, so it is scaled by k − 1 sources instead of k.
    static func betweenness(_ graph: InteractionGraph, options: Options) -> (values: [Double], sampled: Bool) {
        let n = graph.nodes.count
        let targets = graph.targets
        let outStart = graph.outStart
        let k = max(2, min(options.betweennessSamples, max(64, options.betweennessEdgeBudget / max(1, graph.edges.count))))
        let sampled = n > options.exactBetweennessLimit && k < n
        var sources = Array(0..<n)
        if sampled {
            // Partial Fisher–Yates: the first k slots become a uniform sample.
            var random = SplitMix64(state: options.seed)
            for i in 0..<k { sources.swapAt(i, i + Int(random.next() % UInt64(n - i))) }
            sources.removeSubrange(k...)
        }

        var centrality = Array(repeating: 0.0, count: n)
        var distance = Array(repeating: -1, count: n)
        var paths = Array(repeating: 0.0, count: n)
        var dependency = Array(repeating: 0.0, count: n)
        var order: [Int] = []
        order.reserveCapacity(n)
        for s in sources {
            distance[s] = 0
            paths[s] = 1
            order.append(s)
            var head = 0
            while head < order.count {
                let v = order[head]
                head += 1
                for e in outStart[v]..<outStart[v + 1] {
                    let w = targets[e]
                    if distance[w] < 0 {
                        distance[w] = distance[v] + 1
                        order.append(w)
                    }
                    if distance[w] == distance[v] + 1 { paths[w] += paths[v] }
                }
            }
            // v lies on a shortest path to w exactly when v → w and w is one step further.
            for v in order.reversed() {
                var sum = 0.0
                for e in outStart[v]..<outStart[v + 1] where distance[targets[e]] == distance[v] + 1 {
                    sum += (1 + dependency[targets[e]]) / paths[targets[e]]
                }
                dependency[v] = paths[v] * sum
                if v != s { centrality[v] += dependency[v] }
            }
            for v in order {
                distance[v] = -1
                paths[v] = 0
                dependency[v] = 0
            }
            order.removeAll(keepingCapacity: true)
        }

        // Normalized by the ordered (s, t) pairs that could pass through a node: (n − 1)(n − 2).
        guard n > 2 else { return (centrality, sampled) }
        let pairs = Double(n - 2)
        if sampled {
            var isSource = Array(repeating: false, count: n)
            for s in sources { isSource[s] = true }
            for v in 0..<n { centrality[v] /= Double(isSource[v] ? k - 1 : k) * pairs }
        } else {
            for v in 0..<n { centrality[v] /= Double(n - 1) * pairs }
        }
        return (centrality, sampled)
    }

    /// Louvain (Blondel et al. 2008, resolution 1) on the undirected graph whose weight between
    /// two members is the sum of both directed edges: move nodes to the neighbouring community
    /// that raises modularity most, merge communities into nodes, repeat until nothing moves.
    /// Nodes are visited in position (id) order; a node moves only for a strict gain, and
    /// equal gains go to the smallest community. Gains are compared as exact integers, so no
    /// rounding can make a node move back and forth.
    static func communities(_ graph: InteractionGraph) -> (labels: [Int], count: Int) {
        var level = UndirectedGraph(graph)
        var labels = Array(0..<graph.nodes.count)
        while true {
            let moved = level.localMoves()
            guard moved.changed else { return (labels, level.count) }
            labels = labels.map { moved.labels[$0] }
            level = level.merged(by: moved.labels, count: moved.count)
        }
    }
}

/// A weighted undirected graph in adjacency-array form, one level of Louvain.
private struct UndirectedGraph {
    var start: [Int]
    var neighbor: [Int]
    var weight: [Int]
    /// Weight inside each node once communities are merged into it, counted from both ends.
    var loops: [Int]

    var count: Int { loops.count }

    /// Repeated passes of Louvain's first phase; labels are renumbered from 0 in node order.
    func localMoves() -> (labels: [Int], count: Int, changed: Bool) {
        var degree = loops
        for v in 0..<count {
            for e in start[v]..<start[v + 1] { degree[v] += weight[e] }
        }
        // 2m, twice the total edge weight.
        let total = degree.reduce(0, +)
        var community = Array(0..<count)
        var communityDegree = degree
        var link = Array(repeating: 0, count: count)
        var touched: [Int] = []
        var changed = false
        var moving = total > 0
        while moving {
            moving = false
            for v in 0..<count {
                for e in start[v]..<start[v + 1] {
                    let c = community[neighbor[e]]
                    if link[c] == 0 { touched.append(c) }
                    link[c] += weight[e]
                }
                let own = community[v]
                communityDegree[own] -= degree[v]
                // Modularity gain of joining c, times 2m²: link(v, c)·2m − degree(c)·degree(v).
                var best = own
                var bestGain = link[own] * total - communityDegree[own] * degree[v]
                for c in touched where c != own {
                    let gain = link[c] * total - communityDegree[c] * degree[v]
                    if gain > bestGain || (gain == bestGain && best != own && c < best) {
                        best = c
                        bestGain = gain
                    }
                }
                communityDegree[best] += degree[v]
                if best != own {
                    community[v] = best
                    moving = true
                    changed = true
                }
                for c in touched { link[c] = 0 }
                touched.removeAll(keepingCapacity: true)
            }
        }
        var number = Array(repeating: -1, count: count)
        var labels = Array(repeating: 0, count: count)
        var next = 0
        for v in 0..<count {
            if number[community[v]] < 0 {
                number[community[v]] = next
                next += 1
            }
            labels[v] = number[community[v]]
        }
        return (labels, next, changed)
    }

    /// The next level: one node per community, edges between communities summed.
    func merged(by labels: [Int], count merged: Int) -> UndirectedGraph {
        var memberStart = Array(repeating: 0, count: merged + 1)
        for label in labels { memberStart[label + 1] += 1 }
        for c in 0..<merged { memberStart[c + 1] += memberStart[c] }
        var members = Array(repeating: 0, count: count)
        var fill = memberStart
        for v in 0..<count {
            members[fill[labels[v]]] = v
            fill[labels[v]] += 1
        }
        var result = UndirectedGraph(start: [0], neighbor: [], weight: [], loops: Array(repeating: 0, count: merged))
        var link = Array(repeating: 0, count: merged)
        var touched: [Int] = []
        for c in 0..<merged {
            for v in members[memberStart[c]..<memberStart[c + 1]] {
                result.loops[c] += loops[v]
                for e in start[v]..<start[v + 1] {
                    let d = labels[neighbor[e]]
                    if d == c {
                        result.loops[c] += weight[e]
                    } else {
                        if link[d] == 0 { touched.append(d) }
                        link[d] += weight[e]
                    }
                }
            }
            for d in touched {
                result.neighbor.append(d)
                result.weight.append(link[d])
                link[d] = 0
            }
            touched.removeAll(keepingCapacity: true)
            result.start.append(result.neighbor.count)
        }
        return result
    }
}

extension UndirectedGraph {
    /// Level 0: each directed edge becomes an undirected one from both ends, so a pair that
    /// talks both ways has both weights between them.
    init(_ graph: InteractionGraph) {
        let n = graph.nodes.count
        var start = Array(repeating: 0, count: n + 1)
        for e in graph.edges.indices {
            start[graph.sources[e] + 1] += 1
            start[graph.targets[e] + 1] += 1
        }
        for v in 0..<n { start[v + 1] += start[v] }
        var neighbor = Array(repeating: 0, count: start[n])
        var weight = Array(repeating: 0, count: start[n])
        var fill = start
        for e in graph.edges.indices {
            let (s, t, w) = (graph.sources[e], graph.targets[e], graph.edges[e].weight)
            neighbor[fill[s]] = t
            weight[fill[s]] = w
            neighbor[fill[t]] = s
            weight[fill[t]] = w
            fill[s] += 1
            fill[t] += 1
        }
        self.init(start: start, neighbor: neighbor, weight: weight, loops: Array(repeating: 0, count: n))
    }
}
