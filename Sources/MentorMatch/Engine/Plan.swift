/// Which algorithm the native engine runs on which problem: every choice is made here, and the
/// rest of the engine carries it out.
///
/// | problem | method (``Solution/Method``) |
/// |---|---|
/// | previous pairs (``Problem/incumbents``) | their weights added to the scores, then this plan on the weighted problem (`previousPairsWeighted`) |
/// | side constraints (``Problem/requirements`` not empty) | successive shortest paths on the problem's flow network (`minimumCostFlow`) |
/// | otherwise | the free part (locked pairs fixed) as a cost graph, below |
///
/// The free part's cost graph takes the form of the problem's scores: a matrix when they are a
/// score matrix with at least a quarter of its pairs allowed
/// (``storesMatrix(arcCount:leftCount:rightCount:)``, applied once, to the whole matrix, as the
/// problem is built; in `Float` when every cost is exactly one), compressed rows for a sparser
/// matrix and for pairs; compressed rows are split into connected components, solved
/// concurrently. Within a graph (or component), unless it is complete with places for every
/// mentee, a maximum assignment splits it into the mentees every largest assignment serves and
/// the mentors every largest assignment fills:
///
/// | part | graph | method |
/// |---|---|---|
/// | mentees served | compressed rows, whole costs within ±(2^31 − 1) | `costScaling` |
/// | mentees served | square, unit capacities, every mentor filled: a complete matrix | `jonkerVolgenant`, searching by levels |
/// | mentees served | the same, compressed rows (fractional costs) | `jonkerVolgenant`, Crouse's searches with a heap |
/// | mentees served | any other | `shortestAugmentingPaths` from the mentees |
/// | mentors filled | whole costs within ±(2^31 − 1), matrix or rows | `costScaling` |
/// | mentors filled | any other | the rows of the first part, transposed (from the mentors) |
///
/// Cost scaling also needs its prices to fit in `Int64` (see CostScalingAssignment.swift): its
/// constructor is the test, and declines otherwise.
enum Plan {
    /// The first choice, on the whole problem.
    enum Route: Equatable {
        /// Previous pairs: their exact weights added to the scores
        /// (`Problem.incumbentWeighted(solver:)`), then the weighted problem's plan.
        case weightPreviousPairs
        /// Side constraints: min-cost flow on the problem's network (MinimumCostFlow.swift).
        case minimumCostFlow
        /// An assignment with capacities, on the free part's cost graph.
        case assignment
    }

    static func route(_ problem: Problem) -> Route {
        if !problem.incumbents.isEmpty { return .weightPreviousPairs }
        if !problem.requirements.isEmpty { return .minimumCostFlow }
        return .assignment
    }

    /// Whether a graph with `arcCount` arcs is stored as a matrix: at least a quarter of its
    /// pairs are arcs. Below that, compressed rows take less memory and their searches read
    /// fewer costs.
    static func storesMatrix(arcCount: Int, leftCount: Int, rightCount: Int) -> Bool {
        arcCount * 4 >= leftCount * rightCount
    }

    /// Whether `graph` is solved one connected component at a time: compressed rows are (a
    /// component's searches never leave it, so the answer is the same), matrices are not.
    static func splitsIntoComponents(_ graph: some CostGraph) -> Bool {
        !graph.isMatrix
    }

    /// Whether the maximum assignment must split `graph`: not when it is complete and its
    /// rights have places for every left (then every left is served and no right stranded).
    static func needsMaximumAssignment(_ graph: some CostGraph, capacity: [Int]) -> Bool {
        !(graph.isComplete && graph.leftCount <= capacity.reduce(0) { $0 + min($1, graph.leftCount) })
    }

    /// How a graph whose every left is served is solved.
    enum Step {
        case costScaling(CostScalingAssignment)
        case searches(SearchStart)

        var method: Solution.Method {
            switch self {
            case .costScaling: .costScaling
            case .searches(.greedy): .shortestAugmentingPaths
            case .searches(.jonkerVolgenant), .searches(.jonkerVolgenantByLevels): .jonkerVolgenant
            }
        }
    }

    /// How the shortest augmenting path searches start (ShortestAugmentingPaths.swift).
    enum SearchStart {
        /// Each left's cheapest arcs, while their rights have room; then Crouse's searches.
        case greedy
        /// Jonker and Volgenant's reductions (JonkerVolgenant.swift); then Crouse's searches.
        case jonkerVolgenant
        /// Their reductions, then their searches by levels (complete matrices only).
        case jonkerVolgenantByLevels
    }

    /// The step for `graph`, every left `l` to be given `demand[l]` rights, right `r` taking at
    /// most `capacity[r]` lefts. Cost scaling where it applies on compressed rows (a complete
    /// matrix is solved faster by the Jonker-Volgenant start); the Jonker-Volgenant start on a
    /// square with unit demands and capacities, where every right ends full (the callers pose
    /// only problems whose demands can all be met), and whose matrix, if it is one, is complete.
    static func step(for graph: some CostGraph, demand: [Int], capacity: [Int]) -> Step {
        let unitDemands = demand.allSatisfy { $0 == 1 }
        if !graph.isMatrix, unitDemands, let scaling = CostScalingAssignment(graph, capacity: capacity) { return .costScaling(scaling) }
        let unitSquare = graph.leftCount == graph.rightCount && graph.leftCount > 1 && unitDemands && capacity.allSatisfy { $0 == 1 }
        guard unitSquare, !graph.isMatrix || graph.isComplete else { return .searches(.greedy) }
        return .searches(graph.isMatrix ? .jonkerVolgenantByLevels : .jonkerVolgenant)
    }

    /// The mentors every largest assignment fills (`rights` of `graph`, each to take `load[r]`
    /// of `lefts`): cost scaling on those arcs in place, where it applies (dense parts too: a
    /// state of a roster with more mentees than places, 3,333 x 1,000 complete with capacities
    /// 1-3, took 2.4x as long by searches from the rights); else `nil`: searches from the rights,
    /// on the transposed rows, by their own ``step(for:demand:capacity:)``.
    static func fillingStep<G: CostGraph>(_ graph: G, lefts: [Int], rights: [Int], load: [Int]) -> CostScalingAssignment? {
        CostScalingAssignment(RestrictedArcs(graph, lefts: lefts, rights: rights), capacity: load, fillingEveryRight: true)
    }
}
