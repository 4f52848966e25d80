import DBindCore
import Foundation
import GRDB

/// A failure to open or use the store, naming the database file.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, for callers that act on it (an ingest stops when the store cannot take more).
    public enum Kind: Sendable, Equatable {
        case locked, corrupt, readOnly, full, cannotOpen, other

        /// Whether no later write can succeed either.
        public var stopsWriting: Bool { self == .locked || self == .readOnly || self == .full }
    }

    public var path: String
    public var kind: Kind
    public var reason: String

    public init(path: String, kind: Kind = .other, reason: String) {
        self.path = path
        self.kind = kind
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }

    /// Turns SQLite's errors into one readable line (locked, corrupt, read-only, full disk).
    static func wrapping(_ error: Error, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let db = error as? DatabaseError else { return StoreError(path: path, reason: "\(error)") }
        switch db.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError(path: path, kind: .locked, reason: "database is locked by another process (try again when it finishes)")
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return StoreError(path: path, kind: .corrupt, reason: "not a dbind database or the file is corrupt (\(db.message ?? "unreadable"))")
        case .SQLITE_READONLY:
            return StoreError(path: path, kind: .readOnly, reason: "database is read-only")
        case .SQLITE_FULL:
            return StoreError(path: path, kind: .full, reason: "disk is full; nothing from the failed batch was written")
        case .SQLITE_CANTOPEN:
            return StoreError(path: path, kind: .cannotOpen, reason: "cannot open the database file (\(db.message ?? "check the path and permissions"))")
        default:
            return StoreError(path: path, reason: db.message ?? "\(db)")
        }
    }
}

/// The SQLite database that holds a guild and everything computed or labeled from it.
///
/// Opened in WAL mode so readers (a review session, `stats`) never block the writer, with
/// foreign keys on and a busy timeout so two processes writing at once wait rather than fail.
public final class Store: Sendable {
    public let path: String
    let pool: DatabasePool

