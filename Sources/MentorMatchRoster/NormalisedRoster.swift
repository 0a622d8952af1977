import MentorMatch

/// A roster's values normalised once under a set of rules, so that scoring a pair is a few
/// integer, bit and floating-point operations: no text, no allocation, no reference counting.
///
/// Every text value is replaced by the id of its comparison key (``RosterText/key(_:)``): states,
/// organisations, settings and the scored attribute columns by small integers, languages by a bit
/// set, ratings by six bytes. Two values compare equal exactly when their keys do, so every rule
/// reads as ``ScoringRules`` defines it; ``ScoringRules/evaluate(mentee:mentor:)`` is this type on
/// a roster of two.
///
/// The same-state rule is a join: a mentee's candidates are the mentors of its state (all mentors
/// without the rule), in increasing order.
struct NormalisedRoster: Sendable {
    /// One side's normalised values, by person index.
    struct Side: Sendable {
        /// The comparison key of each value's id. For mentees, `none` where the written value is
        /// empty: an empty organisation, setting or attribute never counts as shared.
        var region: [Int32] = []
        var organisation: [Int32] = []
        var setting: [Int32] = []
        /// Per scored attribute column (``ScoringRules/sameAttributeWeights`` by name), per person.
        var attributes: [[Int32]] = []
        /// `languageWords` bits per person: bit *l* is set when the person speaks language *l*.
        var languages: [UInt64] = []
        /// Six ratings per person, in ``PreventionDomain`` order.
        var ratings: [UInt8] = []
    }

    /// Why a pair is not allowed: the first hard rule it breaks, in this order.
    enum Exclusion: Int, CaseIterable, Sendable {
        case forbidden, sameState, differentOrganisation, minimumScore
    }

    /// A soft rule's place in ``ScoringRules/Evaluation/parts``.
    enum SoftRule: Sendable {
        case domainFit, sharedLanguage, sameSetting, sameAttribute(Int)
    }

    /// Marks a mentee's empty value, equal to nothing.
    static let none: Int32 = -1

    let rules: ScoringRules
    let mentees: Side
    let mentors: Side
    let languageWords: Int
    /// The scored attribute columns, sorted; their weights in the same order.
    let attributeNames: [String]
    private let attributeWeights: [Double]
    private let domainWeights: [Double]
    /// The number of distinct states (by key); the mentors of state *s*, increasing, are at
    /// `stateMentorStart[s]..<stateMentorStart[s + 1]` of `stateMentors`.
    let stateCount: Int
    private let stateMentorStart: [Int]
    private let stateMentors: [Int32]
    /// Forbidden pairs as `mentee * mentorCount + mentor`.
    private let forbidden: Set<Int>

    /// Normalises every person once.
    ///
    /// - Parameters:
    ///   - roster: The people.
    ///   - rules: The rules; their forbidden pairs name people by id (the first person with an id
    ///     when two share it), and a pair naming someone not in the roster is ignored here.
    /// - Complexity: O(total length of the roster's text values).
    init(roster: Roster, rules: ScoringRules) {
        self.rules = rules
        let attributeNames = rules.sameAttributeWeights.keys.sorted()
        self.attributeNames = attributeNames
        attributeWeights = attributeNames.map { rules.sameAttributeWeights[$0]! }
        domainWeights = PreventionDomain.allCases.map { rules.domainWeights[$0, default: 1] }

        var states = KeyIds(), organisations = KeyIds(), settings = KeyIds(), languages = KeyIds()
        var attributes = attributeNames.map { _ in KeyIds() }
        var languageIds: [[Int32]] = []
        func side(_ people: [Profile], menteeSide: Bool) -> Side {
            /// A mentee's empty value is `none`; a mentor's is the key of the empty text.
            func id(_ text: String, in ids: inout KeyIds) -> Int32 { menteeSide && text.isEmpty ? NormalisedRoster.none : ids.id(of: text) }
            var side = Side()
            side.region = people.map { states.id(of: $0.region) }
            side.organisation = people.map { id($0.organisation, in: &organisations) }
            side.setting = people.map { id($0.setting, in: &settings) }
            side.attributes = attributeNames.indices.map { column in
                people.map { id($0.attributes[attributeNames[column]] ?? "", in: &attributes[column]) }
            }
            side.ratings.reserveCapacity(people.count * PreventionDomain.allCases.count)
            for person in people {
                for domain in PreventionDomain.allCases { side.ratings.append(UInt8(clamping: person.ratings[domain])) }
                languageIds.append(person.languages.map { languages.id(of: $0) })
            }
            return side
        }
        var menteeSide = side(roster.mentees, menteeSide: true)
        var mentorSide = side(roster.mentors, menteeSide: false)
        let languageWords = max(1, (languages.count + 63) / 64)
        self.languageWords = languageWords
        for (index, ids) in languageIds.enumerated() {
            var words = [UInt64](repeating: 0, count: languageWords)
            for id in ids { words[Int(id) / 64] |= 1 << UInt64(id % 64) }
            if index < roster.mentees.count { menteeSide.languages += words } else { mentorSide.languages += words }
        }
        mentees = menteeSide
        mentors = mentorSide

        stateCount = states.count
        var mentorsOfState = [Int](repeating: 0, count: stateCount)
        for state in mentorSide.region { mentorsOfState[Int(state)] += 1 }
        var rows = RowLayout(counts: mentorsOfState), members = [Int32](repeating: 0, count: roster.mentors.count)
        for (mentor, state) in mentorSide.region.enumerated() { members[rows.place(inRow: Int(state))] = Int32(mentor) }
        stateMentorStart = rows.start
        stateMentors = members

        var menteeIndex: [String: Int] = [:], mentorIndex: [String: Int] = [:]
        if !rules.forbidden.isEmpty {
            for (index, mentee) in roster.mentees.enumerated().reversed() { menteeIndex[mentee.id] = index }
            for (index, mentor) in roster.mentors.enumerated().reversed() { mentorIndex[mentor.id] = index }
        }
        let mentorCount = roster.mentors.count
        forbidden = Set(rules.forbidden.compactMap { pair in
            menteeIndex[pair.mentee].flatMap { mentee in mentorIndex[pair.mentor].map { mentee * mentorCount + $0 } }
        })
    }

