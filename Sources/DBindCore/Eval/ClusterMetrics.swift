import Foundation

/// Agreement between a gold and a predicted partition of the same items, with the conventions
/// of the conversation-disentanglement literature (Kummerfeld et al. 2019): all scores 0–100.
public struct ClusterScores: Sendable, Hashable, Codable {
    /// 1 − VI / log(n): variation of information scaled by its bound; higher is better.
    public var scaledVI: Double
    /// One-to-one overlap (Elsner & Charniak 2008): share of items covered by the best pairing
    /// of gold and predicted clusters, each used at most once.
    public var oneToOne: Double
    /// Exact-match precision, recall and F1 over clusters of two or more items.
    public var precision: Double
    public var recall: Double
    public var f1: Double
}

/// Computes `ClusterScores` from two labelings (one label per item, any integers).
public enum ClusterMetrics {
    public static func scores(gold: [Int], predicted: [Int]) -> ClusterScores {
        let table = Contingency(gold: gold, predicted: predicted)
        let exact = exactMatch(table)
        return ClusterScores(scaledVI: scaledVI(table), oneToOne: oneToOne(table),
                             precision: exact.precision, recall: exact.recall, f1: exact.f1)
    }

    /// Counts of items per gold cluster, per predicted cluster and per (gold, predicted) pair.
    public struct Contingency {
        public var total: Int
        public var goldSizes: [Int]
        public var predictedSizes: [Int]
        /// Non-zero cells: (gold cluster, predicted cluster, count).
        public var cells: [(gold: Int, predicted: Int, count: Int)]

        public init(gold: [Int], predicted: [Int]) {
            precondition(gold.count == predicted.count, "labelings differ in length")
            total = gold.count
            var goldIndex: [Int: Int] = [:]
            var predictedIndex: [Int: Int] = [:]
            var cellIndex: [Int64: Int] = [:]
            goldSizes = []
            predictedSizes = []
            cells = []
            for k in gold.indices {
                let g = goldIndex[gold[k]] ?? {
                    goldSizes.append(0)
                    goldIndex[gold[k]] = goldSizes.count - 1
                    return goldSizes.count - 1
                }()
                let p = predictedIndex[predicted[k]] ?? {
                    predictedSizes.append(0)
                    predictedIndex[predicted[k]] = predictedSizes.count - 1
                    return predictedSizes.count - 1
                }()
                goldSizes[g] += 1
                predictedSizes[p] += 1
                let key = Int64(g) << 32 | Int64(p)
                if let c = cellIndex[key] { cells[c].count += 1 } else {
                    cellIndex[key] = cells.count
                    cells.append((g, p, 1))
                }
            }
        }
    }

    /// 100 × (1 − (H(G|P) + H(P|G)) / log n).
    public static func scaledVI(_ table: Contingency) -> Double {
        guard table.total > 1 else { return 100 }
        let n = Double(table.total)
        var vi = 0.0
        for cell in table.cells {
            let c = Double(cell.count)
            vi -= c / n * (log(c / Double(table.goldSizes[cell.gold])) + log(c / Double(table.predictedSizes[cell.predicted])))
        }
        return 100 * (1 - vi / log(n))
    }

