import Tensor

/// A Hugging Face directory's safetensors shards serve weights under their Hugging Face names.
extension ModelDirectory: WeightSource {
    /// The directory's path.
    public var sourceName: String { path }
    /// The safetensors header's shape.
    public func shape(of name: String) throws -> [Int] { try tensor(named: name).shape }
    /// The tensor over its shard's mapped bytes.
    public func matrix(_ name: String) throws -> WeightMatrix { try matrix(named: name) }
    /// The tensor converted to Float32.
    public func floats(_ name: String) throws -> [Float] { try floats(named: name) }
}
