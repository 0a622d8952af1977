/// Everything that can go wrong when building, reading or solving a matching problem.
///
/// Every case names the culprit (an id, a pair, a field) so that the message alone tells a user
/// what to fix. The text of every message is produced in one place, ``description``.
public enum MatchingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Two mentees share an id.
    case duplicateMentee(String)
    /// Two mentors share an id.
    case duplicateMentor(String)
    /// An id that is not among the mentees, found in `context` (for example "locked pair").
    case unknownMentee(String, context: String)
    /// An id that is not among the mentors, found in `context`.
    case unknownMentor(String, context: String)
    /// A score that is NaN, infinite, or larger in magnitude than ``Problem/maximumScoreMagnitude``.
    case invalidScore(mentee: String, mentor: String, score: Double)
    /// The same pair listed twice, in `context` ("edges", "locked pairs").
    case duplicatePair(mentee: String, mentor: String, context: String)
    /// Two groups share an id.
    case duplicateGroup(String)
    /// A group that lists a mentee twice.
    case duplicateGroupMember(group: String, mentee: String)
    /// A preference list that ranks the same person twice; `person` owns the list.
    case duplicatePreference(person: String, listed: String)
    /// A group limit below zero.
    case negativeGroupLimit(group: String, limit: Int)
    /// A mentee's demand below zero.
    case negativeDemand(mentee: String, demand: Int)
    /// A mentor's capacity below zero.
    case negativeCapacity(mentor: String, capacity: Int)
    /// A mentor's minimum load below zero.
    case negativeMinimum(mentor: String, minimum: Int)
    /// A mentor's minimum load above its capacity.
    case minimumAboveCapacity(mentor: String, minimum: Int, capacity: Int)
    /// A locked pair that is also forbidden.
    case lockedPairForbidden(mentee: String, mentor: String)
    /// A locked pair that has no score, so it is not allowed.
    case lockedPairNotAllowed(mentee: String, mentor: String)
    /// An incumbent pair that is not allowed (no score, or forbidden).
    case incumbentNotAllowed(mentee: String, mentor: String)
    /// More pairs locked on a mentee than its demand (with the default demand 1: locked twice).
    case menteeOverLocked(mentee: String, locked: Int, demand: Int)
    /// More pairs locked on a mentor than its capacity.
    case mentorOverLocked(mentor: String, locked: Int, capacity: Int)
    /// A score matrix whose shape does not match the mentee and mentor lists.
    case shapeMismatch(String)
    /// The problem needs a feature (for example groups that overlap without nesting) that the
    /// solver does not support.
    case unsupported(solver: String, feature: UnsupportedFeature)
    /// No assignment meets every constraint; the text says why in words.
    case infeasible(String)
    /// The time limit passed before any assignment meeting every constraint was found.
    case timeLimitReached(String)
    /// The task running the solver was cancelled.
    case cancelled
    /// A problem file that cannot be read; the text names the line or field where possible.
    case malformedFile(String)
    /// A solution that fails ``Problem/verify(_:)``; the text names the first failed check.
    case verificationFailed(String)
    /// A solver broke one of its own invariants. This is a bug; please report the input.
    case internalError(String)

    public var description: String {
        switch self {
        case .duplicateMentee(let id): "duplicate mentee id '\(id)'"
        case .duplicateMentor(let id): "duplicate mentor id '\(id)'"
        case .unknownMentee(let id, let context): "unknown mentee '\(id)' in \(context)"
        case .unknownMentor(let id, let context): "unknown mentor '\(id)' in \(context)"
        case .invalidScore(let mentee, let mentor, let score):
            "invalid score \(score) for mentee '\(mentee)' and mentor '\(mentor)': scores must be finite "
                + "with magnitude at most 1e15"
        case .duplicatePair(let mentee, let mentor, let context):
            "pair mentee '\(mentee)', mentor '\(mentor)' is listed twice in \(context)"
        case .duplicateGroup(let id): "duplicate group id '\(id)'"
        case .duplicateGroupMember(let group, let mentee): "group '\(group)' lists mentee '\(mentee)' twice"
        case .duplicatePreference(let person, let listed): "the preference list of '\(person)' ranks '\(listed)' twice"
        case .negativeGroupLimit(let group, let limit): "group '\(group)' has negative maxPerMentor \(limit)"
        case .negativeDemand(let mentee, let demand): "mentee '\(mentee)' has negative demand \(demand)"
        case .negativeCapacity(let mentor, let capacity): "mentor '\(mentor)' has negative capacity \(capacity)"
        case .negativeMinimum(let mentor, let minimum): "mentor '\(mentor)' has negative minimum \(minimum)"
        case .minimumAboveCapacity(let mentor, let minimum, let capacity):
            "mentor '\(mentor)' has minimum \(minimum) above its capacity \(capacity)"
        case .lockedPairForbidden(let mentee, let mentor):
            "pair mentee '\(mentee)', mentor '\(mentor)' is both locked and forbidden"
        case .lockedPairNotAllowed(let mentee, let mentor):
            "locked pair mentee '\(mentee)', mentor '\(mentor)' has no score, so it is not allowed"
        case .incumbentNotAllowed(let mentee, let mentor):
            "incumbent pair mentee '\(mentee)', mentor '\(mentor)' is not allowed (no score, or forbidden)"
        case .menteeOverLocked(let mentee, let locked, let demand):
            "mentee '\(mentee)' has \(locked) locked mentors but demand \(demand)"
        case .mentorOverLocked(let mentor, let locked, let capacity):
            "mentor '\(mentor)' has \(locked) locked mentees but capacity \(capacity)"
        case .shapeMismatch(let text): "score matrix shape mismatch: \(text)"
        case .unsupported(let solver, let feature): "solver '\(solver)' does not support \(feature)"
        case .infeasible(let reason): "infeasible: \(reason)"
        case .timeLimitReached(let text): "time limit reached: \(text)"
        case .cancelled: "cancelled"
        case .malformedFile(let text): text
        case .verificationFailed(let text): "verification failed: \(text)"
        case .internalError(let text): "internal error (please report this input): \(text)"
        }
    }
}

/// What a solver cannot take, for ``MatchingError/unsupported(solver:feature:)``.
public enum UnsupportedFeature: Sendable, Equatable, CustomStringConvertible {
    /// Side constraints beyond the solver's ``MatchingSolver/capabilities``.
    case capabilities(SolverCapabilities)
    /// Two groups (by id) that overlap without one containing the other: no flow network
    /// expresses them.
    case overlappingGroups(String, String)
    /// More allowed pairs and people than 32-bit indices can count.
    case size(String)

    public var description: String {
        switch self {
        case .capabilities(let missing): missing.description
        case .overlappingGroups(let first, let second):
            "groups '\(first)' and '\(second)', which overlap without one containing the other (use --solver glpk)"
        case .size(let text): text
        }
    }
}
