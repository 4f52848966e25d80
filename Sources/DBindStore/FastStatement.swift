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

    /// SQLite copies transient values before `bind` returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

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

    mutating func bind(_ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
        index += 1
    }

    mutating func bind(_ value: Int?) { bind(value.map(Int64.init)) }

    mutating func bind(_ value: Bool) { bind(Int64(value ? 1 : 0)) }

    mutating func bind(_ value: Double) {
        sqlite3_bind_double(handle, index, value)
        index += 1
    }

    mutating func bind(_ value: String?) {
        guard var value else {
            sqlite3_bind_null(handle, index)
            index += 1
            return
        }
        value.withUTF8 { bytes in
            if let base = bytes.baseAddress, bytes.count > 0 {
                _ = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    sqlite3_bind_text(handle, index, $0, Int32(bytes.count), Self.transient)
                }
            } else {
                _ = sqlite3_bind_text(handle, index, "", 0, nil)
            }
        }
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
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: statement.sql)
        }
        return Int(sqlite3_changes(db.sqliteConnection))
    }
}
