import DBindCore
import Testing

func question(_ text: String) -> QuestionSpan? { QuestionDetector().detect(text).first }

@Suite("Questions")
struct QuestionTests {
    @Test("Question marks count only outside URLs, code and emoticons", arguments: [
        ("what is gnome 2.9 like?", true),
        ("see https://example.com/?id=3", false),
        ("run `ls -la?` now", false),
        ("works? :)", true),
        ("really?!", true),
        ("(is it?)", true),
        ("?", true),
        ("ok.", false),
        ("so raw copies are slower?.. i would not have thought so", true),
        ("done... next step", false),
    ])
    func marks(text: String, expected: Bool) {
        #expect((question(text) != nil) == expected)
    }

    @Test("Multilingual marks and particles", arguments: [
        "これは何ですか", "你喜欢吗", "هل هذا صحيح؟", "Τι κάνεις;", "¿Dónde está el baño", "Wie geht's？",
    ])
    func multilingual(text: String) {
        #expect(question(text) != nil)
    }

    @Test("Greek semicolon only counts in Greek text")
    func greekSemicolon() {
        #expect(question("Τι ώρα είναι;")?.rule == "mark:greek-semicolon")
        #expect(question("x = 1;") == nil)
    }

    @Test("Asks for help in the middle of a line, after a statement", arguments: [
        "i want to update using update manager could someone point me in the right direction",
        "i set a static ip but that did not help. any other advice anyone. it was faster before",
        "hay alguien que hable español",
    ])
    func helpInsideALine(text: String) {
        #expect(question(text)?.kind == .requestForHelp, "\(text)")
    }

    @Test("Openers without a mark", arguments: [
        ("how do i install the nvidia driver", QuestionKind.requestForHelp),
        ("does anyone know a good irc client", .requestForHelp),
        ("epod: is there a way to mount iso files", .requestForHelp),
        ("what kernel are you running", .wh),
        ("where is the config file", .wh),
        ("can you paste the output", .yesNo),
        ("hey guys, anyone using lvm here", .yesNo),
        ("weiß jemand wie das geht", .requestForHelp),
        ("Wie funktioniert das", .wh),
        ("est-ce que tu as essayé", .yesNo),
        ("peux-tu m'aider", .yesNo),
        ("alguém sabe configurar isso", .requestForHelp),
        ("cómo instalo esto", .wh),
    ])
    func openers(text: String, kind: QuestionKind) {
        let found = question(text)
        #expect(found?.kind == kind, "\(text): \(String(describing: found))")
    }

    @Test("Statements that start like questions are not questions", arguments: [
        "when I run apt-get it fails",
        "what I did was reinstall grub",
        "do this first, then reboot",
        "how I wish it worked",
        "wie ich schon sagte",
        "como eu disse antes",
        "I have no idea",
    ])
    func statements(text: String) {
        #expect(question(text) == nil, "\(text): \(String(describing: question(text)))")
    }

    @Test("Kinds of marked questions")
    func kinds() {
        #expect(question("tea or coffee?")?.kind == .choice)
        #expect(question("is it ext3 or ext4?")?.kind == .choice)
        #expect(question("you did what?")?.kind == .wh)
        #expect(question("any ideas?")?.kind == .requestForHelp)
        #expect(question("is it broken?")?.kind == .yesNo)
    }

    @Test("Spans cover the question sentence only, in code points")
    func spans() {
        let text = "I rebooted 👍. Does it work now? Thanks"
        let found = QuestionDetector().detect(text)
        #expect(found.count == 1)
        let span = found[0]
        let scalars = Array(text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[span.start..<span.end])) == "Does it work now?")
    }
}
