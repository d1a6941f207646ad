import CRabbitMQ
import Foundation

/// An AMQP channel: declares, publishes, consumes and settles messages on its connection's thread.
public final class AMQPChannel: Sendable {
    /// The connection the channel belongs to.
    public let connection: AMQPConnection
    /// The channel number on the connection.
    public let number: UInt16

    init(connection: AMQPConnection, number: UInt16) {
        self.connection = connection
        self.number = number
    }

    /// Declares an exchange (durable by default); a conflicting existing one closes the channel with 406.
    public func declareExchange(_ name: String, kind: ExchangeKind, durable: Bool = true, arguments: [String: AMQPFieldValue] = [:]) async throws {
        try await connection.perform { [connection, number] in
            let state = try connection.liveState()
            _ = try connection.channelState(number)
            let arena = CArena()
            _ = amqp_exchange_declare(state, number, arena.bytes(name), arena.bytes(kind.rawValue), 0, durable ? 1 : 0, 0, 0, arena.table(arguments))
            try connection.check(amqp_get_rpc_reply(state), channel: number)
        }
    }

    /// Declares a queue; `passive` only checks that it exists. An empty name asks the broker to choose one.
    @discardableResult
    public func declareQueue(_ name: String, durable: Bool = true, exclusive: Bool = false, autoDelete: Bool = false,
                             arguments: [String: AMQPFieldValue] = [:], passive: Bool = false) async throws -> QueueInfo {
        try await connection.perform { [connection, number] in
            let state = try connection.liveState()
            _ = try connection.channelState(number)
            let arena = CArena()
            let ok = amqp_queue_declare(state, number, arena.bytes(name), passive ? 1 : 0, durable ? 1 : 0, exclusive ? 1 : 0,
                                        autoDelete ? 1 : 0, arena.table(arguments))
            try connection.check(amqp_get_rpc_reply(state), channel: number)
            guard let ok else { return QueueInfo(name: name, messageCount: 0, consumerCount: 0) }
            return QueueInfo(name: String(amqp: ok.pointee.queue), messageCount: Int(ok.pointee.message_count),
                             consumerCount: Int(ok.pointee.consumer_count))
        }
    }

    /// Binds `queue` to `exchange` for `routingKey`.
    public func bindQueue(_ queue: String, to exchange: String, routingKey: String, arguments: [String: AMQPFieldValue] = [:]) async throws {
        try await connection.perform { [connection, number] in
            let state = try connection.liveState()
            _ = try connection.channelState(number)
            let arena = CArena()
            _ = amqp_queue_bind(state, number, arena.bytes(queue), arena.bytes(exchange), arena.bytes(routingKey), arena.table(arguments))
            try connection.check(amqp_get_rpc_reply(state), channel: number)
        }
    }

    /// Deletes a queue and returns how many messages it held.
    @discardableResult
    public func deleteQueue(_ queue: String) async throws -> Int {
        try await connection.perform { [connection, number] in
            let state = try connection.liveState()
            _ = try connection.channelState(number)
            let arena = CArena()
            let ok = amqp_queue_delete(state, number, arena.bytes(queue), 0, 0)
            try connection.check(amqp_get_rpc_reply(state), channel: number)
            return Int(ok?.pointee.message_count ?? 0)
        }
    }

    /// Removes every ready message from a queue and returns how many there were.
    @discardableResult
    public func purgeQueue(_ queue: String) async throws -> Int {
        try await connection.perform { [connection, number] in
            let state = try connection.liveState()
            _ = try connection.channelState(number)
            let arena = CArena()
            let ok = amqp_queue_purge(state, number, arena.bytes(queue))
            try connection.check(amqp_get_rpc_reply(state), channel: number)
            return Int(ok?.pointee.message_count ?? 0)
        }
    }

    /// Bounds the unacknowledged deliveries each consumer on this channel holds.
    public func setPrefetch(_ count: UInt16) async throws {
        try await connection.perform { [connection, number] in
            let state = try connection.liveState()
            _ = try connection.channelState(number)
            _ = amqp_basic_qos(state, number, 0, count, 0)
            try connection.check(amqp_get_rpc_reply(state), channel: number)
        }
    }