    /// Opens (creating if needed) the database at `path` and applies pending migrations.
    /// - Parameters:
    ///   - busyTimeout: how long to wait for another process's write to finish.
    ///   - maxPageCount: a cap on the database size in pages, for quotas; writes beyond it
    ///     fail as on a full disk.
    public init(path: String, busyTimeout: TimeInterval = 10, maxPageCount: Int? = nil) throws {
        self.path = path
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeout)
        config.prepareDatabase { db in
            // The writer's 8 MB page cache holds what every batch touches, the pages near each
            // index's root; the pages below are spread over the whole store, each rewritten about
            // once a batch, so a larger cache only adds memory. Readers keep 2 MB each: tag's read
            // a channel in order, and export's lookups were no slower than with 8 MB.
            let cacheKB = db.configuration.readonly ? 2048 : 8192
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -\(cacheKB)")
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA wal_autocheckpoint = \(Store.checkpointPages)") }
            if let maxPageCount { try db.execute(sql: "PRAGMA max_page_count = \(maxPageCount)") }
        }
        do {
            try Self.refuseForeign(path: path, busyTimeout: busyTimeout)
            pool = try DatabasePool(path: path, configuration: config)
            try Schema.migrator.migrate(pool)
        } catch {
            throw StoreError.wrapping(error, path: path)
        }
        try restoreIngestIndexes()
    }

    /// Refuses a database another program made: opening it as a store would add dbind's
    /// tables to it and switch its journal to WAL. An empty database, or one dbind's
    /// migrations began, is a store. Read through a plain connection, which changes nothing.
    private static func refuseForeign(path: String, busyTimeout: TimeInterval) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        let (tables, isStore) = try DatabaseQueue(path: path, configuration: config).read { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            let isStore = try tables.contains("grdb_migrations")
                && Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM grdb_migrations WHERE identifier = ?)",
                                 arguments: [Schema.firstMigration]) == true
            return (tables, isStore)
        }
        guard tables.isEmpty || isStore else {
            throw StoreError(path: path, reason: "not a dbind database: it holds tables of another program ("
                             + tables.prefix(3).joined(separator: ", ") + (tables.count > 3 ? ", …" : "") + "), and dbind leaves it as it is")
        }
    }

    /// WAL pages between automatic checkpoints (64 MB of 4 KB pages; SQLite's default is 1,000).
    /// A checkpoint copies each page changed since the last one back into the database once, so
    /// `dbind tag`, whose channel transactions keep touching the same index pages, copies them
    /// far less often: 6% less of the writer thread's time on a 196,000-message guild.
    static let checkpointPages = 16384

    /// Runs `body` in one write transaction; on any error nothing of it is kept. A `LabelError`
    /// (a request the store refuses, such as an edit it cannot undo) comes back as it is: it
    /// is about the request, not the database file.
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.write(body) } catch let error as LabelError { throw error } catch { throw StoreError.wrapping(error, path: path) }
    }

    /// Holds the writer for a job that writes many units (a channel each), several to a
    /// transaction: `BatchedWrites.write` adds a unit to the open transaction and `commit` ends
    /// it, so the pages the units share (the upper levels of every index) go to the WAL once a
    /// batch rather than once a unit. On an error the open batch is rolled back, each of its
    /// units left as it was.
    ///
    /// SQLite's temporary files are kept in memory meanwhile: statement journals, the copies of
    /// pages a statement changes so it alone can be undone. Tagging a channel runs tens of
    /// thousands of small upserts, each journaling a few pages; once one statement's journal
    /// outgrows SQLite's 64 KB buffer, every later one in the transaction goes to a file, one
    /// `pwrite` per page. Not for bulk work (index builds sort in temporary storage, which
    /// would then be held in memory).
    public func writeInBatches<T>(_ body: (BatchedWrites) throws -> T) throws -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                // `temp_store` cannot change inside a transaction, so it brackets them all.
                try db.execute(sql: "PRAGMA temp_store = MEMORY")
                defer { try? db.execute(sql: "PRAGMA temp_store = DEFAULT") }
                let batch = BatchedWrites(db)
                do {
                    let result = try body(batch)
                    try batch.commit()
                    return result
                } catch {
                    if db.isInsideTransaction { try? db.rollback() }
                    throw error
                }
            }
        } catch {
            throw StoreError.wrapping(error, path: path)
        }
    }

    /// Runs `body` with the writer's foreign-key checks off, for a load that writes every row a
    /// row names before it (ingest stores a channel and the authors of a message before the
    /// message): the checks are a fifth of its inserts' time. On again afterwards, whatever
    /// `body` does; if they cannot be turned off, `body` runs with them.
    public func withoutForeignKeyChecks<T>(_ body: () throws -> T) rethrows -> T {
        guard (try? pool.writeWithoutTransaction({ db in try db.execute(sql: "PRAGMA foreign_keys = OFF") })) != nil else {
            return try body()
        }
        defer { try? pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA foreign_keys = ON") } }
        return try body()
    }

    /// Runs `body` on a consistent snapshot of the database (errors as `write` gives them).
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch let error as LabelError { throw error } catch { throw StoreError.wrapping(error, path: path) }
    }

    /// Runs `body(k, db)` for each `k` in `0..<count`, each in a read transaction of its own on
    /// a thread `spawn` starts, and all on one snapshot: the write lock is held while the
    /// transactions open, so no commit, from this process or another, falls between them.
    /// Returns once they are open; `end(k, error)` comes last on each thread, when its
    /// transaction is over, with what stopped it, if anything.
    func concurrentReads(_ count: Int, spawn: (@escaping @Sendable () -> Void) -> Void,
                         _ body: @escaping @Sendable (Int, Database) throws -> Void,
                         end: @escaping @Sendable (Int, Error?) -> Void) throws {
        let opened = DispatchSemaphore(value: 0)
        let pool = self.pool, path = self.path
        do {
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                defer { try? db.execute(sql: "ROLLBACK") }
                for k in 0..<count {
                    spawn {
                        var isOpen = false
                        do {
                            try pool.read { db in
                                // A WAL transaction takes its snapshot at its first read:
                                // this one, whatever `body` reads first.
                                _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_schema")
                                isOpen = true
                                opened.signal()
                                try body(k, db)
                            }
                            end(k, nil)
                        } catch {
                            if !isOpen { opened.signal() }
                            end(k, error is DatabaseError ? StoreError.wrapping(error, path: path) : error)
                        }
                    }
                }
                for _ in 0..<count { opened.wait() }
            }
        } catch {
            throw StoreError.wrapping(error, path: path)
        }
    }

    /// Drops the ingest tables' secondary indexes that take random inserts before a load bigger
    /// than what they index: building them afterwards in one sorted pass beats millions of
    /// random inserts. An interrupted load leaves them missing only until the store is next opened.
    public func dropIngestIndexes() throws {
        try write { db in
            for index in Schema.ingestIndexes where index.rebuiltAfterLoads {
                try db.execute(sql: "DROP INDEX IF EXISTS \(index.name)")
            }
        }
    }

    /// Builds the ingest tables' secondary indexes that are missing (checked with a read first,
    /// so opening a store never waits for another writer).
    public func restoreIngestIndexes() throws {
        let present = Set(try read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index'") })
        guard Schema.ingestIndexes.contains(where: { !present.contains($0.name) }) else { return }
        try write { db in
            for index in Schema.ingestIndexes {
                try db.execute(sql: "CREATE INDEX IF NOT EXISTS \(index.name) ON \(index.definition)")
            }
        }
    }

    /// Copies what the write-ahead log holds into the database file, from a connection of its
    /// own, neither waiting for the writer nor holding it up (a passive checkpoint). Beside the
    /// index builds that end a large load, the loaded pages are copied on the core the parser
    /// has left, instead of all at once when the store closes.
    public func checkpointAlongside() throws {
        do {
            let connection = try DatabaseQueue(path: path)
            try connection.writeWithoutTransaction { db in _ = try db.checkpoint(.passive) }
        } catch {
            throw StoreError.wrapping(error, path: path)
        }
    }

    /// Messages stored, all guilds.
    public func messageCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM messages") ?? 0 }
    }

    /// Names of the migrations applied, oldest first.
    public func appliedMigrations() throws -> [String] {
        try read { db in try Schema.migrator.appliedMigrations(db) }
    }

    /// Milliseconds since the epoch, the time unit of every stored timestamp.
    static func now() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}

