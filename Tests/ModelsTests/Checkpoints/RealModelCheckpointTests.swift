import Testing
import Tensor
import Models

/// Opens the real Qwen2.5-Coder-0.5B-Instruct Q4_K_M GGUF when it is on this machine.
/// The expected figures were read from the same file with Python's gguf package (GGUFReader).
@Suite(.enabled(if: CheckpointFixtures.realModelIsPresent,
                "real model absent: run ../shared/tools/get-real-model.sh"))
struct RealModelCheckpointTests {
    @Test func readsTheArchitectureAndShape() throws {
        let file = try GGUFFile(path: CheckpointFixtures.realModelPath)
        #expect(file.version == 3)
        #expect(try file.string("general.architecture") == "qwen2")
        #expect(try file.uint32("qwen2.block_count") == 24)
        #expect(try file.uint32("qwen2.embedding_length") == 896)
        #expect(try file.uint32("qwen2.attention.head_count") == 14)
        #expect(try file.uint32("qwen2.attention.head_count_kv") == 2)
        #expect(try file.float("qwen2.rope.freq_base") == 1_000_000)
        #expect(file.metadataKeys.count == 26)
    }

    @Test func hasTwentyFourBlocksOfTensors() throws {
        let file = try GGUFFile(path: CheckpointFixtures.realModelPath)
        let blocks = Set(file.tensors.compactMap { tensor -> Int? in
            let parts = tensor.name.split(separator: ".")
            return parts.first == "blk" && parts.count > 1 ? Int(parts[1]) : nil
        })
        #expect(blocks == Set(0..<24))
        #expect(file.contains("blk.23.ffn_down.weight"))
        #expect(!file.contains("blk.24.ffn_down.weight"))
    }

    @Test func countsTensorsByType() throws {
        let file = try GGUFFile(path: CheckpointFixtures.realModelPath)
        let counts = file.tensorTypeCounts
        print("tensor types in \(CheckpointFixtures.realModelPath): \(counts.sorted { $0.key < $1.key })")
        #expect(file.tensors.count == 291)
        #expect(counts == ["Q5_0": 133, "F32": 121, "Q8_0": 13, "Q6_K": 12, "Q4_K": 12])
    }

    @Test func readsTheTokenizerArrays() throws {
        let file = try GGUFFile(path: CheckpointFixtures.realModelPath)
        #expect(try file.string("tokenizer.ggml.model") == "gpt2")
        #expect(try file.string("tokenizer.ggml.pre") == "qwen2")
        #expect(try file.stringArray("tokenizer.ggml.tokens").count == 151_936)
        #expect(try file.int32Array("tokenizer.ggml.token_type").count == 151_936)
        #expect(try file.stringArray("tokenizer.ggml.merges").count == 151_387)
        #expect(try file.uint32("tokenizer.ggml.eos_token_id") == 151_645)
    }

    @Test func givesTheLargeMatricesTheirShapes() throws {
        let file = try GGUFFile(path: CheckpointFixtures.realModelPath)
        let embedding = try file.matrix(named: "token_embd.weight")
        #expect(embedding.rows == 151_936 && embedding.cols == 896 && embedding.dtype == .q5_0)
        let output = try file.matrix(named: "output.weight")
        #expect(output.rows == 151_936 && output.cols == 896 && output.dtype == .q8_0)
        let down = try file.matrix(named: "blk.0.ffn_down.weight")
        #expect(down.rows == 896 && down.cols == 4864 && down.dtype == .q6_K)
        #expect(try file.floats(named: "blk.0.attn_q.bias").count == 896)
    }

    @Test func writerReproducesTheFilesHeaderAndLayout() throws {
        let file = try GGUFFile(path: CheckpointFixtures.realModelPath)
        var writer = GGUFWriter()
        for key in file.metadataKeys {
            try writer.set(key, try #require(file.value(key)))
        }
        for tensor in file.tensors {
            let matrix = try file.matrix(named: tensor.name)
            try writer.add(tensor.name, matrix: matrix, dimensions: tensor.dimensions)
        }
        let header = writer.headerBytes()
        #expect(header.count == file.dataStart)
        #expect(header == Array(try file.file.bytes(at: 0, count: file.dataStart)))
    }
}
