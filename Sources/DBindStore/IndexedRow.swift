import GRDB

/// A row read by column name through positions resolved once per result set.
///
/// GRDB finds a column by name with a case-insensitive scan of the row's columns on every
/// access; reading a page of messages that way cost more than SQLite's work for the page.
struct IndexedRow {
    /// Column positions of one query's rows, by name.
    struct Columns {
        private let positions: [String: Int]

        init(_ row: Row) {
            positions = Dictionary(row.columnNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        }

        func read(_ row: Row) -> IndexedRow { IndexedRow(row: row, columns: self) }

        fileprivate subscript(name: String) -> Int {
            guard let position = positions[name] else { preconditionFailure("no column \(name) in the query") }
            return position
        }
    }

    let row: Row
    let columns: Columns

    subscript<Value: DatabaseValueConvertible>(_ name: String) -> Value { row[columns[name]] }
}
