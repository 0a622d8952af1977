import Foundation
import Testing
import MentorMatch
import MentorMatchTestSupport

/// The problem files of the hostile corpus (`HostileCorpus`): problem JSON and OR-Library files
/// read and, where they read, solved and verified. The roster tests read its roster files.
@Suite struct HostileInputTests {
    static let cases = HostileCorpus.cases { !$0.hasSuffix(".mentors.csv") }

    @Test func theCorpusIsThere() {
        #expect(Self.cases.count >= 15)
    }

    @Test(arguments: cases)
    func hostileFileGivesAClearAnswer(name: String, expected: String) {
        let outcome = HostileCorpus.outcome {
            let data = try Data(contentsOf: HostileCorpus.folder.appendingPathComponent(name))
            let format: ProblemFormat = name.hasSuffix(".json") ? .json : name.hasSuffix(".sparse.txt") ? .orlibSparse : .orlib
            let problem = try Problem(data: data, format: format)
            try problem.verify(HungarianSolver().solve(problem))
        }
        HostileCorpus.expect(outcome, for: name, expected: expected)
    }
}
