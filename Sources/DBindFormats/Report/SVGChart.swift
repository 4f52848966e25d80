import DBindCore
import Foundation

/// Inline SVG charts for the report: each mark carries a `<title>`, which browsers show on
/// hover, so values are readable without a script.
enum SVGChart {
    static func number(_ v: Double) -> String { String(format: "%.1f", v) }

    /// A line over time-ordered points, with the maximum marked.
    static func line(_ points: [(label: String, value: Int)], width: Int, height: Int) -> String {
        guard !points.isEmpty else { return "<p class=\"muted\">No messages.</p>" }
        let maxValue = max(1, points.map(\.value).max() ?? 1)
        let left = 40.0, bottom = 20.0, w = Double(width) - left - 10, hgt = Double(height) - bottom - 10
        func x(_ i: Int) -> Double { left + (points.count == 1 ? w / 2 : w * Double(i) / Double(points.count - 1)) }
        func y(_ v: Int) -> Double { 10 + hgt - hgt * Double(v) / Double(maxValue) }
        var svg = "<svg viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"messages over time\">"
        svg += "<line x1=\"\(left)\" y1=\"\(number(y(0)))\" x2=\"\(number(left + w))\" y2=\"\(number(y(0)))\" stroke=\"#c9cedb\"/>"
        svg += "<text x=\"4\" y=\"\(number(y(maxValue) + 4))\">\(maxValue)</text><text x=\"4\" y=\"\(number(y(0)))\">0</text>"
        svg += "<polyline fill=\"none\" stroke=\"#3451b2\" stroke-width=\"1.6\" points=\""
        svg += points.indices.map { "\(number(x($0))),\(number(y(points[$0].value)))" }.joined(separator: " ") + "\"/>"
        for (i, p) in points.enumerated() {
            svg += "<circle cx=\"\(number(x(i)))\" cy=\"\(number(y(p.value)))\" r=\"\(points.count > 200 ? 1.2 : 2.5)\" fill=\"#3451b2\"><title>\(escape(p.label)): \(p.value) messages</title></circle>"
        }
        svg += "<text x=\"\(left)\" y=\"\(height - 4)\">\(escape(points.first!.label))</text>"
        svg += "<text x=\"\(number(left + w))\" y=\"\(height - 4)\" text-anchor=\"end\">\(escape(points.last!.label))</text>"
        return svg + "</svg>"
    }

    static func bars(_ bars: [(label: String, value: Int)], width: Int, height: Int) -> String {
        guard !bars.isEmpty else { return "<p class=\"muted\">No messages.</p>" }
        let maxValue = max(1, bars.map(\.value).max() ?? 1)
        let left = 40.0, bottom = 20.0, w = Double(width) - left - 10, hgt = Double(height) - bottom - 10
        let step = w / Double(bars.count)
        var svg = "<svg viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"messages per week\">"
        svg += "<text x=\"4\" y=\"14\">\(maxValue)</text>"
        for (i, b) in bars.enumerated() {
            let barHeight = hgt * Double(b.value) / Double(maxValue)
            svg += "<rect x=\"\(number(left + step * Double(i) + step * 0.1))\" y=\"\(number(10 + hgt - barHeight))\" width=\"\(number(max(1, step * 0.8)))\" height=\"\(number(barHeight))\" fill=\"#6b83d6\"><title>\(escape(b.label)): \(b.value) messages</title></rect>"
        }
        svg += "<text x=\"\(left)\" y=\"\(height - 4)\">\(escape(bars.first!.label))</text>"
        svg += "<text x=\"\(number(left + w))\" y=\"\(height - 4)\" text-anchor=\"end\">\(escape(bars.last!.label))</text>"
        return svg + "</svg>"
    }

