import Tensor

/// A GGUF file serves weights under llama.cpp's names; shapes are reported outermost first
/// (GGUF's ne reversed), so a linear weight reads [out, in] as in a Hugging Face checkpoint.
extension GGUFFile: WeightSource {
    /// The file's path.
    public var sourceName: String { path }

    /// GGUF's dimensions reversed to [out, in] order.
    public func shape(of name: String) throws -> [Int] { Array(try tensor(named: name).dimensions.reversed()) }

    /// The tensor over the mapped bytes.
    public func matrix(_ name: String) throws -> WeightMatrix { try matrix(named: name) }

    /// Plain-float tensors are converted directly; a quantized vector is dequantized through the Tensor module.
    public func floats(_ name: String) throws -> [Float] {
        let info = try tensor(named: name)
        if let dtype = info.dtype, dtype.isQuantized { return try matrix(named: name).toFloat32() }
        return try floats(named: name)
    }
}
