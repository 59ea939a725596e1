import ArgumentParser
import Terrain
import Workflows

/// `--traffic` (`evaluate`, and the `before/` and `after/` evaluations of `plan` and `tilt`): how each site is loaded
/// with the residents it serves in the busy hour.
struct TrafficOptions: ParsableArguments {
    @Flag(help: "Also write traffic.csv: each site's busy hour — the residents it serves (its technology's best server), their voice erlangs, the channels (2G: TRX) that carry them at the grade of service, and with --sinr --throughput a 4G or 5G carrier's air time.")
    var traffic = false

    @Option(name: .customLong("subscribers-percent"), parsing: .unconditional, help: "With --traffic: residents who are the network's subscribers, %.")
    var subscribersPercent = TrafficSettings().subscribersPercent

    @Option(name: .customLong("voice-merl"), parsing: .unconditional, help: "With --traffic: busy-hour voice traffic per subscriber, millierlangs.")
    var voiceMilliErlangs = TrafficSettings().voiceMilliErlangs

    @Option(name: .customLong("blocking-percent"), parsing: .unconditional, help: "With --traffic: the grade of service, the share of busy-hour calls that may be blocked (Erlang B), %.")
    var blockingPercent = TrafficSettings().blockingPercent

    @Option(name: .customLong("data-kbps"), parsing: .unconditional, help: "With --traffic: busy-hour mean downlink data per subscriber, kbit/s (a 4G or 5G carrier's air time, with --sinr --throughput).")
    var dataKbps = TrafficSettings().dataKbps

    @Option(name: .customLong("operator-shares"), help: "With --traffic, when the sites name their operator: each operator's subscribers, % of the residents its sites serve (OPERATOR=PERCENT,…, e.g. Viettel=55,VNPT=25); operators not named take --subscribers-percent.")
    var operatorShares: String?

    @Option(name: .customLong("half-rate-percent"), parsing: .unconditional, help: "With --traffic: the share of 2G calls on half-rate codecs (AMR-HR), each taking half a traffic channel, %.")
    var halfRatePercent = TrafficSettings().halfRatePercent

    func validate() throws {
        guard operatorShares == nil || traffic else { throw ValidationError("--operator-shares needs --traffic") }
        let settings = try given()
        for field in TrafficSettings.fields where !field.range.contains(settings[keyPath: field.value]) {
            throw ValidationError("\(field.option) must be within \(field.bounds)")
        }
    }

    /// `--operator-shares` read; empty without it.
    private func shares() throws -> [String: Double] {
        guard let operatorShares else { return [:] }
        do throws(InputError) {
            return try TrafficSettings.operatorShares(parsing: operatorShares)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// `residents` loaded with these settings, with `--traffic`.
    func loading(_ residents: ResidentsRequest) throws -> ResidentsRequest {
        var loaded = residents
        loaded.traffic = traffic ? try given() : nil
        return loaded
    }

    /// The settings the options give.
    private func given() throws -> TrafficSettings {
        var settings = TrafficSettings(
            subscribersPercent: subscribersPercent, voiceMilliErlangs: voiceMilliErlangs, blockingPercent: blockingPercent, dataKbps: dataKbps,
            halfRatePercent: halfRatePercent
        )
        settings.operatorShares = try shares()
        return settings
    }
}
