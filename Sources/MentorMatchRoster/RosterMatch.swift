import Dispatch
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
/// (<doc:LargeRosters>), the rules score each candidate pair straight into a problem's
/// compressed rows, and the explanations are rebuilt here, for the chosen pairs only.
///
/// **One part at a time.** Without side constraints (minimum loads, demands above 1, binding
/// organisation limits, previous pairs to keep) the allowed pairs fall into independent parts,
/// the connected components of mentees and mentors joined by allowed pairs (under the same-state
/// rule, at most one per state). ``report(for:)`` checks and explains one part at a time, and
/// ``solve(with:)`` and ``run(with:)`` score, solve, verify and explain one part at a time (two
/// at once on two cores) and release it, so that memory follows the largest part, not the whole
/// roster, when the solver's answer is the join of its answers on the parts to the last tie
/// (`MatchingSolver/answersByComponent(requirements:)`: the Hungarian, greedy and stable
/// solvers). Other solvers, and rosters with side constraints, are solved whole.
public struct RosterMatch: Sendable {
    public let roster: Roster
    public let rules: ScoringRules
    /// The roster's values under ``rules``, by person index.
    private let normalised: NormalisedRoster
    /// What the problem's side constraints need of a solver (as `Problem/requirements`).
    private let requirements: SolverCapabilities
    /// The mentees and mentors of each part, in roster order, and each person's part (-1: none).
    private let parts: [(mentees: [Int], mentors: [Int])]
    private let partOfMentee: [Int]
    private let partOfMentor: [Int]
    /// What of the rules and rankings concerns each part (see `pieces(of:...)`); empty for one
    /// part of everyone.
    private let partPieces: [(locked: [Problem.Pair], groups: [Problem.Group], preferences: Problem.Preferences)]
    /// Whether every survey ranking names only people of its own part, so that rankings measured
    /// part by part add up to the whole's.
    private let rankingsStayInParts: Bool
    /// Roster index of each id (the first person with it).
    private let menteeIndex: [String: Int]
    private let mentorIndex: [String: Int]
    /// Per mentee with candidates but no allowed pair, how many candidates each hard rule
    /// excluded (by `NormalisedRoster.Exclusion` raw value).
    private let exclusionsOfEmptyRows: [Int: [Int]]
    /// Per state id, its mentees and its mentors' places: the fill behind "all 5 mentors in MA
    /// are full".
    private let menteesOfState: [Int]
    private let placesOfState: [Int]
    private let groups: [Problem.Group]
    private let preferences: Problem.Preferences
    /// The previous pairs kept where they still stand (with `keep`), as the problem's incumbents.
    private let incumbents: [Problem.Pair]
    /// The pairs that pass every hard rule: the problem's allowed pairs.
    public let allowedPairCount: Int
    /// Suspicious facts about the roster under these rules, in words (a state only one side has,
    /// a domain fit weight with no domain ratings).
    public private(set) var warnings: [String]
    /// The pairs of an earlier match that reports compare with, each side read by id or name
    /// (``PersonLookup``); with `keep`, also the problem's incumbents where they still stand.
    public let previous: [Problem.Pair]
    /// Per previous pair, why it can no longer stand (`nil`: it can).
    private let previousObstacle: [String?]

