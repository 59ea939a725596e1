import CGDAL
import CPROJ

/// The release of the GDAL library this process runs with, e.g. `3.6.2`.
public var gdalRelease: String { String(cString: GDALVersionInfo("RELEASE_NAME")) }

/// The release of the PROJ library this process runs with, e.g. `9.1.1`.
public var projRelease: String { String(cString: proj_info().version) }
