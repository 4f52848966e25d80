import DBindCore
import DBindFormats
import DBindStore
import Foundation

/// Finds what a review session needs from names a person typed: the label set and channels.
public enum ReviewSetup {
    /// The label set called `name` among the files of `directory` and the built-in sets; the
    /// queue's default set when `name` is nil.
    public static func labelSet(named name: String?, queue: ReviewQueueKind, directory: String) throws -> LabelSet {
        let wanted = name ?? BuiltInLabelSets.defaultSetName(for: queue)
        if let builtIn = BuiltInLabelSets.all.first(where: { $0.name == wanted }) { return builtIn }
        guard FileManager.default.fileExists(atPath: directory) else {
            throw LabelError("\(directory): label set folder not found (run from the repository root or pass --labels)")
        }
        let sets = try LabelSetLoader.loadDirectory(directory)
        guard let set = sets.first(where: { $0.name == wanted }) else {
            let known = (sets + BuiltInLabelSets.all).map(\.name).sorted().joined(separator: ", ")
            throw LabelError("no label set '\(wanted)' in \(directory) (known: \(known))")
        }
        return set
    }

    /// Channel ids for names (`general`, `#general`) or ids, as typed after `--channel`.
    public static func channelIDs(_ names: [String], store: Store) throws -> [Snowflake] {
        guard !names.isEmpty else { return [] }
        let channels = try store.channels()
        return try names.map { name in
            if let id = Snowflake(name), channels.contains(where: { $0.id == id }) { return id }
            let bare = name.hasPrefix("#") ? String(name.dropFirst()) : name
            let matches = channels.filter { $0.name == bare }
            guard let first = matches.first else { throw LabelError("no channel '\(name)' in the store") }
            guard matches.count == 1 else {
                throw LabelError("several channels are called '\(bare)' (\(matches.map(\.id.description).joined(separator: ", "))); give the id")
            }
            return first.id
        }
    }
}
