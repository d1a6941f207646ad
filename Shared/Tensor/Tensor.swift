/// An owned, contiguous, row-major Float32 array with a shape: activations, caches, scratch.
///
/// A class, so layers share one allocation by reference and nothing copies on write; the
/// storage is 64-byte aligned and zero-filled when made.
public final class Tensor: @unchecked Sendable {
    /// Extent of each dimension, outermost first.
    public let shape: [Int]
    /// Number of elements (the product of `shape`).
    public let count: Int
    /// The first element; valid for the tensor's lifetime.
    public let data: UnsafeMutablePointer<Float>
    private let storage: AlignedBuffer

    /// A zero-filled tensor of `shape`; a negative extent is a programming error and traps.
    public init(shape: [Int]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative extent in tensor shape \(shape)")
        self.shape = shape
        count = shape.reduce(1, *)
        storage = AlignedBuffer(byteCount: count * MemoryLayout<Float>.stride)
        data = storage.bytes.bindMemory(to: Float.self, capacity: max(count, 1))
    }

    /// A tensor of `shape` holding `values` in row-major order.
    public convenience init(shape: [Int], values: [Float]) throws {
        let expected = shape.reduce(1, *)
        guard values.count == expected, shape.allSatisfy({ $0 >= 0 }) else {
            throw TensorError.invalidShape("\(values.count) values cannot fill a tensor of shape \(shape)")
        }
        self.init(shape: shape)
        values.withUnsafeBufferPointer { data.update(from: $0.baseAddress!, count: values.count) }
    }

    /// Element `i` of the flattened tensor.
    public subscript(i: Int) -> Float {
        get { precondition(i >= 0 && i < count); return data[i] }
        set { precondition(i >= 0 && i < count); data[i] = newValue }
    }

    /// The start of row `i` when the tensor is viewed as [shape[0], count / shape[0]].
    public func row(_ i: Int) -> UnsafeMutablePointer<Float> {
        precondition(!shape.isEmpty && i >= 0 && i < shape[0], "row \(i) outside shape \(shape)")
        return data + i * (count / shape[0])
    }

    /// Sets every element to `value`.
    public func fill(_ value: Float) {
        data.update(repeating: value, count: count)
    }

    /// A copy of the elements as an array.
    public func toArray() -> [Float] {
        Array(UnsafeBufferPointer(start: data, count: count))
    }
}