    static func heatmap(_ cells: [[Int]], rows: [String]) -> String {
        let maxValue = max(1, cells.flatMap { $0 }.max() ?? 1)
        let cell = 30.0, left = 40.0
        let width = Int(left + cell * 24 + 4), height = Int(cell * Double(rows.count) + 22)
        var svg = "<svg viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"messages by weekday and hour\">"
        for (r, row) in cells.enumerated() {
            svg += "<text x=\"4\" y=\"\(number(cell * Double(r) + cell * 0.65))\">\(rows[r])</text>"
            for (hour, value) in row.enumerated() {
                let opacity = value == 0 ? 0.04 : 0.15 + 0.85 * Double(value) / Double(maxValue)
                svg += "<rect x=\"\(number(left + cell * Double(hour)))\" y=\"\(number(cell * Double(r)))\" width=\"\(cell - 2)\" height=\"\(cell - 2)\" fill=\"#3451b2\" fill-opacity=\"\(String(format: "%.2f", opacity))\"><title>\(rows[r]) \(String(format: "%02d", hour)):00 UTC: \(value) messages</title></rect>"
            }
        }
        for hour in stride(from: 0, to: 24, by: 3) {
            svg += "<text x=\"\(number(left + cell * Double(hour)))\" y=\"\(height - 6)\">\(String(format: "%02d", hour))h</text>"
        }
        return svg + "</svg>"
    }

    static let palette = ["#3451b2", "#d9534f", "#2e9d5b", "#e0a800", "#8e44ad", "#17a2b8", "#e67e22", "#6c757d"]

    /// The `top` members by PageRank on a circle, with the edges among them.
    static func network(_ graph: InteractionGraph, metrics: GraphMetrics, top: Int) -> String {
        let chosen = metrics.pageRank.filter { id, _ in !(graph.nodes.first { $0.id == id }?.isBot ?? false) }
            .sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(top).map(\.key)
        guard chosen.count >= 2 else { return "<p class=\"muted\">Too few interactions to draw.</p>" }
        let size = 620.0, center = size / 2, radius = size / 2 - 90
        let position = Dictionary(uniqueKeysWithValues: chosen.enumerated().map { i, id in
            (id, (center + radius * cos(2 * .pi * Double(i) / Double(chosen.count)),
                  center + radius * sin(2 * .pi * Double(i) / Double(chosen.count))))
        })
        let names = Dictionary(graph.nodes.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let edges = graph.edges.filter { position[$0.source] != nil && position[$0.target] != nil }
        let maxWeight = Double(max(1, edges.map(\.weight).max() ?? 1))
        let maxRank = metrics.pageRank[chosen[0]] ?? 1
        var svg = "<svg viewBox=\"0 0 \(Int(size)) \(Int(size))\" role=\"img\" aria-label=\"interaction graph of the most central members\">"
        for e in edges {
            let (a, b) = (position[e.source]!, position[e.target]!)
            svg += "<line x1=\"\(number(a.0))\" y1=\"\(number(a.1))\" x2=\"\(number(b.0))\" y2=\"\(number(b.1))\" stroke=\"#7d8597\" stroke-opacity=\"0.45\" stroke-width=\"\(number(0.5 + 4 * Double(e.weight) / maxWeight))\"><title>\(escape(names[e.source] ?? "")) → \(escape(names[e.target] ?? "")): \(e.replies) replies, \(e.mentions) mentions, \(e.addressed) addressed, \(e.coParticipation) shared conversations</title></line>"
        }
        for id in chosen {
            let (x, y) = position[id]!
            let rank = metrics.pageRank[id] ?? 0
            let colour = palette[(metrics.community[id] ?? 0) % palette.count]
            svg += "<circle cx=\"\(number(x))\" cy=\"\(number(y))\" r=\"\(number(5 + 14 * rank / maxRank))\" fill=\"\(colour)\"><title>\(escape(names[id] ?? id.description)): PageRank \(String(format: "%.4f", rank)), community \(metrics.community[id] ?? 0)</title></circle>"
            let anchor = x < center - 5 ? "end" : x > center + 5 ? "start" : "middle"
            let dx = x < center - 5 ? -22.0 : x > center + 5 ? 22.0 : 0
            svg += "<text x=\"\(number(x + dx))\" y=\"\(number(y + 4))\" text-anchor=\"\(anchor)\">\(escape(names[id] ?? id.description))</text>"
        }
        return svg + "</svg>"
    }
}
