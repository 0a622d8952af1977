import Foundation
import Testing
import MentorMatch
import MentorMatchTestSupport

/// scipy's own small cases and the OR-Library instances, read in place from `../shared/datasets`.
@Suite(.enabled(if: sharedDatasets != nil, "../shared/datasets is absent beside the repository: reference data tests skipped"))
struct ReferenceDataTests {
    /// A scipy cost matrix as our problem: scipy's +inf (minimizing) or -inf (maximizing) means
    /// "not allowed", which is `nil` here; any other non-finite entry stays and must be rejected.
    static func problem(_ matrix: [[Double]], maximize: Bool) throws -> Problem {
        let forbiddenValue = maximize ? -Double.infinity : .infinity
        let rows = matrix.map { $0.map { $0 == forbiddenValue ? nil : $0 } }
        return try Problem(
            sense: maximize ? .maximize : .minimize,
            mentees: matrix.indices.map { .init(id: "r\($0)") },
            mentors: (0..<(matrix.first?.count ?? 0)).map { .init(id: "c\($0)") },
            scores: .matrix(ScoreMatrix(rows)))
    }

    static func number(_ value: Any) -> Double {
        switch value {
        case let text as String: text == "inf" ? .infinity : text == "-inf" ? -.infinity : .nan
        case let number as NSNumber: number.doubleValue
        default: .nan
        }
    }

    static func vectors() -> [String: Any] {
        guard let url = sharedDatasets?.appendingPathComponent("scipy-lsap-vectors.json"),
            let data = try? Data(contentsOf: url), let object = try? JSONSerialization.jsonObject(with: data)
        else { return [:] }
        return object as? [String: Any] ?? [:]
    }

    @Test func scipySmallCasesBothSensesAndTransposed() throws {
        let cases = try #require(Self.vectors()["cases"] as? [[String: Any]])
        #expect(cases.count == 5)
        for testCase in cases {
            let cost = (testCase["cost"] as! [[Any]]).map { $0.map(Self.number) }
            for run in testCase["runs"] as! [[String: Any]] {
                let sign = Self.number(run["sign"]!)
                let transposed = run["transposed"] as! Bool
                var matrix = cost.map { $0.map { sign * $0 } }
                if transposed { matrix = matrix[0].indices.map { column in matrix.map { $0[column] } } }
                let problem = try Self.problem(matrix, maximize: run["maximize"] as! Bool)
                let solution = try HungarianSolver().solve(problem)
                let expected = (run["values"] as! [Any]).map(Self.number)
                // scipy checks values in row order when not transposed, sorted when transposed.
                let values = solution.assignments.map(\.score)
                #expect((transposed ? values.sorted() : values) == (transposed ? expected.sorted() : expected), "\(testCase["name"]!) \(run)")
                #expect(solution.objective == Self.number(run["sum"]!))
                #expect(try problem.verify(solution) == .provenOptimal)
            }
        }
    }

    @Test func scipyOtherCases() throws {
        let solver = HungarianSolver()
        // docstring example: sum 5, rows 0,1,2 to columns 1,0,2.
        let docstring = try Self.problem([[4, 1, 3], [2, 0, 5], [3, 2, 2]], maximize: false)
        #expect(try solver.solve(docstring).assignments.map(\.mentor) == ["c1", "c0", "c2"])
        // tall 3x2: rows 1 and 2 assigned, sum 1.
        let tall = try solver.solve(try Self.problem([[1, 2], [0, 5], [3, 1]], maximize: false))
        #expect(tall.assignments.map(\.mentee) == ["r1", "r2"])
        #expect(tall.objective == 1)
        // maximize with -inf: -inf is "not allowed", identity.
        let minusInfinity = try solver.solve(try Self.problem([[1, -.infinity], [2, 3]], maximize: true))
        #expect(minusInfinity.assignments.map(\.mentor) == ["c0", "c1"])
        // An infinite column: scipy calls the matrix infeasible; our objective assigns as many as
        // possible (2 of 3) at the best cost.
        let infiniteColumn = try solver.solve(try Self.problem([[.infinity, 0, 0], [.infinity, 1, 0], [.infinity, 0, 1]], maximize: false))
        #expect(infiniteColumn.assigned == 2)
        #expect(infiniteColumn.objective == 0)
        // Empty shapes.
        for (rows, columns) in [(0, 0), (2, 0), (0, 3)] {
            let matrix = [[Double]](repeating: [Double](repeating: 1, count: columns), count: rows)
            let problem = try Problem(
                mentees: (0..<rows).map { .init(id: "r\($0)") }, mentors: (0..<columns).map { .init(id: "c\($0)") },
                scores: .matrix(ScoreMatrix(rowCount: rows, columnCount: columns, values: matrix.flatMap { $0 })))
            #expect(try solver.solve(problem).assigned == 0)
        }
        // Invalid numeric entries: NaN, -inf when minimizing, +inf when maximizing.
        #expect(throws: MatchingError.self) { try Self.problem([[.nan, 0, 0], [0, 1, 0], [0, 0, 1]], maximize: false) }
        #expect(throws: MatchingError.self) { try Self.problem([[1, 0, 0], [0, -.infinity, 0], [0, 0, 1]], maximize: false) }
        #expect(throws: MatchingError.self) { try Self.problem([[1, .infinity], [2, 3]], maximize: true) }
    }

    static let orLibrary: [(file: String, optimum: Double)] = [
        ("assign100", 305), ("assign200", 475), ("assign300", 626), ("assign400", 804), ("assign500", 991),
        ("assign600", 1176), ("assign700", 1362), ("assign800", 1552),
        ("assignp800", 2239), ("assignp1500", 5839), ("assignp3000", 18696), ("assignp5000", 48533),
    ]

    @Test(arguments: orLibrary)
    func orLibraryReachesThePublishedOptimum(file: String, optimum: Double) throws {
        let url = sharedDatasets!.appendingPathComponent("orlib/\(file).txt")
        let problem = try Problem(data: try Data(contentsOf: url), format: file.hasPrefix("assignp") ? .orlibSparse : .orlib)
        let solution = try HungarianSolver().solve(problem)
        #expect(solution.objective == optimum)
        #expect(solution.assigned == problem.mentees.count)
        #expect(try problem.verify(solution) == .provenOptimal)
    }
}
