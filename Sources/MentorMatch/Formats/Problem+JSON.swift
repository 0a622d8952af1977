import Foundation

extension Problem {
    /// The problem in MentorMatch problem JSON, version 1, which ``init(data:format:)`` reads back
    /// as the same problem: the sense, the mentors and mentees (a capacity, minimum or demand only
    /// where it is not the default), the allowed pairs as `edges` by mentee, then mentor
    /// (forbidden pairs are not allowed, so they are left out), and the locked pairs, groups,
    /// previous pairs to keep and preference rankings that the problem has. Keys are sorted, so
    /// that the same problem always gives the same bytes.
    ///
    /// - Complexity: O(*n* + *m* + *e*) for *n* mentees, *m* mentors and *e* allowed pairs.
    public func jsonData() throws -> Data {
        struct Document: Encodable {
            var version = 1
            var sense: Sense
            var mentors: [ProblemDocument.MentorEntry]
            var mentees: [ProblemDocument.MenteeEntry]
            var edges: [Edge]
            var locked: [Pair]?
            var groups: [ProblemDocument.GroupEntry]?
            var incumbents: [Pair]?
            var preferences: Preferences?
        }
        var edges: [Edge] = []
        forEachAllowedPair { mentee, mentor, score in edges.append(Edge(mentee: mentees[mentee].id, mentor: mentors[mentor].id, score: score)) }
        let document = Document(
            sense: sense,
            mentors: mentors.map { ProblemDocument.MentorEntry(id: $0.id, capacity: $0.capacity == 1 ? nil : $0.capacity, minimum: $0.minimum == 0 ? nil : $0.minimum) },
            mentees: mentees.map { ProblemDocument.MenteeEntry(id: $0.id, demand: $0.demand == 1 ? nil : $0.demand) }, edges: edges,
            locked: locked.isEmpty ? nil : locked,
            groups: groups.isEmpty ? nil : groups.map { ProblemDocument.GroupEntry(id: $0.id, mentees: $0.mentees, maxPerMentor: $0.maxPerMentor) },
            incumbents: incumbents.isEmpty ? nil : incumbents, preferences: preferences.isEmpty ? nil : preferences)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(document)
    }
}
