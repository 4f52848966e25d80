import DBindCore
@testable import DBindFormats
import Foundation
import Testing

/// A conversation whose texts mix emoji (ZWJ and skin tones), CJK and combining marks, so
/// code-point offsets differ from UTF-16 and from grapheme counts.
func sampleUnit() -> ExportUnit {
    let first = "Café 👩‍💻 ready? 東京 👍🏽"
    let second = "see e\u{301}xample.org — 10 ETH"
    func span(_ text: String, _ piece: String, kind: SpanKind, type: String) -> ExportSpan {
        let scalars = Array(text.unicodeScalars)
        let needle = Array(piece.unicodeScalars)
        let start = (0...(scalars.count - needle.count)).first { Array(scalars[$0..<($0 + needle.count)]) == needle }!
        return ExportSpan(start: start, end: start + needle.count, text: piece, kind: kind, type: type, rule: "r.\(type)", confidence: 0.875)
    }
    let guild = Guild(id: Snowflake(1), name: "G")
    let channel = ExportChannel(id: Snowflake(2), name: "support", parent: "Community", type: "GuildTextChat",
                                tags: [ExportTag(tag: "channel.kind/support", facet: "channel.kind", confidence: 0.8,
                                                 rules: ["support.help"], schema: "base", schemaVersion: "1")])
    let tag = ExportTag(tag: "message.intent/question", facet: "message.intent", confidence: 0.7, rules: ["q.mark"],
                        schema: "base", schemaVersion: "1")
    let label = ExportLabel(labelSet: "message-intent", facet: "message.intent", value: "greeting", annotator: "ann",
                            time: Timestamp(milliseconds: 1_700_000_000_000))
    return ExportUnit(kind: .conversation, id: Snowflake(10), guild: guild, channel: channel, messages: [
        ExportMessage(id: Snowflake(10), authorID: Snowflake(100), authorName: "Ana \"A\"", authorIsBot: false,
                      time: Timestamp(milliseconds: 1_699_999_000_000), text: first,
                      spans: [span(first, "Café 👩‍💻 ready?", kind: .question, type: "yes-no"), span(first, "東京", kind: .entity, type: "GPE")],
                      tags: [tag], labels: [label]),
        ExportMessage(id: Snowflake(11), authorID: Snowflake(101), authorName: "Bo", authorIsBot: true,
                      time: Timestamp(milliseconds: 1_699_999_060_000), text: second, replyTo: Snowflake(10),
                      spans: [span(second, "e\u{301}xample.org", kind: .entity, type: "DOMAIN"), span(second, "10 ETH", kind: .entity, type: "MONEY")]),
    ])
}

func encodeLine(_ unit: ExportUnit, _ format: ExportFormat, _ options: ExportOptions = ExportOptions()) throws -> [String: Any] {
    var w = JSONWriter()
    var encoder = format.encoder(options)
    #expect(encoder.encode(unit, into: &w))
    #expect(w.bytes.last == 0x0A)
    #expect(w.bytes.dropLast().contains(0x0A) == false, "one line per unit")
    return try #require(try JSONSerialization.jsonObject(with: Data(w.bytes)) as? [String: Any])
}

/// Python-style slicing: code points.
func slice(_ text: String, _ start: Int, _ end: Int) -> String {
    let scalars = Array(text.unicodeScalars)
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars[start..<end])
    return String(view)
}

