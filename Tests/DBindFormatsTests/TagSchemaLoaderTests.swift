import DBindCore
import DBindFormats
import DBindTestSupport
import Foundation
import Testing

/// A temporary folder of schema files, removed when the value goes away.
final class SchemaFolder {
    let path: String

    init(_ files: [String: String]) throws {
        path = try temporaryDirectory("dbind-schemas")
        for (name, text) in files { try text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8) }
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func load(_ name: String) throws -> TagSchema {
        try TagSchemaLoader(searchDirectories: [path]).load(name)
    }

    /// The diagnostics loading `name` produces, as `file:line: message` with the folder stripped.
    func errors(_ name: String) -> [String] {
        do {
            _ = try load(name)
            return []
        } catch let error as SchemaValidationError {
            return error.diagnostics.map {
                "\(($0.location.file as NSString).lastPathComponent):\($0.location.line): "
                    + $0.message.replacingOccurrences(of: path + "/", with: "")
            }
        } catch {
            return ["unexpected \(error)"]
        }
    }
}

let parentSchema = """
schema: parent
version: 1.0.0
gazetteers:
  helpish: [help, support]
facets:
  kind:
    level: channel
    exclusive: true
    default: kind/general
  area:
    level: channel
tags:
  kind/general: {}
  kind/support:
    priority: 1
    implies: [area/service]
    rules:
      - id: support.name
        weight: 0.8
        when: {name_words: "@helpish"}
      - id: support.topic
        weight: 0.4
        when: {topic_words: [questions]}
  kind/memes:
    rules:
      - id: memes.name
        weight: 0.8
        when: {name_words: [meme]}
  area/service: {}
"""

@Suite struct SchemaCompositionTests {
    @Test func extendsOverridesDisablesAndMergesGazetteers() throws {
        let folder = try SchemaFolder([
            "parent.yaml": parentSchema,
            "child.yaml": """
            schema: child
            version: 2.0.0
            extends: parent
            gazetteers:
              helpish: [assist]
            facets:
              kind:
                override: true
                min_confidence: 0.6
            tags:
              kind/support:
                override: true
                priority: 3
                rules:
                  - id: support.name
                    weight: 0.9
                    when: {name_words: "@helpish"}
                  - id: support.category
                    weight: 0.3
                    when: {category_words: [help]}
            disable: [kind/memes]
            disable_rules: [support.topic]
            """,
        ])
        let schema = try folder.load("child")
        #expect(schema.name == "child" && schema.version == "2.0.0")
        #expect(schema.lineage == ["parent@1.0.0", "child@2.0.0"])
        #expect(schema.tags["kind/memes"] == nil)
        let support = try #require(schema.tags["kind/support"])
        #expect(support.priority == 3)
        #expect(support.implies == ["area/service"])
        #expect(support.rules.map(\.id) == ["support.name", "support.category"])
        #expect(support.rules[0].weight == 0.9)
        #expect(support.origin == "child")
        #expect(schema.gazetteers["helpish"] == ["help", "support", "assist"])
        #expect(schema.facets["kind"]?.minConfidence == 0.6)
        #expect(schema.facets["kind"]?.defaultTag == "kind/general")

        let classifier = Classifier(schema: schema)
        let channel = Channel(id: Snowflake(5), guildID: Snowflake(1), type: "GuildTextChat", name: "assist-desk")
        let assignments = classifier.classify(channel: classifier.profile(of: channel, messages: []))
        #expect(assignments.map(\.tag) == ["kind/support", "area/service"])
        #expect(assignments.allSatisfy { $0.schemaName == "child" && $0.schemaVersion == "2.0.0" })
    }

    @Test func diamondsLoadEachSchemaOnce() throws {
        let folder = try SchemaFolder([
            "parent.yaml": parentSchema,
            "left.yaml": "schema: left\nversion: '1'\nextends: parent\n",
            "right.yaml": "schema: right\nversion: '1'\nextends: [parent]\n",
            "both.yaml": "schema: both\nversion: '1'\nextends: [left, right]\n",
        ])
        #expect(try folder.load("both").lineage == ["parent@1.0.0", "left@1", "right@1", "both@1"])
    }

