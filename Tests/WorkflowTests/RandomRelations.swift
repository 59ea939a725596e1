import TestSupport

/// Neighbour relations drawn at random among `masts` masts of `sectors` sectors each: the sectors of a mast related
/// both ways with 0–500 cells, each pair of sectors on different masts with probability `share`, with 1–500 cells.
func randomRelations(
    masts: Int, sectors: ClosedRange<Int>, share: Double, random: inout SeededGenerator
) -> (sites: Int, relations: [(Int, Int, Int)], onOneMast: [(Int, Int)]) {
    var mastOf: [Int] = []
    for mast in 0..<masts { mastOf += Array(repeating: mast, count: Int.random(in: sectors, using: &random)) }
    var relations: [(Int, Int, Int)] = [], onOneMast: [(Int, Int)] = []
    for source in mastOf.indices {
        for target in mastOf.indices where target != source {
            if mastOf[source] == mastOf[target] {
                onOneMast.append((source, target))
                relations.append((source, target, Int.random(in: 0...500, using: &random)))
            } else if Double.random(in: 0..<1, using: &random) < share {
                relations.append((source, target, Int.random(in: 1...500, using: &random)))
            }
        }
    }
    return (mastOf.count, relations, onOneMast)
}

/// The pairs of neighbours on one identity in `codes` and the pairs of one site's neighbours on one, counted from the
/// relations (source, target, cells).
func clashesCounted(_ relations: [(Int, Int, Int)], _ codes: [Int]) -> (collisions: Int, confusions: Int) {
    clashesCounted(relations) { codes[$0] == codes[$1] }
}

/// `clashesCounted` with `sharing(a, b)` telling whether sites a and b share an identity.
func clashesCounted(_ relations: [(Int, Int, Int)], sharing: (Int, Int) -> Bool) -> (collisions: Int, confusions: Int) {
    let pairs = Set(relations.filter { $0.0 != $0.1 }.map { [min($0.0, $0.1), max($0.0, $0.1)] })
    let targets = Dictionary(grouping: relations, by: \.0).mapValues { Set($0.map(\.1)).sorted() }
    let confusions = targets.values.reduce(0) { total, list in
        total + list.indices.reduce(0) { sum, first in sum + list[(first + 1)...].filter { sharing($0, list[first]) }.count }
    }
    return (pairs.filter { sharing($0[0], $0[1]) }.count, confusions)
}
