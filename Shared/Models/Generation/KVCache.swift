/// The keys and values of every layer for the positions processed so far, allocated once per session.
///
/// Layer l's keys are a [capacity, width] row-major block (width = kvHeads × headDim), so the
/// rows of a batch of new positions are contiguous and a linear layer writes them in place.
public final class KVCache: @unchecked Sendable {
    /// Decoder layers.
    public let layers: Int
    /// Positions each layer can hold (the session's context length).
    public let capacity: Int
    /// Floats per position per layer (kvHeads × headDim).
    public let width: Int
    /// Positions filled so far; the next token goes at this position.
    public internal(set) var count: Int = 0

    private let keyStorage: FloatBuffer
    private let valueStorage: FloatBuffer

    /// Allocates room for `capacity` positions of `layers` layers.
    public init(layers: Int, capacity: Int, width: Int) {
        self.layers = layers
        self.capacity = capacity
        self.width = width
        keyStorage = FloatBuffer(count: layers * capacity * width)
        valueStorage = FloatBuffer(count: layers * capacity * width)
    }

    /// Layer `layer`'s key rows, [capacity, width].
    public func keys(layer: Int) -> UnsafeMutablePointer<Float> { keyStorage.pointer + layer * capacity * width }

    /// Layer `layer`'s value rows, [capacity, width].
    public func values(layer: Int) -> UnsafeMutablePointer<Float> { valueStorage.pointer + layer * capacity * width }

    /// Bytes held by keys and values together.
    public var byteCount: Int { 2 * layers * capacity * width * MemoryLayout<Float>.stride }

    /// Forgets positions from `count` on, so that generation can resume from a shared prefix.
    public func truncate(to count: Int) { self.count = max(0, min(count, self.count)) }

    /// Records that `n` more positions were written by a forward pass.
    func advance(by n: Int) { count += n }
}
