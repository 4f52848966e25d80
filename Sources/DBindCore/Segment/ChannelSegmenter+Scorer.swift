import Foundation

/// The learned link scorer's pass over one message: every candidate antecedent among the
/// previous `window` messages (plus any rule's suggestion further back) and the option of
/// starting a conversation are described by `LinkFeature`s and the best-scoring one is taken.
extension ChannelSegmenter {
    /// The rules' choice, or the scorer's when a model is set. Replies, pins and system notices
    /// are never overridden. `conversations` are the summaries so far, by conversation index.
    mutating func decide(rank: Int, message: SegmentMessage, windows: Windows, conversations: ConversationTable) -> Choice {
        if let fixed = fixed(message: message) { return fixed }
        let model = options.linkModel
        var suggestions = suggest(rank: rank, message: message, features: features, windows: windows, withOverlap: model != nil)
        let rules = choose(rank: rank, message: message, features: features, windows: windows, suggestions: &suggestions)
        guard let model, rules.rule != .reply else { return rules }
        return scored(rank: rank, message: message, model: model, rules: rules, suggestions: suggestions,
                      conversations: conversations)
    }

    mutating func scored(rank: Int, message: SegmentMessage, model: LinkModel, rules: Choice, suggestions s: Suggestions,
                         conversations: ConversationTable) -> Choice {
        let me = message.authorID
        let ranked = s.ranked
        candidateRanks.removeAll(keepingCapacity: true)
        candidateRanks.append(-1)
        let low = max(0, rank - model.window)
        for c in stride(from: rank - 1, through: low, by: -1) where !systemAt[c] { candidateRanks.append(c) }
        for (_, c) in ranked where c < low && !candidateRanks.contains(c) { candidateRanks.append(c) }

        // Inverse document frequency of this message's words within the channel so far.
        let total = Double(wordMessages + 1)
        messageWordWeights.removeAll(keepingCapacity: true)
        for word in features.words { messageWordWeights.append(words[word].map { log(total / Double($0.count + 1)) } ?? 0) }

        // The keys are moved out of `self` while they are filled: were `set` to reach them
        // through `self`, every read of `self` in the loop would copy the whole segmenter.
        var keys: [UInt64] = []
        swap(&keys, &candidateKeys)
        defer { swap(&keys, &candidateKeys) }
        keys.removeAll(keepingCapacity: true)
        keys.append(contentsOf: repeatElement(0, count: candidateRanks.count))
        // A row is its memo key: a feature is set by adding it to the key.
        func set(_ c: Int, _ feature: LinkFeature, _ value: Float = 1) { LinkScoreMemo.add(feature, value, to: &keys[c]) }
        set(0, .start)
        if s.addressee != nil { set(0, .startAddressed) }
        if questionAt[rank] { set(0, .startQuestion) }
        if greetingAt[rank] { set(0, .startGreeting) }
        let myLatest = lastByAuthor[me.rawValue]
        if myLatest == nil { set(0, .startNewSpeaker) }
        if rank == 0 || blockOf[rank - 1] != blockOf[rank] { set(0, .startBlock) }
        if rules.rank == nil { set(0, .startRules) }
        if rank == 0 || times[rank] - times[rank - 1] > 60_000 { set(0, .startQuiet) }
        var seen = (conversation: -1, latest: -1, alone: false, mine: false, addressee: false)
        for k in 1..<candidateRanks.count {
            let c = candidateRanks[k]
            let author = authorAt[c]
            let gap = times[rank] - times[c]
            set(k, gap <= 10_000 ? .gap10s : gap <= 30_000 ? .gap30s : gap <= 60_000 ? .gap1m : gap <= 120_000 ? .gap2m
                : gap <= 300_000 ? .gap5m : gap <= 600_000 ? .gap10m : gap <= 1_800_000 ? .gap30m : .gapLonger)
            let distance = rank - c
            set(k, distance == 1 ? .distance1 : distance == 2 ? .distance2 : distance == 3 ? .distance3 : distance <= 5 ? .distance5
                : distance <= 10 ? .distance10 : distance <= 20 ? .distance20 : .distanceMore)
            if blockOf[c] != blockOf[rank] { set(k, .otherBlock) }
            // Whether c is its author's latest message: looked up once for the three features.
            let authorsLatest = (author == me ? myLatest : lastByAuthor[author.rawValue]) == c
            if author == me {
                set(k, .sameAuthor)
                if authorsLatest { set(k, .ownLatest) }
            }
            if authorsLatest { set(k, .authorLatest) }
            if let addressee = s.addressee {
                if addressee == author {
                    set(k, .toItsAuthor)
                    if authorsLatest { set(k, .toItsAuthorLatest) }
                } else if author != me {
                    set(k, .toSomeoneElse)
                }
            }
            let theirAddressee = addresseeAt[c]
            if theirAddressee == me.rawValue { set(k, .itAddressedMe) } else if theirAddressee != 0 { set(k, .itAddressedOther) }
            if s.mentioned == author { set(k, .mentionsItsAuthor) }
            let question = questionAt[c] && author != me
            if question { set(k, .itsQuestion) }
            if greetingAt[c] { set(k, .itsGreeting) }
            if commandAt[c] { set(k, .itsCommand) }
            let shared = sharedWordWeight(with: c)
            if shared > 0 {
                let value = LinkScoreMemo.wordWeight(shared)
                set(k, .sharedWords, value)
                set(k, .anySharedWord)
                if question { set(k, .answersItsQuestion, value) }
            }
            for (rule, suggested) in ranked where suggested == c {
                if let feature = LinkFeature.rule(rule) { set(k, feature) }
            }
            if rules.rank == c { set(k, .rulesChoice) }
            // Neighbouring candidates mostly share a conversation: its facts are looked up once a run.
            let conversation = conversationOf[c]
            if conversation != seen.conversation {
                let state = conversations[conversation]
                seen = (conversation, state.latest, state.summary.messageCount == 1,
                        participants[pairKey(UInt64(conversation), me.rawValue)] == true,
                        s.addressee.map { participants[pairKey(UInt64(conversation), $0.rawValue)] == true } ?? false)
            }
            if seen.latest == c { set(k, .conversationLatest) }
            if seen.alone { set(k, .conversationAlone) }
            if seen.mine { set(k, .conversationMine) }
            if seen.addressee { set(k, .conversationAddressee) }
        }

        let count = candidateRanks.count
        let (best, confidence) = scoreMemo!.best(keys: keys, candidates: 0..<count)
        if examples != nil {
            var rows: [Float] = []
            for key in keys { LinkScoreMemo.row(key, into: &rows) }
            examples!.append(message: indexAt[rank], antecedents: candidateRanks.map { $0 < 0 ? -1 : indexAt[$0] }, features: rows)
            // The weights are not fitted yet: the rules choose, unless gold is followed.
            return rules
        }
        let chosen = candidateRanks[best]
        // The addressee is the rules' reading of the text, whatever is chosen, so what later
        // messages see does not depend on the scorer.
        guard chosen >= 0 else { return Choice(rank: nil, rule: .start, score: confidence, addressee: rules.addressee) }
        let rule = rules.rank == chosen ? rules.rule : ranked.first { $0.rank == chosen }?.rule ?? .scored
        return Choice(rank: chosen, rule: rule, score: confidence, addressee: rules.addressee)
    }

    /// Summed inverse document frequency of the words this message shares with message `c`.
    func sharedWordWeight(with c: Int) -> Double {
        let from = c == 0 ? 0 : Int(wordEnds[c - 1])
        let to = Int(wordEnds[c])
        guard from < to else { return 0 }
        var sum = 0.0
        for (k, word) in features.words.enumerated() {
            for j in from..<to where wordPool[j] == word {
                sum += messageWordWeights[k]
                break
            }
        }
        return sum
    }
}
