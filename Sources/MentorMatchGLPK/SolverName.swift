import MentorMatch

/// Every solver of the package by name: the one list that the command-line tool (`solve`,
/// `match`, `compare`, `batch`) and the benchmark harness read. It lives in the GLPK module
/// because that module is the one that sees every solver; adding a solver adds a case here.
public enum SolverName: String, CaseIterable, Sendable {
    case hungarian, glpk, greedy, stable
    case stableMentors = "stable-mentors"
    /// `MaxMinSolver` around the Hungarian solver: the best worst pair first.
    case maxmin

    /// The solver, with a wall-clock budget where it takes one (the exact solvers).
    public func solver(timeLimit: Duration? = nil) -> any MatchingSolver {
        switch self {
        case .hungarian: HungarianSolver(timeLimit: timeLimit)
        case .glpk: GLPKSolver(timeLimit: timeLimit)
        case .greedy: GreedySolver()
        case .stable: StableSolver(proposers: .mentees)
        case .stableMentors: StableSolver(proposers: .mentors)
        case .maxmin: MaxMinSolver(base: HungarianSolver(timeLimit: timeLimit))
        }
    }
}
