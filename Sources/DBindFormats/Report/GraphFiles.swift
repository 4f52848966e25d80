import DBindCore
import Foundation

/// The member interaction graph as files other tools load: neo4j-admin import CSVs, GraphML
/// (networkx, yEd, igraph) and GEXF 1.3 with edge time ranges (Gephi's timeline).
public struct GraphFiles {
    /// How often a member posted in a channel, and when first and last.
    public struct Posting: Sendable {
        public var member: Snowflake
        public var channel: Snowflake
        public var count: Int
        public var first: Timestamp
        public var last: Timestamp

        public init(member: Snowflake, channel: Snowflake, count: Int, first: Timestamp, last: Timestamp) {
            self.member = member
            self.channel = channel
            self.count = count
            self.first = first
            self.last = last
        }
    }

    public var graph: InteractionGraph
    public var metrics: GraphMetrics
    public var channels: [Channel]
    /// The effective kind of each channel.
    public var kinds: [Snowflake: String]
    public var postings: [Posting]

    public init(graph: InteractionGraph, metrics: GraphMetrics, channels: [Channel], kinds: [Snowflake: String], postings: [Posting]) {
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

    /// File name → contents of the Neo4j import: nodes with `:ID(Member)` / `:ID(Channel)` and
    /// `:LABEL`, relationships with `:START_ID`, `:END_ID`, `:TYPE` and typed properties.
    public func neo4j() -> [(name: String, text: String)] {
        var members = "id:ID(Member),name,bot:boolean,pagerank:double,betweenness:double,community:int,:LABEL\n"
        for n in graph.nodes {
            members += csv([n.id.description, n.name, n.isBot ? "true" : "false", double(metrics.pageRank[n.id] ?? 0),
                            double(metrics.betweenness[n.id] ?? 0), "\(metrics.community[n.id] ?? 0)", n.isBot ? "Member;Bot" : "Member"])
        }
        var channelFile = "id:ID(Channel),name,type,parent,kind,:LABEL\n"
        for c in channels {
            channelFile += csv([c.id.description, c.name, c.type, c.parentName ?? "", kinds[c.id] ?? "", c.isThread ? "Channel;Thread" : "Channel"])
        }
        var files = [("members.csv", members), ("channels.csv", channelFile)]
        for r in Self.relationships {
            var text = ":START_ID(Member),:END_ID(Member),count:int,first:datetime,last:datetime,:TYPE\n"
            for e in graph.edges where e.count(of: r.kind) > 0 {
                text += csv([e.source.description, e.target.description, "\(e.count(of: r.kind))", e.first.iso8601UTC, e.last.iso8601UTC, r.type])
            }
            files.append((r.file, text))
        }
        var posted = ":START_ID(Member),:END_ID(Channel),count:int,first:datetime,last:datetime,:TYPE\n"
        for p in postings {
            posted += csv([p.member.description, p.channel.description, "\(p.count)", p.first.iso8601UTC, p.last.iso8601UTC, "POSTED_IN"])
        }
        files.append(("posted_in.csv", posted))
        return files
    }

    /// The neo4j-admin command that imports `neo4j()`'s files from `directory`.
    public static func neo4jCommand(directory: String) -> String {
        "neo4j-admin database import full --overwrite-destination --nodes=\(directory)/members.csv --nodes=\(directory)/channels.csv "
            + relationships.map { "--relationships=\(directory)/\($0.file)" }.joined(separator: " ")
            + " --relationships=\(directory)/posted_in.csv neo4j"
    }

    /// GraphML: one directed edge per member pair with integer counts per kind and `weight`.
    public func graphML() -> String {
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
        for (id, type) in [("name", "string"), ("bot", "boolean"), ("pagerank", "double"), ("community", "int")] {
            x += "  <key id=\"\(id)\" for=\"node\" attr.name=\"\(id)\" attr.type=\"\(type)\"/>\n"
        }
        for (id, type) in Self.edgeAttributes + [("first", "string"), ("last", "string")] {
            x += "  <key id=\"\(id)\" for=\"edge\" attr.name=\"\(id)\" attr.type=\"\(type)\"/>\n"
        }
        x += "  <graph id=\"members\" edgedefault=\"directed\">\n"
        for n in graph.nodes {
            x += "    <node id=\"\(n.id)\"><data key=\"name\">\(xml(n.name))</data><data key=\"bot\">\(n.isBot)</data>"
            x += "<data key=\"pagerank\">\(double(metrics.pageRank[n.id] ?? 0))</data><data key=\"community\">\(metrics.community[n.id] ?? 0)</data></node>\n"
        }
        for (i, e) in graph.edges.enumerated() {
            x += "    <edge id=\"e\(i)\" source=\"\(e.source)\" target=\"\(e.target)\">"
            for (key, value) in edgeValues(e) { x += "<data key=\"\(key)\">\(value)</data>" }
            x += "<data key=\"first\">\(e.first.iso8601UTC)</data><data key=\"last\">\(e.last.iso8601UTC)</data></edge>\n"
        }
        return x + "  </graph>\n</graphml>\n"
    }

    /// GEXF 1.3, dynamic: each edge lives from the day of the pair's first interaction to the day
    /// of its last (`timeformat="date"`, which Gephi's timeline and networkx both read).
    public func gexf() -> String {
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n"
        x += "  <meta><creator>dbind</creator><description>member interaction graph</description></meta>\n"
        x += "  <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\">\n"
        x += "    <attributes class=\"node\" mode=\"static\">\n"
        for (id, type) in [("bot", "boolean"), ("pagerank", "double"), ("community", "integer")] {
            x += "      <attribute id=\"\(id)\" title=\"\(id)\" type=\"\(type)\"/>\n"
        }
        x += "    </attributes>\n    <attributes class=\"edge\" mode=\"static\">\n"
        for (id, _) in Self.edgeAttributes where id != "weight" { x += "      <attribute id=\"\(id)\" title=\"\(id)\" type=\"integer\"/>\n" }
        x += "    </attributes>\n    <nodes>\n"
        for n in graph.nodes {
            x += "      <node id=\"\(n.id)\" label=\"\(xml(n.name))\"><attvalues><attvalue for=\"bot\" value=\"\(n.isBot)\"/>"
            x += "<attvalue for=\"pagerank\" value=\"\(double(metrics.pageRank[n.id] ?? 0))\"/><attvalue for=\"community\" value=\"\(metrics.community[n.id] ?? 0)\"/></attvalues></node>\n"
        }
        x += "    </nodes>\n    <edges>\n"
        for (i, e) in graph.edges.enumerated() {
            x += "      <edge id=\"\(i)\" source=\"\(e.source)\" target=\"\(e.target)\" weight=\"\(e.weight)\" start=\"\(e.first.iso8601UTC.prefix(10))\" end=\"\(e.last.iso8601UTC.prefix(10))\"><attvalues>"
            for (key, value) in edgeValues(e) where key != "weight" { x += "<attvalue for=\"\(key)\" value=\"\(value)\"/>" }
            x += "</attvalues></edge>\n"
        }
        return x + "    </edges>\n  </graph>\n</gexf>\n"
    }

    static let edgeAttributes = [("replies", "int"), ("mentions", "int"), ("addressed", "int"), ("reactions", "int"),
                                 ("co_participation", "int"), ("weight", "int")]

    func edgeValues(_ e: InteractionGraph.Edge) -> [(String, Int)] {
        [("replies", e.replies), ("mentions", e.mentions), ("addressed", e.addressed), ("reactions", e.reactions),
         ("co_participation", e.coParticipation), ("weight", e.weight)]
    }

    func double(_ v: Double) -> String { String(format: "%.8g", v) }

    func csv(_ fields: [String]) -> String {
        fields.map { f in
            f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f
        }.joined(separator: ",") + "\n"
    }

    func xml(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            // XML 1.0 forbids most control characters even escaped.
            case _ where scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r": continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
