// Over 400 lines on purpose: the link rules read and update one per-channel state, and the
// order in which they are tried is the algorithm.

import Foundation

/// Reviewer pins checked against the messages' order: `antecedent[later] = earlier`, `starts`.
struct SegmentPins {
    var antecedent: [Snowflake: Snowflake] = [:]
    var starts: Set<Snowflake> = []
    var ignored: [Snowflake] = []

    init(constraints: SegmentConstraints, messages: [SegmentMessage], channels: [[Int]]) {
        guard !constraints.isEmpty else {
            self.init()
            return
        }
        var position: [Snowflake: (group: Int, rank: Int)] = [:]
        for (g, group) in channels.enumerated() {
            for (rank, index) in group.enumerated() { position[messages[index].id] = (g, rank) }
        }
        self.init(constraints: constraints) { position[$0] }
    }

    /// Pins of one channel whose messages, in time order, are `ordered`.
    init(constraints: SegmentConstraints, ordered: [Snowflake]) {
        guard !constraints.isEmpty else {
            self.init()
            return
        }
        let position = Dictionary(ordered.enumerated().map { ($1, (group: 0, rank: $0)) }, uniquingKeysWith: { a, _ in a })
        self.init(constraints: constraints) { position[$0] }
    }

    private init() {}

    private init(constraints: SegmentConstraints, position: (Snowflake) -> (group: Int, rank: Int)?) {
        for (message, target) in constraints.links.sorted(by: { $0.key < $1.key }) {
            guard let a = position(message), let b = position(target), a.group == b.group, a.rank != b.rank else {
                ignored.append(message)
                continue
            }
            if a.rank > b.rank { antecedent[message] = target } else { antecedent[target] = message }
        }
        for message in constraints.starts.sorted() {
            if position(message) != nil { starts.insert(message) } else { ignored.append(message) }
        }
    }

    var isEmpty: Bool { antecedent.isEmpty && starts.isEmpty }
}

/// Links and conversations as they are built, channel after channel.
struct SegmentOutput {
    var links: [MessageLink]
    /// Links handed out by `takeLinks` so far: `links` starts at this input position.
    private var taken = 0
    var conversations = ConversationTable()

    /// Room for `count` links, set in any order.
    init(count: Int) {
        links = Array(repeating: MessageLink(messageID: Snowflake(0), antecedentID: nil, rule: .start, score: 0, conversation: 0),
                      count: count)
    }

    /// Links set in input order, with room for `capacity` reserved.
    init(capacity: Int) {
        links = []
        links.reserveCapacity(capacity)
    }

    /// Sets the link of the message at input position `index`: one of the reserved ones, or
    /// the next.
    mutating func set(_ index: Int, _ link: MessageLink) {
        let k = index - taken
        if k < links.count { links[k] = link } else { links.append(link) }
    }

    /// The links set since the last call, in input order (links set in input order only).
    mutating func takeLinks() -> [MessageLink] {
        defer {
            taken += links.count
            links = []
        }
        return links
    }

    /// Opens a conversation with `message`, at rank `rank` of its channel.
    mutating func open(_ message: SegmentMessage, rank: Int) -> Int {
        conversations.open(ConversationState(summary: ConversationSummary(
            id: message.id, channelID: message.channelID, startTime: message.time, endTime: message.time,
            participantCount: 0, messageCount: 0, firstQuestionID: nil, questionCount: 0, answeredQuestionCount: 0), latest: rank))
    }

    /// Adds a message to its conversation; `newParticipant` if its author had no message there yet.
    mutating func add(_ message: SegmentMessage, isQuestion: Bool, newParticipant: Bool, to conversation: Int) {
        conversations[conversation].add(message, isQuestion: isQuestion, newParticipant: newParticipant)
    }
}

