import ArgumentParser
import DBindPipeline
import DBindCore
import DBindFormats

/// `dbind eval entities`: exact-span entity P/R/F1 per type on the gold sets.
struct EvalEntitiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "entities", abstract: "Entity P/R/F1 per type against gold spans.")

    @OptionGroup var options: EvalDataOptions

    @Option(name: .customLong("patterns"), help: "spaCy EntityRuler pattern file (JSONL) to add; repeatable.")
    var patternFiles: [String] = []

    func run() throws {
        let gold = try TextEvaluation.loadGold(files: options.goldFiles.isEmpty ? TextEvaluation.defaultGoldFiles : options.goldFiles,
                                               dataRoot: options.data)
        let result = TextEvaluation.entities(gold.items, ruler: try EntityPatternLoader.ruler(paths: patternFiles))
        try TextEvaluation.requireScored(result.items.count, skipped: gold.skipped, dataRoot: options.data)
        for file in gold.skipped { print("skipped \(file): needs \(options.data)") }
        if options.errors {
            for error in result.scores.errors {
                let item = result.items[error.item]
                let text = String(String.UnicodeScalarView(Array(item.text.unicodeScalars)[error.span.start..<error.span.end]))
                let where_ = item.file.map { "\($0):\(item.line ?? 0)" } ?? "written:\(item.goldLine)"
                print("\(error.kind == "false-positive" ? "FALSE " : "MISSED") \(error.span.type)\t\(text)\t\(where_)")
            }
        }
        let report = EntityEvalReport(result, skipped: gold.skipped)
        for (type, score) in report.byType.sorted(by: { $0.key < $1.key }) { print(EvalFormatting.row(type, score)) }
        print(EvalFormatting.row("pattern types", report.patternDefined))
        print(EvalFormatting.row("all types", report.all))
        if options.json { print(JSONOutput.line(report)) }
    }
}
