import Foundation

/// Problem JSON, version 1. Unknown keys are rejected so that a misspelt field is never ignored.
struct ProblemDocument: Decodable {
    // The entries are written as they are read (Problem+JSON.swift); only reading checks keys.
    struct MentorEntry: Codable {
        var id: String
        var capacity: Int?
        var minimum: Int?
        init(id: String, capacity: Int?, minimum: Int?) {
            (self.id, self.capacity, self.minimum) = (id, capacity, minimum)
        }
        init(from decoder: any Decoder) throws {
            try rejectUnknownKeys(in: decoder, allowed: ["id", "capacity", "minimum"])
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            capacity = try container.decodeWholeNumberIfPresent(forKey: .capacity)
            minimum = try container.decodeWholeNumberIfPresent(forKey: .minimum)
        }
        enum CodingKeys: String, CodingKey { case id, capacity, minimum }
    }

    struct MenteeEntry: Codable {
        var id: String
        var demand: Int?
        init(id: String, demand: Int?) {
            (self.id, self.demand) = (id, demand)
        }
        init(from decoder: any Decoder) throws {
            try rejectUnknownKeys(in: decoder, allowed: ["id", "demand"])
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            demand = try container.decodeWholeNumberIfPresent(forKey: .demand)
        }
        enum CodingKeys: String, CodingKey { case id, demand }
    }

    struct GroupEntry: Codable {
        var id: String
        var mentees: [String]
        var maxPerMentor: Int
        init(id: String, mentees: [String], maxPerMentor: Int) {
            (self.id, self.mentees, self.maxPerMentor) = (id, mentees, maxPerMentor)
        }
        init(from decoder: any Decoder) throws {
            try rejectUnknownKeys(in: decoder, allowed: ["id", "mentees", "maxPerMentor"])
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            mentees = try container.decode([String].self, forKey: .mentees)
            maxPerMentor = try container.decodeWholeNumberIfPresent(forKey: .maxPerMentor) ?? { throw DecodingError.keyNotFound(CodingKeys.maxPerMentor, .init(codingPath: container.codingPath, debugDescription: "")) }()
        }
        enum CodingKeys: String, CodingKey { case id, mentees, maxPerMentor }
    }

    var version: Int?
    var sense: Problem.Sense?
    var mentors: [MentorEntry] = []
    var mentees: [MenteeEntry] = []
    var scores: ScoreMatrix?
    var edges: [Problem.Edge]?
    var locked: [Problem.Pair]?
    var forbidden: [Problem.Pair]?
    var incumbents: [Problem.Pair]?
    var groups: [GroupEntry]?
    var preferences: Problem.Preferences?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case version, sense, mentors, mentees, scores, edges, locked, forbidden, incumbents, groups, preferences
    }

    /// `{"mentees": {id: [ids]}, "mentors": {id: [ids]}}`, both optional, nothing else.
    struct PreferencesEntry: Decodable {
        var value: Problem.Preferences
        init(from decoder: any Decoder) throws {
            try rejectUnknownKeys(in: decoder, allowed: ["mentees", "mentors"])
            let container = try decoder.container(keyedBy: CodingKeys.self)
            value = Problem.Preferences(
                mentees: try container.decodeIfPresent([String: [String]].self, forKey: .mentees) ?? [:],
                mentors: try container.decodeIfPresent([String: [String]].self, forKey: .mentors) ?? [:])
        }
        enum CodingKeys: String, CodingKey { case mentees, mentors }
    }

    init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(in: decoder, allowed: Set(CodingKeys.allCases.map(\.rawValue)))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decodeWholeNumberIfPresent(forKey: .version)
        sense = try container.decodeIfPresent(Problem.Sense.self, forKey: .sense)
        mentors = try container.decode([MentorEntry].self, forKey: .mentors)
        mentees = try container.decode([MenteeEntry].self, forKey: .mentees)
        scores = try container.decodeIfPresent([[Double?]].self, forKey: .scores).map(ScoreMatrix.init)
        edges = try container.decodeIfPresent([Strict<Problem.Edge>].self, forKey: .edges)?.map(\.value)
        locked = try container.decodeIfPresent([Strict<Problem.Pair>].self, forKey: .locked)?.map(\.value)
        forbidden = try container.decodeIfPresent([Strict<Problem.Pair>].self, forKey: .forbidden)?.map(\.value)
        incumbents = try container.decodeIfPresent([Strict<Problem.Pair>].self, forKey: .incumbents)?.map(\.value)
        groups = try container.decodeIfPresent([GroupEntry].self, forKey: .groups)
        preferences = try container.decodeIfPresent(PreferencesEntry.self, forKey: .preferences)?.value
    }

    init() {}

    /// An edge or pair object read with its own keys only, like every other object of the format.
    struct Strict<Value: ClosedKeys>: Decodable {
        var value: Value
        init(from decoder: any Decoder) throws {
            try rejectUnknownKeys(in: decoder, allowed: Value.keys)
            value = try Value(from: decoder)
        }
    }

    /// The document in `data`: by the fast reader when it can, else by `JSONDecoder`, whose
    /// errors become ``MatchingError/malformedFile(_:)`` naming the field or line.
    static func decode(_ data: Data) throws -> ProblemDocument {
        if let document = ProblemJSONReader.document(data) { return document }
        do {
            return try JSONDecoder().decode(ProblemDocument.self, from: data)
        } catch let error as DecodingError {
            throw MatchingError.malformedFile(describeDecodingError(error, in: data))
        }
    }

    func problem() throws -> Problem {
        if let version, version != 1 {
            throw MatchingError.malformedFile("field `version`: unsupported version \(version); this reader knows version 1")
        }
        let scoreInput: Problem.Scores
        switch (scores, edges) {
        case (let scores?, nil): scoreInput = .matrix(scores)
        case (nil, let edges?): scoreInput = .edges(edges)
        case (nil, nil): throw MatchingError.malformedFile("missing field: give either `scores` or `edges`")
        case (_?, _?): throw MatchingError.malformedFile("fields `scores` and `edges` are exclusive: give only one")
        }
        return try Problem(
            sense: sense ?? .maximize,
            mentees: mentees.map { Problem.Mentee(id: $0.id, demand: $0.demand ?? 1) },
            mentors: mentors.map { Problem.Mentor(id: $0.id, capacity: $0.capacity ?? 1, minimum: $0.minimum ?? 0) },
            scores: scoreInput, locked: locked ?? [], forbidden: forbidden ?? [],
            groups: (groups ?? []).map { Problem.Group(id: $0.id, mentees: $0.mentees, maxPerMentor: $0.maxPerMentor) },
            incumbents: incumbents ?? [], preferences: preferences ?? Problem.Preferences())
    }

}
