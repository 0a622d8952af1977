import MentorMatch

/// A roster under a set of scoring rules: the core `Problem` they produce, and the explained
/// result of solving it.
///
/// ```swift
/// let match = try RosterMatch(roster: roster, rules: rules)
/// let report = try match.run(with: HungarianSolver())
/// for pair in report.matches { print(pair.mentee, pair.mentor, pair.parts) }   // parts add up to score
/// for left in report.unmatched { print(left.mentee, left.reason) }             // "no mentor in VT"
/// ```
///
/// Nothing in the core knows about states or domains: every person's values are normalised once
/// (``NormalisedRoster``), the rules score each candidate pair straight into the problem's
/// compressed rows, and the explanations are rebuilt here, for the chosen pairs only.
public struct RosterMatch: Sendable {
    public let roster: Roster
    public let rules: ScoringRules
    /// The assignment problem: one allowed pair per pair that passes every hard rule, scored by
    /// the soft rules, maximized; mentor capacities from the roster; the rules' locked pairs.
    public let problem: Problem
    /// The roster's values under ``rules``, by person index.
    private let normalised: NormalisedRoster
    /// Per mentee left without an allowed mentor among a non-empty pool, how many candidates each
    /// hard rule excluded (by `NormalisedRoster.Exclusion` raw value).
    private let exclusionsOfEmptyRows: [Int: [Int]]
    /// Per state id, its mentees and its mentors' places: the fill behind "all 5 mentors in MA
    /// are full".
    private let menteesOfState: [Int]
    private let placesOfState: [Int]
    /// Suspicious facts about the roster under these rules, in words (a state only one side has,
    /// a domain fit weight with no domain ratings).
    public private(set) var warnings: [String]
    /// The pairs of an earlier match that reports compare with; with `keep`, also the problem's
    /// incumbents where they still stand.
    public let previous: [Problem.Pair]
    /// Per previous pair, why it can no longer stand (`nil`: it can).
    private let previousObstacle: [String?]

