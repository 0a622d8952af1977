import ArgumentParser
import Foundation
import MentorMatch

/// Which share of a batch's lines one run solves: shard *K* of *N* takes the lines whose number
/// minus 1 leaves *K* - 1 when divided by *N* (interleaved, so that long and short problems spread
/// evenly over the shards).
struct Shard: ExpressibleByArgument, Equatable, CustomStringConvertible {
    var index: Int
    var count: Int

    init?(argument: String) {
        let halves = argument.split(separator: "/", omittingEmptySubsequences: false)
        guard halves.count == 2, let index = Int(halves[0]), let count = Int(halves[1]), count >= 1, (1...count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    var description: String { "\(index)/\(count)" }

    func contains(line: Int) -> Bool { (line - 1) % count == index - 1 }
}

/// The first line of a shard's output: which shard of which input it is, and how many result
/// lines follow, so that `merge` can refuse a missing, repeated, foreign or cut shard.
struct ShardHeader: Codable, Equatable {
    struct Input: Codable, Equatable {
        var bytes: Int
        /// FNV-1a (64 bits) of the input's bytes, in hex.
        var fnv1a: String
    }

    var shard: String
    var input: Input
    var results: Int

    init(shard: Shard, input data: Data, results: Int) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        self.shard = shard.description
        input = Input(bytes: data.count, fnv1a: String(hash, radix: 16))
        self.results = results
    }

    func line() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + [UInt8(ascii: "\n")]
    }
}

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Join the outputs of batch --shard K/N into what one batch run writes, byte for byte; with --problem, put a split problem's answer together from its parts' answers.",
        discussion: """
            Refuses a missing, repeated, cut or foreign shard (one of another input). Exits with 1 when \
            any line failed, after writing every line, as batch does.

            With --problem, the results (shards, or one batch output) are the answers to the lines of \
            split's output for that problem: each part's answer is verified on its part, an optimal one \
            proven by its certificate (batch --certificates), and the whole answer is verified and \
            written as solve writes it (.json, .npz or .csv; JSON on standard output).

            Example:
              mentor-match merge shards/*.jsonl --out solutions.jsonl
              mentor-match merge shards/*.jsonl --problem problem.npz --out solution.json
            """)

    @Argument(help: "The shard files (any order), or with --problem one batch output.")
    var shards: [String]

    @Option(help: "The output file (default: standard output).")
    var out: String?

    @Flag(help: "Replace --out if it exists.") var force = false

    @Option(help: "The problem whose split parts the results answer: write its whole answer.")
    var problem: String?

    @Option(help: "The --problem file's format: \(ProblemFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: ProblemFormat = .json

    @Option(help: "For a numpy archive (.npz) as --problem: maximize (the default) or minimize the scores.")
    var sense: Problem.Sense?

    func validate() throws {
        if shards.isEmpty { throw ValidationError("give the shard files written by batch --shard K/N") }
        if let problem {
            try ProblemFile.checkSense(sense, for: problem, format: format)
            if let out { try SolutionFile.checkName(out) }
        } else if sense != nil {
            throw ValidationError("--sense is for the --problem file")
        }
    }

    func run() throws {
        var failed = 0
        try reportingErrors(context: "merge") {
            let lines = try Self.resultLines(of: shards, wholeBatchAllowed: problem != nil)
            if let problem {
                try assemble(lines, problemFile: problem)
                return
            }
            var output = Data()
            for line in lines {
                if line.failed { failed += 1 }
                output += line.text + [UInt8(ascii: "\n")]
            }
            if let out {
                try OutputFile.write(output, to: out, inputs: shards, replacing: force)
            } else {
                FileHandle.standardOutput.write(output)
            }
        }
        if failed > 0 {
            FileHandle.standardError.write(Data("mentor-match: merge: \(failed) line(s) failed\n".utf8))
            throw ExitCode(1)
        }
    }

    /// The whole problem's answer from its parts' answers, each checked on its part.
    private func assemble(_ lines: [ResultLine], problemFile: String) throws {
        let whole = try ProblemFile.read(problemFile, format: format, sense: sense)
        let parts = try whole.independentParts()
        guard lines.count == parts.count else {
            throw MatchingError.malformedFile(
                "\(lines.count) result\(lines.count == 1 ? "" : "s") for the \(parts.count) parts of \(problemFile): give the results of batch on split's output for this problem")
        }
        if let stray = lines.enumerated().first(where: { $0.element.number != $0.offset + 1 }) {
            throw MatchingError.malformedFile("the results hold line \(stray.element.number) where line \(stray.offset + 1) belongs: give the results of batch on split's output")
        }
        var solutions: [Solution] = []
        for (line, part) in zip(lines, parts) {
            let context = "part \(line.number) (line \(line.number) of the results)"
            if let error = line.error { throw MatchingError.malformedFile("\(context) failed: \(error)") }
            let solution: Solution
            do {
                solution = try Solution(jsonData: line.text, for: part.problem)
                let verdict = try part.problem.verify(solution)
                if solution.status == .optimal, verdict != .provenOptimal {
                    throw MatchingError.verificationFailed("the answer says optimal but carries no certificate to prove it: run batch with --certificates")
                }
            } catch let error as MatchingError {
                throw MatchingError.malformedFile("\(context): \(error)")
            }
            solutions.append(solution)
        }
        let solution = try whole.joined(solutions, of: parts)
        try whole.verify(solution)
        if let out {
            try SolutionFile.write(solution, of: whole, to: out, inputs: shards + [problemFile], replacing: force)
        } else {
            FileHandle.standardOutput.write(try solution.jsonData(for: whole) + [UInt8(ascii: "\n")])
        }
    }

    /// A result line, its input line number, and the error it holds, if any.
    struct ResultLine {
        var number: Int
        var text: Data
        var error: String?
        var failed: Bool { error != nil }
    }

    /// The result lines of the shards, in input order, after checking that they are the whole
    /// of one batch run; or, when allowed, the lines of one batch output without shard header.
    private static func resultLines(of files: [String], wholeBatchAllowed: Bool) throws -> [ResultLine] {
        var lines: [ResultLine] = []
        var first: (header: ShardHeader, file: String, shard: Shard)?
        var fileOfShard: [Int: String] = [:]
        for file in files {
            let (header, results) = try read(file, headerRequired: !(wholeBatchAllowed && files.count == 1))
            let shard = try header.map { header in
                guard let shard = Shard(argument: header.shard) else { throw MatchingError.malformedFile("\(file): shard '\(header.shard)' is not K/N") }
                return shard
            }
            if let header, let shard {
                if let first {
                    guard header.input == first.header.input, first.shard.count == shard.count else {
                        throw MatchingError.malformedFile(
                            "\(file): shard \(header.shard) of another input or split than \(first.file) (shard \(first.header.shard)); merge the shards of one batch run")
                    }
                } else {
                    first = (header, file, shard)
                }
                if let other = fileOfShard.updateValue(file, forKey: shard.index) {
                    throw MatchingError.malformedFile("\(file): shard \(shard) again (\(other) is shard \(shard) too)")
                }
            }
            for (offset, text) in results.enumerated() {
                guard let object = try? JSONSerialization.jsonObject(with: text) as? [String: Any], let number = object["line"] as? Int,
                    shard?.contains(line: number) ?? true
                else {
                    throw MatchingError.malformedFile("\(file): line \(offset + (header == nil ? 1 : 2)) is not a result of \(shard.map { "shard \($0)" } ?? "batch")")
                }
                lines.append(ResultLine(number: number, text: text, error: object["error"].map { "\($0)" }))
            }
        }
        if let count = first?.shard.count, let missing = (1...count).first(where: { fileOfShard[$0] == nil }) {
            throw MatchingError.malformedFile("shard \(missing)/\(count) is missing (\(fileOfShard.count) of \(count) given)")
        }
        lines.sort { $0.number < $1.number }
        return lines
    }

    /// A shard file's header and result lines, checked whole: as many results as its header says.
    /// Without `headerRequired`, a file whose first line is no shard header is one batch output.
    private static func read(_ file: String, headerRequired: Bool) throws -> (ShardHeader?, [Data]) {
        let lines = try InputFile.read(file).split(separator: UInt8(ascii: "\n")).map { Data($0) }
        guard let first = lines.first, let header = try? JSONDecoder().decode(ShardHeader.self, from: first) else {
            if !headerRequired { return (nil, lines) }
            throw MatchingError.malformedFile("\(file): not the output of batch --shard K/N (its first line is not a shard header)")
        }
        guard lines.count - 1 == header.results else {
            throw MatchingError.malformedFile("\(file): \(lines.count - 1) of the \(header.results) results of shard \(header.shard): the file is cut short or added to")
        }
        return (header, Array(lines.dropFirst()))
    }
}
