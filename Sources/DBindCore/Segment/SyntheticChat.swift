/// Deterministic synthetic chat for benchmarks: interleaved conversations with addressing,
/// replies, mentions, questions and topic words, shaped like a busy help channel.
public enum SyntheticChat {
    /// SplitMix64: small, fast and reproducible across platforms.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    }

    static let fillers = ["the", "it", "you", "is", "to", "and", "a", "that", "with", "for", "on", "try", "just", "now"]

    /// `count` messages over `channels` channels, sorted by channel then time.
    public static func messages(count: Int, channels: Int = 8, authors: Int = 300, seed: UInt64 = 1) -> [SegmentMessage] {
        var random = Generator(state: seed)
        let vocabulary = (0..<3000).map { k in "w\(k)x" + String(repeating: "e", count: k % 5) }
        let names = (0..<authors).map { "user_\($0)" }
        let perChannel = max(1, count / max(1, channels))
        var messages: [SegmentMessage] = []
        messages.reserveCapacity(count)
        var nextID: UInt64 = 1
        for channel in 0..<channels {
            let channelCount = channel == channels - 1 ? count - messages.count : min(perChannel, count - messages.count)
            var time: Int64 = 1_600_000_000_000
            var recent: [(id: Snowflake, author: Int)] = []
            for _ in 0..<channelCount {
                time += Int64(random.below(40_000))
                if random.below(500) == 0 { time += 3_600_000 }
                let author = random.below(authors)
                var text = ""
                var mentions: [Snowflake] = []
                var replyTo: Snowflake?
                let shape = random.below(10)
                if shape < 4, let target = recent.isEmpty ? nil : recent[random.below(recent.count)] {
                    text = names[target.author] + ": "
                    mentions.append(Snowflake(UInt64(target.author + 1)))
                } else if shape == 4, let target = recent.isEmpty ? nil : recent[random.below(recent.count)] {
                    replyTo = target.id
                }
                let length = 3 + random.below(14)
                for k in 0..<length {
                    if k > 0 { text += " " }
                    text += random.below(3) == 0 ? fillers[random.below(fillers.count)] : vocabulary[random.below(vocabulary.count)]
                }
                if shape == 9 { text += "?" }
                let id = Snowflake(nextID)
                nextID += 1
                messages.append(SegmentMessage(
                    id: id, channelID: Snowflake(UInt64(channel + 1)), time: time,
                    authorID: Snowflake(UInt64(author + 1)), authorName: names[author], text: text,
                    replyToID: replyTo, mentionIDs: mentions, isSystem: random.below(50) == 0))
                recent.append((id, author))
                if recent.count > 12 { recent.removeFirst() }
            }
        }
        return messages
    }
}
