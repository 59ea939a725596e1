import ArgumentParser
import Foundation
import Propagation
import Terrain
import Workflows

struct ChannelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "channels",
        abstract: "A BCCH channel plan for 2G sites from the interference matrix of a footprint run with --ci.",
        discussion: """
            phusong channels --matrix RUN/interference.csv --arfcns 1-12 --out channels.csv
            Check the plan with phusong footprint … --ci --channels channels.csv.
            """
    )

    @Option(help: "The interference matrix: interference.csv of a footprint or evaluate run with --ci.")
    var matrix: String

    @Option(help: "The BCCH channels (ARFCNs) to use, e.g. 1-12 or 1,3,5,60-64.")
    var arfcns: String

    @Option(help: "The plan to write: a CSV of id, arfcn, frequency_mhz, co_channel_cells.")
    var out: String

    func validate() throws {
        guard ChannelPlan.channels(arfcns) != nil else {
            throw ValidationError("--arfcns must list GSM channel numbers (\(GSMChannel.bands)) and ranges such as 1-12, each once")
        }
    }

    func run() throws {
        let channels = ChannelPlan.channels(arfcns) ?? []
        let (planner, now) = try reportingInputErrors { () throws(InputError) in try ChannelPlan.matrix(matrix) }
        let assignment = planner.plan(channels: channels), cost = planner.cost(of: assignment, channels: channels)
        try reportingInputErrors { () throws(InputError) in
            do {
                try ChannelPlan.csv(planner, assignment: assignment, channels: channels).write(toFile: out, atomically: true, encoding: .utf8)
            } catch {
                throw InputError(path: out, reason: "cannot write: \(error.localizedDescription)")
            }
        }
        print("Channel plan: \(planner.ids.count) 2G sites on \(channels.count) channels")
        print("  cells of pairs on one channel: \(now) now, \(cost.coChannelCells) with the plan")
        print("  cells of pairs on adjacent channels with the plan: \(cost.adjacentChannelCells)")
        print("Results: \(out) (check it with footprint --ci --channels \(out))")
    }
}
