import Testing
@testable import Tensor

@Suite struct KernelsTests {
    static let sizes = ["67", "256"]

    func fixture(_ size: String) throws -> [String: Any] {
        try Fixture.object(Fixture.load("kernels.json")[size])
    }

    @Test(arguments: sizes) func rmsNormMatchesReference(size: String) throws {
        let f = try fixture(size)
        let x = try Fixture.floats(f["x"]), w = try Fixture.floats(f["w"])
        var y = [Float](repeating: 0, count: x.count)
        Kernels.rmsNorm(x, weight: w, eps: 1e-6, count: x.count, into: &y)
        #expect(Fixture.maxRelativeError(y, try Fixture.floats(f["rmsnorm"])) < 1e-5)
    }

    @Test(arguments: sizes) func layerNormWithBiasMatchesReference(size: String) throws {
        let f = try fixture(size)
        let x = try Fixture.floats(f["x"]), w = try Fixture.floats(f["w"]), b = try Fixture.floats(f["bias"])
        var y = [Float](repeating: 0, count: x.count)
        Kernels.layerNorm(x, weight: w, bias: b, eps: 1e-5, count: x.count, into: &y)
        #expect(Fixture.maxRelativeError(y, try Fixture.floats(f["layernorm"])) < 1e-5)
    }

    @Test func layerNormWithoutBiasMatchesReference() throws {
        let f = try fixture("67")
        let x = try Fixture.floats(f["x"]), w = try Fixture.floats(f["w"])
        var y = [Float](repeating: 0, count: x.count)
        Kernels.layerNorm(x, weight: w, bias: nil, eps: 1e-5, count: x.count, into: &y)
        #expect(Fixture.maxRelativeError(y, try Fixture.floats(f["layernorm_nobias"])) < 1e-5)
    }

    @Test(arguments: sizes) func softmaxMatchesReference(size: String) throws {
        let f = try fixture(size)
        var x = try Fixture.floats(f["x"])
        Kernels.softmax(&x, count: x.count)
        #expect(Fixture.maxRelativeError(x, try Fixture.floats(f["softmax"]), floor: 1e-6) < 1e-5)
    }

    @Test func softmaxOfMaskedEntriesIsZero() {
        var x: [Float] = [1, -.infinity, 2, -.infinity]
        Kernels.softmax(&x, count: 4)
        #expect(x[1] == 0 && x[3] == 0)
        #expect(abs(x[0] + x[2] - 1) < 1e-6)
    }

    @Test(arguments: [("silu", 0), ("gelu_tanh", 1), ("gelu", 2), ("relu", 3)])
    func activationMatchesReference(name: String, which: Int) throws {
        for size in Self.sizes {
            let f = try fixture(size)
            var x = try Fixture.floats(f["x"])
            switch which {
            case 0: Kernels.silu(&x, count: x.count)
            case 1: Kernels.geluTanh(&x, count: x.count)
            case 2: Kernels.gelu(&x, count: x.count)
            default: Kernels.relu(&x, count: x.count)
            }
            #expect(Fixture.maxRelativeError(x, try Fixture.floats(f[name])) < 2e-5, "\(name) at \(size)")
        }
    }

    @Test(arguments: sizes) func swigluMatchesReference(size: String) throws {
        let f = try fixture(size)
        let x = try Fixture.floats(f["x"]), b = try Fixture.floats(f["b"])
        var y = [Float](repeating: 0, count: x.count)
        Kernels.swiglu(gate: x, up: b, count: x.count, into: &y)
        #expect(Fixture.maxRelativeError(y, try Fixture.floats(f["swiglu"])) < 2e-5)
    }

    @Test(arguments: sizes) func addAndAddInPlaceAgree(size: String) throws {
        let f = try fixture(size)
        let x = try Fixture.floats(f["x"]), b = try Fixture.floats(f["b"])
        var y = [Float](repeating: 0, count: x.count)
        Kernels.add(x, b, count: x.count, into: &y)
        let expected = try Fixture.floats(f["add"])
        #expect(Fixture.maxRelativeError(y, expected) < 1e-6)
        var z = x
        Kernels.addInPlace(&z, b, count: x.count)
        #expect(z == y)
    }

    @Test(arguments: sizes) func dotMatchesReference(size: String) throws {
        let f = try fixture(size)
        let x = try Fixture.floats(f["x"]), b = try Fixture.floats(f["b"])
        let expected = Float(try #require(f["dot"] as? Double))
        #expect(abs(Kernels.dot(x, b, count: x.count) - expected) < 1e-4 * Float(x.count))
    }

    @Test func scaleMultipliesEveryElement() {
        var x: [Float] = (0..<37).map(Float.init)
        Kernels.scale(&x, by: -0.5, count: 37)
        #expect(x == (0..<37).map { Float($0) * -0.5 })
    }

    @Test(arguments: [RoPEStyle.halves, .interleaved]) func ropeMatchesHuggingFaceAngles(style: RoPEStyle) throws {
        let f = try Fixture.object(Fixture.load("kernels.json")["rope"])
        let x = try Fixture.floats(f["x"])
        let heads = try Fixture.int(f["heads"]), headDim = try Fixture.int(f["head_dim"])
        guard let cases = f["cases"] as? [[String: Any]] else { throw FixtureError.malformed("cases") }
        for c in cases {
            let position = try Fixture.int(c["position"])
            var y = x
            Kernels.rope(&y, heads: heads, headDim: headDim, position: position, theta: 10000, style: style)
            let expected = try Fixture.floats(c[style == .halves ? "halves" : "interleaved"])
            #expect(Fixture.maxRelativeError(y, expected, floor: 1e-2) < 1e-5, "position \(position)")
        }
    }
}
