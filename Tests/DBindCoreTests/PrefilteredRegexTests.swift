@testable import DBindCore
import Foundation
import Testing

@Suite("Regex prefilter")
struct RegexPrefilterTests {
    @Test("a pattern's literal start, or none when a match may start otherwise", arguments: [
        (#"@(everyone|here)\b"#, "@"), ("Hello+", "hello"), ("ab?c", "a"), ("x{2}y", ""), (#"a\.b"#, "a"),
        ("abc|d", ""), ("(?i)x", ""), ("[ab]c", ""), ("(a|b)c", ""), ("[|]x|y", ""), ("gm ", "gm "),
    ])
    func literalPrefix(pattern: String, prefix: String) {
        #expect(PrefilteredRegex.literalPrefix(pattern) == Array(prefix.utf8))
    }

    @Test("the prefilter never changes whether a pattern matches")
    func sameAnswers() throws {
        let patterns = [#"@(everyone|here)\b"#, "Hello+", "ab?c", "ks", "st", #"a\.b"#, "abc|d"]
        let texts = ["@everyone look", "hey @HERE", "no mention", "HELLOOO", "say hello", "ac", "abc", "KS", "\u{212A}s",
                     "\u{17F}t", "a.b", "ab", "xd", "", "café @here"]
        for pattern in patterns {
            let filtered = try #require(PrefilteredRegex(pattern))
            let plain = try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
            for text in texts {
                let expected = plain.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
                #expect(filtered.matches(text) == expected, "\(pattern) on \(text)")
            }
        }
        #expect(!PrefilteredRegex.mayContain("no mention here", Array("@".utf8)))
    }
}
