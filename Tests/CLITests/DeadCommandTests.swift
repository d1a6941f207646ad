import Foundation
import Testing
@testable import CLI
@testable import Messaging

@Test func deadRetryAndDropNeedIdsOrAllButNotBoth() throws {
    #expect(throws: (any Error).self) { try DeadRetryCommand.parse([]) }
    #expect(throws: (any Error).self) { try DeadDropCommand.parse(["--id", "x", "--all"]) }
    #expect(throws: (any Error).self) { try DeadListCommand.parse(["--limit", "0"]) }
    let retry = try DeadRetryCommand.parse(["--id", "a", "--id", "b", "--limit", "5"])
    #expect(retry.selection.ids == ["a", "b"])
    #expect(retry.options.limit == 5)
    #expect(retry.options.queue == "dead.letters")
}

@Test func deadLetterSelectionPicksByIdOrEverything() throws {
    let letter = { (id: String?) in
        DeadLetter(IncomingMessage(body: Data(), properties: MessageProperties(messageID: id), exchange: "lce.dead", routingKey: "k",
                                   deliveryTag: 1, redelivered: false, consumerTag: "", channel: nil))
    }
    let byID = try DeadDropCommand.parse(["--id", "a"]).selection.predicate
    #expect(byID(letter("a")))
    #expect(!byID(letter("b")))
    #expect(!byID(letter(nil)))
    let all = try DeadDropCommand.parse(["--all"]).selection.predicate
    #expect(all(letter(nil)) && all(letter("b")))
}

@Test func deadLetterViewShowsTheBodyAsTextOrBase64AndClipsLongReasons() throws {
    let headers: [String: AMQPFieldValue] = ["x-lce-reason": .string("line one\nline two " + String(repeating: "x", count: 200)),
                                             "x-lce-queue": "generate.requests", "x-lce-routing-key": "generate",
                                             "x-lce-exchange": "lce.requests"]
    let binary = DeadLetter(IncomingMessage(body: Data([0xff, 0xfe, 0x00]), properties: MessageProperties(headers: headers, messageID: "m1"),
                                            exchange: "lce.dead", routingKey: "generate", deliveryTag: 1, redelivered: false,
                                            consumerTag: "", channel: nil))
    let json = try #require(try JSONSerialization.jsonObject(with: Data(DeadLetterView(binary).jsonLine.utf8)) as? [String: Any])
    #expect(json["body"] == nil)
    #expect(json["body_base64"] as? String == "//4A")
    #expect(json["exchange"] as? String == "lce.requests")
    #expect(json["routing_key"] as? String == "generate")
    #expect(json["queue"] as? String == "generate.requests")

    let table = DeadLetterView.table([binary], total: 3, queue: "dead.letters")
    let lines = table.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(lines[0] == "3 messages in dead.letters; the first 1 (--limit reads more)")
    #expect(lines[2].contains("m1") && lines[2].contains("line one line two"))
    #expect(lines[2].hasSuffix("…"))
    #expect(DeadLetterView.table([], total: 0, queue: "dead.letters") == "dead.letters is empty")
}
