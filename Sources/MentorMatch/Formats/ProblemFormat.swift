import Foundation

/// The file formats a ``Problem`` can be read from.
public enum ProblemFormat: String, CaseIterable, Sendable {
    /// MentorMatch problem JSON, version 1 (see the README).
    case json
    /// OR-Library dense assignment file (`assignN.txt`): *n*, then *n* x *n* costs; minimized.
    case orlib
    /// OR-Library sparse assignment file (`assignpN.txt`): *n*, then triples `i j cost`
    /// (1-based); absent pairs are not allowed; minimized.
    case orlibSparse = "orlib-sparse"
}

extension Problem {
    /// Reads a problem from file contents.
    ///
    /// OR-Library problems name mentees and mentors "1" to "*n*", every mentor with capacity 1.
    ///
    /// - Throws: ``MatchingError/malformedFile(_:)`` naming the line or field at fault, or any
    ///   validation error of ``Problem/init(sense:mentees:mentors:scores:locked:forbidden:groups:incumbents:preferences:)``.
    /// - Complexity: O(file size + validation).
    public init(data: Data, format: ProblemFormat) throws {
        switch format {
        case .json: self = try ProblemDocument.decode(data).problem()
        case .orlib:
            var reader = ORLibraryReader(data)
            self = try reader.denseProblem()
        case .orlibSparse:
            var reader = ORLibraryReader(data)
            self = try reader.sparseProblem()
        }
    }
}
