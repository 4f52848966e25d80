import DBindTestSupport
import Foundation
import Testing

let sparkReady = Shell.succeeds(["sh", "-c", "command -v java"]) && Python.hasModule("pyspark") && Python.hasModule("duckdb")

/// The Spark job (scripts/spark/dbind_spark.py) against the single-machine run.
@Suite("Spark with dbind as the worker", .serialized, .enabled(if: sparkReady, "needs java, pyspark and duckdb (pip install pyspark duckdb)"))
struct SparkTests {
    /// Ingests, tags and exports `input` on one machine; returns the export's path.
    func singleMachine(_ input: String, dir: String) throws -> String {
        let db = dir + "/single.sqlite", out = dir + "/single.jsonl"
        #expect(try CLI.run(["ingest", "--db", db, input]).status == 0)
        #expect(try CLI.run(["tag", "--db", db]).status == 0)
        #expect(try CLI.run(["export", "--db", db, "--out", out]).status == 0)
        let partitioned = try CLI.run(["export", "--db", db, "--partition-by", "channel", "--out", dir + "/partitioned"])
        #expect(partitioned.status == 0, "\(partitioned.stderr)")
        return out
    }

    /// Runs the job from the output's folder, as on a cluster, where no worker runs in the
    /// repository: what the workers use comes from the folders the job ships.
    func spark(_ input: String, output: String, extra: [String] = []) throws -> (status: Int32, json: [String: Any]?, stderr: String) {
        let run = try Program.run("python3", [CLI.root + "/scripts/spark/dbind_spark.py", "--input", input, "--output", output,
                                              "--master", "local[2]", "--dbind", CLI.executable, "--partitions", "3",
                                              "--schemas", CLI.root + "/schemas", "--json"] + extra,
                                  directory: (output as NSString).deletingLastPathComponent)
        return (run.status, run.lastJSON() as? [String: Any], run.errors)
    }

    @Test("fixture guild and a generated 20,000-message guild: Spark's output is the single run's, DuckDB and Spark count the same",
          arguments: ["fixture", "generated"])
    func sameAsSingleMachine(_ guild: String) throws {
        let dir = try temporaryDirectory("dbind-cli")
        var input = CLI.root + "/fixtures/guild"
        if guild == "generated" {
            input = dir + "/guild"
            #expect(try CLI.run(["fixtures", "generate", "--messages", "20000", "--channels", "6", "--seed", "11", "--out", input]).status == 0)
        }
        let single = try singleMachine(input, dir: dir)
        let run = try spark(input, output: dir + "/spark", extra: guild == "generated" ? ["--gzip"] : [])
        #expect(run.status == 0, "\(run.stderr.suffix(2000))")
        let report = try #require(run.json, "\(run.stderr.suffix(2000))")
        #expect(FileManager.default.fileExists(atPath: dir + "/spark/_SUCCESS"))
        for output in [dir + "/spark", dir + "/partitioned"] {
            let check = try #require(try Python.json(["scripts/spark/check_output.py", output, single]).json)
            #expect(check["same_lines"] as? Bool == true, "\(output): \(check)")
            #expect(check["duckdb_count"] as? Int == check["single_count"] as? Int)
            #expect(check["duckdb_count"] as? Int == report["conversations"] as? Int, "Spark's read.json and DuckDB agree")
            #expect(check["duckdb_channels"] as? Int == report["channels"] as? Int)
        }
        #expect((report["conversations"] as? Int ?? 0) > (guild == "fixture" ? 150 : 1000))
    }

    @Test("a worker that fails on a file fails the job loudly: non-zero exit, the file named, no _SUCCESS")
    func failingWorker() throws {
        let dir = try temporaryDirectory("dbind-cli")
        let input = dir + "/guild"
        try FileManager.default.copyItem(atPath: CLI.root + "/fixtures/guild", toPath: input)
        let victim = try #require(try FileManager.default.contentsOfDirectory(atPath: input).first { $0.contains("general") })
        let path = input + "/" + victim
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
        // The context pass reads every file first: it stops the job before Spark starts.
        let early = try spark(input, output: dir + "/spark")
        #expect(early.status != 0 && early.stderr.contains(victim), "\(early.stderr.suffix(1000))")
        #expect(!FileManager.default.fileExists(atPath: dir + "/spark/_SUCCESS"))
        // A file that breaks only on the worker (changed after the context pass) fails the Spark job.
        let context = dir + "/ctx.json"
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(try CLI.run(["context", "--out", context, input]).status == 0)
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
        let pipe = try CLI.run(["pipe", "--context", context, path])
        #expect(pipe.status != 0 && pipe.stderr.contains(victim), "\(pipe.stderr)")
        let late = try spark(input, output: dir + "/spark-late", extra: ["--context", context])
        #expect(late.status != 0 && late.stderr.contains("dbind pipe failed") && late.stderr.contains(victim),
                "\(late.stderr.suffix(1500))")
        #expect(!FileManager.default.fileExists(atPath: dir + "/spark-late/_SUCCESS"))
    }
}
