/// The backhaul rule in the coverage model as a single-commodity flow: a root (the backhaul) sends one unit to each
/// chosen linked candidate, along arcs from the root to each linked candidate needing no link and both ways along each
/// link, and only into chosen candidates. A whole choice of candidates that admits such a flow has every chosen site
/// joined to backhaul; the rows x_j ≤ Σ_{k linked to j} x_k of the candidates needing a link tighten the relaxation.
struct BackhaulFlow {
    /// An arc: from a candidate (nil: the root) to a candidate.
    struct Arc {
        let from: Int?
        let to: Int
    }

    /// The candidates on a link or needing one, each with a balance row Σ_in f − Σ_out f − x_j = 0.
    let members: [Int]
    let arcs: [Arc]
    /// Per candidate, the arcs into it (each with a row f − capacity · x_j ≤ 0).
    let arcsInto: [[Int]]
    /// Most flow on an arc: the most candidates a choice can hold.
    let capacity: Double
    /// Per candidate, its position in `members` (−1: none).
    let memberPosition: [Int]
    /// The candidates needing a link, each with a row x_j − Σ_{k linked to j} x_k ≤ 0.
    let needing: [Int]

    init(_ problem: SitingProblem) {
        let backhaul = problem.backhaul, count = problem.candidateCount
        members = backhaul.applies ? (0..<count).filter(backhaul.isLinked) : []
        var position = [Int](repeating: -1, count: count)
        for (index, member) in members.enumerated() { position[member] = index }
        memberPosition = position
        arcs = members.filter { !backhaul.needsLink[$0] }.map { Arc(from: nil, to: $0) }
            + members.flatMap { member in backhaul.links[member].map { Arc(from: member, to: $0) } }
        var arcsInto = [[Int]](repeating: [], count: count)
        for (index, arc) in arcs.enumerated() { arcsInto[arc.to].append(index) }
        self.arcsInto = arcsInto
        capacity = Double(min(members.count, problem.p))
        needing = members.filter { backhaul.needsLink[$0] }
    }

    /// Rows the flow adds: one per member, one per arc, one per candidate needing a link.
    var rowCount: Int { members.count + arcs.count + needing.count }
}
