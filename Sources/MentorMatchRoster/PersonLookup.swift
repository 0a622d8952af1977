import MentorMatch

/// People found by what a coordinator writes: an id, else a name, else an id or a name equal
/// under the one text rule (``RosterText/key(_:)``: case, spaces, width), which is a guess the
/// caller reports. Preference lists, `--lock`, `--forbid` and `explain --mentee` all find people
/// this way.
public struct PersonLookup: Sendable {
    /// What a written entry names.
    public enum Match: Sendable, Hashable {
        /// The id or the exact name of one person: their id.
        case found(String)
        /// An id or a name of one person written another way (`e09` for `E09`): their id.
        case guessed(String)
        /// A name or key that several people share: how many.
        case shared(Int)
        /// Nobody; the closest id or name, for "did you mean".
        case unknown(suggestion: String?)
    }

    private let ids: Set<String>
    private let idsOfName: [String: Set<String>]
    private let idsOfKey: [String: Set<String>]
    private let written: [String]

    /// - Complexity: O(total length of the people's ids and names).
    public init(_ people: [Profile]) {
        ids = Set(people.map(\.id))
        var idsOfName: [String: Set<String>] = [:], idsOfKey: [String: Set<String>] = [:]
        for person in people {
            if !person.name.isEmpty { idsOfName[person.name, default: []].insert(person.id) }
            for written in [person.id, person.name] where !written.isEmpty { idsOfKey[RosterText.key(written), default: []].insert(person.id) }
        }
        self.idsOfName = idsOfName
        self.idsOfKey = idsOfKey
        written = people.flatMap { [$0.id, $0.name] }.filter { !$0.isEmpty }
    }

    /// Whom `entry` names.
    ///
    /// - Complexity: O(length of `entry`) when it names someone; O(people) for a suggestion.
    public func match(_ entry: String) -> Match {
        if ids.contains(entry) { return .found(entry) }
        if let named = idsOfName[entry] { return named.count == 1 ? .found(named.first!) : .shared(named.count) }
        if let keyed = idsOfKey[RosterText.key(entry)] { return keyed.count == 1 ? .guessed(keyed.first!) : .shared(keyed.count) }
        return .unknown(suggestion: RosterText.suggestion(for: entry, among: written))
    }

    /// The id of the one person `entry` names; a guess is told to `guessed` in words.
    ///
    /// - Parameters:
    ///   - entry: An id or a name as written.
    ///   - side: "mentee" or "mentor", for the words.
    ///   - context: Where the entry is written, to start the words: `--lock e1=m9`, `the
    ///     preferences of 'e1'`.
    ///   - guessed: Told "`context`: 'e01' read as mentee 'E01'" when the entry is a guess.
    /// - Throws: `MatchingError/malformedFile(_:)`: "`context`: no mentor 'm99'; did you mean
    ///   'm9'?", or "`context`: 2 mentors are called 'Ana Lima'; use their ids".
    public func id(of entry: String, side: String, context: String, guessed: (String) -> Void) throws -> String {
        switch match(entry) {
        case .found(let id):
            return id
        case .guessed(let id):
            guessed("\(context): '\(entry)' read as \(side) '\(id)'")
            return id
        case .shared(let count):
            throw MatchingError.malformedFile("\(context): \(count) \(side)s are called '\(entry)'; use their ids")
        case .unknown(let suggestion):
            throw MatchingError.malformedFile("\(context): no \(side) '\(entry)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""))
        }
    }
}
