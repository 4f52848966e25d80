import DBindCore
import DBindFormats
import DBindTestSupport
import Foundation
import Testing

@Suite struct IRCDisentanglementLoaderTests {
    static let raw = """
    [23:58] <Alice> my wifi drops every few minutes
    === Bob [~bob@host.example] has joined #ubuntu
    [23:59] <Bob> alice: which card is it?
    === Bob is now known as Bobby
    [00:01]  * Alice checks lspci
    [00:02] <Bobby> try iwconfig, Alice
    === Carol wonders about grub
    === Carol has quit IRC

    """

    @Test func parsesMessagesAuthorsMentionsAndKinds() throws {
        let messages = try IRCDisentanglementLoader.parseRaw(Self.raw, name: "2020-01-01_23", ordinal: 0, file: "x.raw.txt")
        #expect(messages.count == 8)
        #expect(messages.map(\.kind.isSystem) == [false, true, false, true, false, false, false, true])
        #expect(messages[0].author.name == "Alice")
        #expect(messages[2].content == "alice: which card is it?")
        #expect(messages[2].mentions.map(\.id) == [messages[0].author.id])
        #expect(messages[4].author.id == messages[0].author.id)
        #expect(messages[4].content == "checks lspci")
        // The renamed user keeps the id and is known under the new nick.
        #expect(messages[5].author.id == messages[2].author.id)
        #expect(messages[5].author.name == "Bobby")
        #expect(messages[5].mentions.map(\.name) == ["Alice"])
        // An old-style action written as a notice is user text.
        #expect(messages[6].content == "wonders about grub")
        #expect(messages[6].mentions.isEmpty)
        #expect(Set(messages.map(\.channelID)) == [Snowflake(1)])
        #expect(IRCDisentanglementLoader.line(of: messages[7].id) == 7)
    }

    @Test func clockRollsOverMidnightAndNoticesTakeThePreviousTime() throws {
        let messages = try IRCDisentanglementLoader.parseRaw(Self.raw, name: "2020-01-01_23", ordinal: 0, file: "x.raw.txt")
        let minutes = messages.map { ($0.timestamp.milliseconds - messages[0].timestamp.milliseconds) / 60_000 }
        #expect(minutes == [0, 0, 1, 1, 3, 4, 4, 4])
        #expect(messages[0].timestamp.iso8601UTC.hasPrefix("2020-01-01T23:58"))
    }

