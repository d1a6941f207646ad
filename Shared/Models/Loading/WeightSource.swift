import Tensor

/// Named tensors a model family's parameters are read from: a Hugging Face directory or a GGUF file.
public protocol WeightSource {
    /// The file or directory, for error messages.
    var sourceName: String { get }
    /// True when the source holds a tensor called `name`.
    func contains(_ name: String) -> Bool
    /// The tensor's shape, outermost dimension first ([out, in] for a linear weight, as PyTorch prints it).
    func shape(of name: String) throws -> [Int]
    /// The tensor as a matrix over the source's bytes, rows = product of all but the last dimension.
    func matrix(_ name: String) throws -> WeightMatrix
    /// The tensor's elements as Float32 (norms and biases).
    func floats(_ name: String) throws -> [Float]
}

extension WeightSource {
    /// The [rows, cols] matrix `name`, or an error naming the tensor when it is missing or misshapen.
    func requireMatrix(_ name: String, rows: Int, cols: Int) throws -> WeightMatrix {
        guard contains(name) else { throw ModelError.missingTensor(source: sourceName, name: name) }
        let found = try shape(of: name)
        guard found == [rows, cols] else {
            throw ModelError.shapeMismatch(source: sourceName, name: name, expected: [rows, cols], found: found)
        }
        return try matrix(name)
    }

    /// The [count] vector `name` as Float32, or an error naming the tensor when it is missing or misshapen.
    func requireVector(_ name: String, count: Int) throws -> FloatBuffer {
        guard contains(name) else { throw ModelError.missingTensor(source: sourceName, name: name) }
        let found = try shape(of: name)
        guard found.reduce(1, *) == count, found.count <= 2, found.last == count else {
            throw ModelError.shapeMismatch(source: sourceName, name: name, expected: [count], found: found)
        }
        let values = try floats(name)
        guard values.count == count else {
            throw ModelError.shapeMismatch(source: sourceName, name: name, expected: [count], found: [values.count])
        }
        return FloatBuffer(values)
    }

    /// The vector `name` when the source holds it, checked like `requireVector`.
    func optionalVector(_ name: String, count: Int) throws -> FloatBuffer? {
        contains(name) ? try requireVector(name, count: count) : nil
    }

    /// The matrix `name` when the source holds it, checked like `requireMatrix`.
    func optionalMatrix(_ name: String, rows: Int, cols: Int) throws -> WeightMatrix? {
        contains(name) ? try requireMatrix(name, rows: rows, cols: cols) : nil
    }
}
