#if canImport(Glibc)
import DBindTestSupport
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DBindCore
import DBindStore
import Foundation
import Synchronization
import Testing

/// A running `dbind review` process fed line by line, its output collected as it comes.
final class LiveReview: @unchecked Sendable {
    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let lock = NSLock()
    private var collected = Data()

    init(_ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: CLI.executable)
        process.arguments = ["review"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: CLI.root)
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.withLock { self.collected.append(data) }
        }
        try process.run()
    }

    var text: String { lock.withLock { String(decoding: collected, as: UTF8.self) } }

    func send(_ line: String) { input.fileHandleForWriting.write(Data((line + "\n").utf8)) }

    /// Waits until the output contains `marker` (at most `seconds`).
    func wait(for marker: String, seconds: Double = 20) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if text.contains(marker) { return true }
            usleep(10_000)
        }
        return false
    }

    func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        output.fileHandleForReading.readabilityHandler = nil
    }
}

@Suite("review and agreement commands")
struct ReviewCommandTests {
    /// The fixture guild ingested into a fresh database, and its #support messages a reviewer sees first.
    func guild() throws -> (db: String, support: [String]) {
        let dir = try temporaryDirectory("dbind-cli")
        let db = dir + "/guild.sqlite"
        let ingest = try CLI.run(["ingest", "--db", db, "fixtures/guild"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let store = try Store(path: db)
        let support = try store.messages(channel: Snowflake(910928213307360147))
            .filter { !$0.kind.isSystem }.sorted { $0.id < $1.id }.map(\.id.description)
        return (db, support)
    }

    func labels(_ db: String, annotator: String) throws -> [String: String] {
        try Store(path: db).labelValues(labelSet: "message-intent").compactMapValues { $0[annotator] }
    }

    @Test("killed with SIGKILL mid-session: every acknowledged decision is kept, and the next session resumes after them")
    func crashSafety() throws {
        let (db, support) = try guild()
        let review = try LiveReview(["--db", db, "--queue", "unlabeled", "--channel", "support", "--annotator", "alice"])
        #expect(review.wait(for: "> "))
        for (index, key) in ["q", "a", "qt"].enumerated() {
            review.send(key)
            #expect(review.wait(for: "saved #\(index + 1):"), "\(review.text)")
        }
        review.kill9()
        #expect(review.process.terminationReason == .uncaughtSignal)
        #expect(try labels(db, annotator: "alice") == [support[0]: "question", support[1]: "answer", support[2]: "question,thanks"])
        let history = try Store(path: db).history(annotator: "alice")
        #expect(history.map(\.itemID) == Array(support.prefix(3)))
        let resumed = try CLI.run(["review", "--db", db, "--queue", "unlabeled", "--channel", "support", "--annotator", "alice"],
                                  stdin: "quit\n")
        #expect(resumed.stdout.hasPrefix("Resuming unlabeled · message-intent for alice."))
        #expect(resumed.stdout.contains("message \(support[3]) · #support"))
    }

    @Test("two annotators reviewing the same database at once, in two processes, both keep all their work")
    func twoProcesses() throws {
        let (db, _) = try guild()
        let annotators = [("alice", "q"), ("bob", "a")]
        let statuses = Mutex([Int32](repeating: -1, count: annotators.count))
        DispatchQueue.concurrentPerform(iterations: annotators.count) { index in
            let (name, key) = annotators[index]
            let result = try? CLI.run(["review", "--db", db, "--queue", "unlabeled", "--annotator", name],
                                      stdin: String(repeating: key + "\n", count: 30) + "quit\n")
            statuses.withLock { $0[index] = result?.status ?? -1 }
        }
        #expect(statuses.withLock { $0 } == [0, 0])
        let alice = try labels(db, annotator: "alice")
        let bob = try labels(db, annotator: "bob")
        #expect(alice.count == 30 && alice.values.allSatisfy { $0 == "question" })
        #expect(bob.count == 30 && bob.values.allSatisfy { $0 == "answer" })
        #expect(try Store(path: db).history().count == 60)
    }

    @Test("decisions from a script file and from a pipe give exactly the same store")
    func scriptEqualsPipe() throws {
        let lines = ["q", "a", "zz", "qt", "<", "n", "note check this one", "u", "g", ".", "/gas", "a", "%", "t", "quit"]
        let (piped, support) = try guild()
        let (scripted, _) = try guild()
        let script = (scripted as NSString).deletingLastPathComponent + "/decisions.txt"
        try lines.joined(separator: "\n").write(toFile: script, atomically: true, encoding: .utf8)
        let arguments = ["review", "--queue", "unlabeled", "--channel", "support", "--annotator", "alice"]
        let a = try CLI.run(arguments + ["--db", piped], stdin: lines.joined(separator: "\n") + "\n")
        let b = try CLI.run(arguments + ["--db", scripted, "--script", script])
        #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
        // Progress counts arrive from a background count, so they may or may not be on a given screen.
        let withoutCounts = { (text: String) in
            text.replacingOccurrences(of: #" · \d+/\d+ done"#, with: "", options: .regularExpression)
                .replacingOccurrences(of: #" · (\d+ of \d+ items done \(\d+%\)|still counting the queue)"#, with: "", options: .regularExpression)
                .replacingOccurrences(of: #" ─+\n"#, with: " ─\n", options: .regularExpression)
        }
        #expect(withoutCounts(a.stdout) == withoutCounts(b.stdout))
        #expect(withoutCounts(a.stdout).contains("── unlabeled · message-intent · item 1 ─\n"))
        #expect(try labels(piped, annotator: "alice") == labels(scripted, annotator: "alice"))
        let history = { (db: String) in try Store(path: db).history().map { [$0.action.rawValue, $0.itemID, $0.oldValue ?? "-", $0.newValue ?? "-", $0.note ?? "-"] } }
        #expect(try history(piped) == history(scripted))
        #expect(try labels(piped, annotator: "alice")[support[0]] == "question")
        #expect(a.stdout.contains("> zz\n? unknown label or command 'zz'"), "piped input is echoed after the prompt")
    }

    @Test("agreement: kappa, alpha and the disagreeing item for two annotators, as text and JSON")
    func agreement() throws {
        let (db, support) = try guild()
        let base = ["review", "--db", db, "--queue", "unlabeled", "--channel", "support"]
        #expect(try CLI.run(base + ["--annotator", "alice"], stdin: "q\na\nq\nt\nquit\n").status == 0)
        // bob double-annotates alice's items.
        #expect(try CLI.run(base + ["--annotator", "bob", "--labeled-by", "alice"], stdin: "q\na\na\nt\nquit\n").status == 0)
        let json = try CLI.run(["agreement", "--db", db, "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let report = try #require((try json.json() as? [String: Any])?["label_sets"] as? [[String: Any]])
        let intent = try #require(report.first { $0["label_set"] as? String == "message-intent" })
        #expect(intent["items"] as? Int == 4)
        #expect(intent["agreed"] as? Int == 3)
        // po = 3/4, pe = (2·1 + 1·2 + 1·1)/16 = 5/16 → kappa = 0.4375/0.6875; alpha = 1 - 7·2/42.
        #expect(abs((intent["kappa"] as? Double ?? 0) - 0.4375 / 0.6875) < 1e-9)
        #expect(abs((intent["alpha"] as? Double ?? 0) - 2.0 / 3.0) < 1e-9)
        let disagreements = try #require(intent["disagreements"] as? [[String: Any]])
        #expect(disagreements.count == 1)
        #expect(disagreements.first?["item"] as? String == support[2])
        let text = try CLI.run(["agreement", "--db", db])
        #expect(text.stdout.contains("message-intent"))
        #expect(text.stdout.contains("0.636"))
        #expect(text.stdout.contains("\(support[2])  alice=question  bob=answer"))
        let unknown = try CLI.run(["agreement", "--db", db, "--label-set", "colours", "--json"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("no labels of the label set \"colours\"") && unknown.stderr.contains("message-intent"),
                "\(unknown.stderr)")
    }

    @Test("bad arguments: one error line and a non-zero exit")
    func badArguments() throws {
        let (db, _) = try guild()
        let unknownSet = try CLI.run(["review", "--db", db, "--label-set", "colours", "--annotator", "a"], stdin: "")
        #expect(unknownSet.status != 0)
        #expect(unknownSet.stderr.contains("no label set 'colours'"))
        let unknownChannel = try CLI.run(["review", "--db", db, "--queue", "unlabeled", "--channel", "nowhere", "--annotator", "a"], stdin: "")
        #expect(unknownChannel.status != 0)
        #expect(unknownChannel.stderr.contains("no channel named or numbered \"nowhere\""), "the same words as tag and export")
        let wrongLevel = try CLI.run(["review", "--db", db, "--queue", "channels", "--label-set", "message-intent", "--annotator", "a"], stdin: "")
        #expect(wrongLevel.stderr.contains("needs a channel label set"))
        for blank in ["", "  "] {
            for command in [["review", "--db", db, "--queue", "unlabeled"], ["import-labels", "--db", db, "/dev/null"]] {
                let run = try CLI.run(command + ["--annotator", blank], stdin: "y\n")
                #expect(run.status != 0 && run.stderr.contains("--annotator is blank"), "\(command[0]) '\(blank)': \(run.stderr)")
            }
        }
        #expect(try Store(path: db).history(annotator: "").isEmpty && Store(path: db).history(annotator: "  ").isEmpty)
        for command in [["review", "--db", db, "--annotator", "a", "--min-confidence", "2"], ["review", "--db", db, "--annotator", "a", "--max-confidence=-1"],
                        ["export", "--db", db, "--min-confidence", "1.5"], ["tags", "--db", db, "--min-confidence", "7"]] {
            let run = try CLI.run(command, stdin: "")
            #expect(run.status != 0 && run.stderr.contains("must be between 0 and 1"), "\(command): \(run.stderr)")
        }
        for command in ["review", "agreement"] {
            let help = try CLI.run([command, "--help"])
            #expect(help.stdout.contains("Examples:"), "\(command)")
        }
    }
}
