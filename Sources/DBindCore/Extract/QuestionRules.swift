/// Data that drives question detection: marks, particles and per-language opener lists.
///
/// The canonical copy is `schemas/questions.yaml`; `QuestionRules.builtIn` is generated from
/// it so the pure core works without files, and DBindFormats loads the file for the CLI.
public struct QuestionRules: Sendable, Hashable {
    /// A sentence-final particle that marks a question (Japanese か, Chinese 吗).
    public struct Particle: Sendable, Hashable {
        public var text: String
        public var language: String
        public var confidence: Double

        public init(text: String, language: String, confidence: Double) {
            self.text = text
            self.language = language
            self.confidence = confidence
        }
    }

    /// Word lists for one language; phrases are written as typed and tokenized when compiled.
    public struct Language: Sendable, Hashable {
        public var code: String
        public var whWords: [String] = []
        public var whWordsAnywhere: [String] = []
        public var whRequiresAuxiliary = false
        public var whAuxiliaryWindow = 3
        public var whFollowers: [String] = []
        public var subjectsBlock: [String] = []
        public var auxiliaries: [String] = []
        public var subjects: [String] = []
        public var yesNoOpeners: [String] = []
        public var helpOpeners: [String] = []
        public var helpAnywhere: [String] = []
        public var fillers: [String] = []
        public var choiceWords: [String] = []
        public var negations: [String] = []
        public var hyphenInversionPronouns: [String] = []
        public var inversionExceptions: [String] = []
        /// Auxiliaries that open a question before any word, not only a subject ("does ubuntu …").
        public var inversionAnyWord: [String] = []

        public init(code: String) { self.code = code }
    }

    /// Confidence given to a detection by the rule that fired.
    public struct Confidence: Sendable, Hashable {
        public var mark = 0.95
        public var markWithOpener = 0.98
        public var bareMark = 0.6
        public var inverted = 0.9
        public var whOpener = 0.8
        public var inversion = 0.75
        public var yesNoOpener = 0.85
        public var helpOpener = 0.85
        public var helpAnywhere = 0.7
        public var internalMark = 0.85
        /// Factor applied to an opener found at the start of a later clause.
        public var clauseFactor = 0.9

        public init() {}
    }

    public var questionMarks: [String] = []
    public var invertedMarks: [String] = []
    public var greekSemicolon = false
    public var confidence = Confidence()
    public var particles: [Particle] = []
    public var languages: [Language] = []

    public init() {}
}
