import DBindCore
import DBindFormats
import DBindStore
import Foundation

/// Reads the store once and computes the community report or the interaction graph files.
public struct ReportJob {
    public var store: Store
    public var channels: Set<Snowflake>?
    public var since: Timestamp?
    public var until: Timestamp?

    public init(store: Store, channels: Set<Snowflake>? = nil, since: Timestamp? = nil, until: Timestamp? = nil) {
        self.store = store
        self.channels = channels
        self.since = since
        self.until = until
    }

    /// The community report of the selected channels and time range.
    public func report() throws -> CommunityReport {
        CommunityReport(try store.reportInput(channels: channels, since: since, until: until))
    }

    /// The member interaction graph of the selected channels and time range, with its metrics,
    /// ready to write as files; reads and computes only what the graph needs.
    public func graph() throws -> GraphFiles {
        let input = try store.reportInput(channels: channels, since: since, until: until, scope: .graph)
        let graph = input.interactionGraph()
        return GraphFiles(graph: graph, metrics: GraphMetrics(graph: graph), channels: input.channels,
                          kinds: Dictionary(input.channelKinds.map { ($0.channel, $0.kind) }, uniquingKeysWith: { a, _ in a }),
                          postings: input.postings())
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Writes the graph files into `directory`: the Neo4j import CSVs, `graph.graphml` and `graph.gexf`.
    public static func writeGraph(_ files: GraphFiles, to directory: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw Failure(description: "\(directory): is a file; the graph is a folder of files, so give a folder")
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw Failure(description: "\(directory): cannot create the folder: \((error as NSError).localizedDescription)")
        }
        try files.write(to: directory)
    }
}

/// Prints an HTML file to PDF through headless Chromium.
public enum PDFPrinter {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The first Chromium-family browser on the PATH.
    public static func browser() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for folder in path.split(separator: ":") {
                let candidate = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    public static func print(html: String, to pdf: String) throws {
        guard let browser = browser() else {
            throw Failure(description: "\(pdf): printing to PDF needs Chromium; install it (Debian: apt-get install chromium) or open the HTML report and print it")
        }
        let url = URL(fileURLWithPath: pdf)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp.pdf").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw",
                             "--print-to-pdf=\(temporary)", URL(fileURLWithPath: html).absoluteString]
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readRetryingInterrupts(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: temporary) else {
            try? FileManager.default.removeItem(atPath: temporary)
            let last = message.split(separator: "\n").last.map(String.init) ?? "exit \(process.terminationStatus)"
            throw Failure(description: "\(pdf): Chromium could not print the report: \(last)")
        }
        guard rename(temporary, pdf) == 0 else { throw Failure(description: "\(pdf): cannot put the PDF in place") }
    }
}
