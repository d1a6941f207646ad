import Foundation
import Messaging

/// A dead letter as `lce dead list` prints it: a table row, or a JSON line with the body.
struct DeadLetterView: Encodable {
    let messageID: String?
    let schema: String?
    let reason: String
    let queue: String?
    let exchange: String
    let routingKey: String
    let deadLetteredAt: String?
    /// The body as text when it is UTF-8, else nil and `bodyBase64` holds it.
    let body: String?
    let bodyBase64: String?

    enum CodingKeys: String, CodingKey {
        case messageID = "message_id"
        case schema, reason, queue, exchange
        case routingKey = "routing_key"
        case deadLetteredAt = "dead_lettered_at"
        case body
        case bodyBase64 = "body_base64"
    }

    init(_ letter: DeadLetter) {
        messageID = letter.messageID
        schema = letter.schema
        reason = letter.reason
        queue = letter.queue
        exchange = letter.originalExchange
        routingKey = letter.originalRoutingKey
        deadLetteredAt = letter.deadLetteredAt
        let text = String(data: letter.message.body, encoding: .utf8)
        body = text
        bodyBase64 = text == nil ? letter.message.body.base64EncodedString() : nil
    }

    /// One line of JSON.
    var jsonLine: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The messages as a table, under a line saying how many there are.
    static func table(_ letters: [DeadLetter], total: Int, queue: String) -> String {
        guard !letters.isEmpty else { return "\(queue) is empty" }
        var lines = ["\(total) message\(total == 1 ? "" : "s") in \(queue)"
                     + (letters.count < total ? "; the first \(letters.count) (--limit reads more)" : "")]
        let rows = letters.enumerated().map { index, letter in
            [String(index + 1), letter.deadLetteredAt ?? "-", letter.queue ?? "-", letter.schema ?? "-",
             letter.messageID ?? "-", clipped(letter.reason, to: 90)]
        }
        let header = ["#", "dead-lettered at", "from queue", "schema", "message id", "reason"]
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        for row in [header] + rows {
            lines.append(zip(row, widths).map { cell, width in cell.padding(toLength: width, withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces))
        }
        return lines.joined(separator: "\n")
    }

    /// `text` on one line, cut to `limit` characters with an ellipsis.
    static func clipped(_ text: String, to limit: Int) -> String {
        let line = text.replacingOccurrences(of: "\n", with: " ")
        return line.count <= limit ? line : String(line.prefix(limit - 1)) + "…"
    }
}
