@preconcurrency import Base
import Foundation
import Middle

public func top() -> Int { middle().value }
