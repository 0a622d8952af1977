import Dispatch
import Foundation

/// Many problems at once: one problem JSON document per line in, one result per line out.
public enum Batch {
    /// Solves JSON Lines input on all cores and returns one JSON line per input line, in input
    /// order: the solution (as in ``Solution/jsonData(for:includeSeconds:includeCertificate:)``, without `seconds`,
    /// so the same input always gives the same bytes) with `"line": N` added, or
    /// `{"error": "...", "line": N}` for a line that cannot be read or solved. Blank lines give
    /// no output. Every solution is verified before it is written.
    ///
    /// - Parameters:
    ///   - input: The JSON Lines text.
    ///   - solver: The solver for every line.
    ///   - firstLine: The number of the input's first line: for a chunk cut at line boundaries
    ///     from a larger file, the chunks' outputs put together are the whole file's output.
    ///     Precondition: at least 1, and the last line's number fits in an `Int`.
    ///   - including: Which line numbers to solve (the others give no output, as blank lines).
    ///   - certificates: Whether each solution carries its certificate (as in
    ///     ``Solution/jsonData(for:includeSeconds:includeCertificate:)``), for a reader to prove it
    ///     again, as `merge --problem` does with the parts of a split problem.
    /// - Returns: The output text, one line per non-blank input line, each ending in "\n", and
    ///   the input line numbers (from `firstLine`) whose line holds an error.
    /// - Complexity: the solver's time per line, spread over the machine's cores.
    public static func solve(
        jsonLines input: Data, with solver: any MatchingSolver, firstLine: Int = 1, certificates: Bool = false,
        including: (_ line: Int) -> Bool = { _ in true }
    ) -> (output: Data, failedLines: [Int]) {
        let lines = input.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let jobs = lines.enumerated().map { (number: $0.offset + firstLine, line: $0.element) }.filter { job in
            including(job.number) && !job.line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        }
        let results = concurrentMap(jobs.count) { index in
            result(for: Data(jobs[index].line), line: jobs[index].number, solver: solver, certificate: certificates)
        }
        return (
            results.reduce(into: Data()) { $0 += $1.line + [UInt8(ascii: "\n")] },
            zip(jobs, results).filter { $1.failed }.map { job, _ in job.number }
        )
    }

    private static func result(for line: Data, line number: Int, solver: any MatchingSolver, certificate: Bool) -> (line: Data, failed: Bool) {
        do {
            let problem = try Problem(data: line, format: .json)
            let solution = try solver.solve(problem)
            try problem.verify(solution)
            guard var object = try JSONSerialization.jsonObject(with: solution.jsonData(for: problem, includeSeconds: false, includeCertificate: certificate)) as? [String: Any] else {
                throw MatchingError.internalError("solution JSON is not an object")
            }
            object["line"] = number
            return (try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), false)
        } catch {
            let object: [String: Any] = ["line": number, "error": "\(error)"]
            return ((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data(), true)
        }
    }
}
