import CCbc
import Foundation

/// The siting problem as a linear program in column form (what Clp and Cbc load): columns x_j (choose
/// candidate j, 0–1) then y_i (demand i covered, 0–1); rows y_i − Σ_{j covers i} x_j ≤ 0, Σ x_j ≤ p,
/// Σ cost_j x_j ≤ budget, Σ_{j in g} x_j ≤ room of g per group, x_a + x_b ≤ 1 per exclusion,
/// Σ_{i in m} w_mi y_i ≥ needed_m per minimum coverage; maximise Σ w_i y_i. With a backhaul rule, then the flow
/// columns and rows of `BackhaulFlow`.
struct CoverageModel {
    var columnStart: [CoinBigIndex] = [0]
    var rowIndex: [Int32] = []
    var values: [Double] = []
    var objective: [Double] = []
    var rowLower: [Double] = []
    var rowUpper: [Double] = []
    /// Each column's upper bound (lower bounds are all 0).
    var columnUpper: [Double] = []
    let columnCount: Int
    let rowCount: Int

    init(_ problem: SitingProblem) {
        let demands = problem.demandCount
        var row = demands
        let pRow = problem.p < problem.candidateCount ? row : -1
        if pRow >= 0 { row += 1 }
        let budgetRow = problem.budget.isFinite ? row : -1
        if budgetRow >= 0 { row += 1 }
        let firstGroupRow = row
        row += problem.groupCount
        let pairs = problem.conflicts.enumerated().flatMap { a, others in others.filter { $0 > a }.map { (a, $0) } }
        var pairRows = [[Int]](repeating: [], count: problem.candidateCount)
        for (offset, pair) in pairs.enumerated() {
            pairRows[pair.0].append(row + offset)
            pairRows[pair.1].append(row + offset)
        }
        row += pairs.count
        let firstMinimumRow = row
        var minimumEntries = [[(row: Int, weight: Double)]](repeating: [], count: demands)
        for (offset, minimum) in problem.minimums.enumerated() {
            for member in minimum.members { minimumEntries[member.demand].append((firstMinimumRow + offset, member.weight)) }
        }
        row += problem.minimums.count
        let flow = BackhaulFlow(problem)
        let firstBalanceRow = row, firstArcRow = row + flow.members.count, firstNeedingRow = firstArcRow + flow.arcs.count
        var needingRow = [Int](repeating: -1, count: problem.candidateCount)
        for (offset, candidate) in flow.needing.enumerated() { needingRow[candidate] = firstNeedingRow + offset }
        rowCount = row + flow.rowCount
        columnCount = problem.candidateCount + demands + flow.arcs.count
        rowUpper = [Double](repeating: 0, count: demands)
        if pRow >= 0 { rowUpper.append(Double(problem.p)) }
        if budgetRow >= 0 { rowUpper.append(problem.budget) }
        rowUpper += problem.groupRoom.map(Double.init) + [Double](repeating: 1, count: pairs.count)
        rowUpper += [Double](repeating: .greatestFiniteMagnitude, count: problem.minimums.count)
        rowLower = [Double](repeating: -.greatestFiniteMagnitude, count: firstMinimumRow) + problem.minimums.map(\.needed)
        rowUpper += [Double](repeating: 0, count: flow.rowCount)
        rowLower += [Double](repeating: 0, count: flow.members.count)
        rowLower += [Double](repeating: -.greatestFiniteMagnitude, count: flow.arcs.count + flow.needing.count)
        for candidate in 0..<problem.candidateCount {
            for demand in problem.covers(candidate) { append(row: Int(demand), value: -1) }
            if pRow >= 0 { append(row: pRow, value: 1) }
            if budgetRow >= 0 { append(row: budgetRow, value: problem.costs[candidate]) }
            if problem.groups[candidate] >= 0 { append(row: firstGroupRow + problem.groups[candidate], value: 1) }
            for pairRow in pairRows[candidate] { append(row: pairRow, value: 1) }
            if flow.memberPosition[candidate] >= 0 { append(row: firstBalanceRow + flow.memberPosition[candidate], value: -1) }
            for arc in flow.arcsInto[candidate] { append(row: firstArcRow + arc, value: -flow.capacity) }
            if needingRow[candidate] >= 0 { append(row: needingRow[candidate], value: 1) }
            for linked in problem.backhaul.links[candidate] where needingRow[linked] >= 0 { append(row: needingRow[linked], value: -1) }
            endColumn(objective: 0, upper: 1)
        }
        for demand in 0..<demands {
            append(row: demand, value: 1)
            for entry in minimumEntries[demand] { append(row: entry.row, value: entry.weight) }
            endColumn(objective: problem.weights[demand], upper: 1)
        }
        for (index, arc) in flow.arcs.enumerated() {
            append(row: firstBalanceRow + flow.memberPosition[arc.to], value: 1)
            if let from = arc.from { append(row: firstBalanceRow + flow.memberPosition[from], value: -1) }
            append(row: firstArcRow + index, value: 1)
            endColumn(objective: 0, upper: flow.capacity)
        }
    }