    /// Puts the channel in confirm mode: from now on `publish` returns only once the broker has taken the message.
    public func enableConfirms() async throws {
        try await connection.perform { [connection, number] in
            let state = try connection.liveState()
            let channel = try connection.channelState(number)
            guard !channel.confirms else { return }
            _ = amqp_confirm_select(state, number)
            try connection.check(amqp_get_rpc_reply(state), channel: number)
            channel.confirms = true
        }
    }

    /// Calls `handler` on the connection thread for every mandatory message the broker returns unroutable.
    public func onReturn(_ handler: @escaping @Sendable (IncomingMessage) -> Void) async throws {
        try await connection.perform { [connection, number] in
            try connection.channelState(number).onReturn = handler
        }
    }

    /// Publishes a message; in confirm mode waits for basic.ack and throws on nack, or on return when `mandatory`.
    public func publish(_ body: Data, exchange: String, routingKey: String, properties: MessageProperties = MessageProperties(),
                        mandatory: Bool = false) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
            send(body, exchange: exchange, routingKey: routingKey, properties: properties, mandatory: mandatory) { error in
                if let error { continuation.resume(throwing: error) } else { continuation.resume() }
            }
        }
    }

    /// Queues a publish for the connection thread and returns at once; `completion` runs once, on the
    /// connection thread, when the message is written (or, in confirm mode, confirmed) or has failed.
    ///
    /// The callback form lets a caller already inside a continuation (an RPC waiting for its reply)
    /// publish without another task hop.
    func send(_ body: Data, exchange: String, routingKey: String, properties: MessageProperties, mandatory: Bool,
              completion: @escaping (Error?) -> Void) {
        let connection = self.connection
        let number = self.number
        let queued = connection.enqueue {
            do {
                let state = try connection.liveState()
                let channel = try connection.channelState(number)
                let arena = CArena()
                var cProperties = arena.properties(properties)
                let status = body.withUnsafeBytes { raw in
                    amqp_basic_publish(state, number, arena.bytes(exchange), arena.bytes(routingKey), mandatory ? 1 : 0, 0, &cProperties,
                                       amqp_bytes_t(len: raw.count, bytes: UnsafeMutableRawPointer(mutating: raw.baseAddress)))
                }
                try connection.checkSend(status)
                if channel.confirms {
                    channel.pendingConfirms.append(.init(tag: channel.nextPublishTag, messageID: mandatory ? properties.messageID : nil,
                                                         exchange: exchange, routingKey: routingKey, settle: completion))
                    channel.nextPublishTag += 1
                } else {
                    completion(nil)
                }
            } catch {
                completion(error)
            }
        }
        if !queued { completion(connection.closedError()) }
    }

    /// Starts a consumer on `queue`; deliveries arrive on the stream, which ends when the consumer is cancelled
    /// and fails when the channel or connection is lost.
    public func consume(queue: String, noAck: Bool = false, exclusive: Bool = false,
                        arguments: [String: AMQPFieldValue] = [:]) async throws -> (consumerTag: String, deliveries: AsyncThrowingStream<IncomingMessage, Error>) {
        // Prefetch bounds the buffer for acknowledged consumers; no-ack consumers (RPC replies) are bounded by their callers.
        let (stream, continuation) = AsyncThrowingStream<IncomingMessage, Error>.makeStream(bufferingPolicy: .unbounded)
        let tag = try await consume(queue: queue, noAck: noAck, exclusive: exclusive, arguments: arguments,
                                    deliver: { continuation.yield($0) },
                                    end: { error in continuation.finish(throwing: error) })
        return (tag, stream)
    }

    /// Starts a consumer whose deliveries go straight to `deliver` on the connection thread (no stream, no task hop);
    /// `end` runs once when it is cancelled (nil) or lost (the error). Both must return quickly and never block.
    func consume(queue: String, noAck: Bool, exclusive: Bool = false, arguments: [String: AMQPFieldValue] = [:],
                 deliver: @escaping (IncomingMessage) -> Void, end: @escaping (Error?) -> Void) async throws -> String {
        try await connection.perform { [connection, number] in
            let state = try connection.liveState()
            let channel = try connection.channelState(number)
            let arena = CArena()
            let ok = amqp_basic_consume(state, number, arena.bytes(queue), amqp_empty_bytes, 0, noAck ? 1 : 0, exclusive ? 1 : 0, arena.table(arguments))
            try connection.check(amqp_get_rpc_reply(state), channel: number)
            let tag = ok.map { String(amqp: $0.pointee.consumer_tag) } ?? ""
            channel.consumers[tag] = .init(queue: queue, deliver: deliver, end: end)
            return tag
        }
    }

    /// Cancels a consumer: its stream ends once the broker confirms; unacknowledged deliveries stay to be settled.
    public func cancel(consumerTag: String) async throws {
        try await connection.perform { [connection, number] in
            let state = try connection.liveState()
            let channel = try connection.channelState(number)
            let arena = CArena()
            _ = amqp_basic_cancel(state, number, arena.bytes(consumerTag))
            try connection.check(amqp_get_rpc_reply(state), channel: number)
            channel.consumers.removeValue(forKey: consumerTag)?.end(nil)
        }
    }

    /// Takes the message at the head of `queue` without a consumer (basic.get); nil when the queue is empty. Unless
    /// `noAck`, the message is the caller's to settle, and returns to the queue if the channel closes first.
    public func get(queue: String, noAck: Bool = false) async throws -> IncomingMessage? {
        try await connection.perform { [connection, number] in
            let state = try connection.liveState()
            let channel = try connection.channelState(number)
            let arena = CArena()
            let reply = amqp_basic_get(state, number, arena.bytes(queue), noAck ? 1 : 0)
            try connection.check(reply, channel: number)
            guard reply.reply.id == AMQP_BASIC_GET_OK_METHOD else { return nil }
            let ok = reply.reply.decoded.assumingMemoryBound(to: amqp_basic_get_ok_t.self).pointee
            let (exchange, routingKey) = (String(amqp: ok.exchange), String(amqp: ok.routing_key))
            guard let content = connection.readContent(channel: number) else { throw connection.closedError() }
            return IncomingMessage(body: content.body, properties: content.properties, exchange: exchange, routingKey: routingKey,
                                   deliveryTag: ok.delivery_tag, redelivered: ok.redelivered != 0, consumerTag: "",
                                   channel: channel.handle)
        }
    }

    /// Acknowledges a delivery.
    public func ack(_ deliveryTag: UInt64, multiple: Bool = false) async throws {
        try await connection.perform { [connection, number] in
            let state = try connection.liveState()
            _ = try connection.channelState(number)
            try connection.checkSend(amqp_basic_ack(state, number, deliveryTag, multiple ? 1 : 0))
        }
    }

    /// Rejects a delivery, back to the queue or (with `requeue` false) to the queue's dead-letter exchange.
    public func reject(_ deliveryTag: UInt64, requeue: Bool) async throws {
        try await connection.perform { [connection, number] in
            let state = try connection.liveState()
            _ = try connection.channelState(number)
            try connection.checkSend(amqp_basic_reject(state, number, deliveryTag, requeue ? 1 : 0))
        }
    }

    /// Closes the channel; its consumers end and its unacknowledged deliveries return to their queues.
    public func close() async {
        _ = try? await connection.perform { [connection, number] in
            let state = try connection.liveState()
            guard let channel = connection.channels[number] else { return }
            _ = amqp_channel_close(state, number, AMQP_REPLY_SUCCESS)
            connection.channels.removeValue(forKey: number)
            channel.fail(MessagingError.channelClosed(code: 200, text: "closed by the application"))
            try connection.check(amqp_get_rpc_reply(state), channel: number)
        }
    }
}