    @Test func annotationLinksAreOrderedAndChecked() throws {
        let links = try IRCDisentanglementLoader.parseAnnotation("0 2 -\n3 3 -\n5 4 -\n", lineCount: 6, file: "x.annotation.txt")
        #expect(links.map(\.antecedent) == [0, 3, 4])
        #expect(links.map(\.message) == [2, 3, 5])
        #expect(throws: IRCFormatError.self) {
            try IRCDisentanglementLoader.parseAnnotation("0 2 -\n1 9 -\n", lineCount: 6, file: "x.annotation.txt")
        }
        do {
            _ = try IRCDisentanglementLoader.parseAnnotation("0 2 -\nzero one -\n", lineCount: 6, file: "x.annotation.txt")
        } catch let error as IRCFormatError {
            #expect(error.description.hasPrefix("x.annotation.txt:2: "))
        }
    }

    @Test("bridged lines and channel notices are messages of their nick; other clocked lines are notices, so numbering holds")
    func bridgesAndNotices() throws {
        let raw = """
        [01:09] (soundray/#ubuntu) thomas: have you seen the wiki page?
        [05:12] -gfxt:#ubuntu- happy holidays to all
        [05:13] !!! netsplit between two servers
        [05:14] <thomas> soundray: yes, thanks

        """
        let messages = try IRCDisentanglementLoader.parseRaw(raw, name: "2006-12-06", ordinal: 0, file: "x.raw.txt")
        #expect(messages.count == 4)
        #expect(messages.map(\.author.name) == ["soundray", "gfxt", "*", "thomas"])
        #expect(messages[0].content == "thomas: have you seen the wiki page?" && messages[0].kind == .default)
        #expect(messages[1].content == "happy holidays to all")
        #expect(messages[2].kind.isSystem && !messages[3].kind.isSystem)
        #expect(messages[3].mentions.map(\.name) == ["soundray"])
    }

    @Test func badRawLineNamesFileAndLine() {
        do {
            _ = try IRCDisentanglementLoader.parseRaw("[10:00] <a> hi\nnot a log line\n", name: "n", ordinal: 0, file: "f.raw.txt")
            Issue.record("expected an error")
        } catch let error as IRCFormatError {
            #expect(error.file == "f.raw.txt" && error.line == 2)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}

/// The real Ubuntu IRC dev split (Kummerfeld et al. 2019), read in place from ../shared/data.
enum DevData {
    static let directory = RepoPaths.sharedDataURL.appendingPathComponent("irc-disentanglement/dev").path
    static var isPresent: Bool { FileManager.default.fileExists(atPath: directory + "/gold.dev.clusters.txt") }
}

@Suite(.enabled(if: DevData.isPresent, "needs ../shared/data/irc-disentanglement/dev"))
struct IRCDisentanglementDevTests {
    @Test func goldConversationsReproduceThePublishedClusters() throws {
        let samples = try IRCDisentanglementLoader.load(directory: DevData.directory)
        #expect(samples.count == 10)
        var published: Set<String> = []
        let clusters = try String(contentsOfFile: DevData.directory + "/gold.dev.clusters.txt", encoding: .utf8)
        for line in clusters.split(separator: "\n") {
            let parts = line.split(separator: ":")
            guard parts.count == 2 else { continue }
            let ids = parts[1].split(separator: " ").compactMap { Int($0) }.sorted()
            published.insert(String(parts[0]) + ":" + ids.map(String.init).joined(separator: " "))
        }
        var ours: Set<String> = []
        for sample in samples {
            let evaluation = sample.evaluation
            let labels = DisentanglementEvaluator.components(
                count: evaluation.messageCount, links: evaluation.goldLinks.map { ($0.antecedent, $0.message) })
            var members: [Int: [Int]] = [:]
            for k in evaluation.firstAnnotated..<evaluation.messageCount { members[labels[k], default: []].append(k) }
            for ids in members.values { ours.insert(sample.name + ":" + ids.map(String.init).joined(separator: " ")) }
        }
        #expect(ours == published)
    }

    /// The README's check of the metric code: "previous" with every `===` line as a system
    /// message gives link F 30.2, 1-VI 66.2, 1-1 23.9; all-new gives 1-VI 68.6, 1-1 19.8.
    @Test func publishedBaselineNumbersAreReproduced() throws {
        let samples = try IRCDisentanglementLoader.load(directory: DevData.directory)
        var previousRuns: [(sample: DisentanglementSample, predicted: [Int])] = []
        var newRuns: [(sample: DisentanglementSample, predicted: [Int])] = []
        for sample in samples {
            let raw = try String(contentsOfFile: DevData.directory + "/\(sample.name).raw.txt", encoding: .utf8)
            let notice = raw.split(separator: "\n").map { $0.hasPrefix("===") }
            var predicted: [Int] = []
            var last: Int?
            for (k, isNotice) in notice.enumerated() {
                predicted.append(isNotice ? k : (last ?? k))
                if !isNotice { last = k }
            }
            previousRuns.append((sample.evaluation, predicted))
            newRuns.append((sample.evaluation, Array(0..<sample.messages.count)))
        }
        let previous = DisentanglementEvaluator.score(previousRuns)
        #expect(abs(previous.linkF1 - 30.2) < 0.05)
        #expect(abs(previous.clusters.scaledVI - 66.2) < 0.05)
        #expect(abs(previous.clusters.oneToOne - 23.9) < 0.05)
        #expect(previous.clusters.f1 == 0)
        let allNew = DisentanglementEvaluator.score(newRuns)
        #expect(abs(allNew.clusters.scaledVI - 68.6) < 0.05)
        #expect(abs(allNew.clusters.oneToOne - 19.8) < 0.05)
    }

    /// Beats every trivial baseline and the paper's heuristic baselines (Elsner & Charniak
    /// 82.1 / 51.4 / 15.5, Lowe et al. 80.6 / 53.7 / 8.9 on test) on all three metrics.
    @Test func segmenterBeatsTheHeuristicBaselines() throws {
        let samples = try IRCDisentanglementLoader.load(directory: DevData.directory)
        let inputs = samples.map { SegmentEvaluation.Input(sample: $0.evaluation, messages: $0.messages.map(SegmentMessage.init)) }
        let evaluation = SegmentEvaluation(inputs: inputs, segmenter: Segmenter())
        #expect(evaluation.overall.messages == 2500)
        let overall = evaluation.overall.clusters
        #expect(overall.scaledVI > 82.1)
        #expect(overall.oneToOne > 53.7)
        #expect(overall.f1 > 15.5)
        for (baseline, scores) in evaluation.baselines {
            #expect(overall.scaledVI > scores.clusters.scaledVI, "1-VI vs \(baseline)")
            #expect(overall.oneToOne > scores.clusters.oneToOne, "1-1 vs \(baseline)")
            #expect(overall.f1 > scores.clusters.f1, "F vs \(baseline)")
            #expect(evaluation.overall.linkAccuracy > scores.linkAccuracy, "links vs \(baseline)")
        }
    }
}
