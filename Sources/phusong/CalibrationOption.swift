import Propagation
import Terrain
import Workflows

/// The model calibration a `--calibration` option names, read for `model`; nil without one. Bad input exits 1.
func loadCalibration(_ path: String?, for model: PathLossModel) throws -> ModelCalibration? {
    try path.map { path in try reportingInputErrors { () throws(InputError) in try ModelCalibration.load(path, for: model) } }
}
