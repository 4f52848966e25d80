import ArgumentParser
import DBindPipeline
import DBindCore
import DBindFormats

/// `dbind eval questions`: line-level question detection P/R/F1 on the gold sets.
struct EvalQuestionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "questions", abstract: "Question detection P/R/F1 against gold lines.")

    @OptionGroup var options: EvalDataOptions

    @Option(help: "Question rules (YAML). Default: schemas/questions.yaml when present, else the built-in rules.")
    var questionRules: String?

    func run() throws {
        let gold = try TextEvaluation.loadGold(files: options.goldFiles.isEmpty ? TextEvaluation.defaultGoldFiles : options.goldFiles,
                                               dataRoot: options.data)
        let resources = try TextResources.load(questionRules: questionRules)
        let result = TextEvaluation.questions(gold.items, detector: resources.questions)
        try TextEvaluation.requireScored(result.scored, skipped: gold.skipped, dataRoot: options.data)
        for file in gold.skipped { print("skipped \(file): needs \(options.data)") }
        if options.errors {
            for (item, predicted) in result.errors {
                let where_ = item.file.map { "\($0):\(item.line ?? 0)" } ?? "written:\(item.goldLine)"
                print("\(predicted.isEmpty ? "MISSED" : "FALSE ") \(where_)\t\(item.text)\t\(predicted.map(\.rule).joined(separator: ","))")
            }
        }
        print(EvalFormatting.row("all", result.overall))
        for (source, score) in result.bySource.sorted(by: { $0.key < $1.key }) { print(EvalFormatting.row(source, score)) }
        for kind in QuestionKind.allCases { if let score = result.byKind[kind] { print(EvalFormatting.row("kind " + kind.rawValue, score)) } }
        if options.json { print(JSONOutput.line(QuestionEvalReport(result, gold: gold.items, skipped: gold.skipped))) }
    }
}

/// Table rows for evaluation output.
enum EvalFormatting {

    static func row(_ name: String, _ score: PRF) -> String {
        let pad = name.padding(toLength: 16, withPad: " ", startingAt: 0)
        return "\(pad) P \(format(score.precision))  R \(format(score.recall))  F1 \(format(score.f1))  (tp \(score.truePositives), fp \(score.falsePositives), fn \(score.falseNegatives))"
    }

    static func format(_ value: Double) -> String {
        let scaled = Int((value * 1000).rounded())
        return "\(scaled / 1000).\(String(scaled % 1000).leftPadded(3))"
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