extension ConversationState {
    mutating func add(_ message: SegmentMessage, isQuestion: Bool, newParticipant: Bool) {
        summary.messageCount += 1
        if message.time > summary.endTime { summary.endTime = message.time }
        if newParticipant { summary.participantCount += 1 }
        if !pending.isEmpty {
            var answered = 0
            pending.removeAll { entry in
                guard QuestionAnswering.answers(author: message.authorID, isBot: message.isBot, isSystem: message.isSystem,
                                                asker: entry.author) else { return false }
                answered += entry.count
                return true
            }
            summary.answeredQuestionCount += answered
        }
        if isQuestion {
            if summary.firstQuestionID == nil { summary.firstQuestionID = message.id }
            summary.questionCount += 1
            if let k = pending.firstIndex(where: { $0.author == message.authorID }) {
                pending[k].count += 1
            } else {
                pending.append(PendingQuestions(author: message.authorID, count: 1))
            }
        }
    }

    /// Notes that `author` has a message here, `spoke` if it is not a system notice.
    mutating func note(_ author: Snowflake, spoke: Bool) {
        if let k = participants.firstIndex(where: { $0.author == author }) {
            participants[k].spoke = spoke
        } else {
            participants.append(Participant(author: author, spoke: spoke))
        }
    }
}

/// The per-channel pass of the segmenter, fed one message at a time in time order: state is
/// indexed by the message's rank in the channel. No message is kept, only the values later
/// messages look back at (time, id, author, conversation, block, flags).
struct ChannelSegmenter {
    let options: SegmenterOptions
    let pins: SegmentPins
    let gap: Int64
    let windows: Windows
    /// The longest of the windows: how far back in time a message may look.
    let lookBack: Int64
    /// The oldest rank within `lookBack` of the latest message.
    var oldestInReach = 0

    var times = RankWindow<Int64>()
    /// Where ranks and conversations no window reaches are kept; nil keeps them all here.
    let archive: SegmentArchive?
    /// The ids of the messages linked so far (the current one joins when it is remembered): the
    /// ones a reply, a pin or a forced link may reach. With an archive, ids, authors and
    /// conversations of ranks before the windows are found there.
    var idAt = RankWindow<Snowflake>()
    var authorAt = RankWindow<Snowflake>()
    var systemAt = RankWindow<Bool>()
    var conversationOf = RankWindow<Int>()
    /// The conversations opened before each rank (with an archive).
    var conversationsBefore = RankWindow<Int>()
    var blockOf = RankWindow<Int>()
    var questionAt = RankWindow<Bool>()
    var commandAt = RankWindow<Bool>()
    var greetingAt = RankWindow<Bool>()
    /// While every id is above the one before (Discord's ids grow with time), a rank is found
    /// by binary search in `idAt`; after the first that is not, through `rankOf`.
    var idsAscending = true
    var rankOf = IntegerMap<Int>()
    var block = 0
    var lastByAuthor = IntegerMap<Int>()
    var authorNameHashes = IntegerMap<UInt64>()
    var authorByName = IntegerMap<Snowflake>()
    var authorByUndecoratedName = IntegerMap<Snowflake>()
    /// Latest message from one author to another, keyed by `pairKey(from, to)`. Pairs whose
    /// latest has left every window are dropped once they could be half of the map.
    var lastAddressing = IntegerMap<Int>()
    var addressingAfterDrop = 0
    var lastAddressedTo = IntegerMap<Int>()
    var words = IntegerMap<WordState>()
    var features = TextFeatures()
    var wordMessages = 0
    /// Recent distinct speakers, newest last, and their lowercased names, for shortened nicks.
    var recentSpeakers: [Snowflake] = []
    var lowercasedNames: [Snowflake: [UInt8]] = [:]
    // For the link scorer: each rank's addressee (raw id, 0 for none) and content words (ending
    // at `wordEnds[rank]` in `wordPool`), and buffers reused from message to message.
    var addresseeAt = RankWindow<UInt64>()
    /// Indexed by each word's place among all the channel's words.
    var wordPool = RankWindow<UInt64>()
    var wordEnds = RankWindow<Int32>()
    var candidateRanks: [Int] = []
    var candidateKeys: [UInt64] = []
    var messageWordWeights: [Double] = []
    /// The scorer's memo, for `options.linkModel`; set by the caller.
    var scoreMemo: LinkScoreMemo?
    /// Who has a message in each conversation, by `pairKey(conversation, author)`: true once one
    /// of theirs is not a system notice (the scorer's "has spoken here"). Counts the summaries'
    /// participants too.
    var participants = IntegerMap<Bool>()
    /// Set to collect the scorer's candidates for training.
    var examples: LinkExamples?
    /// While collecting examples: the gold antecedent (nil for a start) of each annotated
    /// message by input position, followed instead of the choice, so the conversation features
    /// see the annotated conversations.
    var forced: [Int: Snowflake?] = [:]
    /// While collecting examples: each rank's input position.
    var indexAt = RankWindow<Int>()

