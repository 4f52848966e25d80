import DBindCore
import Testing

@Suite("A person's verdict on an entity span")
struct SpanCorrectionTests {
    let text = Array("meet in May about lumen".unicodeScalars)
    let may = ExportSpan(start: 8, end: 11, text: "May", kind: .entity, type: "DATE", rule: "date.month", confidence: 0.7, value: "--05")

    @Test("kept as it was: the normalised value stays; retyped or moved: it goes with the old reading")
    func valueFollowsTheReading() throws {
        let kept = try #require(SpanCorrection.resolve(may, verdict: "DATE@8-11", annotator: "ann", in: text))
        #expect(kept.value == "--05" && kept.rule == "manual:ann" && kept.confidence == 1)
        let retyped = try #require(SpanCorrection.resolve(may, verdict: "PROJECT@8-11", annotator: "ann", in: text))
        #expect(retyped.type == "PROJECT" && retyped.value == nil)
        let widened = try #require(SpanCorrection.resolve(may, verdict: "DATE@5-11", annotator: "ann", in: text))
        #expect(widened.text == "in May" && widened.value == nil)
        #expect(SpanCorrection.resolve(may, verdict: "", annotator: "ann", in: text) == nil, "rejected")
    }
}
