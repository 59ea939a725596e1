import ArgumentParser
import Foundation
import Propagation
import Terrain
import Workflows

struct ChannelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "channels",
        abstract: "A BCCH channel plan for 2G sites from the interference matrix of a footprint run with --ci (and its neighbour lists, with --neighbours).",
        discussion: """
            phusong channels --matrix RUN/interference.csv [--neighbours RUN/neighbours.csv] --arfcns 1-12 --out channels.csv
            Check the plan with phusong footprint … --ci --channels channels.csv.
            """
    )

    @Option(help: "The interference matrix: interference.csv of a footprint or evaluate run with --ci.")
    var matrix: String

    @Option(help: "Handover neighbours to keep off one channel: neighbours.csv of a run with --neighbours (its 2G relations).")
    var neighbours: String?

    @Option(help: "The BCCH channels (ARFCNs) to use, e.g. 1-12 or 1,3,5,60-64.")
    var arfcns: String

    @Option(help: "The network colour codes (NCC, 0–7) the BSICs may take, e.g. 0-7 or 3.")
    var ncc = "0-7"

    @Option(help: "The plan to write: a CSV of id, arfcn, frequency_mhz, co_channel_cells, neighbours_on_channel, ncc, bcc, bsic_clashes.")
    var out: String

    func validate() throws {
        guard ChannelPlan.channels(arfcns) != nil else {
            throw ValidationError("--arfcns must list GSM channel numbers (\(GSMChannel.bands)) and ranges such as 1-12, each once")
        }
        guard ChannelPlan.colourCodes(ncc) != nil else { throw ValidationError("--ncc must list network colour codes 0–7, each once") }
    }

    func run() throws {
        let channels = ChannelPlan.channels(arfcns) ?? []
        let (planner, now) = try reportingInputErrors { () throws(InputError) in try ChannelPlan.problem(matrix: matrix, neighbours: neighbours) }
        let assignment = planner.plan(channels: channels), cost = planner.cost(of: assignment, channels: channels)
        let codes = (ChannelPlan.colourCodes(ncc) ?? []).flatMap { colour in (0..<8).map { 8 * colour + $0 } }
        let bsic = planner.bsics(for: assignment, codes: codes), clashes = planner.bsicClashes(in: assignment, bsic: bsic)
        try reportingInputErrors { () throws(InputError) in
            try writeTextFile(ChannelPlan.csv(planner, assignment: assignment, channels: channels, bsic: bsic), to: out)
        }
        print("Channel plan: \(planner.ids.count) 2G sites on \(channels.count) channels")
        if neighbours != nil {
            print("  pairs of neighbours on one channel: \(now.neighboursOnOneChannel) now, \(cost.neighboursOnOneChannel) with the plan")
        }
        print("  cells of pairs on one channel: \(now.coChannelCells) now, \(cost.coChannelCells) with the plan")
        print("  cells of pairs on adjacent channels: \(now.adjacentChannelCells) now, \(cost.adjacentChannelCells) with the plan")
        let peers = clashes.reduce(0) { $0 + $1.peers } / 2, clashing = clashes.reduce(0) { $0 + $1.clashes } / 2
        print("  BSICs on \(codes.count / 8) colour code(s): \(peers) pairs on one channel to tell apart, \(clashing) of them on one BSIC")
        print("Results: \(out) (check it with footprint --ci --channels \(out))")
    }
}
