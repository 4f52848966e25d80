import DBindCore
import Foundation
import Synchronization

/// The member interaction graph as files other tools load: neo4j-admin import CSVs, GraphML
/// (networkx, yEd, igraph) and GEXF 1.3 with edge time ranges (Gephi's timeline).
public struct GraphFiles: Sendable {
    public var graph: InteractionGraph
    public var metrics: GraphMetrics
    public var channels: [Channel]
    /// The effective kind of each channel.
    public var kinds: [Snowflake: String]
    public var postings: [ReportInput.Posting]

    public init(graph: InteractionGraph, metrics: GraphMetrics, channels: [Channel], kinds: [Snowflake: String], postings: [ReportInput.Posting]) {
        self.graph = graph
        self.metrics = metrics
        self.channels = channels
        self.kinds = kinds
        self.postings = postings
    }

    /// The relationship types of the Neo4j import and the count each takes from an edge.
    static let relationships: [(type: String, file: String, kind: InteractionKind)] = [
        ("REPLIED_TO", "replied_to.csv", .reply), ("MENTIONED", "mentioned.csv", .mention),
        ("ADDRESSED", "addressed.csv", .addressed), ("REACTED_TO", "reacted_to.csv", .reaction),
    ]

    /// Writes every file into `directory`: the Neo4j import CSVs, `graph.graphml` and `graph.gexf`.
    /// The three are independent, so they are written side by side.
    public func write(to directory: String) throws {
        let writers: [@Sendable () throws -> Void] = [
            { try writeNeo4j(to: directory) },
            { try writeGraphML(to: directory + "/graph.graphml") },
            { try writeGEXF(to: directory + "/graph.gexf") },
        ]
        let failures = Mutex<[any Error]>([])
        DispatchQueue.concurrentPerform(iterations: writers.count) { i in
            do { try writers[i]() } catch { failures.withLock { $0.append(error) } }
        }
        if let first = failures.withLock({ $0.first }) { throw first }
    }

    /// The Neo4j import: nodes with `:ID(Member)` / `:ID(Channel)` and `:LABEL`, relationships
    /// with `:START_ID`, `:END_ID`, `:TYPE` and typed properties.
    func writeNeo4j(to directory: String) throws {
        var members = try TextFile(path: directory + "/members.csv")
        members.put("id:ID(Member),name,bot:boolean,pagerank:double,betweenness:double,community:int,:LABEL\n")
        for n in graph.nodes {
            members.put(csv([n.id.description, n.name, n.isBot ? "true" : "false", double(metrics.pageRank[n.id] ?? 0),
                             double(metrics.betweenness[n.id] ?? 0), "\(metrics.community[n.id] ?? 0)", n.isBot ? "Member;Bot" : "Member"]))
            try members.endRecord()
        }
        try members.finish()
        var channelFile = try TextFile(path: directory + "/channels.csv")
        channelFile.put("id:ID(Channel),name,type,parent,kind,:LABEL\n")
        for c in channels {
            channelFile.put(csv([c.id.description, c.name, c.type, c.parentName ?? "", kinds[c.id] ?? "", c.isThread ? "Channel;Thread" : "Channel"]))
        }
        try channelFile.finish()
        for r in Self.relationships {
            var file = try TextFile(path: directory + "/" + r.file)
            file.put(":START_ID(Member),:END_ID(Member),count:int,first:datetime,last:datetime,:TYPE\n")
            for e in graph.edges where e.count(of: r.kind) > 0 {
                try file.putRelationship(e.source, e.target, count: e.count(of: r.kind), first: e.first, last: e.last, type: r.type)
            }
            try file.finish()
        }
        var posted = try TextFile(path: directory + "/posted_in.csv")
        posted.put(":START_ID(Member),:END_ID(Channel),count:int,first:datetime,last:datetime,:TYPE\n")
        for p in postings {
            try posted.putRelationship(p.member, p.channel, count: p.count, first: p.first, last: p.last, type: "POSTED_IN")
        }
        try posted.finish()
    }

    /// The neo4j-admin command that imports the CSVs from `directory`.
    public static func neo4jCommand(directory: String) -> String {
        "neo4j-admin database import full --overwrite-destination --nodes=\(directory)/members.csv --nodes=\(directory)/channels.csv "
            + relationships.map { "--relationships=\(directory)/\($0.file)" }.joined(separator: " ")
            + " --relationships=\(directory)/posted_in.csv neo4j"
    }

