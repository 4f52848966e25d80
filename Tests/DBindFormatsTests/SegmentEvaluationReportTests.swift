import DBindCore
import DBindFormats
import Foundation
import Testing

@Suite struct SegmentEvaluationReportTests {
    static let raw = """
    [10:00] <alice> my wifi drops every few minutes
    [10:01] <bob> alice: which card is it?
    [10:01] <alice> bob: an intel one
    === carol [~c@host] has joined #ubuntu
    [10:02] <carol> how do I resize a partition?

    """

    @Test func jsonReportCarriesOverallScoresAndBaselines() throws {
        let sample = try IRCDisentanglementLoader.sample(
            name: "tiny", ordinal: 0, raw: Self.raw, rawFile: "tiny.raw.txt",
            annotation: "0 0 -\n0 1 -\n1 2 -\n3 3 -\n4 4 -\n", annotationFile: "tiny.annotation.txt")
        let evaluation = SegmentEvaluation(
            inputs: [SegmentEvaluation.Input(sample: sample.evaluation, messages: sample.messages.map(SegmentMessage.init))],
            segmenter: Segmenter())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(SegmentEvaluationReport(evaluation)), as: UTF8.self)
        #expect(!text.contains("\n"))
        let object = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        for key in ["vi", "one_to_one", "precision", "recall", "f1", "link_accuracy"] {
            #expect(object[key] is Double, "missing \(key)")
        }
        // Five messages, all scored (the file is shorter than the 1000-line context): the
        // segmenter finds the three gold conversations exactly.
        #expect(object["messages"] as? Int == 5)
        #expect(object["f1"] as? Double == 100)
        #expect(object["link_accuracy"] as? Double == 100)
        let baselines = try #require(object["baselines"] as? [String: [String: Any]])
        #expect(Set(baselines.keys) == ["one", "gap", "previous", "new"])
        #expect(baselines["one"]?["f1"] as? Double == 0)
        let table = SegmentEvaluationReport.table(evaluation)
        #expect(table.contains("OVERALL"))
        #expect(table.contains("previous"))
    }
}
