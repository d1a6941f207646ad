extension Duration {
    /// The duration in seconds, as the contracts' `_s` fields carry it.
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
    /// The duration in milliseconds, as the contracts' `_ms` fields carry it.
    public var milliseconds: Double { seconds * 1000 }
}
