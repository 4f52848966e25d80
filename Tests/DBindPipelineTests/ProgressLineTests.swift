@testable import DBindPipeline
import DBindCore
import Testing

@Suite("Progress line")
struct ProgressLineTests {
    @Test("fixed width at any terminal width: counts, rate, ETA, the name cut in the middle", arguments: [40, 80, 132])
    func fixedWidth(width: Int) {
        let status = ProgressStatus(label: "ingest", done: 1_234_567, unit: "messages", fraction: 0.25,
                                    name: "Lumen DAO - Community - 東京-meetup-and-a-very-long-channel-name [910928213307360147].json",
                                    step: "3/162")
        let line = status.line(elapsed: 10, width: width)
        #expect(DisplayWidth.columns(line) == width, "\(line)")
        #expect(line.hasPrefix("ingest  [3/162]  1,234,567 messages"))
        if width >= 80 {
            #expect(line.contains("123,456/s") && line.contains("ETA 0:30"), "\(line)")
            #expect(line.contains("…") && line.contains(".json"), "the name's end survives: \(line)")
        }
    }
}
