import ArgumentParser
import DBindCore
import DBindFormats
import DBindPipeline
import Foundation

/// `dbind report`: the community report as one HTML file (and a PDF).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML (and PDF) report on the guild: activity, questions, central members, entities, labeling.",
        discussion: """
        One HTML file with its CSS, script and charts inline: it opens offline and prints readably. \
        Sections: overview; activity per day, week, channel and weekday × hour; channels by kind with \
        confidence and rules; questions asked, answered and unanswered with the median and 90th \
        percentile time to first response by someone else (bots excluded) and links to the oldest \
        unanswered; members (top posters, most mentioned, who is worth getting to know and why, \
        newcomers and who answered them); the interaction graph of the most central members; \
        entities; labeling progress and agreement. --pdf prints it through headless Chromium. --json \
        prints the same figures as one JSON object.

        Examples:
          dbind report --out report.html
          dbind report --out report.html --pdf report.pdf --channel support --since 2024-01-01
          dbind report --json
        """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("The HTML file to write (default: report.html, none with --json alone).", valueName: "file"))
    var out: String?

    @Option(help: ArgumentHelp("Also print the report to this PDF (needs Chromium).", valueName: "file"))
    var pdf: String?

    @OptionGroup var channels: ChannelOptions

    @OptionGroup var range: TimeRangeOptions

    @Flag(help: "Print the figures as one JSON object (the last line).")
    var json = false

    func run() throws {
        let store = try self.store.open()
        let terminal = TerminalProgress()
        terminal.update(ProgressStatus(label: "report", done: 0, unit: "steps", name: "reading the store"))
        let job = ReportJob(store: store, channels: try channels.resolve(in: store),
                            since: range.start, until: range.end)
        let report = try job.report()
        let html = out ?? (json && pdf == nil ? nil : "report.html")
        if let html {
            terminal.update(ProgressStatus(label: "report", done: 1, unit: "steps", name: "writing \(html)"))
            let generated = Timestamp(milliseconds: Int64(Date().timeIntervalSince1970 * 1000)).iso8601UTC.prefix(16).replacingOccurrences(of: "T", with: " ")
            try LineSink.write(ReportHTML.render(report, generated: generated + " UTC"), toFile: html)
        }
        if let pdf, let html {
            terminal.update(ProgressStatus(label: "report", done: 2, unit: "steps", name: "printing \(pdf)"))
            try PDFPrinter.print(html: html, to: pdf)
        }
        terminal.finish()
        if json {
            printReport(JSONOutput.line(report) + "\n")
        } else {
            printReport("Wrote \(html ?? "")\(pdf.map { " and \($0)" } ?? ""): \(report.messages) messages, \(report.questions.asked) questions (\(report.questions.unanswered) unanswered), \(report.graph.nodes) members in the graph\n")
        }
    }
}
