import DBindCore
import DBindFormats
import DBindTestSupport
import Foundation
import Testing

/// The repository root, from this file's location.

@Suite struct ChannelKindAccuracyTests {
    let schema: TagSchema
    let cases: [ChannelCase]

    init() throws {
        schema = try TagSchemaLoader(searchDirectories: [RepoPaths.root + "/schemas"]).load("base")
        cases = try ChannelCaseLoader.load(contentsOf: RepoPaths.root + "/fixtures/channels/cases.yaml")
    }

    func predicted(_ channelCase: ChannelCase, _ classifier: Classifier) -> TagAssignment? {
        let profile = classifier.profile(of: channelCase.channel, messages: channelCase.messages)
        return classifier.classify(channel: profile).first { $0.facet == "channel.kind" }
    }

    @Test func channelKindAccuracyIsAtLeast95Percent() throws {
        let classifier = Classifier(schema: schema)
        #expect(cases.count >= 60)
        #expect(cases.filter(\.isContentOnly).count >= 10)
        var correct = 0
        var contentOnlyCorrect = 0
        var misses: [String] = []
        for channelCase in cases {
            let assignment = predicted(channelCase, classifier)
            if assignment?.tag == channelCase.expectedTag {
                correct += 1
                if channelCase.isContentOnly { contentOnlyCorrect += 1 }
            } else {
                misses.append("\(channelCase.id) (\(channelCase.channel.name)): expected \(channelCase.expectedTag), got \(assignment?.tag ?? "nothing") \(assignment?.ruleIDs ?? [])")
            }
        }
        let accuracy = Double(correct) / Double(cases.count)
        let contentOnly = cases.filter(\.isContentOnly).count
        print("channel.kind accuracy: \(correct)/\(cases.count) = \(String(format: "%.1f", accuracy * 100))%; content-only \(contentOnlyCorrect)/\(contentOnly)")
        for miss in misses { print("  miss: \(miss)") }
        #expect(accuracy >= 0.95, "misses:\n\(misses.joined(separator: "\n"))")
    }

    @Test func everyKindOfTheSchemaIsCovered() {
        let kinds = Set(schema.tags(inFacet: "channel.kind").map(\.path))
        let covered = Set(cases.map(\.expectedTag))
        #expect(covered == kinds)
    }

    @Test func assignmentsExplainThemselves() throws {
        let classifier = Classifier(schema: schema)
        let misleading = try #require(cases.first { $0.id == "support-misleading-random" })
        let assignment = try #require(predicted(misleading, classifier))
        #expect(assignment.tag == "channel.kind/support")
        #expect(assignment.source == .rules)
        #expect(assignment.ruleIDs.contains("support.answered-questions"))
        #expect(assignment.schemaName == "base" && assignment.schemaVersion == "1.0.0")
        let profile = classifier.profile(of: misleading.channel, messages: misleading.messages)
        let offTopic = try #require(classifier.evaluate(profile, level: .channel).first { $0.tag == "channel.kind/off-topic" })
        #expect(offTopic.firedRules.map(\.id).contains("off-topic.name"))
        #expect(offTopic.firedRules.map(\.id).contains("off-topic.mostly-questions"))
        #expect(offTopic.confidence < assignment.confidence)
    }

    @Test func daoSchemaKeepsBaseAccuracyAndAddsItsKinds() throws {
        let dao = try TagSchemaLoader(searchDirectories: [RepoPaths.root + "/schemas"]).load("dao")
        let daoCases = try ChannelCaseLoader.load(contentsOf: RepoPaths.root + "/fixtures/channels/dao-cases.yaml")
        let classifier = Classifier(schema: dao)
        let all = cases + daoCases
        var misses: [String] = []
        for channelCase in all {
            let got = predicted(channelCase, classifier)?.tag
            if got != channelCase.expectedTag { misses.append("\(channelCase.id): expected \(channelCase.expectedTag), got \(got ?? "nothing")") }
        }
        let accuracy = Double(all.count - misses.count) / Double(all.count)
        print("dao channel.kind accuracy: \(all.count - misses.count)/\(all.count) = \(String(format: "%.1f", accuracy * 100))%")
        for miss in misses { print("  miss: \(miss)") }
        #expect(accuracy >= 0.95, "misses:\n\(misses.joined(separator: "\n"))")
    }

    @Test func daoKindsImplyTheirAreas() throws {
        let dao = try TagSchemaLoader(searchDirectories: [RepoPaths.root + "/schemas"]).load("dao")
        let daoCases = try ChannelCaseLoader.load(contentsOf: RepoPaths.root + "/fixtures/channels/dao-cases.yaml")
        let classifier = Classifier(schema: dao)
        let treasury = try #require(daoCases.first { $0.id == "dao-treasury" })
        let assignments = classifier.classify(channel: classifier.profile(of: treasury.channel, messages: treasury.messages))
        let kind = try #require(assignments.first { $0.facet == "channel.kind" })
        #expect(kind.tag == "channel.kind/governance/treasury")
        let areas = assignments.filter { $0.facet == "dao.area" }
        let implied = try #require(areas.first { $0.tag == "dao.area/treasury" })
        #expect(implied.source == .implied || implied.source == .rules)
        #expect(areas.contains { $0.tag == "dao.area/governance" })
    }
}