    struct WordState {
        var count: Int32
        var last: Int32
        var previous: Int32
    }

    struct Candidate {
        var rank: Int
        var rule: LinkRule
        var score: Double
    }

    static let recentSpeakerLimit = 48

    /// - Parameters:
    ///   - times: the channel's message times in order, for its pace and block gap.
    ///   - capacity: the messages to expect, so the per-rank state is sized once (without an archive).
    init(options: SegmenterOptions, times: [Int64], pins: SegmentPins, capacity: Int, archive: SegmentArchive? = nil) {
        self.init(options: options, pace: SegmentOrdering.medianGap(times: times), pins: pins, capacity: capacity, archive: archive)
    }

    /// - Parameter pace: the channel's median gap between messages.
    init(options: SegmenterOptions, pace: Int64, pins: SegmentPins, capacity: Int, archive: SegmentArchive? = nil) {
        self.options = options
        self.pins = pins
        self.archive = archive
        gap = Segmenter.blockGap(pace: pace, options: options)
        windows = Windows(
            address: max(options.addressWindowMilliseconds, min(gap, pace * 60)),
            continuation: max(options.continuationWindowMilliseconds, min(gap, pace * 40)),
            followUp: max(options.followUpWindowMilliseconds, min(gap, pace * 15)),
            command: max(options.commandWindowMilliseconds, min(gap, pace * 5)),
            lexical: max(options.lexicalWindowMilliseconds, min(gap, pace * 20)))
        lookBack = max(windows.address, windows.continuation, windows.followUp, windows.command, windows.lexical)
        if archive == nil {
            idAt.reserveCapacity(capacity)
            authorAt.reserveCapacity(capacity)
            conversationOf.reserveCapacity(capacity)
        }
    }

    /// Links the next message of the channel, at input position `index`, into `output`.
    /// `isQuestion` is asked only of a message that is not a system notice (those never ask).
    mutating func add(_ message: SegmentMessage, index: Int, isQuestion: @autoclosure () -> Bool, into output: inout SegmentOutput) {
        let question = !message.isSystem && isQuestion()
        let rank = times.end
        if rank > 0, message.time - times[rank - 1] > gap { block += 1 }
        times.append(message.time)
        authorAt.append(message.authorID)
        systemAt.append(message.isSystem)
        blockOf.append(block)
        features.load(message.isSystem ? "" : message.text)
        questionAt.append(question)
        commandAt.append(features.isCommand)
        greetingAt.append(features.isGreeting)
        conversationOf.append(0)
        if archive != nil { conversationsBefore.append(output.conversations.count) }
        if examples != nil { indexAt.append(index) }
        registerNames(of: message)

        var link = decide(rank: rank, message: message, windows: windows, conversations: output.conversations)
        if let target = forced[index] { link.rank = target.flatMap { self.rank(of: $0) } }
        let conversation: Int
        if let antecedent = link.rank {
            conversation = self.conversation(at: antecedent)
            if archive != nil, !output.conversations.contains(conversation) { restore(conversation, into: &output.conversations) }
            output.conversations[conversation].latest = rank
        } else {
            conversation = output.open(message, rank: rank)
        }
        conversationOf[rank] = conversation
        let participant = pairKey(UInt64(conversation), message.authorID.rawValue)
        let spoke = participants[participant]
        if spoke == nil || (spoke == false && !message.isSystem) {
            participants.set(participant, !message.isSystem)
            if archive != nil { output.conversations[conversation].note(message.authorID, spoke: !message.isSystem) }
        }
        // The link rules read any question; the conversation counts only those people ask.
        output.add(message, isQuestion: question && QuestionAnswering.asks(isBot: message.isBot, isSystem: message.isSystem),
                   newParticipant: spoke == nil, to: conversation)
        output.set(index, MessageLink(
            messageID: message.id, antecedentID: link.rank.map { id(at: $0) },
            rule: link.rule, score: (link.score * 1000).rounded() / 1000, conversation: conversation))
        remember(rank: rank, message: message, addressee: link.addressee)
        forgetUnreachable(after: rank, conversations: &output.conversations)
    }

