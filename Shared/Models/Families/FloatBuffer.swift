/// A fixed-size, 64-byte-aligned Float32 buffer, allocated once: model activations, norm weights, biases.
///
/// A class so that activations can be shared by reference and written through `pointer`
/// from any layer function without copy-on-write or exclusivity checks in the hot loop.
public final class FloatBuffer: @unchecked Sendable {
    /// The first element.
    public let pointer: UnsafeMutablePointer<Float>
    /// Number of elements.
    public let count: Int

    /// Allocates `count` zeroed floats.
    public init(count: Int) {
        let n = max(count, 1)
        let raw = UnsafeMutableRawPointer.allocate(byteCount: n * MemoryLayout<Float>.stride, alignment: 64)
        pointer = raw.bindMemory(to: Float.self, capacity: n)
        pointer.initialize(repeating: 0, count: n)
        self.count = count
    }

    /// Copies `values` into a new buffer.
    public convenience init(_ values: [Float]) {
        self.init(count: values.count)
        values.withUnsafeBufferPointer { src in
            if let base = src.baseAddress { pointer.update(from: base, count: values.count) }
        }
    }

    /// The elements as an array (tests, small vectors).
    public var array: [Float] { Array(UnsafeBufferPointer(start: pointer, count: count)) }

    /// Sets every element to zero.
    public func zero() { pointer.update(repeating: 0, count: count) }

    deinit { pointer.deallocate() }
}
