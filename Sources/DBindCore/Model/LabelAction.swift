/// What one entry of the label history did. A closed set: the history is read back by these
/// names (undo, notes, the review log), so a new action is a new case, never a free string.
public enum LabelAction: String, Sendable, Hashable, CaseIterable, Encodable {
    /// The item's automatic tag taken as the label.
    case accept
    /// The item said to be none of the set's labels.
    case reject
    /// Labels chosen by hand.
    case label
    /// A span's boundaries or type corrected.
    case edit
    /// A comment that changes no label.
    case note
    /// Conversation edits: messages moved to another conversation, a conversation split, two merged.
    case move
    case split
    case merge
    /// Reverses the event named by `undoes`.
    case undo
    /// A label read from another tool's file by `dbind import-labels`.
    case `import`
}