    /// Forgets the per-rank values no later message can look at: a message looks back only
    /// within `lookBack` of its time (an explicit reply or a pin reaches further, through the
    /// ids, authors and conversations kept for every rank), at the scorer's `window` ranks, and
    /// at the rank before each candidate (where its words start). With an archive, the ids,
    /// authors and conversations of the forgotten ranks go there, and so does each conversation
    /// whose latest message is among them.
    mutating func forgetUnreachable(after rank: Int, conversations: inout ConversationTable) {
        while oldestInReach < rank, times[oldestInReach] < times[rank] - lookBack { oldestInReach += 1 }
        var oldest = min(oldestInReach, rank)
        if let model = options.linkModel { oldest = min(oldest, rank + 1 - model.window) }
        let keep = oldest - 1
        guard keep > times.start else { return }
        if let archive { archiveRanks(before: keep, into: archive, conversations: &conversations) }
        times.forget(before: keep)
        if lastAddressing.count > 2 * addressingAfterDrop + 1024 {
            let start = times.start
            lastAddressing.removeAll { $0 < start }
            addressingAfterDrop = lastAddressing.count
        }
        systemAt.forget(before: keep)
        blockOf.forget(before: keep)
        questionAt.forget(before: keep)
        commandAt.forget(before: keep)
        greetingAt.forget(before: keep)
        addresseeAt.forget(before: keep)
        indexAt.forget(before: keep)
        if wordEnds.end > keep {
            wordPool.forget(before: Int(wordEnds[keep]))
            wordEnds.forget(before: keep)
        }
    }

    struct Windows {
        var address: Int64
        var continuation: Int64
        var followUp: Int64
        var command: Int64
        var lexical: Int64
    }

    struct Choice {
        var rank: Int?
        var rule: LinkRule
        var score: Double
        var addressee: Snowflake?
    }

    func within(_ rank: Int?, of current: Int, _ window: Int64) -> Int? {
        // A forgotten rank is older than every window.
        guard let rank, rank >= times.start, times[current] - times[rank] <= window else { return nil }
        return rank
    }

    /// Each rule's antecedent for the current message, before the rules' order picks one.
    struct Suggestions {
        var addressee: Snowflake?
        var addressOwn: Int?
        var addressBack: Int?
        var address: Int?
        var mentioned: Snowflake?
        var mention: Int?
        var command: Int?
        var continuation: Candidate?
        var response: Candidate?
        /// `answer` or `lexical`; computed only when asked for (`withOverlap`).
        var overlap: Candidate?

        /// In the rules' order of precedence, for naming the rule behind a scored choice.
        var ranked: [(rule: LinkRule, rank: Int)] {
            var out: [(LinkRule, Int)] = []
            if let addressOwn { out.append((.addressOwn, addressOwn)) }
            if let addressBack { out.append((.addressBack, addressBack)) }
            if let address { out.append((.address, address)) }
            if let mention { out.append((.mention, mention)) }
            if let command { out.append((.command, command)) }
            for c in [continuation, response].compactMap({ $0 }).sorted(by: { $0.score > $1.score }) { out.append((c.rule, c.rank)) }
            if let overlap { out.append((overlap.rule, overlap.rank)) }
            return out
        }
    }

