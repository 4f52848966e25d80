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

    /// Channel ids for names (`general`, `#general`) or ids, as typed after `--channel` (`ChannelNames`).
    public static func channelIDs(_ names: [String], store: Store) throws -> [Snowflake] {
        let channels = try store.channels()
        let chosen = try ChannelNames.select(names, from: channels) ?? []
        return channels.map(\.id).filter(chosen.contains)
    }
}
