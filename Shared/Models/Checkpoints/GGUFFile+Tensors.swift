import Tensor

extension GGUFFile {
    /// The tensor's bytes exactly as stored, borrowed from the mapping: valid while this object lives.
    public func rawBytes(named name: String) throws -> UnsafeRawBufferPointer {
        let tensor = try tensor(named: name)
        return try file.bytes(at: tensor.fileRange.lowerBound, count: tensor.byteCount, tensor: name)
    }

    /// The tensor as a weight matrix over the mapped bytes: cols = ne[0] (the row length), rows = the
    /// product of the other dimensions, so a linear weight [in, out] in GGUF becomes out x in.
    public func matrix(named name: String) throws -> WeightMatrix {
        let tensor = try tensor(named: name)
        let dtype = try supportedType(of: tensor)
        guard tensor.rowCount > 0, tensor.rowLength > 0, let pointer = file.pointer(at: tensor.fileRange.lowerBound) else {
            throw CheckpointError(.invalidShape, file: path, tensor: name,
                                  "dimensions \(tensor.dimensions) have no elements, so it cannot be a matrix")
        }
        do {
            return try WeightMatrix(rows: tensor.rowCount, cols: tensor.rowLength, dtype: dtype, bytes: pointer, owner: file)
        } catch {
            throw CheckpointError(.invalidShape, file: path, tensor: name, "\(error)")
        }
    }

    /// The elements of an F32, F16 or BF16 tensor as Float32 (a copy: norms, biases, tests).
    /// Quantized tensors are dequantized through `matrix(named:)` and the Tensor module instead.
    public func floats(named name: String) throws -> [Float] {
        let tensor = try tensor(named: name)
        let dtype = try supportedType(of: tensor)
        guard !dtype.isQuantized else {
            throw CheckpointError(.unsupportedType, file: path, tensor: name,
                                  "is \(tensor.layout.name); only F32, F16 and BF16 tensors convert directly to floats")
        }
        let bytes = try rawBytes(named: name)
        return dtype.checkpointFloats(from: bytes, count: tensor.elementCount) ?? []
    }

    /// How many tensors the file stores in each GGML type, keyed by GGML's type name ("Q5_0").
    public var tensorTypeCounts: [String: Int] {
        tensors.reduce(into: [:]) { counts, tensor in counts[tensor.layout.name, default: 0] += 1 }
    }

    private func supportedType(of tensor: GGUFTensorInfo) throws -> DType {
        guard let dtype = tensor.dtype else {
            throw CheckpointError(.unsupportedType, file: path, tensor: tensor.name,
                                  "GGML type \(tensor.layout.name) (id \(tensor.layout.id)) is not supported; "
                                      + "supported: " + DType.allCases.map { $0.description }.joined(separator: ", "))
        }
        return dtype
    }
}
