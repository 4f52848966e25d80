import DBindTestSupport
import Foundation
import Testing

@Suite("schema check and explain commands")
struct SchemaCommandTests {
    @Test("check accepts the bundled schemas by path and by name")
    func checkBundled() throws {
        let byPath = try CLI.run(["schema", "check", "schemas/base.yaml"])
        #expect(byPath.status == 0, "\(byPath.stderr)")
        #expect(byPath.stdout.contains("ok"))
        let byName = try CLI.run(["schema", "check", "dao", "--json"])
        #expect(byName.status == 0, "\(byName.stderr)")
        let report = try #require(try byName.json() as? [String: Any])
        #expect(report["ok"] as? Bool == true)
        let schema = try #require(report["schema"] as? [String: Any])
        #expect(schema["name"] as? String == "dao")
        #expect(schema["lineage"] as? [String] == ["base@1.0.0", "dao@1.0.0"])
    }

    @Test("check reports file:line:column and exits non-zero")
    func checkBroken() throws {
        let dir = try temporaryDirectory("dbind-cli")
        let file = dir + "/broken.yaml"
        try """
        schema: broken
        version: '1'
        facets:
          kind: {level: channel, exclusive: true}
        tags:
          kind/x:
            rules:
              - id: x.rate
                when: {messages_per_day: {gte: lots}}
        """.write(toFile: file, atomically: true, encoding: .utf8)
        let text = try CLI.run(["schema", "check", file])
        #expect(text.status != 0)
        #expect(text.stderr.contains("\(file):9:"))
        #expect(text.stderr.contains("threshold `gte` of `messages_per_day` must be a number, got `lots`"))
        let json = try CLI.run(["schema", "check", file, "--json"])
        #expect(json.status != 0)
        let report = try #require(try json.json() as? [String: Any])
        #expect(report["ok"] as? Bool == false)
        let errors = try #require(report["errors"] as? [[String: Any]])
        #expect(errors.first?["line"] as? Int == 9)
        #expect(errors.first?["file"] as? String == file)
    }

    @Test("explain prints the rule tree, also as JSON")
    func explain() throws {
        let text = try CLI.run(["schema", "explain", "channel.kind/support", "--schema", "base"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("support.answered-questions"))
        #expect(text.stdout.contains("question_ratio >= 0.35"))
        let json = try CLI.run(["schema", "explain", "channel.kind/governance/treasury", "--schema", "schemas/dao.yaml", "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let explanation = try #require(try json.json() as? [String: Any])
        #expect(explanation["tag"] as? String == "channel.kind/governance/treasury")
        #expect(explanation["impliedClosure"] as? [String] == ["dao.area/treasury", "dao.area/governance"])
        let rules = try #require(explanation["rules"] as? [[String: Any]])
        let wording = try #require(rules.first { $0["id"] as? String == "treasury.wording" })
        let when = try #require(wording["when"] as? [String: Any])
        #expect(when["all"] is [Any])
    }

    @Test("explain names an unknown tag and fails")
    func explainUnknown() throws {
        let result = try CLI.run(["schema", "explain", "channel.kind/nope", "--schemas-dir", "schemas"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("no tag `channel.kind/nope`"))
        #expect(!result.stderr.contains("Usage:"), "a fact about the schema, not a usage error: \(result.stderr)")
    }
}
