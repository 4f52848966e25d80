import DBindCore
import DBindFormats
import DBindTestSupport
import Foundation
import Testing

@Suite("Rule and pattern loaders")
struct LoaderTests {
    @Test("schemas/questions.yaml and the built-in rules are the same data")
    func questionRulesInSync() throws {
        let path = RepoPaths.rootURL.appendingPathComponent("schemas/questions.yaml").path
        let loaded = try QuestionRulesLoader.load(path: path)
        let builtIn = QuestionRules.builtIn
        #expect(loaded.questionMarks == builtIn.questionMarks && loaded.invertedMarks == builtIn.invertedMarks)
        #expect(loaded.confidence == builtIn.confidence && loaded.particles == builtIn.particles)
        #expect(loaded.languages.map(\.code) == builtIn.languages.map(\.code))
        for (file, compiled) in zip(loaded.languages, builtIn.languages) where file != compiled {
            Issue.record("languages.\(file.code) differs from the built-in rules; run scripts/generate_question_rules.py")
        }
        #expect(loaded.languages.map(\.code).starts(with: ["en", "de", "es", "fr", "pt"]))
    }

    @Test("Unknown keys and wrong types name the file and line")
    func questionRuleErrors() {
        #expect {
            try QuestionRulesLoader.parse("languages:\n  en:\n    wh_word: [what]\n", file: "q.yaml")
        } throws: { "\($0)".hasPrefix("q.yaml:3:") && "\($0)".contains("wh_word") }
        #expect {
            try QuestionRulesLoader.parse("marks:\n  question: 5\n", file: "q.yaml")
        } throws: { "\($0)".hasPrefix("q.yaml:2:") }
        #expect {
            try QuestionRulesLoader.parse("marks: [\n", file: "q.yaml")
        } throws: { "\($0)".hasPrefix("q.yaml:") && "\($0)".contains("invalid YAML") }
    }

    @Test("Rules loaded from YAML drive the detector")
    func customRules() throws {
        let rules = try QuestionRulesLoader.parse("""
        marks:
          question: ["?"]
        languages:
          nl:
            wh_words: [wat, hoe, waarom]
            subjects_block: [ik]
        """, file: "nl.yaml")
        let detector = QuestionDetector(rules: rules)
        #expect(detector.detect("hoe werkt dit").first?.rule == "nl:wh-opener")
        #expect(detector.detect("hoe ik het deed").isEmpty)
    }

    @Test("spaCy pattern files: phrases, token attributes, operators")
    func patterns() throws {
        let jsonl = """
        {"label": "OS", "pattern": "Ubuntu Linux", "id": "ubuntu"}
        {"label": "VER", "pattern": [{"LOWER": "python"}, {"IS_DIGIT": true, "OP": "+"}]}

        {"label": "SIZE", "pattern": [{"LIKE_NUM": true}, {"LOWER": {"IN": ["gb", "mb"]}}]}
        {"label": "X", "pattern": [{"TEXT": {"REGEX": "^x+$"}, "LENGTH": {">=": 2}}, {"OP": "{1,2}"}]}
        """
        let patterns = try EntityPatternLoader.parse(jsonl, file: "p.jsonl")
        #expect(patterns.count == 4)
        #expect(patterns[0] == EntityPattern(label: "OS", id: "ubuntu", body: .phrase("Ubuntu Linux")))
        guard case .tokens(let slots) = patterns[3].body else { Issue.record("expected tokens"); return }
        #expect(slots[1].quantifier == .range(min: 1, max: 2))
        #expect(slots[0].constraints.contains(TokenPattern.Constraint(attribute: .length, predicate: .compare(.greaterOrEqual, 2))))
        let extractor = EntityExtractor(ruler: try EntityRuler(patterns: patterns))
        let found = extractor.extract("Ubuntu Linux with python 3 and 4 GB").map { "\($0.type):\($0.value)" }
        #expect(found.contains("OS:ubuntu"))
        #expect(found.contains("VER:python 3"))
        #expect(found.contains("SIZE:4 GB"))
    }

    @Test("Bad pattern lines name the file and line", arguments: [
        "{\"label\": \"X\", \"pattern\": [{\"FUZZY\": \"x\"}]}",
        "{\"label\": \"X\", \"pattern\": [{\"IS_DIGIT\": \"yes\"}]}",
        "{\"label\": \"X\", \"pattern\": [{\"OP\": \"%\"}]}",
        "{\"label\": \"X\", \"pattern\": [{\"TEXT\": {\"REGEX\": \"([a\"}}]}",
        "{\"pattern\": \"x\"}",
        "not json",
    ])
    func badPatterns(line: String) {
        #expect {
            try EntityPatternLoader.parse("{\"label\": \"OK\", \"pattern\": \"fine\"}\n\(line)\n", file: "p.jsonl")
        } throws: { "\($0)".hasPrefix("p.jsonl:2: ") }
    }

    @Test("Gazetteer schemas reference term files relative to themselves")
    func gazetteerFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dbind-gazetteer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("lists"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "# editors\nVisual Studio Code\nvim\n\n".write(to: directory.appendingPathComponent("lists/editors.txt"), atomically: true, encoding: .utf8)
        let schema = directory.appendingPathComponent("gazetteers.yaml")
        try "gazetteers:\n  - name: editors\n    type: SOFTWARE\n    file: lists/editors.txt\n".write(to: schema, atomically: true, encoding: .utf8)
        var gazetteer = Gazetteer()
        try GazetteerLoader.load(schemaPath: schema.path, into: &gazetteer)
        #expect(gazetteer.entries.map(\.term) == ["Visual Studio Code", "vim"])
        let found = EntityExtractor(gazetteer: gazetteer).extract("I use visual studio code, not vimrc")
        #expect(found.map(\.rule) == ["gazetteer:editors"])
        #expect(found.first?.value == "Visual Studio Code")
    }
}
