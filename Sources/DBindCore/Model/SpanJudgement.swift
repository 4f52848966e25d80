/// What people's labels leave of a span the extractor found: the one rule export, the report
/// and import read spans through.
public enum SpanJudgement {
    /// `span` as its judgements leave it: an entity rejected, or a question judged no question,
    /// leaves (nil); a corrected entity takes the person's type and bounds
    /// (`SpanCorrection.resolve`); a judged question carries the verdict.
    /// - Parameters:
    ///   - entity: the newest `entity-span` verdict on an entity span, and who gave it.
    ///   - question: the newest `question` label on a question span.
    ///   - scalars: the message's text, read only for a corrected entity.
    public static func resolve(_ span: ExportSpan, entity: (value: String, annotator: String)?, question: String?,
                               in scalars: () -> [Unicode.Scalar]) -> ExportSpan? {
        switch span.kind {
        case .entity:
            guard let entity else { return span }
            return SpanCorrection.resolve(span, verdict: entity.value, annotator: entity.annotator, in: scalars())
        case .question:
            guard let question else { return span }
            guard !QuestionAnswering.isRejection(question) else { return nil }
            var judged = span
            judged.verdict = question
            return judged
        }
    }
}
