import Foundation

/// A run's clutter loss table corrected by a drive test: each class's loss_db less the mean error (measured −
/// predicted) of the points on its cells — or, where the drive test fits the model's correction, the mean of what
/// that correction leaves — so that the next run predicts them without bias. Classes without points keep their loss.
struct ClutterCalibration {
    let losses: [Int: Double]
    let measured: [DriveTestReport.ClutterClassErrors]

    /// `clutter_losses_calibrated.csv`: the corrected table, readable by `--clutter-losses`, with the previous loss,
    /// the mean error and the points behind it.
    var csv: String {
        let errors = Dictionary(uniqueKeysWithValues: measured.map { ($0.clutterClass, $0.errors) })
        let rows = losses.keys.sorted().map { clutterClass -> String in
            let previous = losses[clutterClass]!, mean = errors[clutterClass]?.meanDB
            return [
                "\(clutterClass)", String(format: "%.2f", previous - (mean ?? 0)), String(format: "%.2f", previous),
                mean.map { String(format: "%.2f", $0) } ?? "", "\(errors[clutterClass]?.points ?? 0)",
            ].joined(separator: ",")
        }
        return (["class,loss_db,previous_loss_db,mean_error_db,points"] + rows).joined(separator: "\n") + "\n"
    }
}
