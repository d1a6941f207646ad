import Foundation

/// An experiment: a named comparison that evaluations and training runs belong to.
public struct ExperimentRecord: Sendable, Equatable {
    /// Producer-chosen id.
    public var id: UUID
    /// Human-readable name.
    public var name: String
    /// Free-text purpose.
    public var description: String?
    /// The experiment's settings as JSON.
    public var config: PostgresJSON

    /// Creates an experiment record.
    public init(id: UUID, name: String, description: String? = nil, config: PostgresJSON = .emptyObject) {
        self.id = id
        self.name = name
        self.description = description
        self.config = config
    }
}

extension ExperimentRecord {
    /// The id of the experiment called `name`: the same for every producer and run (FNV-1a, 128 bits, over the name,
    /// as a version-8 UUID), so records name their experiment without asking the database for it first.
    public static func id(named name: String) -> UUID {
        var hash: UInt128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d
        for byte in ("lce.experiment/" + name).utf8 {
            hash ^= UInt128(byte)
            hash = hash &* 0x0000_0000_0100_0000_0000_0000_0000_013B
        }
        var bytes = (0..<16).map { UInt8(truncatingIfNeeded: hash >> (8 * (15 - $0))) }
        bytes[6] = (bytes[6] & 0x0F) | 0x80  // version 8: custom
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 9562 variant
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}

/// A record that belongs to an experiment: by id, and by name when the producer knows it.
public protocol ExperimentMember {
    /// The experiment's id.
    var experimentID: UUID? { get set }
    /// The experiment's name; an experiment first seen through a record without one is named by its id.
    var experimentName: String? { get set }
}

extension ExperimentMember {
    /// Puts the record in the experiment called `name` (its id is `ExperimentRecord.id(named:)`).
    public mutating func setExperiment(named name: String) {
        experimentID = ExperimentRecord.id(named: name)
        experimentName = name
    }
}
