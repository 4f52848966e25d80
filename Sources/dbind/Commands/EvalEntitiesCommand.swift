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
        let result = TextEvaluation.entities(gold.items, ruler: try CLIError.wrap { try EntityPatternLoader.ruler(paths: patternFiles) })
        for file in gold.skipped { print("skipped \(file): needs \(options.data)") }
        if options.errors {
            for error in result.scores.errors {
                let item = result.items[error.item]
                let text = String(String.UnicodeScalarView(Array(item.text.unicodeScalars)[error.span.start..<error.span.end]))
                let where_ = item.file.map { "\($0):\(item.line ?? 0)" } ?? "written:\(item.goldLine)"
                print("\(error.kind == "false-positive" ? "FALSE " : "MISSED") \(error.span.type)\t\(text)\t\(where_)")
            }
        }
        let patternTypes = Set(EntityType.patternDefined.map(\.rawValue))
        let patternScore = result.scores.micro(patternTypes)
        let overall = result.scores.micro()
        for (type, score) in result.scores.byType.sorted(by: { $0.key < $1.key }) { print(EvalFormatting.row(type, score)) }
        print(EvalFormatting.row("pattern types", patternScore))
        print(EvalFormatting.row("all types", overall))
        if options.json {
            var summary: [String: Any] = ["all": overall.summary, "pattern_defined": patternScore.summary,
                                          "by_type": result.scores.byType.mapValues(\.summary),
                                          "by_source": result.bySource.mapValues { $0.micro().summary },
                                          "items": result.items.count, "skipped_files": gold.skipped]
            summary["gold_spans"] = overall.support
            print(try JSONOutput.line(object: summary))
        }
    }
}
