import Foundation

/// What a raster's pixels hold, which decides how they are read.
public enum PixelContent: Sendable {
    /// Heights, read in metres (feet converted): beyond ±100 km they are voids, like the nodata value.
    case elevations
    /// Counts or amounts, such as residents per pixel, of any size and unit: only the nodata value and NaN are voids.
    case quantities
}

/// Metres in one unit of a raster band's declared unit type (GDAL's `GetUnitType`): metres when none is declared,
/// the international foot and the US survey foot, as GDAL's drivers and PROJ spell them; nil for any other unit.
func metresPerUnit(_ unit: String) -> Double? {
    switch unit.trimmingCharacters(in: .whitespaces).lowercased() {
    case "", "m", "metre", "metres", "meter", "meters": 1
    case "ft", "foot", "feet", "international foot", "ft_int": 0.3048
    case "us survey foot", "us-ft", "ftus", "us_survey_foot", "foot_us", "us foot": 1_200.0 / 3_937.0
    default: nil
    }
}