    /// GraphML: one directed edge per member pair with integer counts per kind and `weight`.
    func writeGraphML(to path: String) throws {
        var x = try TextFile(path: path)
        x.put("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n")
        for (id, type) in [("name", "string"), ("bot", "boolean"), ("pagerank", "double"), ("community", "int")] {
            x.put("  <key id=\"\(id)\" for=\"node\" attr.name=\"\(id)\" attr.type=\"\(type)\"/>\n")
        }
        for (id, type) in Self.edgeAttributes + [("first", "string"), ("last", "string")] {
            x.put("  <key id=\"\(id)\" for=\"edge\" attr.name=\"\(id)\" attr.type=\"\(type)\"/>\n")
        }
        x.put("  <graph id=\"members\" edgedefault=\"directed\">\n")
        for n in graph.nodes {
            x.put("    <node id=\"\(n.id)\"><data key=\"name\">\(escape(n.name))</data><data key=\"bot\">\(n.isBot)</data>")
            x.put("<data key=\"pagerank\">\(double(metrics.pageRank[n.id] ?? 0))</data><data key=\"community\">\(metrics.community[n.id] ?? 0)</data></node>\n")
            try x.endRecord()
        }
        for (i, e) in graph.edges.enumerated() {
            x.put("    <edge id=\"e")
            x.put(i)
            x.put("\" source=\"")
            x.put(e.source)
            x.put("\" target=\"")
            x.put(e.target)
            x.put("\">")
            for (index, attribute) in Self.edgeAttributes.enumerated() {
                x.put("<data key=\"")
                x.put(attribute.0)
                x.put("\">")
                x.put(edgeValue(e, index))
                x.put("</data>")
            }
            x.put("<data key=\"first\">")
            x.put(e.first)
            x.put("</data><data key=\"last\">")
            x.put(e.last)
            x.put("</data></edge>\n")
            try x.endRecord()
        }
        x.put("  </graph>\n</graphml>\n")
        try x.finish()
    }

    /// GEXF 1.3, dynamic: each edge lives from the day of the pair's first interaction to the day
    /// of its last (`timeformat="date"`, which Gephi's timeline and networkx both read).
    func writeGEXF(to path: String) throws {
        var x = try TextFile(path: path)
        x.put("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n")
        x.put("  <meta><creator>dbind</creator><description>member interaction graph</description></meta>\n")
        x.put("  <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\">\n")
        x.put("    <attributes class=\"node\" mode=\"static\">\n")
        for (id, type) in [("bot", "boolean"), ("pagerank", "double"), ("community", "integer")] {
            x.put("      <attribute id=\"\(id)\" title=\"\(id)\" type=\"\(type)\"/>\n")
        }
        x.put("    </attributes>\n    <attributes class=\"edge\" mode=\"static\">\n")
        for (id, _) in Self.edgeAttributes where id != "weight" { x.put("      <attribute id=\"\(id)\" title=\"\(id)\" type=\"integer\"/>\n") }
        x.put("    </attributes>\n    <nodes>\n")
        for n in graph.nodes {
            x.put("      <node id=\"\(n.id)\" label=\"\(escape(n.name))\"><attvalues><attvalue for=\"bot\" value=\"\(n.isBot)\"/>")
            x.put("<attvalue for=\"pagerank\" value=\"\(double(metrics.pageRank[n.id] ?? 0))\"/><attvalue for=\"community\" value=\"\(metrics.community[n.id] ?? 0)\"/></attvalues></node>\n")
            try x.endRecord()
        }
        x.put("    </nodes>\n    <edges>\n")
        for (i, e) in graph.edges.enumerated() {
            x.put("      <edge id=\"")
            x.put(i)
            x.put("\" source=\"")
            x.put(e.source)
            x.put("\" target=\"")
            x.put(e.target)
            x.put("\" weight=\"")
            x.put(e.weight)
            x.put("\" start=\"")
            x.put(e.first, prefix: 10)
            x.put("\" end=\"")
            x.put(e.last, prefix: 10)
            x.put("\"><attvalues>")
            for (index, attribute) in Self.edgeAttributes.enumerated() where attribute.0 != "weight" {
                x.put("<attvalue for=\"")
                x.put(attribute.0)
                x.put("\" value=\"")
                x.put(edgeValue(e, index))
                x.put("\"/>")
            }
            x.put("</attvalues></edge>\n")
            try x.endRecord()
        }
        x.put("    </edges>\n  </graph>\n</gexf>\n")
        try x.finish()
    }

    static let edgeAttributes = [("replies", "int"), ("mentions", "int"), ("addressed", "int"), ("reactions", "int"),
                                 ("co_participation", "int"), ("weight", "int")]

    /// The value of `edgeAttributes[index]` on an edge.
    func edgeValue(_ e: InteractionGraph.Edge, _ index: Int) -> Int {
        switch index {
        case 0: e.replies
        case 1: e.mentions
        case 2: e.addressed
        case 3: e.reactions
        case 4: e.coParticipation
        default: e.weight
        }
    }

    func double(_ v: Double) -> String { String(format: "%.8g", v) }

    func csv(_ fields: [String]) -> String {
        fields.map { f in
            f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f
        }.joined(separator: ",") + "\n"
    }
}

extension TextFile {
    /// One row of a Neo4j relationship file: start, end, `count:int`, `first`/`last:datetime`, `:TYPE`.
    mutating func putRelationship(_ start: Snowflake, _ end: Snowflake, count: Int, first: Timestamp, last: Timestamp,
                                  type: String) throws {
        put(start)
        put(",")
        put(end)
        put(",")
        put(count)
        put(",")
        put(first)
        put(",")
        put(last)
        put(",")
        put(type)
        put("\n")
        try endRecord()
    }
}