    @Test func gazetteersCanBeReplaced() throws {
        let folder = try SchemaFolder([
            "parent.yaml": parentSchema,
            "child.yaml": "schema: child\nversion: '1'\nextends: parent\ngazetteers:\n  helpish: {terms: [aid], replace: true}\n",
        ])
        #expect(try folder.load("child").gazetteers["helpish"] == ["aid"])
    }

    @Test func bundledSchemasLoad() throws {
        let loader = TagSchemaLoader(searchDirectories: [RepoPaths.root + "/schemas"])
        let base = try loader.load("base")
        let dao = try loader.load(RepoPaths.root + "/schemas/dao.yaml")
        #expect(base.tags.count >= 20)
        #expect(dao.lineage == ["base@\(base.version)", "dao@\(dao.version)"])
        for kind in ["announcements", "rules", "general", "support", "governance", "development", "bots", "off-topic",
                     "trading", "events", "introductions", "feedback", "logs"] {
            #expect(base.tags["channel.kind/\(kind)"] != nil, "missing channel.kind/\(kind)")
        }
        for intent in ["question", "answer", "greeting", "thanks", "announcement", "link-share", "bot-command", "media", "proposal", "vote"] {
            #expect(base.tags["message.intent/\(intent)"] != nil, "missing message.intent/\(intent)")
        }
        #expect(dao.tags["channel.kind/governance"]?.implies == ["dao.area/governance"])
    }
}

@Suite struct SchemaValidationTests {
    func errors(_ yaml: String, with others: [String: String] = ["parent.yaml": parentSchema]) throws -> [String] {
        var files = others
        files["under-test.yaml"] = yaml
        return try SchemaFolder(files).errors("under-test")
    }

    let header = "schema: under-test\nversion: '1'\nextends: parent\n"

    @Test func unknownPredicateWithSuggestion() throws {
        let yaml = header + """
        tags:
          kind/x:
            rules:
              - id: x.one
                when: {nme_words: [x]}
        """
        #expect(try errors(yaml) == ["under-test.yaml:8: unknown predicate `nme_words` (did you mean `name_words`?)"])
    }

