import Foundation

/// The moment a `--time-limit` runs out: long work checks it before starting each piece (a site, a job) and
/// stops starting new ones once it has passed, so what is finished can be written, marked partial.
public struct Deadline: Sendable {
    /// The limit as given, in seconds.
    public let seconds: Double
    private let end: ContinuousClock.Instant

    /// `seconds` from now.
    public init(seconds: Double) {
        self.seconds = seconds
        end = .now + .nanoseconds(Int64((min(seconds, 1e9) * 1e9).rounded()))
    }

    public var hasPassed: Bool { ContinuousClock.now >= end }

    /// "time limit of 30 s reached", for reports.
    public var reason: String { "time limit of \(String(format: "%g", seconds)) s reached" }
}

/// GeoTIFF metadata item set to "YES" on rasters of a run its time limit cut short.
public let partialMetadataKey = "PHUSONG_PARTIAL"