    /// Scores every pair and builds the problem.
    ///
    /// - Parameters:
    ///   - roster: The mentors and mentees.
    ///   - rules: The hard and soft rules that score each pair.
    ///   - previous: The pairs of an earlier match (see ``PreviousMatches``), to compare with.
    ///   - keep: Whether to keep the previous pairs that still stand: they become the problem's
    ///     incumbents (most pairs first, then the most of these, then the best score).
    /// - Throws: `MatchingError` for duplicate ids or a negative capacity, and
    ///   `MatchingError/malformedFile(_:)` for a locked or forbidden pair with an unknown id or
    ///   a locked pair that breaks a hard rule, naming the pair and the rule.
    /// - Complexity: O(sum over states of mentees x mentors in the state) with the same-state
    ///   rule, O(mentees x mentors) without, each pair scored in a few operations; text work
    ///   O(size of the roster).
    public init(roster: Roster, rules: ScoringRules, previous: [Problem.Pair] = [], keep: Bool = false) throws {
        self.roster = roster
        self.rules = rules
        self.previous = previous
        for attribute in rules.sameAttributeWeights.keys.sorted() {
            var columns = Set<String>()
            for person in roster.mentees + roster.mentors { columns.formUnion(person.attributes.keys) }
            guard !columns.contains(attribute) else { continue }
            throw MatchingError.malformedFile(
                "sameAttribute names the column '\(attribute)', which neither file has"
                    + (RosterText.suggestion(for: attribute, among: columns.sorted()).map { "; did you mean '\($0)'?" } ?? ""))
        }
        let normalised = NormalisedRoster(roster: roster, rules: rules)
        self.normalised = normalised
        var menteesOfState = [Int](repeating: 0, count: normalised.stateCount)
        var placesOfState = [Int](repeating: 0, count: normalised.stateCount)
        var writtenState = [String?](repeating: nil, count: normalised.stateCount)
        for (mentee, state) in normalised.mentees.region.enumerated() {
            menteesOfState[Int(state)] += 1
            if writtenState[Int(state)] == nil { writtenState[Int(state)] = roster.mentees[mentee].region }
        }
        for (mentor, state) in normalised.mentors.region.enumerated() {
            placesOfState[Int(state)] += roster.mentors[mentor].capacity
            if writtenState[Int(state)] == nil { writtenState[Int(state)] = roster.mentors[mentor].region }
        }
        self.menteesOfState = menteesOfState
        self.placesOfState = placesOfState
        var warnings: [String] = []
        if rules.sameState {
            // State ids follow first appearance, mentees first: warnings come in roster order.
            for state in 0..<normalised.stateCount where menteesOfState[state] > 0 && normalised.mentorCount(ofState: state) == 0 {
                warnings.append("state '\(writtenState[state]!)' has mentees but no mentor (same state is required)")
            }
            for state in 0..<normalised.stateCount where menteesOfState[state] == 0 && normalised.mentorCount(ofState: state) > 0 {
                warnings.append("state '\(writtenState[state]!)' has mentors but no mentee")
            }
        }
        let unrated = DomainRatings()
        if rules.domainFitWeight != 0, !roster.mentees.isEmpty, (roster.mentees + roster.mentors).allSatisfy({ $0.ratings == unrated }) {
            warnings.append("no profile has a prevention-domain rating, so domain fit (weight \(formatScore(rules.domainFitWeight))) is 0 for every pair")
        }

        let menteeIds = Set(roster.mentees.map(\.id)), mentorIds = Set(roster.mentors.map(\.id))
        for (list, name) in [(rules.locked, "locked"), (rules.forbidden, "forbidden")] {
            for (index, pair) in list.enumerated() {
                if !menteeIds.contains(pair.mentee) { throw MatchingError.malformedFile("\(name)[\(index)]: unknown mentee '\(pair.mentee)'") }
                if !mentorIds.contains(pair.mentor) { throw MatchingError.malformedFile("\(name)[\(index)]: unknown mentor '\(pair.mentor)'") }
            }
        }
        let menteeIndex = Dictionary(roster.mentees.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let mentorIndex = Dictionary(roster.mentors.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        for (index, pair) in rules.locked.enumerated() {
            let mentee = menteeIndex[pair.mentee]!, mentor = mentorIndex[pair.mentor]!
            if let rule = normalised.evaluation(mentee: mentee, mentor: mentor).excludedBy {
                throw MatchingError.malformedFile(
                    "locked[\(index)]: pair '\(pair.mentee)' (\(roster.mentees[mentee].region)) - '\(pair.mentor)' (\(roster.mentors[mentor].region)) breaks the rule '\(rule)'")
            }
        }

        let rows = normalised.rows()
        exclusionsOfEmptyRows = rows.exclusionsOfEmptyRows
        let withoutMentor = roster.mentees.indices.filter { rows.rowStart[$0] == rows.rowStart[$0 + 1] && roster.mentees[$0].demand > 0 }
        if !withoutMentor.isEmpty {
            warnings.append(
                "\(withoutMentor.count) mentee\(withoutMentor.count == 1 ? " has" : "s have") no allowed mentor under these rules: "
                    + withoutMentor.prefix(10).map { roster.mentees[$0].id }.joined(separator: ", ") + (withoutMentor.count > 10 ? ", ..." : "")
                    + " (see the reasons of the unmatched)")
        }
        if !rules.enforceMinimums, roster.mentors.contains(where: { $0.minimum > 0 }) {
            warnings.append("the mentors' minimum loads are not enforced (enforceMinimums is false in the rules)")
        }
        let mentorLists = try Self.resolve(roster.mentors, ranking: roster.mentees, side: "mentee", warnings: &warnings)
        let menteeLists = try Self.resolve(roster.mentees, ranking: roster.mentors, side: "mentor", warnings: &warnings)
        self.warnings = warnings
        /// Whether the rows allow the pair (binary search in the mentee's increasing row).
        func allowed(_ mentee: Int, _ mentor: Int) -> Bool {
            let row = rows.mentors[rows.rowStart[mentee]..<rows.rowStart[mentee + 1]]
            var low = row.startIndex, high = row.endIndex
            while low < high {
                let middle = (low + high) / 2
                if Int(row[middle]) < mentor { low = middle + 1 } else { high = middle }
            }
            return low < row.endIndex && Int(row[low]) == mentor
        }
        previousObstacle = previous.map { pair in
            guard let menteeNumber = menteeIndex[pair.mentee] else { return "mentee '\(pair.mentee)' is no longer in the roster" }
            guard let mentorNumber = mentorIndex[pair.mentor] else { return "mentor '\(pair.mentor)' is no longer in the roster" }
            if roster.mentees[menteeNumber].demand == 0 { return "the mentee no longer asks for a mentor (demand 0)" }
            if roster.mentors[mentorNumber].capacity == 0 { return "the mentor no longer takes mentees (capacity 0)" }
            if let rule = normalised.evaluation(mentee: menteeNumber, mentor: mentorNumber).excludedBy { return "the rule '\(rule)' now excludes it" }
            return allowed(menteeNumber, mentorNumber) ? nil : "the rules no longer allow it"
        }
        let incumbents = keep ? zip(previous, previousObstacle).filter { $1 == nil }.map(\.0) : []
        problem = try Problem(
            sense: .maximize, mentees: roster.mentees.map { .init(id: $0.id, demand: $0.demand) },
            mentors: roster.mentors.map { .init(id: $0.id, capacity: $0.capacity, minimum: rules.enforceMinimums ? $0.minimum : 0) },
            scores: .compressedRows(rowStart: rows.rowStart, mentors: rows.mentors, scores: rows.scores), locked: rules.locked,
            groups: try rules.groups(of: roster.mentees), incumbents: incumbents,
            preferences: Problem.Preferences(mentees: menteeLists, mentors: mentorLists))
    }

    /// How `solution` relates to the previous match, or `nil` without one: each previous pair
    /// kept or dropped with its reason.
    private func comparison(
        with solution: Solution, matches: inout [MatchReport.Match], unmatched: inout [MatchReport.Unmatched]
    ) -> MatchReport.Previous? {
        guard !previous.isEmpty else { return nil }
        let chosen = Set(solution.assignments.map { Problem.Pair(mentee: $0.mentee, mentor: $0.mentor) })
        let previousSet = Set(previous)
        let menteeIndex = Dictionary(problem.mentees.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let mentorIndex = Dictionary(problem.mentors.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var standingAt: [String: Int] = [:]
        for (pair, obstacle) in zip(previous, previousObstacle) where obstacle == nil { standingAt[pair.mentor, default: 0] += 1 }
        var dropped: [MatchReport.Dropped] = []
        var previousScore = 0.0
        for (pair, obstacle) in zip(previous, previousObstacle) {
            if obstacle == nil, let score = problem.score(mentee: menteeIndex[pair.mentee]!, mentor: mentorIndex[pair.mentor]!) {
                previousScore += score
            }
            guard !chosen.contains(pair) else { continue }
            let reason: String
            if let obstacle {
                reason = obstacle
            } else if let capacity = mentorIndex[pair.mentor].map({ problem.mentors[$0].capacity }), capacity < standingAt[pair.mentor, default: 0] {
                reason = "mentor '\(pair.mentor)' now takes \(capacity) mentees, \(standingAt[pair.mentor, default: 0]) previous pairs stand"
            } else if let lockedTo = problem.locked.first(where: { $0.mentee == pair.mentee }), problem.mentees[menteeIndex[pair.mentee]!].demand == 1 {
                reason = "the mentee is locked to '\(lockedTo.mentor)'"
            } else if problem.locked.filter({ $0.mentor == pair.mentor }).count >= problem.mentors[mentorIndex[pair.mentor]!].capacity {
                reason = "locked pairs take every place of mentor '\(pair.mentor)'"
            } else if let mentor = mentorIndex[pair.mentor], solution.loads[mentor] >= problem.mentors[mentor].capacity,
                problem.locked.contains(where: { $0.mentor == pair.mentor && !previousSet.contains($0) })
            {
                reason = "mentor '\(pair.mentor)' is full, and a new locked pair takes one of its places"
            } else if problem.incumbents.isEmpty {
                reason = "the new match is better without it under the current rules (keep previous pairs to keep it)"
            } else {
                reason = "keeping it would cost another mentee a mentor, or another previous pair"
            }
            dropped.append(.init(mentee: pair.mentee, mentor: pair.mentor, reason: reason))
        }
        // Each row says what became of its mentee's previous pairs: kept, or dropped and why.
        let droppedOf = Dictionary(grouping: dropped, by: \.mentee)
            .mapValues { $0.map { "\($0.mentor): \($0.reason)" }.joined(separator: "; ") }
        for index in matches.indices {
            let pair = Problem.Pair(mentee: matches[index].mentee, mentor: matches[index].mentor)
            matches[index].previous = previousSet.contains(pair) ? "kept" : droppedOf[pair.mentee].map { "new (was \($0))" } ?? "new"
        }
        for index in unmatched.indices { unmatched[index].previous = droppedOf[unmatched[index].mentee].map { "dropped \($0)" } }
        let kept = matches.filter { $0.previous == "kept" }.count
        return MatchReport.Previous(
            kept: kept, new: matches.count - kept, dropped: dropped, previousScore: previousScore, keep: !problem.incumbents.isEmpty)
    }

    /// The `preferences` columns of `people` as lists of ids of `others`. An entry is an id, or
    /// else a name, of the other side; failing both, an id or name equal under
    /// ``RosterText/key(_:)`` is taken with a warning. Anything else, or a name that two people
    /// share, is an error naming the person and the entry.
    private static func resolve(_ people: [Profile], ranking others: [Profile], side: String, warnings: inout [String]) throws -> [String: [String]] {
        guard people.contains(where: { !$0.preferences.isEmpty }) else { return [:] }
        let ids = Set(others.map(\.id))
        var idsOfName: [String: Set<String>] = [:], idsOfKey: [String: Set<String>] = [:]
        for other in others {
            if !other.name.isEmpty { idsOfName[other.name, default: []].insert(other.id) }
            for written in [other.id, other.name] where !written.isEmpty { idsOfKey[RosterText.key(written), default: []].insert(other.id) }
        }
        var lists: [String: [String]] = [:]
        for person in people where !person.preferences.isEmpty {
            lists[person.id] = try person.preferences.map { entry in
                if ids.contains(entry) { return entry }
                let named = idsOfName[entry] ?? idsOfKey[RosterText.key(entry)] ?? []
                guard named.count == 1, let id = named.first else {
                    let problem = named.isEmpty ? "which is no \(side) id or name" : "which \(named.count) \(side)s share (use their ids)"
                    let hint = named.isEmpty ? RosterText.suggestion(for: entry, among: others.flatMap { [$0.id, $0.name] }.filter { !$0.isEmpty }) : nil
                    throw MatchingError.malformedFile(
                        "the preferences of '\(person.id)' name '\(entry)', \(problem)" + (hint.map { "; did you mean '\($0)'?" } ?? ""))
                }
                if idsOfName[entry] == nil { warnings.append("the preferences of '\(person.id)' name '\(entry)', read as \(side) '\(id)'") }
                return id
            }
        }
        return lists
    }

    /// Solves the problem with `solver`, verifies the answer and explains it.
    ///
    /// - Throws: whatever the solver throws, or `MatchingError/verificationFailed(_:)`.
    public func run(with solver: any MatchingSolver) throws -> MatchReport {
        try report(for: solver.solve(problem))
    }

    /// Explains a solution of ``problem``.
    ///
    /// - Throws: `MatchingError/verificationFailed(_:)` when the solution names a person who is
    ///   not in the roster, or does not fit the problem (it is verified first).
    /// - Complexity: O(mentees + mentors + allowed pairs of the unmatched), plus the verification.
    public func report(for solution: Solution) throws -> MatchReport {
        try problem.verify(solution)
        let menteeIndex = Dictionary(roster.mentees.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let mentorIndex = Dictionary(roster.mentors.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        func number(_ id: String, in index: [String: Int]) throws -> Int {
            guard let number = index[id] else { throw MatchingError.verificationFailed("'\(id)' is not in the roster") }
            return number
        }
        var matches = try solution.assignments.map { assignment -> MatchReport.Match in
            let menteeNumber = try number(assignment.mentee, in: menteeIndex), mentorNumber = try number(assignment.mentor, in: mentorIndex)
            let mentee = roster.mentees[menteeNumber], mentor = roster.mentors[mentorNumber]
            let evaluation = normalised.evaluation(mentee: menteeNumber, mentor: mentorNumber)
            return MatchReport.Match(
                mentee: mentee.id, menteeName: mentee.name, mentor: mentor.id, mentorName: mentor.name, region: mentee.region,
                score: assignment.score, parts: evaluation.parts)
        }
        let unmatched = try solution.unassigned.map { id -> MatchReport.Unmatched in
            guard let number = menteeIndex[id] else { throw MatchingError.verificationFailed("'\(id)' is not in the roster") }
            let mentee = roster.mentees[number]
            return MatchReport.Unmatched(mentee: id, menteeName: mentee.name, region: mentee.region, reason: reason(for: number, loads: solution.loads))
        }
        let loads = zip(roster.mentors, solution.loads).map {
            MatchReport.MentorLoad(mentor: $0.id, mentorName: $0.name, region: $0.region, load: $1, capacity: $0.capacity)
        }
        var regions: [String: MatchReport.RegionFill] = [:]
        for mentee in roster.mentees { regions[mentee.region, default: .init(region: mentee.region)].mentees += 1 }  // states are canonical when read
        for match in matches { regions[match.region, default: .init(region: match.region)].assigned += 1 }
        for mentor in roster.mentors { regions[mentor.region, default: .init(region: mentor.region)].places += mentor.capacity }
        let scores = matches.map(\.score)
        var unmatchedRows = unmatched
        let previous = comparison(with: solution, matches: &matches, unmatched: &unmatchedRows)
        return MatchReport(
            solver: solution.solver, status: solution.status, matches: matches, unmatched: unmatchedRows, loads: loads,
            regions: regions.values.sorted { $0.region < $1.region },
            meanScore: scores.isEmpty ? nil : scores.reduce(0, +) / Double(scores.count), lowestScore: scores.min(), warnings: warnings,
            previous: previous)
    }

    /// One mentee's match in words: the chosen mentor's points rule by rule (or why there is
    /// none), then every mentor considered, best first, with its score and whether it was excluded
    /// or how full it is.
    ///
    /// - Throws: `MatchingError/unknownMentee(_:context:)` for an id not in the roster.
    /// - Complexity: O(mentors considered x log).
    public func explanation(ofMentee id: String, in report: MatchReport) throws -> String {
        guard let number = roster.mentees.firstIndex(where: { $0.id == id }) else {
            throw MatchingError.unknownMentee(id, context: "the roster")
        }
        let mentee = roster.mentees[number]
        /// "Name (id)", or the id alone when the profile has no name.
        func label(_ profile: Profile) -> String { profile.name.isEmpty ? profile.id : "\(profile.name) (\(profile.id))" }
        let mentorOfId = Dictionary(roster.mentors.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var lines: [String] = []
        let chosen = report.matches.filter { $0.mentee == id }
        for match in chosen {
            let mentor = mentorOfId[match.mentor].map(label) ?? match.mentor
            lines.append("\(label(mentee)), \(mentee.region), is matched with \(mentor): score \(formatScore(match.score))")
            lines += match.parts.map { "  \($0.rule): \(formatScore($0.points))" }
        }
        if chosen.isEmpty, let left = report.unmatched.first(where: { $0.mentee == id }) {
            lines.append("\(label(mentee)), \(mentee.region), has no mentor: \(left.reason)")
        }
        let loads = Dictionary(uniqueKeysWithValues: report.loads.map { ($0.mentor, $0) })
        var considered: [(mentor: Profile, evaluation: ScoringRules.Evaluation)] = []
        normalised.forEachCandidate(ofMentee: number) { considered.append((roster.mentors[$0], normalised.evaluation(mentee: number, mentor: $0))) }
        // Allowed mentors first, then by score (highest first), then by id.
        func precedes(_ a: (mentor: Profile, evaluation: ScoringRules.Evaluation), _ b: (mentor: Profile, evaluation: ScoringRules.Evaluation)) -> Bool {
            let aExcluded = a.evaluation.excludedBy != nil ? 1 : 0, bExcluded = b.evaluation.excludedBy != nil ? 1 : 0
            if aExcluded != bExcluded { return aExcluded < bExcluded }
            if a.evaluation.score != b.evaluation.score { return a.evaluation.score > b.evaluation.score }
            return a.mentor.id < b.mentor.id
        }
        lines.append("mentors considered\(rules.sameState ? " in \(mentee.region)" : ""): \(considered.count)")
        for (mentor, evaluation) in considered.sorted(by: precedes) {
            let state = evaluation.excludedBy.map { "excluded by rule '\($0)'" } ?? loads[mentor.id].map { "\($0.load) of \($0.capacity) places taken" } ?? ""
            lines.append("  \(label(mentor)): score \(formatScore(evaluation.score)), \(state)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Why mentee `number` is unassigned, in words: from its row of allowed mentors, the exclusion
    /// counts gathered while scoring, and the per-state counts.
    ///
    /// - Complexity: O(allowed mentors of the mentee).
    private func reason(for number: Int, loads: [Int]) -> String {
        let mentee = roster.mentees[number]
        let place = rules.sameState ? " in \(mentee.region)" : ""
        let pool = normalised.candidateCount(ofMentee: number)
        if pool == 0 { return "no mentor\(place)" }
        if let excluded = exclusionsOfEmptyRows[number] {
            let counts = NormalisedRoster.Exclusion.allCases.filter { excluded[$0.rawValue] > 0 }.map { (normalised.name(of: $0), excluded[$0.rawValue]) }
            let rules = counts.sorted { ($0.1, $1.0) > ($1.1, $0.0) }.map { "\($0.1) by rule '\($0.0)'" }
            return "every mentor\(place) is excluded: " + rules.joined(separator: ", ")
        }
        var allowed = 0, full = true
        problem.forEachAllowedMentor(ofMentee: number) { mentor, _ in
            allowed += 1
            if loads[mentor] < roster.mentors[mentor].capacity { full = false }
        }
        guard full else { return "left out to meet the other constraints (an allowed mentor still has room)" }
        if allowed == pool, rules.sameState {
            let state = Int(normalised.mentees.region[number])
            let mentors = pool == 1 ? "the only mentor" : "all \(pool) mentors"
            return "\(mentors)\(place) \(pool == 1 ? "is" : "are") full: \(menteesOfState[state]) mentees for \(placesOfState[state]) places"
        }
        let mentors = allowed == 1 ? "the only allowed mentor" : "all \(allowed) allowed mentors"
        return "\(mentors) (of \(pool)\(place)) \(allowed == 1 ? "is" : "are") full"
    }
}

/// The explained result of matching a roster.
public struct MatchReport: Sendable, Hashable, Codable {
    /// An assigned pair; `parts` add up to `score`.
    public struct Match: Sendable, Hashable, Codable {
        public var mentee: String
        public var menteeName: String
        public var mentor: String
        public var mentorName: String
        /// The mentee's state or region.
        public var region: String
        public var score: Double
        public var parts: [ScoringRules.Part]
        /// With a previous match: "kept", "new", or "new (was m3: why that pair was dropped)";
        /// else `nil`.
        public var previous: String? = nil
    }

    /// A previous pair that is not in this match, and why.
    public struct Dropped: Sendable, Hashable, Codable {
        public var mentee: String
        public var mentor: String
        public var reason: String
    }

    /// How this match relates to a previous one.
    public struct Previous: Sendable, Hashable, Codable {
        /// Matches that were previous pairs, and the others.
        public var kept: Int
        public var new: Int
        /// Previous pairs not in this match, in the previous file's order.
        public var dropped: [Dropped]
        /// The total score of the previous pairs that still stand, under the current rules.
        public var previousScore: Double
        /// Whether the match kept previous pairs on purpose (`--keep`), or only compares (`--diff`).
        public var keep: Bool
    }

    /// A mentee left without a mentor, and why.
    public struct Unmatched: Sendable, Hashable, Codable {
        public var mentee: String
        public var menteeName: String
        public var region: String
        public var reason: String
        /// With a previous match: the mentee's dropped previous pairs and why, else `nil`.
        public var previous: String? = nil
    }

    public struct MentorLoad: Sendable, Hashable, Codable {
        public var mentor: String
        public var mentorName: String
        public var region: String
        public var load: Int
        public var capacity: Int
    }

    /// How one state or region fared: its mentees, how many got a mentor, and its mentors' places.
    public struct RegionFill: Sendable, Hashable, Codable {
        public var region: String
        public var mentees = 0
        public var assigned = 0
        public var places = 0
    }

    public var solver: String
    public var status: Solution.Status
    public var matches: [Match]
    public var unmatched: [Unmatched]
    public var loads: [MentorLoad]
    public var regions: [RegionFill]
    /// The mean and lowest score of the matches (`nil` without matches).
    public var meanScore: Double?
    public var lowestScore: Double?
    /// What reading and checking the roster guessed or found suspicious, in words.
    public var warnings: [String] = []
    /// The comparison with a previous match, when one was given.
    public var previous: Previous? = nil
}