    /// 100 × (items in the maximum-weight one-to-one pairing of clusters) / n. Clusters that
    /// share no items never need pairing together, so the assignment is solved per connected
    /// component of the overlap graph.
    public static func oneToOne(_ table: Contingency) -> Double {
        guard table.total > 0 else { return 100 }
        let goldCount = table.goldSizes.count
        var sets = UnionFind(count: goldCount + table.predictedSizes.count)
        for cell in table.cells { sets.union(cell.gold, goldCount + cell.predicted) }
        var components: [Int: [(gold: Int, predicted: Int, count: Int)]] = [:]
        for cell in table.cells { components[sets.find(cell.gold), default: []].append(cell) }
        var matched = 0
        for cells in components.values {
            var rows: [Int: Int] = [:]
            var columns: [Int: Int] = [:]
            for cell in cells {
                if rows[cell.gold] == nil { rows[cell.gold] = rows.count }
                if columns[cell.predicted] == nil { columns[cell.predicted] = columns.count }
            }
            if rows.count == 1 || columns.count == 1 {
                matched += cells.map(\.count).max() ?? 0
                continue
            }
            var weights = Array(repeating: Array(repeating: 0, count: columns.count), count: rows.count)
            for cell in cells {
                if let r = rows[cell.gold], let c = columns[cell.predicted] { weights[r][c] = cell.count }
            }
            matched += Assignment.maximumWeight(weights)
        }
        return 100 * Double(matched) / Double(table.total)
    }

    /// Exact-match P/R/F: a cluster counts when the other side has one with exactly the same
    /// items; single-item clusters are left out on both sides.
    public static func exactMatch(_ table: Contingency) -> (precision: Double, recall: Double, f1: Double) {
        var matched = 0
        for cell in table.cells where cell.count >= 2 && cell.count == table.goldSizes[cell.gold]
            && cell.count == table.predictedSizes[cell.predicted] {
            matched += 1
        }
        let goldClusters = table.goldSizes.filter { $0 >= 2 }.count
        let predictedClusters = table.predictedSizes.filter { $0 >= 2 }.count
        let precision = predictedClusters > 0 ? 100 * Double(matched) / Double(predictedClusters) : 0
        let recall = goldClusters > 0 ? 100 * Double(matched) / Double(goldClusters) : 0
        let f1 = matched > 0 ? 2 * precision * recall / (precision + recall) : 0
        return (precision, recall, f1)
    }
}

/// Maximum-weight assignment of rows to columns (Hungarian algorithm with potentials,
/// O(r²c)); each row and each column is used at most once.
public enum Assignment {
    public static func maximumWeight(_ weights: [[Int]]) -> Int {
        guard let width = weights.first?.count, width > 0 else { return 0 }
        let transpose = weights.count > width
        let matrix: [[Int]] = transpose
            ? (0..<width).map { c in weights.map { $0[c] } }
            : weights
        let rows = matrix.count
        let columns = matrix[0].count
        let largest = matrix.joined().max() ?? 0
        // Minimise cost = largest − weight over rows ≤ columns, 1-based with a dummy column 0.
        var u = Array(repeating: 0, count: rows + 1)
        var v = Array(repeating: 0, count: columns + 1)
        var rowOfColumn = Array(repeating: 0, count: columns + 1)
        var way = Array(repeating: 0, count: columns + 1)
        for row in 1...rows {
            rowOfColumn[0] = row
            var column0 = 0
            var minimum = Array(repeating: Int.max, count: columns + 1)
            var used = Array(repeating: false, count: columns + 1)
            repeat {
                used[column0] = true
                let row0 = rowOfColumn[column0]
                var delta = Int.max
                var column1 = 0
                for column in 1...columns where !used[column] {
                    let current = (largest - matrix[row0 - 1][column - 1]) - u[row0] - v[column]
                    if current < minimum[column] {
                        minimum[column] = current
                        way[column] = column0
                    }
                    if minimum[column] < delta {
                        delta = minimum[column]
                        column1 = column
                    }
                }
                for column in 0...columns {
                    if used[column] {
                        u[rowOfColumn[column]] += delta
                        v[column] -= delta
                    } else {
                        minimum[column] -= delta
                    }
                }
                column0 = column1
            } while rowOfColumn[column0] != 0
            repeat {
                let column1 = way[column0]
                rowOfColumn[column0] = rowOfColumn[column1]
                column0 = column1
            } while column0 != 0
        }
        var total = 0
        for column in 1...columns where rowOfColumn[column] != 0 {
            total += matrix[rowOfColumn[column] - 1][column - 1]
        }
        return total
    }
}
