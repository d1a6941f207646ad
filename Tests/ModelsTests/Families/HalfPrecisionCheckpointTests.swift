import Foundation
import Testing
import Models
import Tensor

/// Hugging Face checkpoints stored in F16 or BF16 run on the same families, close to Float32.
struct HalfPrecisionCheckpointTests {
    let tokens = [1, 17, 42, 299, 5, 5, 128]

    /// Rewrites a fixture directory's model.safetensors with every tensor stored as `dtype`.
    func convertedCopy(_ name: String, to dtype: DType) throws -> String {
        let source = ReferenceLogits.fixtures.appendingPathComponent(name)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lce-half-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source.appendingPathComponent("config.json"),
                                         to: dir.appendingPathComponent("config.json"))
        let original = try SafetensorsFile(path: source.appendingPathComponent("model.safetensors").path)
        var writer = SafetensorsWriter()
        for tensor in original.tensors {
            try writer.add(tensor.name, floats: try original.floats(named: tensor.name), shape: tensor.shape, as: dtype)
        }
        try writer.write(to: dir.appendingPathComponent("model.safetensors").path)
        return dir.path
    }

    @Test(arguments: [("gpt2", DType.f16), ("qwen2", DType.bf16), ("opt", DType.f16)])
    func halfPrecisionCheckpointStaysCloseToFloat32(fixture: String, dtype: DType) throws {
        let path = try convertedCopy(fixture, to: dtype)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let half = try ModelLoader.load(path: path)
        let full = try ModelLoader.load(path: ReferenceLogits.path(fixture))
        let a = try InferenceSession(model: half, contextCapacity: 16).forward(tokens, allPositions: true)
        let b = try InferenceSession(model: full, contextCapacity: 16).forward(tokens, allPositions: true)
        let error = ReferenceLogits.relativeError(a, b)
        // Weights rounded to 11 (F16) or 8 (BF16) significant bits: measured 1.0e-3 (F16), 1.3e-2 (BF16).
        #expect(error < (dtype == .bf16 ? 5e-2 : 5e-3), "relative error \(error)")
    }
}
