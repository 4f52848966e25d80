import DBindCore
import DBindFormats
import DBindStore
import Foundation

/// `export --partition-by channel`: one folder per channel, Hive-style
/// (`DIR/channel_id=ID/part-00000.jsonl`), and `_SUCCESS` when all are written — the layout
/// Spark and DuckDB read as a table partitioned by `channel_id`. The folder is built under a
/// temporary name beside `DIR` and renamed when complete.
public struct PartitionedExport {
    public var job: ExportJob
    public var directory: String
    public var compress: Bool

    public init(job: ExportJob, directory: String, compress: Bool = false) {
        self.job = job
        self.directory = directory
        self.compress = compress
    }

    public func run() throws -> ExportReport {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: directory, isDirectory: &isDirectory),
           !isDirectory.boolValue || !((try? fm.contentsOfDirectory(atPath: directory))?.isEmpty ?? false) {
            throw PipeError(description: "\(directory): exists and is not an empty folder; choose a new folder")
        }
        let parent = (directory as NSString).deletingLastPathComponent
        let temporary = (parent.isEmpty ? "." : parent) + "/." + (directory as NSString).lastPathComponent + "."
            + UUID().uuidString + ".tmp"
        try fm.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        TemporaryPaths.register(temporary)
        defer { TemporaryPaths.unregister(temporary) }
        var total = ExportReport(units: 0, messages: 0, bytes: 0, seconds: 0, format: job.format.rawValue,
                                 unit: job.unit.rawValue, out: directory)
        let start = Date()
        do {
            let selected = job.channels
            for channel in try job.store.channels() where selected?.contains(channel.id) ?? true {
                let folder = temporary + "/channel_id=\(channel.id)"
                try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
                var part = job
                part.channels = [channel.id]
                let report = try part.run(into: try LineSink(path: folder + "/part-00000.jsonl" + (compress ? ".gz" : "")))
                if report.units == 0 {
                    try fm.removeItem(atPath: folder)
                    continue
                }
                total.units += report.units
                total.messages += report.messages
                total.bytes += report.bytes
            }
            guard fm.createFile(atPath: temporary + "/_SUCCESS", contents: Data()) else {
                throw PipeError(description: "\(temporary)/_SUCCESS: cannot create the marker of a finished export")
            }
            if fm.fileExists(atPath: directory) { try fm.removeItem(atPath: directory) }
            try fm.moveItem(atPath: temporary, toPath: directory)
        } catch {
            try? fm.removeItem(atPath: temporary)
            throw error
        }
        total.seconds = (Date().timeIntervalSince(start) * 1000).rounded() / 1000
        return total
    }
}