    /// Normalises the roster, checks it and the rules, and counts each mentee's allowed pairs.
    ///
    /// - Parameters:
    ///   - roster: The mentors and mentees.
    ///   - rules: The hard and soft rules that score each pair.
    ///   - previous: The pairs of an earlier match (see ``PreviousMatches``), to compare with;
    ///     each side an id or a name, a name written another way read with a warning.
    ///   - keep: Whether to keep the previous pairs that still stand: they become the problem's
    ///     incumbents (most pairs first, then the most of these, then the best score).
    /// - Throws: `MatchingError` for duplicate ids or a negative capacity, and
    ///   `MatchingError/malformedFile(_:)` for a locked or forbidden pair with an unknown id or
    ///   a locked pair that breaks a hard rule, naming the pair and the rule.
    /// - Complexity: O(sum over states of mentees x mentors in the state) with the same-state
    ///   rule, O(mentees x mentors) without, each pair scored in a few operations and none kept;
    ///   text work O(size of the roster).
    public init(roster: Roster, rules: ScoringRules, previous: [Problem.Pair] = [], keep: Bool = false) throws {
        self.roster = roster
        self.rules = rules
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
            let statesWithMentors = (0..<normalised.stateCount).filter { normalised.mentorCount(ofState: $0) > 0 }.map { writtenState[$0]! }
            for state in 0..<normalised.stateCount where menteesOfState[state] > 0 && normalised.mentorCount(ofState: state) == 0 {
                let meant = RosterText.likelyState(for: writtenState[state]!, among: statesWithMentors)
                warnings.append(
                    "state '\(writtenState[state]!)' has mentees but no mentor (same state is required)" + (meant.map { "; did you mean '\($0)'?" } ?? ""))
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
        self.menteeIndex = menteeIndex
        self.mentorIndex = mentorIndex
        for (index, pair) in rules.locked.enumerated() {
            let mentee = menteeIndex[pair.mentee]!, mentor = mentorIndex[pair.mentor]!
            if let rule = normalised.evaluation(mentee: mentee, mentor: mentor).excludedBy {
                throw MatchingError.malformedFile(
                    "locked[\(index)]: pair '\(pair.mentee)' (\(roster.mentees[mentee].region)) - '\(pair.mentor)' (\(roster.mentors[mentor].region)) breaks the rule '\(rule)'")
            }
        }

        // One pass over every candidate pair counts each mentee's allowed pairs and joins the
        // parts they connect; no pair is kept.
        var withoutMentor: [Int] = [], allowed = 0, allowedPairs = 0
        var hasPair = [Bool](repeating: false, count: roster.mentees.count)
        var exclusionsOfEmptyRows: [Int: [Int]] = [:]
        var sets = DisjointSets(count: roster.mentees.count + roster.mentors.count)
        var current = 0
        normalised.forEachAllowedPair(ofMentees: Array(roster.mentees.indices)) { mentor, _ in
            allowed += 1
            sets.union(current, roster.mentees.count + mentor)
        } endOfRow: { mentee, exclusions in
            current = mentee + 1
            exclusionsOfEmptyRows[mentee] = exclusions
            if allowed == 0, roster.mentees[mentee].demand > 0 { withoutMentor.append(mentee) }
            hasPair[mentee] = allowed > 0
            allowedPairs += allowed
            allowed = 0
        }
        allowedPairCount = allowedPairs
        // The parts: the connected components of the allowed pairs with at least one pair, in
        // order of their first mentee; a person without an allowed pair is in none (-1). With
        // side constraints, one part of everyone (below).
        let components = sets.bipartiteGroups(leftCount: roster.mentees.count) { hasPair[$0] }
        let parts = components.groups.map { (mentees: $0.lefts, mentors: $0.rights) }
        let partOfMentee = Array(components.groupOfNode[..<roster.mentees.count])
        let partOfMentor = Array(components.groupOfNode[roster.mentees.count...])
        self.exclusionsOfEmptyRows = exclusionsOfEmptyRows
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
        preferences = Problem.Preferences(mentees: menteeLists, mentors: mentorLists)
        groups = try rules.groups(of: roster.mentees)
        // The previous pairs by id: a side that names no one (or several) stays as written, and
        // its pair is one that can no longer stand.
        let lookups = (mentees: PersonLookup(roster.mentees), mentors: PersonLookup(roster.mentors))
        let previous = previous.map { pair in
            func id(_ written: String, in lookup: PersonLookup, side: String) -> String {
                switch lookup.match(written) {
                case .found(let id): return id
                case .guessed(let id):
                    warnings.append("the previous match's \(side) '\(written)' read as '\(id)'")
                    return id
                case .shared(let count):
                    warnings.append("the previous match names \(side) '\(written)', whom \(count) \(side)s share; the pair is dropped")
                    return written
                case .unknown: return written
                }
            }
            return Problem.Pair(mentee: id(pair.mentee, in: lookups.mentees, side: "mentee"), mentor: id(pair.mentor, in: lookups.mentors, side: "mentor"))
        }
        self.previous = previous
        self.warnings = warnings
        previousObstacle = previous.map { pair in
            guard let menteeNumber = menteeIndex[pair.mentee] else { return "mentee '\(pair.mentee)' is no longer in the roster" }
            guard let mentorNumber = mentorIndex[pair.mentor] else { return "mentor '\(pair.mentor)' is no longer in the roster" }
            if roster.mentees[menteeNumber].demand == 0 { return "the mentee no longer asks for a mentor (demand 0)" }
            if roster.mentors[mentorNumber].capacity == 0 { return "the mentor no longer takes mentees (capacity 0)" }
            if let rule = normalised.evaluation(mentee: menteeNumber, mentor: mentorNumber).excludedBy { return "the rule '\(rule)' now excludes it" }
            return nil
        }
        incumbents = keep ? zip(previous, previousObstacle).filter { $1 == nil }.map(\.0) : []
        // The whole problem's checks (ids, counts, groups, preferences, locked pairs and
        // incumbents) on a problem whose only pairs are the locked and kept ones.
        var checked = Set<[Int]>()  // (mentee, mentor), once each
        for pair in rules.locked + incumbents { checked.insert([menteeIndex[pair.mentee]!, mentorIndex[pair.mentor]!]) }
        let checks = try Problem(
            mentees: roster.mentees.map { .init(id: $0.id, demand: $0.demand) }, mentors: Self.problemMentors(Array(roster.mentors.indices), of: roster, rules: rules),
            scores: .indexedEdges(mentees: checked.map { $0[0] }, mentors: checked.map { $0[1] }, scores: checked.map { _ in 0 }),
            locked: rules.locked, groups: groups, incumbents: incumbents, preferences: preferences)
        requirements = checks.requirements
        if requirements.isEmpty {
            self.parts = parts
            self.partOfMentee = partOfMentee
            self.partOfMentor = partOfMentor
            partPieces = Self.pieces(
                of: parts, partOfMentee: partOfMentee, partOfMentor: partOfMentor, menteeIndex: menteeIndex, mentorIndex: mentorIndex,
                locked: rules.locked, groups: groups, preferences: preferences)
            rankingsStayInParts =
                preferences.mentees.allSatisfy { mentee, list in list.allSatisfy { partOfMentor[mentorIndex[$0]!] == partOfMentee[menteeIndex[mentee]!] } }
                && preferences.mentors.allSatisfy { mentor, list in list.allSatisfy { partOfMentee[menteeIndex[$0]!] == partOfMentor[mentorIndex[mentor]!] } }
        } else {
            partPieces = []
            rankingsStayInParts = true
            self.parts = [(Array(roster.mentees.indices), Array(roster.mentors.indices))]
            self.partOfMentee = Array(repeating: 0, count: roster.mentees.count)
            self.partOfMentor = Array(repeating: 0, count: roster.mentors.count)
        }
    }

    /// The problem's mentors of these roster indices, with the minimums the rules enforce.
    private static func problemMentors(_ indices: [Int], of roster: Roster, rules: ScoringRules) -> [Problem.Mentor] {
        indices.map { .init(id: roster.mentors[$0].id, capacity: roster.mentors[$0].capacity, minimum: rules.enforceMinimums ? roster.mentors[$0].minimum : 0) }
    }

    /// The whole assignment problem: one allowed pair per pair that passes every hard rule,
    /// scored by the soft rules, maximized; mentor capacities from the roster; the rules' locked
    /// pairs; the previous pairs kept as incumbents. Every state's pairs at once: for what needs
    /// the problem whole (the k best, what-if, comparing solvers); ``solve(with:)`` goes part by
    /// part and never builds it.
    ///
    /// - Complexity: O(allowed pairs) time and memory, scored anew on each access.
    public var problem: Problem {
        get throws { try problem(mentees: Array(roster.mentees.indices), mentors: Array(roster.mentors.indices), part: nil) }
    }

    /// The problem of these mentees and mentors (roster indices, increasing), every allowed pair
    /// of the mentees among the mentors: part `part`, or (`nil`) the whole roster.
    private func problem(mentees: [Int], mentors: [Int], part: Int?) throws -> Problem {
        var column = [Int32](repeating: -1, count: roster.mentors.count)
        for (place, mentor) in mentors.enumerated() { column[mentor] = Int32(place) }
        let rows = normalised.rows(ofMentees: mentees) { column[$0] }
        let pieces = part.map { partPieces[$0] } ?? (locked: rules.locked, groups: groups, preferences: preferences)
        return try Problem(
            sense: .maximize, mentees: mentees.map { .init(id: roster.mentees[$0].id, demand: roster.mentees[$0].demand) },
            mentors: Self.problemMentors(mentors, of: roster, rules: rules),
            scores: .compressedRows(rowStart: rows.rowStart, mentors: rows.mentors, scores: rows.scores),
            locked: pieces.locked, groups: pieces.groups, incumbents: part == nil ? incumbents : [], preferences: pieces.preferences)
    }

    /// Per part, its locked pairs, the groups' members in it and its people's rankings of each
    /// other: what of the rules and rankings concerns the part, gathered once.
    private static func pieces(
        of parts: [(mentees: [Int], mentors: [Int])], partOfMentee: [Int], partOfMentor: [Int], menteeIndex: [String: Int],
        mentorIndex: [String: Int], locked: [Problem.Pair], groups: [Problem.Group], preferences: Problem.Preferences
    ) -> [(locked: [Problem.Pair], groups: [Problem.Group], preferences: Problem.Preferences)] {
        var pieces = parts.map { _ in (locked: [Problem.Pair](), groups: [Problem.Group](), preferences: Problem.Preferences()) }
        for pair in locked { pieces[partOfMentee[menteeIndex[pair.mentee]!]].locked.append(pair) }
        for group in groups {
            var members: [Int: [String]] = [:]
            for mentee in group.mentees where partOfMentee[menteeIndex[mentee]!] >= 0 { members[partOfMentee[menteeIndex[mentee]!], default: []].append(mentee) }
            for (part, mentees) in members { pieces[part].groups.append(.init(id: group.id, mentees: mentees, maxPerMentor: group.maxPerMentor)) }
        }
        for (mentee, list) in preferences.mentees {
            let part = partOfMentee[menteeIndex[mentee]!]
            if part >= 0 { pieces[part].preferences.mentees[mentee] = list.filter { partOfMentor[mentorIndex[$0]!] == part } }
        }
        for (mentor, list) in preferences.mentors {
            let part = partOfMentor[mentorIndex[mentor]!]
            if part >= 0 { pieces[part].preferences.mentors[mentor] = list.filter { partOfMentee[menteeIndex[$0]!] == part } }
        }
        return pieces
    }

    /// Whether the roster is one part of everyone: with side constraints.
    private var isOnePart: Bool { !requirements.isEmpty }

    /// The problem of part `part`.
    private func problem(ofPart part: Int) throws -> Problem {
        guard !isOnePart else { return try problem }
        return try problem(mentees: parts[part].mentees, mentors: parts[part].mentors, part: part)
    }

    /// Solves the roster with `solver` and verifies the answer: part by part (two parts at once)
    /// when the solver answers by component (`MatchingSolver/answersByComponent(requirements:)`),
    /// the parts' answers and certificates joined into the whole problem's; else on the whole
    /// problem.
    ///
    /// - Throws: whatever the solver throws, or `MatchingError/verificationFailed(_:)`.
    /// - Complexity: the solver's on each part; memory that of the largest two parts (by parts).
    public func solve(with solver: any MatchingSolver) throws -> Solution {
        guard solver.answersByComponent(requirements: requirements) else {
            let problem = try problem
            let solution = try solver.solve(problem)
            _ = try problem.verify(solution)
            return solution
        }
        return try joined(solving(with: solver).map(\.solution), solver: solver.name)
    }

    /// Solves the roster with `solver` as ``solve(with:)`` does, verifies the answer and explains
    /// it; part by part, each part is explained while its problem is at hand.
    ///
    /// - Throws: whatever the solver throws, or `MatchingError/verificationFailed(_:)`.
    public func run(with solver: any MatchingSolver) throws -> MatchReport {
        guard solver.answersByComponent(requirements: requirements) else { return try report(for: solve(with: solver)) }
        let solved = try solving(with: solver)
        return explained(joined(solved.map(\.solution), solver: solver.name), reasons: solved.reduce(into: [:]) { $0.merge($1.reasons) { a, _ in a } })
    }

    /// Whether ``compare(_:threshold:)`` runs the solvers that answer by component part by part:
    /// when there are several parts and every ranking lies within its part.
    package var comparesByParts: Bool { !isOnePart && rankingsStayInParts }

    /// Runs `solvers` on the roster and compares their verified answers to the same figures as
    /// `Comparison(problem, solvers: solvers, threshold: threshold)`: part by part, two parts at
    /// once, for the solvers that answer by component when every survey ranking lies within its
    /// part (blocking pairs, first choices and ranks then add up over the parts), on the whole
    /// problem for the others.
    ///
    /// - Complexity: the solvers' own on each part or on the whole, plus O(*e* log *e*) per solver
    ///   for the rankings, where *e* is the number of allowed pairs of a part or of the whole.
    public func compare(_ solvers: [any MatchingSolver], threshold: Double? = nil) throws -> Comparison {
        let byParts = solvers.map { comparesByParts && $0.answersByComponent(requirements: requirements) }
        let partSolvers = zip(solvers, byParts).filter(\.1).map(\.0)
        // Per part, one outcome per solver of `partSolvers`.
        let partOutcomes: [[Result<Comparison.Measured, any Error>]] =
            partSolvers.isEmpty
            ? []
            : eachPartAtOnce { part in
                do {
                    let judge = Comparison.Judge(try problem(ofPart: part))
                    return partSolvers.map { solver in Result { try judge.run(solver) } }
                } catch {
                    return partSolvers.map { _ in .failure(error) }
                }
            }
        let whole = byParts.contains(false) ? Comparison.Judge(try problem) : nil
        let columnOf = byParts.indices.map { index in byParts[..<index].filter { $0 }.count }  // among partSolvers
        let outcomes = solvers.indices.map { index -> Result<Comparison.Measured, any Error> in
            let solver = solvers[index]
            guard byParts[index] else { return Result { try whole!.run(solver) } }
            return Result {
                let measured = try partOutcomes.map { try $0[columnOf[index]].get() }
                return .joined(measured, as: joined(measured.map(\.solution), solver: solver.name))
            }
        }
        return Comparison(sense: .maximize, solvers: solvers.map(\.name), outcomes: outcomes, threshold: threshold)
    }

    /// Explains a solution of ``problem`` (from any solver), verified part by part first.
    ///
    /// - Throws: `MatchingError/verificationFailed(_:)` when the solution names a person who is
    ///   not in the roster, or does not fit the problem.
    /// - Complexity: O(mentees + mentors + allowed pairs), one part at a time.
    public func report(for solution: Solution) throws -> MatchReport {
        for assignment in solution.assignments {
            for (id, index) in [(assignment.mentee, menteeIndex), (assignment.mentor, mentorIndex)] where index[id] == nil {
                throw MatchingError.verificationFailed("'\(id)' is not in the roster")
            }
        }
        for id in solution.unassigned where menteeIndex[id] == nil { throw MatchingError.verificationFailed("'\(id)' is not in the roster") }
        guard solution.loads.count == roster.mentors.count else {
            throw MatchingError.verificationFailed("\(solution.loads.count) mentor loads for \(roster.mentors.count) mentors")
        }
        for assignment in solution.assignments {
            let mentee = menteeIndex[assignment.mentee]!, mentor = mentorIndex[assignment.mentor]!
            guard partOfMentee[mentee] >= 0, partOfMentee[mentee] == partOfMentor[mentor] else {
                throw MatchingError.verificationFailed("pair '\(assignment.mentee)' - '\(assignment.mentor)' is not allowed")
            }
        }
        let unassigned = Set(solution.unassigned)
        for mentee in roster.mentees.indices where partOfMentee[mentee] < 0 && roster.mentees[mentee].demand > 0 {
            guard unassigned.contains(roster.mentees[mentee].id) else {
                throw MatchingError.verificationFailed("mentee '\(roster.mentees[mentee].id)' has no allowed mentor but is not listed as unassigned")
            }
        }
        for mentor in roster.mentors.indices where partOfMentor[mentor] < 0 && solution.loads[mentor] != 0 {
            throw MatchingError.verificationFailed("mentor '\(roster.mentors[mentor].id)' has no allowed mentee but a load of \(solution.loads[mentor])")
        }
        let pieces = split(solution)
        let partReasons = try parts.indices.map { part in
            let problem = try problem(ofPart: part)
            _ = try problem.verify(pieces[part])
            return reasons(in: part, of: problem, solution: pieces[part])
        }
        return explained(solution, reasons: partReasons.reduce(into: [:]) { $0.merge($1) { a, _ in a } })
    }

    /// Each part solved with `solver` and verified, with the reasons of its unmatched; two parts
    /// at once, each problem released when its part is done.
    private func solving(with solver: any MatchingSolver) throws -> [(solution: Solution, reasons: [Int: String])] {
        try eachPartAtOnce { part in
            Result {
                let problem = try problem(ofPart: part)
                let solution = try solver.solve(problem)
                _ = try problem.verify(solution)
                return (solution, reasons(in: part, of: problem, solution: solution))
            }
        }.map { try $0.get() }
    }

    /// `body` of every part, two parts at once on two cores, in part order.
    private func eachPartAtOnce<Value>(_ body: @Sendable (_ part: Int) -> Value) -> [Value] {
        concurrentMap(parts.count, body)
    }

    /// The parts' answers as one answer of the whole problem.
    private func joined(_ pieces: [Solution], solver: String) -> Solution {
        var pairs: [(mentee: Int, mentor: Int, score: Double)] = []
        var loads = [Int](repeating: 0, count: roster.mentors.count)
        for (part, piece) in pieces.enumerated() {
            for assignment in piece.assignments { pairs.append((menteeIndex[assignment.mentee]!, mentorIndex[assignment.mentor]!, assignment.score)) }
            for (place, load) in piece.loads.enumerated() { loads[parts[part].mentors[place]] = load }
        }
        // The order and the sum of the whole problem's answer (by mentee, then mentor).
        pairs.sort { ($0.mentee, $0.mentor) < ($1.mentee, $1.mentor) }
        var served = [Int](repeating: 0, count: roster.mentees.count)
        var objective = 0.0
        for pair in pairs {
            served[pair.mentee] += 1
            objective += pair.score
        }
        return Solution(
            solver: solver, methods: pieces.flatMap(\.methods), status: Solution.status(joining: pieces), objective: objective,
            assignments: pairs.map { .init(mentee: roster.mentees[$0.mentee].id, mentor: roster.mentors[$0.mentor].id, score: $0.score) },
            unassigned: roster.mentees.indices.filter { served[$0] < roster.mentees[$0].demand }.map { roster.mentees[$0].id },
            loads: loads, seconds: pieces.reduce(0) { $0 + $1.seconds }, certificate: joinedCertificate(pieces))
    }

    /// The parts' certificates as one (`Solution.Certificate(joining:of:menteeCount:mentorCount:)`),
    /// or `nil`; one part of everyone: its certificate.
    private func joinedCertificate(_ pieces: [Solution]) -> Solution.Certificate? {
        if isOnePart { return pieces.first?.certificate }
        return Solution.Certificate(joining: pieces.map(\.certificate), of: parts, menteeCount: roster.mentees.count, mentorCount: roster.mentors.count)
    }

    /// A solution of the whole problem, whose pairs each lie in a part, cut into its parts'
    /// solutions, certificate included (one part of everyone: the solution itself).
    private func split(_ solution: Solution) -> [Solution] {
        guard !isOnePart else { return [solution] }
        var assignments = [[Solution.Assignment]](repeating: [], count: parts.count)
        for assignment in solution.assignments { assignments[partOfMentee[menteeIndex[assignment.mentee]!]].append(assignment) }
        var unassigned = [[String]](repeating: [], count: parts.count)
        for id in solution.unassigned where partOfMentee[menteeIndex[id]!] >= 0 { unassigned[partOfMentee[menteeIndex[id]!]].append(id) }
        return parts.indices.map { part in
            var objective = 0.0
            for assignment in assignments[part] { objective += assignment.score }
            return Solution(
                solver: solution.solver, methods: solution.methods, status: solution.status, objective: objective, assignments: assignments[part],
                unassigned: unassigned[part], loads: parts[part].mentors.map { solution.loads[$0] }, seconds: 0,
                certificate: solution.certificate.map { certificate in
                    Solution.Certificate(
                        source: certificate.source, sink: certificate.sink, mentees: parts[part].mentees.map { certificate.mentees[$0] },
                        mentors: parts[part].mentors.map { certificate.mentors[$0] }, groupNodes: [])
                })
        }
    }

    /// How `solution` relates to the previous match, or `nil` without one: each previous pair
    /// kept or dropped with its reason.
    private func comparison(
        with solution: Solution, matches: inout [MatchReport.Match], unmatched: inout [MatchReport.Unmatched]
    ) -> MatchReport.Previous? {
        guard !previous.isEmpty else { return nil }
        let chosen = Set(solution.assignments.map { Problem.Pair(mentee: $0.mentee, mentor: $0.mentor) })
        let previousSet = Set(previous)
        var lockedTo: [String: String] = [:], lockedAt: [String: Int] = [:], newlyLockedAt = Set<String>()
        for pair in rules.locked {
            if lockedTo[pair.mentee] == nil { lockedTo[pair.mentee] = pair.mentor }
            lockedAt[pair.mentor, default: 0] += 1
            if !previousSet.contains(pair) { newlyLockedAt.insert(pair.mentor) }
        }
        var standingAt: [String: Int] = [:]
        for (pair, obstacle) in zip(previous, previousObstacle) where obstacle == nil { standingAt[pair.mentor, default: 0] += 1 }
        var dropped: [MatchReport.Dropped] = []
        var previousScore = 0.0
        for (pair, obstacle) in zip(previous, previousObstacle) {
            if obstacle == nil { previousScore += normalised.score(mentee: menteeIndex[pair.mentee]!, mentor: mentorIndex[pair.mentor]!) }
            guard !chosen.contains(pair) else { continue }
            let reason: String
            if let obstacle {
                reason = obstacle
            } else if let capacity = mentorIndex[pair.mentor].map({ roster.mentors[$0].capacity }), capacity < standingAt[pair.mentor, default: 0] {
                let standing = standingAt[pair.mentor, default: 0]
                reason = "mentor '\(pair.mentor)' now takes \(capacity) mentee\(capacity == 1 ? "" : "s"), \(standing) previous pairs stand"
            } else if let lockedTo = lockedTo[pair.mentee], roster.mentees[menteeIndex[pair.mentee]!].demand == 1 {
                reason = "the mentee is locked to '\(lockedTo)'"
            } else if lockedAt[pair.mentor, default: 0] >= roster.mentors[mentorIndex[pair.mentor]!].capacity {
                reason = "locked pairs take every place of mentor '\(pair.mentor)'"
            } else if let mentor = mentorIndex[pair.mentor], solution.loads[mentor] >= roster.mentors[mentor].capacity,
                newlyLockedAt.contains(pair.mentor)
            {
                reason = "mentor '\(pair.mentor)' is full, and a new locked pair takes one of its places"
            } else if incumbents.isEmpty {
                reason = "the new match is better without it under the current rules (keep previous pairs to keep it)"
            } else {
                reason = "keeping it would cost another mentee a mentor, or another previous pair"
            }
            dropped.append(
                .init(
                    mentee: pair.mentee, menteeName: menteeIndex[pair.mentee].map { roster.mentees[$0].name } ?? "", mentor: pair.mentor,
                    mentorName: mentorIndex[pair.mentor].map { roster.mentors[$0].name } ?? "", reason: reason))
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
            kept: kept, new: matches.count - kept, dropped: dropped, previousScore: previousScore, keep: !incumbents.isEmpty)
    }

    /// The `preferences` columns of `people` as lists of ids of `others`. An entry is an id, or
    /// else a name, of the other side; failing both, an id or name equal under
    /// ``RosterText/key(_:)`` is taken with a warning. Anything else, or a name that two people
    /// share, is an error naming the person and the entry.
    private static func resolve(_ people: [Profile], ranking others: [Profile], side: String, warnings: inout [String]) throws -> [String: [String]] {
        guard people.contains(where: { !$0.preferences.isEmpty }) else { return [:] }
        let lookup = PersonLookup(others)
        var lists: [String: [String]] = [:]
        for person in people where !person.preferences.isEmpty {
            lists[person.id] = try person.preferences.map { entry in
                try lookup.id(of: entry, side: side, context: "the preferences of '\(person.id)'") { warnings.append($0) }
            }
        }
        return lists
    }

    /// The report of a verified solution of the whole problem, with the reasons of its unmatched.
    private func explained(_ solution: Solution, reasons: [Int: String]) -> MatchReport {
        var matches = solution.assignments.map { assignment -> MatchReport.Match in
            let menteeNumber = menteeIndex[assignment.mentee]!, mentorNumber = mentorIndex[assignment.mentor]!
            let mentee = roster.mentees[menteeNumber], mentor = roster.mentors[mentorNumber]
            return MatchReport.Match(
                mentee: mentee.id, menteeName: mentee.name, mentor: mentor.id, mentorName: mentor.name, region: mentee.region,
                score: assignment.score, parts: normalised.evaluation(mentee: menteeNumber, mentor: mentorNumber).parts)
        }
        let unmatched = solution.unassigned.map { id -> MatchReport.Unmatched in
            let number = menteeIndex[id]!, mentee = roster.mentees[number]
            let reason = reasons[number] ?? reasonWithoutAllowedMentor(number) ?? ""
            return MatchReport.Unmatched(mentee: id, menteeName: mentee.name, region: mentee.region, reason: reason)
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
        func label(_ profile: Profile) -> String { MatchReport.person(profile.id, profile.name) }
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

    /// Why mentee `number` has no allowed mentor, in words; `nil` when it has one.
    private func reasonWithoutAllowedMentor(_ number: Int) -> String? {
        let place = rules.sameState ? " in \(roster.mentees[number].region)" : ""
        if normalised.candidateCount(ofMentee: number) == 0 { return "no mentor\(place)" }
        guard let excluded = exclusionsOfEmptyRows[number] else { return nil }
        let counts = NormalisedRoster.Exclusion.allCases.filter { excluded[$0.rawValue] > 0 }.map { (normalised.name(of: $0), excluded[$0.rawValue]) }
        let rules = counts.sorted { ($0.1, $1.0) > ($1.1, $0.0) }.map { "\($0.1) by rule '\($0.0)'" }
        return "every mentor\(place) is excluded: " + rules.joined(separator: ", ")
    }

    /// Why each unassigned mentee of part `part` is unassigned, in words, by roster index: from
    /// its row of allowed mentors in the part's problem, the exclusion counts gathered while
    /// counting, and the per-state counts.
    ///
    /// - Complexity: O(allowed pairs of the part's unassigned mentees).
    private func reasons(in part: Int, of problem: Problem, solution: Solution) -> [Int: String] {
        let (mentees, mentors) = parts[part]
        var place = [String: Int]()
        for (index, mentee) in mentees.enumerated() { place[roster.mentees[mentee].id] = index }
        var reasons: [Int: String] = [:]
        for id in solution.unassigned {
            let local = place[id]!, number = mentees[local], mentee = roster.mentees[number]
            if let reason = reasonWithoutAllowedMentor(number) {
                reasons[number] = reason
                continue
            }
            let inState = rules.sameState ? " in \(mentee.region)" : ""
            let pool = normalised.candidateCount(ofMentee: number)
            var allowed = 0, full = true
            problem.forEachAllowedMentor(ofMentee: local) { mentor, _ in
                allowed += 1
                if solution.loads[mentor] < roster.mentors[mentors[mentor]].capacity { full = false }
            }
            if !full {
                reasons[number] = "left out to meet the other constraints (an allowed mentor still has room)"
            } else if allowed == pool, rules.sameState {
                let state = Int(normalised.mentees.region[number])
                let who = pool == 1 ? "the only mentor" : pool == 2 ? "both mentors" : "all \(pool) mentors"
                reasons[number] = "\(who)\(inState) \(pool == 1 ? "is" : "are") full: \(menteesOfState[state]) mentees for \(placesOfState[state]) places"
            } else {
                let who = allowed == 1 ? "the only allowed mentor" : allowed == 2 ? "both allowed mentors" : "all \(allowed) allowed mentors"
                reasons[number] = "\(who) (of \(pool)\(inState)) \(allowed == 1 ? "is" : "are") full"
            }
        }
        return reasons
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
        /// Empty when the roster has no name for the mentee (or no longer has the mentee).
        public var menteeName: String
        public var mentor: String
        public var mentorName: String
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