    var menteeCount: Int { mentees.region.count }
    var mentorCount: Int { mentors.region.count }

    /// The mentors a mentee is scored against: those of its state under the same-state rule, else
    /// every mentor.
    func candidateCount(ofMentee mentee: Int) -> Int {
        guard rules.sameState else { return mentorCount }
        let state = Int(mentees.region[mentee])
        return stateMentorStart[state + 1] - stateMentorStart[state]
    }

    /// Calls `body` with each candidate mentor of `mentee`, in increasing order.
    ///
    /// - Complexity: O(candidates).
    @inline(__always)
    func forEachCandidate(ofMentee mentee: Int, _ body: (Int) throws -> Void) rethrows {
        guard rules.sameState else {
            for mentor in 0..<mentorCount { try body(mentor) }
            return
        }
        let state = Int(mentees.region[mentee])
        for position in stateMentorStart[state]..<stateMentorStart[state + 1] { try body(Int(stateMentors[position])) }
    }

    /// The mentors of each state, by state id.
    func mentorCount(ofState state: Int) -> Int { stateMentorStart[state + 1] - stateMentorStart[state] }

    /// Calls `body` with each soft rule that has a weight and its points for the pair, in the order
    /// of ``ScoringRules/Evaluation/parts``; the pair's score is their sum in this order.
    ///
    /// - Complexity: O(*w* + *a*), where *w* is `languageWords` and *a* the scored attributes.
    @inline(__always)
    func forEachPart(mentee: Int, mentor: Int, _ body: (SoftRule, Double) -> Void) {
        if rules.domainFitWeight != 0 {
            var fit = 0.0
            let domains = PreventionDomain.allCases.count
            for domain in 0..<domains {
                let product = Int(mentees.ratings[mentee &* domains &+ domain]) &* Int(mentors.ratings[mentor &* domains &+ domain])
                fit += domainWeights[domain] * Double(product)
            }
            body(.domainFit, rules.domainFitWeight * fit)
        }
        if rules.sharedLanguageWeight != 0 {
            var shared = false
            for word in 0..<languageWords
            where mentees.languages[mentee &* languageWords &+ word] & mentors.languages[mentor &* languageWords &+ word] != 0 {
                shared = true
            }
            body(.sharedLanguage, shared ? rules.sharedLanguageWeight : 0)
        }
        if rules.sameSettingWeight != 0 {
            let setting = mentees.setting[mentee]
            body(.sameSetting, setting != Self.none && setting == mentors.setting[mentor] ? rules.sameSettingWeight : 0)
        }
        for column in attributeNames.indices {
            let value = mentees.attributes[column][mentee]
            body(.sameAttribute(column), value != Self.none && value == mentors.attributes[column][mentor] ? attributeWeights[column] : 0)
        }
    }

    /// The pair's score: the sum of its soft rules' points.
    @inline(__always)
    func score(mentee: Int, mentor: Int) -> Double {
        var score = 0.0
        forEachPart(mentee: mentee, mentor: mentor) { _, points in score += points }
        return score
    }