    func suggest(rank: Int, message: SegmentMessage, features: TextFeatures, windows: Windows, withOverlap: Bool) -> Suggestions {
        let me = message.authorID
        var s = Suggestions()
        s.addressee = resolveAddressee(features, message: message)
        if let addressee = s.addressee {
            let theirs = within(lastByAuthor[addressee.rawValue], of: rank, windows.address)
            if let own = within(lastAddressing[pairKey(me.rawValue, addressee.rawValue)], of: rank, windows.followUp),
               theirs.map({ own > $0 }) ?? true {
                s.addressOwn = own
            }
            s.addressBack = within(lastAddressing[pairKey(addressee.rawValue, me.rawValue)], of: rank, windows.address)
            s.address = theirs
        }
        s.mentioned = resolveMention(message, features, author: me)
        s.mention = s.mentioned.flatMap { within(lastByAuthor[$0.rawValue], of: rank, windows.address) }
        if rank > 0, commandAt[rank - 1], blockOf[rank - 1] == blockOf[rank],
           authorAt[rank - 1] != me, times[rank] - times[rank - 1] <= windows.command {
            s.command = rank - 1
        }
        func candidate(_ candidate: Int?, _ rule: LinkRule, window: Int64) -> Candidate? {
            guard let candidate, blockOf[candidate] == blockOf[rank] else { return nil }
            let age = Double(times[rank] - times[candidate]) / Double(max(window, 1))
            return Candidate(rank: candidate, rule: rule, score: 0.7 * (1 - 0.5 * age))
        }
        if let own = within(lastByAuthor[me.rawValue], of: rank, windows.continuation), !greetingAt[own] {
            s.continuation = candidate(own, .continuation, window: windows.continuation)
        }
        if let addressed = within(lastAddressedTo[me.rawValue], of: rank, windows.continuation),
           authorAt[addressed] != me {
            s.response = candidate(addressed, .response, window: windows.continuation)
        }
        if withOverlap { s.overlap = wordOverlap(rank: rank, features: features, author: me, window: windows.lexical) }
        return s
    }

    /// The explainable rules' choice: the first rule, in order of strength, that finds an antecedent.
    func choose(rank: Int, message: SegmentMessage, features: TextFeatures, windows: Windows,
                suggestions s: inout Suggestions) -> Choice {
        let addressee = s.addressee
        if let reply = message.replyToID, let target = self.rank(of: reply) {
            return Choice(rank: target, rule: .reply, score: 1, addressee: addressee ?? author(at: target))
        }
        if addressee != nil {
            if let own = s.addressOwn { return Choice(rank: own, rule: .addressOwn, score: 0.95, addressee: addressee) }
            if let back = s.addressBack { return Choice(rank: back, rule: .addressBack, score: 0.93, addressee: addressee) }
            if let theirs = s.address { return Choice(rank: theirs, rule: .address, score: 0.9, addressee: addressee) }
            return Choice(rank: nil, rule: .start, score: 0.5, addressee: addressee)
        }
        if let theirs = s.mention { return Choice(rank: theirs, rule: .mention, score: 0.8, addressee: s.mentioned) }
        if let command = s.command { return Choice(rank: command, rule: .command, score: 0.75) }
        var best: Candidate?
        for candidate in [s.continuation, s.response].compactMap({ $0 }) {
            if let current = best, current.score > candidate.score || (current.score == candidate.score && current.rank > candidate.rank) { continue }
            best = candidate
        }
        if let best { return Choice(rank: best.rank, rule: best.rule, score: best.score) }
        if s.overlap == nil { s.overlap = wordOverlap(rank: rank, features: features, author: message.authorID, window: windows.lexical) }
        if let overlap = s.overlap { return Choice(rank: overlap.rank, rule: overlap.rule, score: overlap.score) }
        return Choice(rank: nil, rule: .start, score: 1)
    }

    /// Hard links (reviewers' pins, then system notices) that neither the rules nor the scorer
    /// override: a notice stands alone unless a person placed it.
    func fixed(message: SegmentMessage) -> Choice? {
        if !pins.isEmpty {
            if pins.starts.contains(message.id) { return Choice(rank: nil, rule: .pinned, score: 1) }
            if let target = pins.antecedent[message.id], let targetRank = self.rank(of: target) {
                return Choice(rank: targetRank, rule: .pinned, score: 1)
            }
        }
        return message.isSystem ? Choice(rank: nil, rule: .system, score: 1) : nil
    }

