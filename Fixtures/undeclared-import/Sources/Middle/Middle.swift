import Base

public func middle() -> Base { Base(value: 1) }
