import Foundation
import Workflows

/// A one-line progress bar on standard error, drawn only when standard error is a terminal. Jobs may update
/// it from worker threads, one call at a time.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let enabled = isatty(STDERR_FILENO) == 1
    /// When the items began (the last update with none done), for the time left.
    private var start = Date()
    private var last: (done: Int, total: Int)?
    /// The longest line drawn, which the next line and `finish` cover.
    private var drawnWidth = 0

    init(label: String) {
        self.label = label
    }

    /// Redraws the bar for `done` of `total` items, followed by `note`, or by default the time left estimated from
    /// the pace so far.
    func update(done: Int, total: Int, note: String? = nil) {
        if done == 0 { start = Date() }
        last = (done, total)
        guard enabled, total > 1 else { return }
        let fraction = Double(done) / Double(total)
        let width = 30, filled = Int(fraction * Double(width))
        let elapsed = Date().timeIntervalSince(start)
        let left = done > 0 ? elapsed / Double(done) * Double(total - done) : 0
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let trailing = note ?? String(format: "%.0f s left", left)
        let line = "\(label) \(bar) \(done)/\(total)  \(trailing)"
        drawnWidth = max(drawnWidth, line.count)
        FileHandle.standardError.write(Data(("\r" + line.padding(toLength: drawnWidth, withPad: " ", startingAt: 0)).utf8))
    }

    /// Redraws the bar as it stands, followed by `note`: what the job does between or after its items.
    func note(_ note: String) {
        guard let last else { return }
        update(done: last.done, total: last.total, note: note)
    }

    /// Shows a footprint run's progress: its sites, and what it does before and after them.
    func show(_ progress: FootprintProgress) {
        switch progress {
        case let .loadingTerrain(sites): update(done: 0, total: sites, note: "loading terrain")
        case let .sites(done, total): update(done: done, total: total)
        case .combining: note("union, overlaps and rasters")
        case .writing: note("writing footprints and summary")
        }
    }

    /// Clears the bar's line.
    func finish() {
        guard drawnWidth > 0 else { return }
        FileHandle.standardError.write(Data(("\r" + String(repeating: " ", count: drawnWidth) + "\r").utf8))
    }
}
