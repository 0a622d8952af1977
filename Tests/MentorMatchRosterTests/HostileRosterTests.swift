import Foundation
import Testing
import MentorMatch
import MentorMatchRoster
import MentorMatchTestSupport

/// The roster files (`.mentors.csv`) of the hostile corpus (`HostileCorpus`).
@Suite struct HostileRosterTests {
    static let cases = HostileCorpus.cases { $0.hasSuffix(".mentors.csv") }

    @Test func theCorpusIsThere() {
        #expect(Self.cases.count >= 3)
    }

    @Test(arguments: cases)
    func hostileRosterGivesAClearAnswer(name: String, expected: String) {
        let outcome = HostileCorpus.outcome {
            let data = try Data(contentsOf: HostileCorpus.folder.appendingPathComponent(name))
            _ = try RosterCSV.read(String(decoding: data, as: UTF8.self), role: .mentor, file: name)
        }
        HostileCorpus.expect(outcome, for: name, expected: expected)
    }
}