    @Test func thresholdOfWrongTypeAndOutOfRange() throws {
        let yaml = header + """
        tags:
          kind/x:
            rules:
              - id: x.one
                when: {bot_share: {gte: high}}
              - id: x.two
                when: {bot_share: {gte: 1.5}}
              - id: x.three
                weight: strong
                when: {bot_share: {lte: 0.2}}
        """
        #expect(try errors(yaml) == [
            "under-test.yaml:8: threshold `gte` of `bot_share` must be a number, got `high`",
            "under-test.yaml:12: rule `weight` must be a number, got `strong`",
        ])
        let ranged = header + "tags:\n  kind/x:\n    rules:\n      - id: x.two\n        when: {bot_share: {gte: 1.5}}\n"
        #expect(try errors(ranged) == ["under-test.yaml:8: threshold 1.5 of `bot_share` is a share and must be between 0 and 1"])
    }

    @Test func cycleInExtends() throws {
        let files = [
            "a.yaml": "schema: a\nversion: '1'\nextends: b\n",
            "b.yaml": "schema: b\nversion: '1'\nextends: [c]\n",
            "c.yaml": "schema: c\nversion: '1'\nextends:\n  - a\n",
        ]
        #expect(try SchemaFolder(files).errors("a") == ["c.yaml:4: cycle in extends: a → b → c → a"])
    }

    @Test func cycleInImplies() throws {
        let yaml = header + """
        facets:
          topic: {level: channel}
        tags:
          topic/a: {implies: [topic/b]}
          topic/b: {implies: [topic/c]}
          topic/c:
            implies:
              - topic/a
        """
        #expect(try errors(yaml) == ["under-test.yaml:7: cycle in implies: topic/a → topic/b → topic/c → topic/a"])
    }

    @Test func overrideRulesAreEnforced() throws {
        let missingFlag = header + "tags:\n  kind/support:\n    priority: 2\n"
        #expect(try errors(missingFlag).first?.hasPrefix("under-test.yaml:5: tag `kind/support` is already defined by `parent` (") == true)
        let needlessFlag = header + "tags:\n  kind/new:\n    override: true\n"
        #expect(try errors(needlessFlag) == ["under-test.yaml:5: tag `kind/new` is marked `override` but no parent schema defines it"])
        let unknownDisable = header + "disable: [kind/none]\ndisable_rules:\n  - nope.rule\n"
        #expect(try errors(unknownDisable) == [
            "under-test.yaml:4: cannot disable `kind/none`: no parent schema defines it",
            "under-test.yaml:6: cannot disable rule `nope.rule`: no parent schema defines it",
        ])
    }

    @Test func referencesAreChecked() throws {
        let yaml = header + """
        facets:
          msg: {level: message, exclusive: true, default: kind/general}
        tags:
          kind/x:
            implies: [kind/nowhere]
            rules:
              - id: x.one
                when: {name_words: "@missing"}
              - id: support.name
                when: {has_url: true}
              - id: x.regex
                when: {name_regex: "(unclosed"}
          other/y: {}
        """
        #expect(try errors(yaml) == [
            "under-test.yaml:5: default `kind/general` of facet `msg` is not in that facet",
            "under-test.yaml:8: tag `kind/x` implies unknown tag `kind/nowhere`",
            "under-test.yaml:11: predicate `name_words` refers to unknown gazetteer `missing`",
            "under-test.yaml:12: rule id `support.name` is already used at parent.yaml:18:9",
            "under-test.yaml:13: predicate `has_url` does not apply at level `channel` (only message, span)",
            "under-test.yaml:15: predicate `name_regex`: invalid regular expression `(unclosed`",
            "under-test.yaml:16: tag `other/y` belongs to facet `other`, which no schema in the chain declares",
        ])
    }

    @Test func contradictionsBetweenImpliesAndExcludes() throws {
        let yaml = header + """
        facets:
          topic: {level: channel}
        tags:
          topic/a: {implies: [topic/b], excludes: [topic/b]}
          topic/b: {}
          kind/both: {implies: [kind/general]}
        """
        let found = try errors(yaml)
        #expect(found.contains("under-test.yaml:7: tag `topic/a` implies `topic/b`, which `topic/a` excludes"))
        #expect(found.contains("under-test.yaml:9: tag `kind/both` implies both `kind/both` and `kind/general` of exclusive facet `kind`"))
    }

    @Test func yamlProblemsPointAtTheirLine() throws {
        #expect(try errors("schema: x\nversion: '1'\ntags:\n  a/b: {\n") .first?.hasPrefix("under-test.yaml:5: invalid YAML") == true)
        #expect(try errors("schema: x\nversion: '1'\nversion: '2'\n") == ["under-test.yaml:2: duplicate key `version`"])
        #expect(try errors("schema: x\nversoin: '1'\n") == [
            "under-test.yaml:1: schema needs a `version:`",
            "under-test.yaml:2: unknown key `versoin` in the schema (did you mean `version`?); expected one of schema, version, description, extends, settings, gazetteers, facets, tags, disable, disable_rules",
        ])
        #expect(try errors(header + "tags:\n  kind/x:\n    rules:\n      - weight: 0.5\n        when: {has_url: true}\n")
            == ["under-test.yaml:7: every rule of `kind/x` needs an `id`"])
        #expect(try errors("schema: x\nversion: '1'\nextends: nowhere\n").first?.hasPrefix("under-test.yaml:3: extends unknown schema `nowhere`") == true)
    }
}
