import CGEOS

/// The release of the GEOS library this process runs with, e.g. `3.11.1` (without its C API's own version).
public var geosRelease: String { String(String(cString: GEOSversion()).prefix { $0 != "-" }) }
