import GRDB
import GRDBSQLite

/// Binds and runs a cached GRDB statement through SQLite's C API.
///
/// Bulk ingest writes tens of parameters per message, millions of times; building
/// `StatementArguments` of existential values for each row costs more than SQLite's own work.
/// This binder writes straight into the prepared statement instead; GRDB still owns the
/// connection, the statement cache and the transaction.
struct FastStatement {
    private let statement: Statement
    private let handle: OpaquePointer
    private var index: Int32 = 1

    init(_ db: Database, _ sql: String) throws {
        try self.init(try db.cachedStatement(sql: sql))
    }

    /// Wraps a statement the caller keeps prepared (hashing the SQL text to find it in GRDB's
    /// cache costs more than binding a row).
    init(_ statement: Statement) throws {
        self.statement = statement
        handle = statement.sqliteStatement
        sqlite3_reset(handle)
    }

    /// Binds `values` to the parameters in order, runs the statement and returns the number of
    /// rows it changed: one call per row.
    @discardableResult
    static func run<each V: FastBindable>(_ statement: Statement, in db: Database, _ values: repeat each V) throws -> Int {
        var s = try FastStatement(statement)
        repeat s.bind(each values)
        return try s.run(db)
    }

    @discardableResult
    static func run<each V: FastBindable>(_ sql: String, in db: Database, _ values: repeat each V) throws -> Int {
        try run(db.cachedStatement(sql: sql), in: db, repeat each values)
    }

    mutating func bind(_ value: some FastBindable) {
        value.bindParameter(handle, index)
        index += 1
    }

    /// Runs the statement and returns the number of rows it changed.
    @discardableResult
    mutating func run(_ db: Database) throws -> Int {
        defer {
            sqlite3_reset(handle)
            index = 1
        }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else { throw failure(code, db) }
        return Int(sqlite3_changes(db.sqliteConnection))
    }

    /// The error of a step that returned `code`, with SQLite's message and this statement.
    private func failure(_ code: Int32, _ db: Database) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                      sql: statement.sql)
    }
}

extension FastStatement {
    /// Rows one statement of `run(_:columns:in:sql:bind:)` takes (640 parameters at ten columns).
    static let rowsPerStatement = 64

    /// Runs `rows` in order, `rowsPerStatement` to a statement, each row's `columns` values bound
    /// by `bind`: an insert's `VALUES (…), (…), …`, or a delete's `IN ((?), (?), …)`. SQLite does
    /// some work once per statement, not per row: it starts the program and opens its cursors,
    /// writes an AUTOINCREMENT table's sequence back, and journals the pages a statement that may
    /// fail part-way changes, so that it alone can be undone. Inserted rows get the ids one
    /// statement per row would give them, and a conflict clause in `sql` applies row by row.
    /// - Parameter sql: the statement, given the list of one statement's rows, `(?,…)` each.
    static func run<Rows: Collection>(_ rows: Rows, columns: Int, in db: Database, sql: (String) -> String,
                                      bind: (Rows.Element, inout FastStatement) -> Void) throws {
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ",") + ")"
        var start = rows.startIndex
        while start != rows.endIndex {
            let end = rows.index(start, offsetBy: rowsPerStatement, limitedBy: rows.endIndex) ?? rows.endIndex
            let chunk = rows[start..<end]
            var s = try FastStatement(db, sql(Array(repeating: row, count: chunk.count).joined(separator: ",")))
            for element in chunk { bind(element, &s) }
            assert(Int(s.index) == chunk.count * columns + 1, "each row binds its \(columns) columns")
            try s.run(db)
            start = end
        }
    }

    /// Runs the statement and calls `body` with each result row in turn.
    mutating func forEachRow(_ db: Database, _ body: (FastRow) throws -> Void) throws {
        defer {
            sqlite3_reset(handle)
            index = 1
        }
        let row = FastRow(handle: handle)
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw failure(code, db) }
            try body(row)
        }
    }
}

/// The current result row of a `FastStatement`, read by column position through SQLite's C API:
/// no row copy and no lookup by name, for queries that read every row of a big result.
struct FastRow {
    fileprivate let handle: OpaquePointer

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func optionalInt64(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }

    func bool(_ column: Int32) -> Bool { int64(column) != 0 }

    func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

    /// Decoded as GRDB decodes text (up to the first NUL, invalid UTF-8 repaired), so every
    /// reader of the store sees the same string.
    func string(_ column: Int32) -> String {
        text(column).map { String(cString: $0) } ?? ""
    }

    func optionalString(_ column: Int32) -> String? { isNull(column) ? nil : string(column) }

    /// The column's text as SQLite holds it, NUL-terminated, valid until the next step; nil for NULL.
    func text(_ column: Int32) -> UnsafePointer<UInt8>? { sqlite3_column_text(handle, column) }

    private func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
}

/// A value bound to one statement parameter through SQLite's C API; nil binds NULL.
protocol FastBindable {
    func bindParameter(_ statement: OpaquePointer, _ index: Int32)
}

extension Int64: FastBindable {
    func bindParameter(_ statement: OpaquePointer, _ index: Int32) { sqlite3_bind_int64(statement, index, self) }
}

extension Int: FastBindable {
    func bindParameter(_ statement: OpaquePointer, _ index: Int32) { Int64(self).bindParameter(statement, index) }
}

extension Bool: FastBindable {
    func bindParameter(_ statement: OpaquePointer, _ index: Int32) { Int64(self ? 1 : 0).bindParameter(statement, index) }
}

extension Double: FastBindable {
    func bindParameter(_ statement: OpaquePointer, _ index: Int32) { sqlite3_bind_double(statement, index, self) }
}

extension String: FastBindable {
    /// SQLite copies transient values before `bind` returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    func bindParameter(_ statement: OpaquePointer, _ index: Int32) {
        var value = self
        value.withUTF8 { bytes in
            if let base = bytes.baseAddress, bytes.count > 0 {
                _ = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    sqlite3_bind_text(statement, index, $0, Int32(bytes.count), Self.transient)
                }
            } else {
                _ = sqlite3_bind_text(statement, index, "", 0, nil)
            }
        }
    }
}

extension Optional: FastBindable where Wrapped: FastBindable {
    func bindParameter(_ statement: OpaquePointer, _ index: Int32) {
        if let self { self.bindParameter(statement, index) } else { sqlite3_bind_null(statement, index) }
    }
}
