import DBindCore
import DBindFormats
import DBindTestSupport
import Foundation
import Testing

@Suite("Label set files")
struct LabelSetLoaderTests {
    @Test("the shipped label sets load, and their names match the tag schema's")
    func shippedSets() throws {
        let sets = try LabelSetLoader.loadDirectory(RepoPaths.root + "/labels")
        let byName = Dictionary(uniqueKeysWithValues: sets.map { ($0.name, $0) })
        let intent = try #require(byName["message-intent"])
        #expect(intent.level == .message && intent.facet == "message.intent" && intent.isMulti)
        // Every tag of a facet in the base schema has a label, and every label is a tag there.
        let base = try TagSchemaLoader(searchDirectories: [RepoPaths.root + "/schemas"]).load("base")
        for set in sets {
            guard let facet = set.facet else { continue }
            let schemaNames = Set(base.tags.keys.filter { $0.hasPrefix(facet + "/") }.map { String($0.dropFirst(facet.count + 1)) }
                .filter { !$0.contains("/") })
            #expect(Set(set.labels.map(\.name)) == schemaNames, "label set \(set.name) and facet \(facet) disagree")
        }
        let kind = try #require(byName["channel-kind"])
        #expect(kind.level == .channel && kind.facet == "channel.kind" && !kind.isMulti)
        #expect(kind.label(forTag: "channel.kind/governance/treasury")?.name == "governance")
        #expect(kind.label(forTag: "channel.kind/support")?.key == "s")
        #expect(kind.label(forTag: "message.intent/question") == nil)
        let question = try #require(byName["question"])
        #expect(question.level == .span && question.rejectLabel == "not-a-question")
        for set in sets {
            #expect(Set(set.labels.map(\.key)).count == set.labels.count)
            #expect(set.labels.allSatisfy { !$0.description.isEmpty })
        }
    }

    @Test("bad files: one error naming file, line and column", arguments: [
        ("name: x\nlevel: message\nlabels: []\n", 3, 9, "labels must be a non-empty list"),
        ("name: x\nlevel: thread\nlabels:\n  - {name: a, key: a, description: d}\n", 2, 8, "unknown level 'thread'"),
        ("name: x\nlevel: message\nlabels:\n  - {name: a, key: a, description: d}\n  - {name: b, key: a, description: d}\n", 5, 20, "key 'a' is already used by label 'a'"),
        ("name: x\nlevel: message\nlabels:\n  - {name: a, key: y, description: d}\n", 4, 20, "key 'y' is taken by a review command"),
        ("name: x\nlevel: message\nlabels:\n  - {name: skip, key: s, description: d}\n", 4, 12, "is a review command"),
        ("name: x\nlevel: message\nlabels:\n  - {name: A b, key: a, description: d}\n", 4, 12, "label name 'A b' must be lower-case"),
        ("name: x\nlevel: message\nlabels:\n  - {name: a, key: ab, description: d}\n", 4, 20, "key must be one character"),
        ("name: x\nlevel: message\ncolour: red\nlabels:\n  - {name: a, key: a, description: d}\n", 3, 1, "unknown key 'colour'"),
        ("name: x\nlevel: message\nlabels:\n  - {name: a, key: a}\n", 4, 5, "missing 'description'"),
        ("name: x\nlevel: message\nreject: b\nlabels:\n  - {name: a, key: a, description: d}\n", 3, 9, "reject must name one of the labels"),
        ("name: x\nlevel: [message\n", 3, 1, "YAML syntax"),
        ("- just\n- a list\n", 1, 1, "expected a mapping"),
    ])
    func badFiles(yaml: String, line: Int, column: Int, message: String) throws {
        let error = try #require(throws: LabelSetError.self) { try LabelSetLoader.parse(yaml, file: "labels/x.yaml") }
        #expect(error.description.hasPrefix("labels/x.yaml:\(line):\(column): "), "\(error)")
        #expect(error.description.contains(message), "\(error)")
    }

    @Test("a folder with two sets of the same name is refused, naming both files")
    func duplicateNames() throws {
        let first = try temporaryFile(Array("name: same\nlevel: channel\nlabels:\n  - {name: a, key: a, description: d}\n".utf8), name: "a.yaml")
        let dir = (first as NSString).deletingLastPathComponent
        try Data("name: same\nlevel: message\nlabels:\n  - {name: b, key: b, description: d}\n".utf8)
            .write(to: URL(fileURLWithPath: dir + "/b.yaml"))
        let error = try #require(throws: LabelSetError.self) { try LabelSetLoader.loadDirectory(dir) }
        #expect(error.description.contains("b.yaml") && error.description.contains("a.yaml"))
    }
}