    /// Who a leading `name:`, `name,`, `name text` or `@Name` addresses, if it names someone
    /// known in this channel other than the author.
    func resolveAddressee(_ features: TextFeatures, message: SegmentMessage) -> Snowflake? {
        let author = message.authorID
        for hash in features.atNameHashes.reversed() {
            if let found = authorByName[hash], found != author { return found }
        }
        guard features.leadingHash != 0 else { return nil }
        // Without `:` or `,` only a name that cannot be an ordinary word counts ("ok so…" is not
        // addressed to someone called "ok").
        let plainWord = !features.leadingIsExplicit
            && (features.leadingLength < 3 || SegmentText.stopwordHashes.contains(features.leadingHash))
        if !plainWord, let found = authorByName[features.leadingHash] { return found == author ? nil : found }
        guard features.leadingIsExplicit else { return nil }
        if features.leadingUndecoratedHash != 0, let found = authorByUndecoratedName[features.leadingUndecoratedHash],
           found != author {
            return found
        }
        return resolveShortened(message.text, length: features.leadingLength, author: author)
    }

    /// A leading word of three or more letters that starts exactly one recent speaker's name
    /// (tab completion cut short, or a nick typed from memory).
    func resolveShortened(_ text: String, length: Int, author: Snowflake) -> Snowflake? {
        guard length >= 3 else { return nil }
        var text = text
        return text.withUTF8 { bytes -> Snowflake? in
            var start = 0
            while start < bytes.count, SegmentText.isSpace(bytes[start]) { start += 1 }
            guard start + length <= bytes.count else { return nil }
            var match: Snowflake?
            for speaker in recentSpeakers where speaker != author {
                guard let name = lowercasedNames[speaker], name.count > length else { continue }
                var same = true
                for k in 0..<length where name[k] != SegmentText.lowercased(bytes[start + k]) {
                    same = false
                    break
                }
                if same {
                    if match != nil { return nil }
                    match = speaker
                }
            }
            return match
        }
    }

    func resolveMention(_ message: SegmentMessage, _ features: TextFeatures, author: Snowflake) -> Snowflake? {
        for id in message.mentionIDs where id != author && lastByAuthor[id.rawValue] != nil { return id }
        for hash in features.innerAtNameHashes.reversed() {
            if let found = authorByName[hash], found != author { return found }
        }
        return nil
    }

