extension Array where Element == UInt8 {
    /// Appends `value`'s bytes in little-endian order, the byte order of both checkpoint formats.
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