    private mutating func append(row: Int, value: Double) {
        rowIndex.append(Int32(row))
        values.append(value)
    }

    private mutating func endColumn(objective weight: Double, upper: Double) {
        columnStart.append(CoinBigIndex(rowIndex.count))
        objective.append(weight)
        columnUpper.append(upper)
    }

    /// Calls `body` with the arrays Clp_loadProblem and Cbc_loadProblem take.
    func withArrays<T>(
        _ body: (
            UnsafePointer<CoinBigIndex>, UnsafePointer<Int32>, UnsafePointer<Double>, UnsafePointer<Double>,
            UnsafePointer<Double>, UnsafePointer<Double>, UnsafePointer<Double>, UnsafePointer<Double>
        ) -> T
    ) -> T {
        let lower = [Double](repeating: 0, count: columnCount)
        return columnStart.withUnsafeBufferPointer { start in
            rowIndex.withUnsafeBufferPointer { index in
                values.withUnsafeBufferPointer { value in
                    lower.withUnsafeBufferPointer { lower in
                        columnUpper.withUnsafeBufferPointer { upper in
                            objective.withUnsafeBufferPointer { objective in
                                rowLower.withUnsafeBufferPointer { rowLower in
                                    rowUpper.withUnsafeBufferPointer { rowUpper in
                                        body(
                                            start.baseAddress!, index.baseAddress!, value.baseAddress!, lower.baseAddress!,
                                            upper.baseAddress!, objective.baseAddress!, rowLower.baseAddress!, rowUpper.baseAddress!
                                        )
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The LP relaxation solved by Clp (dual simplex): an upper bound on the covered weight.
final class LinearRelaxation {
    private let model: UnsafeMutableRawPointer
    /// The columns' own upper bounds, which the candidates' held values replace.
    private let columnUpper: [Double]
    /// Set by `solve` when Clp proves that no choice meets the rows (minimum coverage beyond reach, or
    /// candidates held at values the rows do not allow).
    private(set) var provenInfeasible = false
    /// The backhaul's cut-set rows added to the model (`cutting`), which Cbc's model takes too.
    private(set) var cuts: [BackhaulCut] = []

    init(_ problem: SitingProblem, seconds: Double) {
        model = Clp_newModel()!
        Clp_setLogLevel(model, 0)
        Clp_setMaximumSeconds(model, max(0.01, seconds))
        let lp = CoverageModel(problem)
        columnUpper = lp.columnUpper
        lp.withArrays { start, index, value, lower, upper, objective, rowLower, rowUpper in
            Clp_loadProblem(model, Int32(lp.columnCount), Int32(lp.rowCount), start, index, value, lower, upper, objective, rowLower, rowUpper)
        }
        Clp_setObjSense(model, -1)
    }

    deinit { Clp_deleteModel(model) }

    /// The LP optimum and the candidates' values in it, or nil when Clp did not prove it (time limit).
    func solve(candidates: Int) -> (bound: Double, values: [Double])? {
        _ = Clp_initialPrimalSolve(model)
        provenInfeasible = Clp_isProvenPrimalInfeasible(model) != 0
        return optimum(candidates: candidates)
    }

    /// The LP optimum with candidates in `chosen` held at 1 and those in `excluded` at 0 (the others free),
    /// re-solved by the dual simplex from the last basis; nil when infeasible or not proven in time.
    func solve(candidates: Int, choosing chosen: [Int], excluding excluded: [Int]) -> (bound: Double, values: [Double])? {
        var lower = [Double](repeating: 0, count: columnUpper.count), upper = columnUpper
        for candidate in chosen { lower[candidate] = 1 }
        for candidate in excluded { upper[candidate] = 0 }
        Clp_chgColumnLower(model, lower)
        Clp_chgColumnUpper(model, upper)
        _ = Clp_dual(model, 0)
        provenInfeasible = Clp_isProvenPrimalInfeasible(model) != 0
        return optimum(candidates: candidates)
    }

    /// Adds `cuts` as rows x_site − Σ_{separator} x_j ≤ 0.
    func add(_ cuts: [BackhaulCut]) {
        var starts: [CoinBigIndex] = [0], columns: [Int32] = [], elements: [Double] = []
        for row in cuts.map(\.row) {
            columns += row.columns
            elements += row.coefficients
            starts.append(CoinBigIndex(columns.count))
        }
        let lower = [Double](repeating: -.greatestFiniteMagnitude, count: cuts.count), upper = [Double](repeating: 0, count: cuts.count)
        Clp_addRows(model, Int32(cuts.count), lower, upper, starts, columns, elements)
        self.cuts += cuts
    }

    private func optimum(candidates: Int) -> (bound: Double, values: [Double])? {
        guard Clp_status(model) == 0, let solution = Clp_primalColumnSolution(model) else { return nil }
        return (Clp_objectiveValue(model), (0..<candidates).map { solution[$0] })
    }
}

/// Branch and bound by Cbc, started from a heuristic solution.
final class ExactSearch {
    private let model: UnsafeMutableRawPointer
    private let candidateCount: Int

    /// `cuts`: the backhaul's cut-set rows the LP found, added to the model.
    init(_ problem: SitingProblem, start: [Int], cuts: [BackhaulCut], relativeGap: Double, seconds: Double) {
        model = Cbc_newModel()!
        candidateCount = problem.candidateCount
        Cbc_setLogLevel(model, 0)
        let mip = CoverageModel(problem)
        mip.withArrays { start, index, value, lower, upper, objective, rowLower, rowUpper in
            Cbc_loadProblem(model, Int32(mip.columnCount), Int32(mip.rowCount), start, index, value, lower, upper, objective, rowLower, rowUpper)
        }
        for (number, row) in cuts.map(\.row).enumerated() {
            Cbc_addRow(model, "cut\(number)", Int32(row.columns.count), row.columns, row.coefficients, CChar(UInt8(ascii: "L")), 0)
        }
        Cbc_setObjSense(model, -1)
        for column in 0..<problem.candidateCount { Cbc_setInteger(model, Int32(column)) }
        Cbc_setAllowableFractionGap(model, relativeGap)
        Cbc_setMaximumSeconds(model, max(0.01, seconds))
        Cbc_setParameter(model, "timeMode", "elapsed")
        var columns = [Int32](), values = [Double]()
        let chosen = Set(start)
        for candidate in 0..<problem.candidateCount {
            columns.append(Int32(candidate))
            values.append(chosen.contains(candidate) ? 1 : 0)
        }
        for demand in 0..<problem.demandCount {
            columns.append(Int32(problem.candidateCount + demand))
            values.append(problem.coverers(demand).contains { chosen.contains(Int($0)) } ? 1 : 0)
        }
        Cbc_setMIPStartI(model, Int32(columns.count), columns, values)
    }

    deinit { Cbc_deleteModel(model) }

    /// Set by `solve` when Cbc proves that no choice meets the rows (minimum coverage beyond reach).
    private(set) var provenInfeasible = false

    /// Cbc's C interface solves through `CbcMain1`, which keeps global state: two solves at once (a batch's plans
    /// side by side, a test's cases) stopped each other short of proof, with worse answers. Solves take turns.
    private static let solving = NSLock()

    /// The best solution found (candidate indices), its value, Cbc's bound and whether it is proven optimal;
    /// nil when Cbc found none.
    func solve() -> (chosen: [Int], value: Double, bound: Double, proven: Bool)? {
        Self.solving.lock()
        defer { Self.solving.unlock() }
        _ = Cbc_solve(model)
        provenInfeasible = Cbc_isProvenInfeasible(model) != 0
        guard let solution = Cbc_bestSolution(model) else { return nil }
        let chosen = (0..<candidateCount).filter { solution[$0] > 0.5 }
        return (chosen, Cbc_getObjValue(model), Cbc_getBestPossibleObjValue(model), Cbc_isProvenOptimal(model) != 0)
    }
}