    /// The recent message sharing the most rare words: `answer` when it is someone else's
    /// question, `lexical` otherwise; nil below the thresholds.
    func wordOverlap(rank: Int, features: TextFeatures, author: Snowflake, window: Int64) -> Candidate? {
        guard !features.words.isEmpty, wordMessages > 0 else { return nil }
        let total = Double(wordMessages + 1)
        let capacity = 2 * features.words.count
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: capacity) { ranks in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: capacity) { scores in
                var used = 0
                func add(_ candidate: Int32, _ weight: Double) {
                    let candidate = Int(candidate)
                    guard candidate >= times.start, blockOf[candidate] == blockOf[rank], times[rank] - times[candidate] <= window
                    else { return }
                    for k in 0..<used where ranks[k] == candidate {
                        scores[k] += weight
                        return
                    }
                    ranks[used] = candidate
                    scores[used] = weight
                    used += 1
                }
                for word in features.words {
                    guard let state = words[word] else { continue }
                    let weight = log(total / Double(state.count + 1))
                    add(state.last, weight)
                    add(state.previous, weight)
                }
                var best: Candidate?
                for k in 0..<used {
                    let candidate = ranks[k]
                    let isAnswer = questionAt[candidate] && authorAt[candidate] != author
                    let threshold = isAnswer ? options.answerThreshold : options.lexicalThreshold
                    guard scores[k] >= threshold else { continue }
                    let score = (isAnswer ? 0.5 : 0.4) * min(1, scores[k] / (2 * threshold)) + (isAnswer ? 0.1 : 0.05)
                    if best.map({ score > $0.score || (score == $0.score && candidate > $0.rank) }) ?? true {
                        best = Candidate(rank: candidate, rule: isAnswer ? .answer : .lexical, score: score)
                    }
                }
                return best
            }
        }
    }

    mutating func registerNames(of message: SegmentMessage) {
        let author = message.authorID
        let nameHash = SegmentText.nameHash(message.authorName)
        let displayHash = message.authorDisplayName.map { SegmentText.nameHash($0) } ?? 0
        let combined = nameHash &+ displayHash &* 31
        guard authorNameHashes[author.rawValue] != combined else { return }
        authorNameHashes.set(author.rawValue, combined)
        lowercasedNames[author] = (message.authorDisplayName ?? message.authorName).utf8.map(SegmentText.lowercased)
        authorByName.set(nameHash, author)
        if let undecorated = SegmentText.undecoratedHash(message.authorName) { authorByUndecoratedName.set(undecorated, author) }
        if let display = message.authorDisplayName {
            authorByName.set(displayHash, author)
            if let undecorated = SegmentText.undecoratedHash(display) { authorByUndecoratedName.set(undecorated, author) }
        }
    }

    /// The rank of the linked message `id`, if any.
    func rank(of id: Snowflake) -> Int? {
        guard idsAscending else { return rankOf[id.rawValue] }
        if let archive, idAt.start > 0, idAt.first.map({ id < $0 }) ?? true { return archive.rank(of: id) }
        return idAt.sortedIndex(of: id)
    }

    func id(at rank: Int) -> Snowflake { rank >= idAt.start ? idAt[rank] : archive!.rank(rank).id }

    func author(at rank: Int) -> Snowflake { rank >= authorAt.start ? authorAt[rank] : archive!.rank(rank).author }

    func conversation(at rank: Int) -> Int { rank >= conversationOf.start ? conversationOf[rank] : archive!.rank(rank).conversation }

    /// Archives the ranks before `keep` that the windows are about to forget, and every
    /// conversation whose latest message is one of them.
    mutating func archiveRanks(before keep: Int, into archive: SegmentArchive, conversations: inout ConversationTable) {
        let leaving = idAt.forgettable(before: keep)
        guard !leaving.isEmpty else { return }
        for rank in leaving {
            let c = conversationOf[rank]
            archive.append(ArchivedRank(id: idAt[rank], author: authorAt[rank], conversation: c))
            guard conversations[c].latest == rank else { continue }
            let state = conversations.remove(c)
            for p in state.participants { participants.remove(pairKey(UInt64(c), p.author.rawValue)) }
            archive.store(state, at: c)
        }
        conversations.forget(before: conversationsBefore[leaving.upperBound])
        idAt.forget(before: keep)
        authorAt.forget(before: keep)
        conversationOf.forget(before: keep)
        conversationsBefore.forget(before: keep)
    }

    /// Brings back an archived conversation that a reply or a pin has reached.
    mutating func restore(_ c: Int, into conversations: inout ConversationTable) {
        let state = archive!.conversation(at: c)
        for p in state.participants { participants.set(pairKey(UInt64(c), p.author.rawValue), p.spoke) }
        conversations.restore(state, at: c)
    }

    mutating func remember(rank: Int, message: SegmentMessage, addressee: Snowflake?) {
        if idsAscending, let last = idAt.last, message.id.rawValue <= last.rawValue {
            idsAscending = false
            for earlier in 0..<idAt.start { rankOf.set(archive!.rank(earlier).id.rawValue, earlier) }
            for earlier in idAt.indices { rankOf.set(idAt[earlier].rawValue, earlier) }
        }
        if !idsAscending { rankOf.set(message.id.rawValue, rank) }
        idAt.append(message.id)
        if options.linkModel != nil {
            addresseeAt.append(message.isSystem ? 0 : addressee?.rawValue ?? 0)
            if !message.isSystem { wordPool.append(contentsOf: features.words) }
            wordEnds.append(Int32(wordPool.end))
        }
        guard !message.isSystem else { return }
        let author = message.authorID
        lastByAuthor.set(author.rawValue, rank)
        if recentSpeakers.last != author { noteSpeaker(author) }
        if let addressee {
            lastAddressing.set(pairKey(author.rawValue, addressee.rawValue), rank)
            lastAddressedTo.set(addressee.rawValue, rank)
        }
        wordMessages += 1
        for word in features.words {
            if var state = words[word] {
                state.count += 1
                state.previous = state.last
                state.last = Int32(rank)
                words.set(word, state)
            } else {
                words.set(word, WordState(count: 1, last: Int32(rank), previous: -1))
            }
        }
    }

    mutating func noteSpeaker(_ author: Snowflake) {
        if let k = recentSpeakers.lastIndex(of: author) { recentSpeakers.remove(at: k) }
        recentSpeakers.append(author)
        if recentSpeakers.count > ChannelSegmenter.recentSpeakerLimit { recentSpeakers.removeFirst() }
    }
}