@Suite("Export formats")
struct ExportEncoderTests {
    @Test("native: every field, code-point offsets, effective label over tag")
    func native() throws {
        let unit = sampleUnit()
        let line = try encodeLine(unit, .native)
        #expect(line["format"] as? String == "dbind")
        #expect(line["offsets"] as? String == "codepoint")
        #expect(line["id"] as? String == "10")
        #expect((line["channel"] as? [String: Any])?["kinds"] as? [String] == ["channel.kind/support"])
        let messages = try #require(line["messages"] as? [[String: Any]])
        #expect(messages.count == 2)
        #expect((messages[0]["author"] as? [String: Any])?["name"] as? String == "Ana \"A\"")
        #expect(messages[1]["reply_to"] as? String == "10")
        for (message, original) in zip(messages, unit.messages) {
            let text = try #require(message["text"] as? String)
            #expect(text == original.text)
            for span in try #require(message["spans"] as? [[String: Any]]) {
                let start = try #require(span["start"] as? Int), end = try #require(span["end"] as? Int)
                #expect(slice(text, start, end) == span["text"] as? String)
            }
        }
        let effective = try #require(messages[0]["effective"] as? [[String: Any]])
        #expect(effective.count == 1)
        #expect(effective[0]["values"] as? [String] == ["message.intent/greeting"])
        #expect(effective[0]["source"] as? String == "manual")
        let tag = try #require((messages[0]["tags"] as? [[String: Any]])?.first)
        #expect(tag["source"] as? String == "auto" && tag["rules"] as? [String] == ["q.mark"] && tag["confidence"] as? Double == 0.7)
        #expect(line["start"] as? String == "2023-11-14T21:56:40.000Z")
    }

    @Test("prodigy: text, spans with labels and token indexes, tokens with ws, meta, hashes, no answer")
    func prodigy() throws {
        var unit = sampleUnit()
        unit.messages[1].tokens = [ExportToken(text: "see", kind: "word", start: 0, end: 3),
                                   ExportToken(text: "e\u{301}xample.org", kind: "url", start: 4, end: 16)]
        let line = try encodeLine(unit, .prodigy)
        let text = try #require(line["text"] as? String)
        #expect(text == unit.messages[0].text + "\n" + unit.messages[1].text)
        let spans = try #require(line["spans"] as? [[String: Any]])
        #expect(spans.map { $0["label"] as? String } == ["QUESTION", "GPE", "DOMAIN", "MONEY"])
        let expected = ["Café 👩‍💻 ready?", "東京", "e\u{301}xample.org", "10 ETH"]
        for (span, piece) in zip(spans, expected) {
            #expect(slice(text, span["start"] as! Int, span["end"] as! Int) == piece)
        }
        let tokens = try #require(line["tokens"] as? [[String: Any]])
        #expect(tokens.map { $0["id"] as? Int } == Array(tokens.indices))
        // spaCy's shape: the text is the tokens plus one space where `ws` says so.
        #expect(tokens.map { ($0["text"] as! String) + ($0["ws"] as! Bool ? " " : "") }.joined() == text)
        let see = try #require(tokens.firstIndex { $0["text"] as? String == "see" })
        #expect(tokens[see]["ws"] as? Bool == true)
        #expect(tokens[see + 1]["text"] as? String == "e\u{301}xample.org")
        #expect(tokens.contains { $0["text"] as? String == "\n" && $0["ws"] as? Bool == false }, "the newline is a token")
        #expect(spans[2]["token_start"] as? Int == see + 1 && spans[2]["token_end"] as? Int == see + 1)
        for span in spans {
            let first = try #require(span["token_start"] as? Int), last = try #require(span["token_end"] as? Int)
            #expect(tokens[first]["start"] as? Int == span["start"] as? Int && tokens[last]["end"] as? Int == span["end"] as? Int)
        }
        #expect(line["answer"] == nil, "a task nobody judged carries no answer")
        #expect(line["_input_hash"] is Int && line["_task_hash"] is Int)
        let meta = try #require(line["meta"] as? [String: Any])
        let starts = try #require(meta["messages"] as? [[String: Any]])
        #expect(starts.map { $0["start"] as? Int } == [0, unit.messages[0].text.unicodeScalars.count + 1])
    }

    @Test("doccano: text and [start, end, label] triples in UTF-16 code units, code points on request")
    func doccano() throws {
        let line = try encodeLine(sampleUnit(), .doccano)
        let text = try #require(line["text"] as? String)
        let labels = try #require(line["label"] as? [[Any]])
        #expect(labels.count == 4)
        for triple in labels {
            #expect(triple.count == 3 && triple[2] is String)
        }
        // JavaScript's text.slice(start, end).
        let utf16 = Array(text.utf16)
        #expect(String(decoding: utf16[(labels[1][0] as! Int)..<(labels[1][1] as! Int)], as: UTF16.self) == "東京")
        #expect(String(decoding: utf16[(labels[3][0] as! Int)..<(labels[3][1] as! Int)], as: UTF16.self) == "10 ETH")
        #expect((line["meta"] as? [String: Any])?["offsets"] as? String == "utf16")
        let byCodepoint = try #require(try encodeLine(sampleUnit(), .doccano, ExportOptions(offsets: .codepoint))["label"] as? [[Any]])
        #expect(slice(text, byCodepoint[1][0] as! Int, byCodepoint[1][1] as! Int) == "東京")
        let byGrapheme = try #require(try encodeLine(sampleUnit(), .doccano, ExportOptions(offsets: .grapheme))["label"] as? [[Any]])
        let characters = Array(text)
        #expect(String(characters[(byGrapheme[1][0] as! Int)..<(byGrapheme[1][1] as! Int)]) == "東京")
    }

    @Test("offsets convert to every unit and back at every character boundary", arguments: OffsetUnit.allCases)
    func offsetRoundTrip(unit: OffsetUnit) {
        let text = "Jose\u{301} joined 🇫🇷Paris 👩‍💻 東京"
        let converter = OffsetConverter(text: text, unit: unit)
        var boundary = 0
        for character in text {
            #expect(converter.codepoint(of: converter(boundary)) == boundary, "\(unit) at \(boundary)")
            boundary += character.unicodeScalars.count
        }
        #expect(converter.codepoint(of: converter(boundary)) == boundary)
    }

    @Test("span formats leave out units with no text unless asked to keep them")
    func emptyUnits() throws {
        var unit = sampleUnit()
        for i in unit.messages.indices {
            unit.messages[i].text = ""
            unit.messages[i].spans = []
        }
        for format in ExportFormat.allCases {
            var w = JSONWriter()
            var encoder = format.encoder()
            #expect(encoder.encode(unit, into: &w) == !format.isSpanFormat, "\(format)")
            var keep = format.encoder(ExportOptions(includeEmpty: true))
            #expect(keep.encode(unit, into: &w))
        }
    }

    @Test("label studio: data.text, predictions with scores, manual labels as annotations")
    func labelStudio() throws {
        var unit = sampleUnit()
        unit.labels = [ExportLabel(labelSet: "message-intent", facet: "message.intent", value: "greeting", annotator: "ann",
                                   time: Timestamp(milliseconds: 1_700_000_000_000))]
        let line = try encodeLine(unit, .labelStudio)
        let data = try #require(line["data"] as? [String: Any])
        let text = try #require(data["text"] as? String)
        let prediction = try #require((line["predictions"] as? [[String: Any]])?.first)
        let results = try #require(prediction["result"] as? [[String: Any]])
        #expect(results.count == 4)
        for r in results {
            #expect(r["from_name"] as? String == "label" && r["to_name"] as? String == "text" && r["type"] as? String == "labels")
            let value = try #require(r["value"] as? [String: Any])
            #expect(slice(text, value["start"] as! Int, value["end"] as! Int) == value["text"] as? String)
            #expect((value["labels"] as? [String])?.count == 1)
        }
        let annotation = try #require((line["annotations"] as? [[String: Any]])?.first)
        #expect((annotation["completed_by"] as? [String: Any])?["email"] as? String == "ann")
        let choice = try #require((annotation["result"] as? [[String: Any]])?.first)
        #expect(choice["type"] as? String == "choices")
        #expect((choice["value"] as? [String: Any])?["choices"] as? [String] == ["greeting"])
    }

    @Test("the same unit gives the same bytes")
    func deterministic() {
        for format in ExportFormat.allCases {
            var a = JSONWriter(), b = JSONWriter()
            var first = format.encoder(), second = format.encoder()
            _ = first.encode(sampleUnit(), into: &a)
            _ = second.encode(sampleUnit(), into: &b)
            #expect(a.bytes == b.bytes)
        }
    }

    @Test("JSON writer escapes control characters, quotes and backslashes; numbers are stable")
    func writer() throws {
        var w = JSONWriter()
        w.object { w in
            w.key("s"); w.string("a\"b\\c\n\t\u{01}é😀")
            w.key("n"); w.number(0.1 + 0.2)
            w.key("i"); w.number(3)
            w.key("neg"); w.number(-0.05)
        }
        #expect(String(decoding: w.bytes, as: UTF8.self) == #"{"s":"a\"b\\c\n\t\u0001é😀","n":0.3,"i":3,"neg":-0.05}"#)
    }

    @Test("every character JSON must escape is escaped wherever it falls in a long string", arguments: [
        "\"", "\\", "\n", "\u{0}", "\u{1F}", "\t",
    ])
    func escapesAnywhere(special: String) throws {
        // Bytes ≥ 0x80 and 0x20…0x7F around it, so a word-at-a-time scan sees every mix.
        let filler = Array("aé😀 ~}!#[".unicodeScalars)
        for length in [1, 7, 8, 9, 15, 16, 17, 40] {
            for position in 0..<length {
                var scalars = String.UnicodeScalarView()
                for k in 0..<length { scalars.append(k == position ? special.unicodeScalars.first! : filler[k % filler.count]) }
                let text = String(scalars)
                var w = JSONWriter()
                w.array { $0.string(text) }
                let bytes = w.bytes
                #expect(!bytes.contains { $0 < 0x20 }, "a raw control character in \(text.debugDescription)")
                let decoded = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String]
                #expect(decoded == [text])
            }
        }
    }

    @Test("numbers are written to 4 decimals without trailing zeros, as printf rounds them", arguments: [
        0.0123, 0.5, 0.99999, 12.5, -3.25, -0.0007, 1234567.8912, 0.00001, 42, -17, 0.1001, 7.0304,
    ])
    func numbers(value: Double) throws {
        var w = JSONWriter()
        w.number(value)
        var expected = String(format: "%.4f", value)
        while expected.hasSuffix("0") { expected.removeLast() }
        if expected.hasSuffix(".") { expected.removeLast() }
        #expect(String(decoding: w.bytes, as: UTF8.self) == expected)
    }

    @Test("integers keep their sign and every digit", arguments: [0, 7, -7, 10, -1_000_000, Int.max, Int.min])
    func integers(value: Int) throws {
        var w = JSONWriter()
        w.int(value)
        #expect(String(decoding: w.bytes, as: UTF8.self) == String(value))
    }
}

@Suite("JSON writer times and ids")
struct JSONWriterTimeTests {
    @Test("timestamps match the model's ISO 8601 rendering", arguments: [
        Int64(0), 1, 999, -1, -86_400_001, 951_782_400_000, 1_709_164_800_123, 4_102_444_799_999, 1_699_999_999_999,
    ])
    func timestamps(milliseconds: Int64) throws {
        var w = JSONWriter()
        w.timestamp(milliseconds: milliseconds)
        #expect(String(decoding: w.bytes, as: UTF8.self) == "\"\(Timestamp(milliseconds: milliseconds).iso8601UTC)\"")
    }

    @Test("ids are written as decimal strings with all 64 bits")
    func ids() {
        var w = JSONWriter()
        w.array { w in
            w.idString(0)
            w.idString(UInt64.max)
            w.idString(1_213_000_000_000_000_001)
        }
        #expect(String(decoding: w.bytes, as: UTF8.self) == #"["0","18446744073709551615","1213000000000000001"]"#)
    }
}
