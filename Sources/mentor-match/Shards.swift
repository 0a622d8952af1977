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
        abstract: "Join the outputs of batch --shard K/N into what one batch run writes, byte for byte.",
        discussion: """
            Refuses a missing, repeated, cut or foreign shard (one of another input). Exits with 1 when \
            any line failed, after writing every line, as batch does.

            Example:
              mentor-match merge shards/*.jsonl --out solutions.jsonl
            """)

    @Argument(help: "The shard files (any order).")
    var shards: [String]

    @Option(help: "The output file (default: standard output).")
    var out: String?

    @Flag(help: "Replace --out if it exists.") var force = false

    func validate() throws {
        if shards.isEmpty { throw ValidationError("give the shard files written by batch --shard K/N") }
    }

    func run() throws {
        var failed = 0
        try reportingErrors(context: "merge") {
            var lines: [(number: Int, text: Data)] = []
            var first: (header: ShardHeader, file: String)?
            var fileOfShard: [Int: String] = [:]
            for file in shards {
                let (header, results) = try Self.read(file)
                guard let shard = Shard(argument: header.shard) else { throw MatchingError.malformedFile("\(file): shard '\(header.shard)' is not K/N") }
                if let first {
                    guard header.input == first.header.input, Shard(argument: first.header.shard)?.count == shard.count else {
                        throw MatchingError.malformedFile(
                            "\(file): shard \(header.shard) of another input or split than \(first.file) (shard \(first.header.shard)); merge the shards of one batch run")
                    }
                } else {
                    first = (header, file)
                }
                if let other = fileOfShard.updateValue(file, forKey: shard.index) {
                    throw MatchingError.malformedFile("\(file): shard \(shard) again (\(other) is shard \(shard) too)")
                }
                for (offset, text) in results.enumerated() {
                    guard let object = try? JSONSerialization.jsonObject(with: text) as? [String: Any], let number = object["line"] as? Int,
                        shard.contains(line: number)
                    else { throw MatchingError.malformedFile("\(file): line \(offset + 2) is not a result of shard \(shard)") }
                    if object["error"] != nil { failed += 1 }
                    lines.append((number, text))
                }
            }
            let count = Shard(argument: first!.header.shard)!.count
            if let missing = (1...count).first(where: { fileOfShard[$0] == nil }) {
                throw MatchingError.malformedFile("shard \(missing)/\(count) is missing (\(fileOfShard.count) of \(count) given)")
            }
            lines.sort { $0.number < $1.number }
            var output = Data()
            for line in lines { output += line.text + [UInt8(ascii: "\n")] }
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

    /// A shard file's header and result lines, checked whole: as many results as its header says.
    private static func read(_ file: String) throws -> (ShardHeader, [Data]) {
        let lines = try InputFile.read(file).split(separator: UInt8(ascii: "\n")).map { Data($0) }
        guard let first = lines.first, let header = try? JSONDecoder().decode(ShardHeader.self, from: first) else {
            throw MatchingError.malformedFile("\(file): not the output of batch --shard K/N (its first line is not a shard header)")
        }
        guard lines.count - 1 == header.results else {
            throw MatchingError.malformedFile("\(file): \(lines.count - 1) of the \(header.results) results of shard \(header.shard): the file is cut short or added to")
        }
        return (header, Array(lines.dropFirst()))
    }
}
