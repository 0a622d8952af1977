import ArgumentParser
import Foundation
import MentorMatch
import MentorMatchGLPK

@main
struct MentorMatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mentor-match",
        abstract: "Assign mentees to mentors by optimization.",
        version: "0.4.0",
        subcommands: [Solve.self, BatchCommand.self, Split.self, Merge.self, Compare.self, Match.self, Explain.self, Demo.self, Generate.self, Template.self])
}

/// The solvers the tool can run, by name.
extension SolverName: ExpressibleByArgument {
    /// The solver, with a time limit in seconds where it takes one, for `objective`.
    func solver(seconds: Double?, objective: Objective = .total) -> any MatchingSolver {
        let base = solver(timeLimit: seconds.map { .milliseconds(Int64(($0 * 1000).rounded())) })
        return objective == .maxmin ? MaxMinSolver(base: base) : base
    }
}

/// What to optimise once the most pairs are made: the total score, or first the worst pair
/// (``MaxMinSolver``), then the total.
enum Objective: String, CaseIterable, ExpressibleByArgument {
    case total, maxmin
}

extension ProblemFormat: ExpressibleByArgument {}
extension Problem.Sense: ExpressibleByArgument {}

/// Runs `body`; a thrown error becomes one line on standard error, prefixed with `context`, and
/// exit code 1.
func reportingErrors(context: String, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as MatchingError {
        FileHandle.standardError.write(Data("mentor-match: \(context): \(error)\n".utf8))
        throw ExitCode(1)
    } catch let error as CocoaError {
        FileHandle.standardError.write(Data("mentor-match: \(context): cannot read the file (\(error.localizedDescription))\n".utf8))
        throw ExitCode(1)
    }
}

/// Checks a `--time-limit` value: seconds, finite, above 0 and at most 10^6.
func checkTimeLimit(_ seconds: Double?) throws {
    guard let seconds else { return }
    guard seconds.isFinite, seconds > 0, seconds <= 1_000_000 else {
        throw ValidationError("--time-limit must be a number of seconds above 0 and at most 1000000, not \(seconds)")
    }
}

/// Writing what the tool produces without harming the user's files.
enum OutputFile {
    /// Writes `data` to `path` through a temporary file in the same folder renamed over it, so an
    /// interrupted run leaves any old file whole.
    ///
    /// - Parameters:
    ///   - inputs: The files this run reads; writing over one of them (by any path to the same
    ///     file) is refused.
    ///   - replacing: Whether an existing file may be replaced; if not, it is refused with a hint
    ///     to `--force`.
    /// - Throws: ``MatchingError/malformedFile(_:)`` naming the path and the reason.
    static func write(_ data: Data, to path: String, inputs: [String], replacing: Bool) throws {
        let target = URL(fileURLWithPath: path)
        if let input = inputs.first(where: { sameFile($0, path) }) {
            throw MatchingError.malformedFile("\(path): refusing to write over the input file \(input); choose another output path")
        }
        if !replacing, FileManager.default.fileExists(atPath: path) {
            throw MatchingError.malformedFile("\(path): the file exists; give --force to replace it")
        }
        let folder = target.deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw MatchingError.malformedFile("\(path): no such folder \(folder)")
        }
        do {
            try data.write(to: target, options: .atomic)
        } catch {
            throw MatchingError.malformedFile("\(path): cannot write the file (\(error.localizedDescription))")
        }
        FileHandle.standardError.write(Data("mentor-match: wrote \(path)\n".utf8))
    }

    /// Whether two paths name the same file: the same resolved path, or the same device and
    /// inode (hard links).
    static func sameFile(_ a: String, _ b: String) -> Bool {
        let resolved = { (path: String) in URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path }
        if resolved(a) == resolved(b) { return true }
        guard let first = try? FileManager.default.attributesOfItem(atPath: a), let second = try? FileManager.default.attributesOfItem(atPath: b)
        else { return false }
        return (first[.systemNumber] as? NSNumber) == (second[.systemNumber] as? NSNumber)
            && (first[.systemFileNumber] as? NSNumber) == (second[.systemFileNumber] as? NSNumber)
    }
}

/// The tool's input files.
enum InputFile {
    /// The URL of an input file that exists and is not a folder.
    static func url(_ path: String) throws -> URL {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw MatchingError.malformedFile("\(path): no such file") }
        guard !isFolder.boolValue else { throw MatchingError.malformedFile("\(path): is a folder, not a file") }
        return URL(fileURLWithPath: path)
    }

    /// The bytes of an input file, or an error that says why not: no such file, a folder, or
    /// what the system said.
    static func read(_ path: String) throws -> Data {
        do { return try Data(contentsOf: url(path)) } catch let error as MatchingError { throw error } catch {
            throw MatchingError.malformedFile("\(path): cannot read the file (\(error.localizedDescription))")
        }
    }
}
