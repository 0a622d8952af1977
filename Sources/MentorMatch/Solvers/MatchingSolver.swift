/// Features beyond the basic capacitated assignment that a problem may need and a solver may offer.
public struct SolverCapabilities: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Mentors with a positive ``Problem/Mentor/minimum``.
    public static let minimumLoads = SolverCapabilities(rawValue: 1 << 0)
    /// Mentees with a ``Problem/Mentee/demand`` above 1.
    public static let menteeDemand = SolverCapabilities(rawValue: 1 << 1)
    /// ``Problem/Group`` limits below the group's size.
    public static let groupLimits = SolverCapabilities(rawValue: 1 << 2)
    /// ``Problem/incumbents``: earlier pairs to keep where possible.
    public static let incumbents = SolverCapabilities(rawValue: 1 << 3)

    /// The features in words, for error messages ("minimum loads, group limits").
    public var description: String {
        let names = [(Self.minimumLoads, "minimum loads"), (.menteeDemand, "mentee demand above 1"), (.groupLimits, "group limits"), (.incumbents, "previous pairs to keep")]
        let present = names.filter { contains($0.0) }.map(\.1)
        return present.isEmpty ? "no extra features" : present.joined(separator: ", ")
    }
}

/// A solver for ``Problem``: a name, the features it supports, and a solve call.
///
/// ## Implementation requirements
/// A conforming solver must
/// - throw ``MatchingError/unsupported(solver:feature:)`` when `problem.requirements` is not a
///   subset of ``capabilities`` (call ``checkSupport(of:)`` first): a constraint is never ignored;
/// - return a feasible answer whose ``Solution/status`` says what is known of it (optimal under
///   the objective documented on ``Problem``, cut by a time limit, or heuristic), or throw; never
///   a partial or unproven answer labelled optimal;
/// - be deterministic: the same problem gives the same ``Solution`` (apart from timing).
///
/// The library already guarantees the solver a valid problem: ``Problem`` cannot hold bad data.
/// ``Problem/verify(_:)`` checks any solver's answer independently.
public protocol MatchingSolver: Sendable {
    /// A short lowercase name, used by the command-line tool and in solutions ("hungarian").
    var name: String { get }
    /// The features beyond the basic problem that this solver honours exactly.
    var capabilities: SolverCapabilities { get }
    /// Solves `problem`.
    ///
    /// - Throws: ``MatchingError/unsupported(solver:feature:)``, or a solver-specific error.
    func solve(_ problem: Problem) throws -> Solution

    /// Whether, on a problem whose side constraints need `requirements`, this solver's answer is
    /// its answers on the connected components of the allowed pairs (each solved as a problem of
    /// its own, people in the same order) put together, to the last tie: a caller may then solve
    /// a large problem one component at a time. Default `false`.
    func answersByComponent(requirements: SolverCapabilities) -> Bool
}

extension MatchingSolver {
    public func answersByComponent(requirements: SolverCapabilities) -> Bool { false }
}

extension MatchingSolver {
    /// Throws ``MatchingError/unsupported(solver:feature:)`` if `problem` needs a feature this
    /// solver lacks.
    ///
    /// - Complexity: O(*m*), where *m* is the number of mentors.
    public func checkSupport(of problem: Problem) throws {
        let missing = problem.requirements.subtracting(capabilities)
        if !missing.isEmpty { throw MatchingError.unsupported(solver: name, feature: .capabilities(missing)) }
    }
}
