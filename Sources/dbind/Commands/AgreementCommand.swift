import ArgumentParser
import DBindCore
import DBindPipeline
import DBindStore

/// `dbind agreement`: how well annotators agree, per label set.
struct AgreementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agreement",
        abstract: "Inter-annotator agreement per label set: kappa, alpha and the disagreeing items.",
        discussion: """
        For each label set: the items labeled by two or more annotators, how many of them every \
        annotator labeled the same, Cohen's kappa (when exactly two annotators labeled the set), \
        Krippendorff's alpha (nominal, any number of annotators), and the items they disagree on. \
        A multi-label choice counts as one value (the whole set of labels).

        Examples:
          dbind agreement
          dbind agreement --label-set channel-kind --json | jq .label_sets[0].kappa
        """
    )

    @OptionGroup var store: StoreOptions

    @Option(name: .customLong("label-set"), help: ArgumentHelp("Only this label set.", valueName: "name"))
    var labelSet: String?

    @Option(help: "Disagreeing items listed per label set in the text report.")
    var show: Int = 20

    @Flag(help: "Print the report as one JSON object.")
    var json = false

    func run() throws {
        let store = try self.store.open()
        let labeled = try store.labeledSetNames()
        if let labelSet, !labeled.contains(labelSet) {
            let known = labeled.isEmpty ? "no label set has labels yet" : "label sets with labels: " + labeled.joined(separator: ", ")
            throw CLIError("no labels of the label set \"\(labelSet)\" in the store (\(known))")
        }
        let names = labelSet.map { [$0] } ?? labeled
        let reports = try names.map { AgreementReport(labelSet: $0, values: try store.labelValues(labelSet: $0)) }
        if json {
            struct Report: Encodable { var label_sets: [AgreementReport] }
            printReport(JSONOutput.line(Report(label_sets: reports)) + "\n")
            return
        }
        guard !reports.isEmpty else {
            printReport("No labels in the store yet.\n")
            return
        }
        let metric = { (value: Double?) in value.map { String(format: "%.3f", $0) } ?? "n/a" }
        var text = TextTable.render(
            header: ["label set", "annotators", "items ≥2", "agreed", "kappa", "alpha"],
            rows: reports.map { [$0.labelSet, String($0.annotators.count), String($0.items), String($0.agreed),
                                 metric($0.kappa), metric($0.alpha)] })
        for report in reports where !report.disagreements.isEmpty {
            text += "\n\(report.labelSet): \(report.disagreements.count) disagreeing item\(report.disagreements.count == 1 ? "" : "s")\n"
            for disagreement in report.disagreements.prefix(show) {
                let values = disagreement.values.sorted { $0.key < $1.key }
                    .map { "\($0.key)=\($0.value.isEmpty ? "(none)" : $0.value)" }.joined(separator: "  ")
                text += "  \(disagreement.item)  \(values)\n"
            }
            if report.disagreements.count > show { text += "  … \(report.disagreements.count - show) more (--show N or --json)\n" }
        }
        printReport(text)
    }
}