    /// The first hard rule the pair breaks, given its score; `nil` when it is allowed.
    @inline(__always)
    func exclusion(mentee: Int, mentor: Int, score: Double) -> Exclusion? {
        if !forbidden.isEmpty, forbidden.contains(mentee &* mentorCount &+ mentor) { return .forbidden }
        if rules.sameState, mentees.region[mentee] != mentors.region[mentor] { return .sameState }
        if rules.differentOrganisation {
            let organisation = mentees.organisation[mentee]
            if organisation != Self.none, organisation == mentors.organisation[mentor] { return .differentOrganisation }
        }
        if let minimumScore = rules.minimumScore, score < minimumScore { return .minimumScore }
        return nil
    }

    /// A hard rule's name, as reports and errors write it.
    func name(of exclusion: Exclusion) -> String {
        switch exclusion {
        case .forbidden: "forbidden pair"
        case .sameState: "same state"
        case .differentOrganisation: "different organisation"
        case .minimumScore: "minimum score \(formatScore(rules.minimumScore ?? 0))"
        }
    }

    /// A soft rule's name, as reports write it.
    func name(of rule: SoftRule) -> String {
        switch rule {
        case .domainFit: "domain fit"
        case .sharedLanguage: "shared language"
        case .sameSetting: "same setting"
        case .sameAttribute(let column): "same \(attributeNames[column])"
        }
    }

    /// What the rules say about one pair, in words: for the pairs a report explains.
    func evaluation(mentee: Int, mentor: Int) -> ScoringRules.Evaluation {
        var parts: [ScoringRules.Part] = []
        forEachPart(mentee: mentee, mentor: mentor) { rule, points in parts.append(.init(rule: name(of: rule), points: points)) }
        var score = 0.0
        for part in parts { score += part.points }
        return .init(excludedBy: exclusion(mentee: mentee, mentor: mentor, score: score).map(name), parts: parts, score: score)
    }

    /// Scores every candidate pair of `mentees` once, in their order: `pair` gets each allowed
    /// mentor (increasing) and its score, `endOfRow` each mentee after its pairs, with how many
    /// candidates each hard rule excluded (by ``Exclusion`` raw value) when it has candidates but
    /// no allowed pair, else `nil`.
    ///
    /// - Complexity: O(candidate pairs × (*w* + *a*)); no allocation per pair.
    func forEachAllowedPair(
        ofMentees mentees: [Int], _ pair: (_ mentor: Int, _ score: Double) -> Void, endOfRow: (_ mentee: Int, _ exclusions: [Int]?) -> Void
    ) {
        var excluded = [Int](repeating: 0, count: Exclusion.allCases.count)
        for mentee in mentees {
            for index in excluded.indices { excluded[index] = 0 }
            var allowed = 0
            forEachCandidate(ofMentee: mentee) { mentor in
                let score = score(mentee: mentee, mentor: mentor)
                if let exclusion = exclusion(mentee: mentee, mentor: mentor, score: score) {
                    excluded[exclusion.rawValue] += 1
                } else {
                    allowed += 1
                    pair(mentor, score)
                }
            }
            endOfRow(mentee, allowed == 0 && candidateCount(ofMentee: mentee) > 0 ? excluded : nil)
        }
    }

    /// The allowed pairs of `mentees` and their scores as compressed rows, each row's mentors
    /// increasing; `column` gives a mentor's column (its roster index for the whole roster, its
    /// place in a part for a part), increasing with the roster index.
    ///
    /// - Complexity: O(candidate pairs × (*w* + *a*)).
    func rows(ofMentees mentees: [Int], column: (Int) -> Int32) -> (rowStart: [Int], mentors: [Int32], scores: [Double]) {
        var pairBound = 0
        for mentee in mentees { pairBound += candidateCount(ofMentee: mentee) }
        var rowStart = [0], mentors: [Int32] = [], scores: [Double] = []
        rowStart.reserveCapacity(mentees.count + 1)
        mentors.reserveCapacity(pairBound)
        scores.reserveCapacity(pairBound)
        forEachAllowedPair(ofMentees: mentees) { mentor, score in
            mentors.append(column(mentor))
            scores.append(score)
        } endOfRow: { _, _ in
            rowStart.append(mentors.count)
        }
        return (rowStart, mentors, scores)
    }

    /// The mentors of `state`, increasing.
    func mentors(ofState state: Int) -> ArraySlice<Int32> { stateMentors[stateMentorStart[state]..<stateMentorStart[state + 1]] }
}

/// Ids of comparison keys, in order of first appearance.
private struct KeyIds {
    private var ids: [String: Int32] = [:]
    /// Ids of texts as written, so that a value repeated in a column is keyed once.
    private var written: [String: Int32] = [:]

    var count: Int { ids.count }

    mutating func id(of text: String) -> Int32 {
        if let id = written[text] { return id }
        let key = RosterText.key(text)
        let id = ids[key] ?? Int32(ids.count)
        ids[key] = id
        written[text] = id
        return id
    }
}
