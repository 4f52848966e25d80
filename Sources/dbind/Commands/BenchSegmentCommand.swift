import ArgumentParser
import DBindCore
import Foundation

/// `dbind bench segment`: segmenter throughput on synthetic chat generated in memory.
struct BenchSegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Segment generated messages and report messages per second (best of several runs)."
    )

    @Option(help: "Number of generated messages.")
    var messages = 1_000_000

    @Option(help: "Number of channels they are spread over.")
    var channels = 8

    @Option(help: "Timed runs; the fastest is reported.")
    var runs = 3

    @Flag(help: "Print one JSON object as the last line.")
    var json = false

    func validate() throws {
        guard messages > 0, channels > 0, runs > 0 else { throw ValidationError("--messages, --channels and --runs must be positive") }
    }

    func run() throws {
        let input = SyntheticChat.messages(count: messages, channels: channels)
        let segmenter = Segmenter()
        var best = Double.infinity
        var conversations = 0
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            let result = segmenter.segment(input)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            best = min(best, seconds)
            conversations = result.conversations.count
        }
        let rate = Double(messages) / best
        print(String(format: "segment: %d messages, %d channels, %d conversations, best %.3f s, %.0f msgs/s",
                     messages, channels, conversations, best, rate))
        if json {
            let object: [String: Any] = ["messages": messages, "channels": channels, "conversations": conversations,
                                         "seconds": best, "messages_per_second": rate.rounded()]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
    }
}
