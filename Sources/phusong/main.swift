import ArgumentParser
import Workflows

/// The `phusong` command: radio-coverage site planning over real terrain.
struct PhuSong: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phusong",
        abstract: "Radio coverage planning over terrain: footprints of BTS sites and the residents they cover.",
        subcommands: [FootprintCommand.self, EvaluateCommand.self, VerifyCommand.self, OptimizeCommand.self, PlanCommand.self, BatchCommand.self, PathCommand.self, BackhaulCommand.self, DriveTestCommand.self, CandidatesCommand.self, ChannelsCommand.self, PCICommand.self, PSCCommand.self, PRACHCommand.self, EMFCommand.self, TiltCommand.self, AuditNeighboursCommand.self, DemoCommand.self, TerrainCommand.self]
    )

    @Flag(help: "Print the engine build — its version, the SHA-256 of this executable and the GDAL, GEOS, PROJ and Cbc releases it runs with — and exit.")
    var version = false

    func run() throws {
        guard version else { throw CleanExit.helpRequest(self) }
        print(engineBuild)
    }
}

PhuSong.main()