extension Store {
    /// Ids as a JSON array: the one argument `IN (SELECT value FROM json_each(?))` takes for a
    /// list of any length (SQLite caps bound parameters, not JSON lengths).
    static func jsonIDs(_ ids: some Sequence<Int64>) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    /// The items whose old rows a replace deletes: `listed` in the caller's order, then those
    /// only `named` by the new rows. A channel's items come in time order, so each delete lands
    /// near the one before in every index.
    static func deletionOrder<Item: Hashable>(_ listed: [Item], then named: some Sequence<Item>) -> [Item] {
        let known = Set(listed)
        return listed + named.filter { !known.contains($0) }
    }
}

/// The writer's connection lent to `Store.writeInBatches`, with a transaction open between a
/// `write` and the next `commit`.
public final class BatchedWrites {
    private let db: Database

    fileprivate init(_ db: Database) { self.db = db }

    /// Runs `unit` inside the open transaction, opening one if none is. A unit that fails rolls
    /// the open batch back, so no later commit can keep part of it.
    public func write(_ unit: (Database) throws -> Void) throws {
        if !db.isInsideTransaction { try db.beginTransaction() }
        do {
            try unit(db)
        } catch {
            if db.isInsideTransaction { try? db.rollback() }
            throw error
        }
    }

    /// Commits what was written since the last commit.
    public func commit() throws {
        if db.isInsideTransaction { try db.commit() }
    }
}
