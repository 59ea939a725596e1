import Foundation

/// A one-line progress bar on standard error, drawn only when standard error is a terminal. Jobs may update
/// it from worker threads, one call at a time.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let start = Date()
    private let enabled = isatty(STDERR_FILENO) == 1
    private var drawn = false

    init(label: String) {
        self.label = label
    }

    /// Redraws the bar for `done` of `total` items, with the time left estimated from the pace so far.
    func update(done: Int, total: Int) {
        guard enabled, total > 1 else { return }
        let fraction = Double(done) / Double(total)
        let width = 30, filled = Int(fraction * Double(width))
        let elapsed = Date().timeIntervalSince(start)
        let left = done > 0 ? elapsed / Double(done) * Double(total - done) : 0
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        let line = String(format: "\r%@ %@ %d/%d  %.0f s left ", label, bar, done, total, left)
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    /// Clears the bar's line.
    func finish() {
        guard drawn else { return }
        FileHandle.standardError.write(Data(("\r" + String(repeating: " ", count: 80) + "\r").utf8))
    }
}
