import Foundation

/// Reads the JSON fixtures made by Fixtures/make_fixtures.py.
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The top-level object of `name` (e.g. "kernels.json").
    static func load(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw FixtureError.malformed(name)
        }
        return object
    }

    static func floats(_ value: Any?) throws -> [Float] {
        guard let list = value as? [NSNumber] else { throw FixtureError.malformed("float list") }
        return list.map { $0.floatValue }
    }

    static func ints(_ value: Any?) throws -> [Int] {
        guard let list = value as? [NSNumber] else { throw FixtureError.malformed("int list") }
        return list.map { $0.intValue }
    }

    static func int(_ value: Any?) throws -> Int {
        guard let number = value as? NSNumber else { throw FixtureError.malformed("int") }
        return number.intValue
    }

    static func object(_ value: Any?) throws -> [String: Any] {
        guard let object = value as? [String: Any] else { throw FixtureError.malformed("object") }
        return object
    }

    static func bytes(_ value: Any?) throws -> [UInt8] {
        guard let hex = value as? String else { throw FixtureError.malformed("hex string") }
        var out = [UInt8]()
        out.reserveCapacity(hex.utf8.count / 2)
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { throw FixtureError.malformed("hex byte") }
            out.append(byte)
            index = next
        }
        return out
    }

    /// The largest |a - b| / max(|b|, floor) over two equally long vectors.
    static func maxRelativeError(_ a: [Float], _ b: [Float], floor: Float = 1e-3) -> Float {
        precondition(a.count == b.count)
        var worst: Float = 0
        for i in a.indices {
            worst = max(worst, abs(a[i] - b[i]) / max(abs(b[i]), floor))
        }
        return worst
    }
}

enum FixtureError: Error {
    case malformed(String)
}
