import CGLPK
import MentorMatch

/// GLPK's own assignment routine, `glp_asnprob_okalg`, timed alone: the yardstick for the GLPK
/// backend's overhead on pure assignment (its model building and its flow network with a bypass
/// arc). Only the routine is timed, not building its graph.
enum GLPKAssignmentRoutine {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Solves a square problem in which every mentee must be assigned (a perfect matching).
    ///
    /// - Returns: The routine's seconds, the objective and the number of pairs.
    static func solve(_ problem: Problem) throws -> (seconds: Double, objective: Double, assigned: Int) {
        let n = problem.mentees.count
        guard n == problem.mentors.count, problem.mentors.allSatisfy({ $0.capacity == 1 }), problem.locked.isEmpty else {
            throw Failure(description: "glp_asnprob_okalg needs a square problem with unit capacities and no locked pairs")
        }
        glp_term_out(GLP_OFF)
        // Vertex data: the set (0 = mentee, 1 = mentor) as an int. Arc data: cost (double), then x (int).
        let graph = glp_create_graph(Int32(MemoryLayout<Int32>.size), Int32(MemoryLayout<Double>.size + MemoryLayout<Int32>.size))!
        defer { glp_delete_graph(graph) }
        glp_add_vertices(graph, Int32(2 * n))
        for vertex in 0..<(2 * n) {
            graph.pointee.v[vertex + 1]!.pointee.data.storeBytes(of: Int32(vertex < n ? 0 : 1), as: Int32.self)
        }
        var arcs: [(arc: UnsafeMutablePointer<glp_arc>, score: Double)] = []
        problem.forEachAllowedPair { mentee, mentor, score in
            let arc = glp_add_arc(graph, Int32(mentee + 1), Int32(n + mentor + 1))!
            arc.pointee.data.storeBytes(of: score, as: Double.self)
            arcs.append((arc, score))
        }
        guard glp_check_asnprob(graph, 0) == 0 else { throw Failure(description: "not an assignment graph") }
        var objective = 0.0
        let clock = ContinuousClock()
        let started = clock.now
        let code = glp_asnprob_okalg(
            problem.sense == .minimize ? GLP_ASN_MIN : GLP_ASN_MAX, graph, 0, 0, &objective, Int32(MemoryLayout<Double>.size))
        let seconds = (clock.now - started) / .seconds(1)
        guard code == 0 else { throw Failure(description: "glp_asnprob_okalg returned \(code)") }
        let assigned = arcs.filter { $0.arc.pointee.data.load(fromByteOffset: MemoryLayout<Double>.size, as: Int32.self) == 1 }
        return (seconds, assigned.reduce(0) { $0 + $1.score }, assigned.count)
    }
}
