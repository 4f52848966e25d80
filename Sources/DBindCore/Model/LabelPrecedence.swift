/// Which of two labels on the same item and facet is in force: the one given later, and of two
/// given in the same millisecond (an import writes many at once) the one recorded later in the
/// history. `tags`, `export`, review and the report all ask this, so they never disagree.
public enum LabelPrecedence {
    /// Whether a label given at `time` as history event `event` wins over one given at
    /// `otherTime` as `otherEvent`.
    public static func wins(time: Int64, event: Int64, over otherTime: Int64, _ otherEvent: Int64) -> Bool {
        (time, event) > (otherTime, otherEvent)
    }
}
