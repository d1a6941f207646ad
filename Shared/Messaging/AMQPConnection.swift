import CRabbitMQ
import Foundation
import Logging

/// One AMQP connection to RabbitMQ over rabbitmq-c.
///
/// rabbitmq-c is blocking and not thread-safe, so each connection owns a dedicated thread that
/// does every rabbitmq-c call; async callers hand it work through a queue and a wake-up pipe.
/// The Swift cooperative pool never blocks on the socket.
public final class AMQPConnection: @unchecked Sendable {
    /// The broker this connection talks to.
    public let url: AMQPURL
    /// The name the broker shows for the connection.
    public let name: String
    let logger: Logger

    // Shared between callers and the connection thread, guarded by `lock`.
    private let lock = NSLock()
    private var queuedWork: [() -> Void] = []
    private var threadExited = false
    private var closeRequested = false
    private var exitWaiters: [CheckedContinuation<Void, Never>] = []
    private var finalReason: String?
    private var wakePending = false

    // Connection-thread only.
    var state: amqp_connection_state_t?
    var channels: [UInt16: ChannelState] = [:]
    var lostReason: String?
    private var lastChannel: UInt16 = 0
    private var lastInbound = Date()
    private var lastHeartbeatCheck = Date()
    private var loggedIn = false
    private var wakeRead: Int32 = -1
    private var wakeWrite: Int32 = -1

    private init(url: AMQPURL, name: String, logger: Logger) {
        self.url = url
        self.name = name
        self.logger = logger
    }

    /// Opens a connection and logs in; throws `MessagingError.connectFailed` with the broker's reason.
    public static func connect(to url: AMQPURL, name: String = "lce", logger: Logger = Logger(label: "lce.messaging")) async throws -> AMQPConnection {
        let connection = AMQPConnection(url: url, name: name, logger: logger)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
            let thread = Thread { connection.threadMain(onConnected: { continuation.resume(with: $0) }) }
            thread.name = "amqp:\(name)"
            thread.stackSize = 1 << 20
            thread.start()
        }
        return connection
    }

    /// Whether the connection is still usable.
    public var isOpen: Bool {
        lock.lock(); defer { lock.unlock() }
        return !threadExited && !closeRequested
    }

    /// Why the connection ended, once it has.
    public var closeReason: String? {
        lock.lock(); defer { lock.unlock() }
        return finalReason
    }

    /// Opens a new channel on this connection.
    public func openChannel() async throws -> AMQPChannel {
        try await perform { try self.loopOpenChannel() }
    }

    /// Closes the connection (pending work fails with `connectionClosed`) and waits for its thread to end.
    public func close() async {
        guard requestClose() else { return }
        await waitUntilClosed()
    }

    private func requestClose() -> Bool {
        lock.lock(); defer { lock.unlock() }
        if threadExited { return false }
        closeRequested = true
        wakeLocked()
        return true
    }

    /// Waits until the connection has ended, by `close()` or by losing the broker.
    public func waitUntilClosed() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            lock.lock()
            if threadExited { lock.unlock(); continuation.resume(); return }
            exitWaiters.append(continuation)
            lock.unlock()
        }
    }

    // MARK: handing work to the connection thread

    /// Queues `work` for the connection thread; false when the thread has ended.
    @discardableResult
    func enqueue(_ work: @escaping () -> Void) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if threadExited { return false }
        queuedWork.append(work)
        wakeLocked()
        return true
    }

    /// Runs `body` on the connection thread and returns its result.
    func perform<T>(_ body: @escaping () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
            let queued = enqueue { continuation.resume(with: Result { try body() }) }
            if !queued { continuation.resume(throwing: closedError()) }
        }
    }

    func closedError() -> MessagingError {
        lock.lock(); defer { lock.unlock() }
        return .connectionClosed(reason: finalReason ?? lostReason ?? "the connection is closed")
    }

    /// Wakes the connection thread's poll(); called with `lock` held, so the pipe cannot be closed (and its
    /// descriptor number reused by another file) between the check and the write.
    ///
    /// One byte per wake-up, not per work item: under load many items queue behind one write.
    private func wakeLocked() {
        guard wakeWrite >= 0, !wakePending else { return }
        var byte: UInt8 = 1
        if write(wakeWrite, &byte, 1) == 1 { wakePending = true }
    }

    // MARK: the connection thread

    private func threadMain(onConnected: (Result<Void, Error>) -> Void) {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else {
            finish(reason: "cannot create a wake-up pipe")
            onConnected(.failure(MessagingError.connectFailed(url: url.description, reason: "cannot create a wake-up pipe")))
            return
        }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, O_NONBLOCK)
            // Child processes (a worker's Python sandbox) must not inherit the pipe.
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        lock.lock()
        wakeRead = fds[0]
        wakeWrite = fds[1]
        lock.unlock()
        do {
            try openAndLogin()
        } catch {
            finish(reason: "\(error)")
            onConnected(.failure(error))
            return
        }
        onConnected(.success(()))
        runLoop()
    }

    private func openAndLogin() throws {
        let fail = { (reason: String) in MessagingError.connectFailed(url: self.url.description, reason: reason) }
        guard let connection = amqp_new_connection() else { throw fail("out of memory") }
        state = connection
        guard let socket = amqp_tcp_socket_new(connection) else { throw fail("cannot create a TCP socket") }
        var timeout = timeval(tv_sec: url.connectTimeoutMilliseconds / 1000, tv_usec: (url.connectTimeoutMilliseconds % 1000) * 1000)
        let status = amqp_socket_open_noblock(socket, url.host, Int32(url.port), &timeout)
        switch status {
        case Int32(AMQP_STATUS_OK.rawValue):
            break
        case Int32(AMQP_STATUS_SOCKET_ERROR.rawValue):
            // rabbitmq-c folds refused and unreachable into one status and keeps the socket's own error to itself.
            throw fail("no TCP connection to \(url.host):\(url.port) (refused or unreachable; is the broker running? Deploy/local/rabbitmq.sh start)")
        case Int32(AMQP_STATUS_TIMEOUT.rawValue):
            throw fail("no TCP connection to \(url.host):\(url.port) within \(url.connectTimeoutMilliseconds) ms")
        case Int32(AMQP_STATUS_HOSTNAME_RESOLUTION_FAILED.rawValue):
            throw fail("cannot resolve host '\(url.host)'")
        default:
            throw fail(Self.statusText(status))
        }
        // Synchronous broker methods (declare, consume, close) must not hang the thread forever.
        var rpcTimeout = timeval(tv_sec: 30, tv_usec: 0)
        _ = amqp_set_rpc_timeout(connection, &rpcTimeout)
        _ = amqp_set_handshake_timeout(connection, &timeout)

        let arena = CArena()
        var properties = arena.table(["connection_name": .string(name), "product": "lce"])
        let reply = lce_amqp_login_plain_with_properties(connection, url.virtualHost, 2047, 131072, Int32(url.heartbeatSeconds),
                                                         &properties, url.user, url.password)
        switch reply.reply_type {
        case AMQP_RESPONSE_NORMAL:
            lastInbound = Date()
            loggedIn = true
            logger.debug("AMQP connected", metadata: ["url": "\(url)", "connection": "\(name)"])
        case AMQP_RESPONSE_SERVER_EXCEPTION where reply.reply.id == AMQP_CONNECTION_CLOSE_METHOD:
            let close = reply.reply.decoded.assumingMemoryBound(to: amqp_connection_close_t.self).pointee
            throw fail("\(close.reply_code) \(String(amqp: close.reply_text))")
        case AMQP_RESPONSE_LIBRARY_EXCEPTION:
            let text = Self.statusText(reply.library_error)
            // RabbitMQ drops the socket on bad credentials before saying why.
            throw fail(text.contains("socket") || text.contains("closed") ? "\(text) (wrong user or password for vhost '\(url.virtualHost)'?)" : text)
        default:
            throw fail("login failed")
        }
    }

    private func runLoop() {
        let heartbeat = TimeInterval(url.heartbeatSeconds)
        while true {
            runQueuedWork()
            if let reason = lostReason { finish(reason: reason); return }
            lock.lock()
            let closing = closeRequested
            lock.unlock()
            if closing { shutdownGracefully(); finish(reason: "closed by the application"); return }
            guard let connection = state else { finish(reason: "no connection"); return }

            // Frames rabbitmq-c already buffered (e.g. while waiting for a declare-ok) never wake poll().
            if amqp_frames_enqueued(connection) != 0 || amqp_data_in_buffer(connection) != 0 {
                _ = readFrame()
                continue
            }
            var fds = [pollfd(fd: amqp_get_sockfd(connection), events: Int16(POLLIN), revents: 0),
                       pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, 1000)
            if ready < 0 && errno != EINTR { lostReason = "poll failed: errno \(errno)"; continue }
            if fds[1].revents != 0 {
                var sink = [UInt8](repeating: 0, count: 256)
                while read(wakeRead, &sink, sink.count) > 0 {}
                // Work queued from here on writes a new byte; work queued before runs at the top of the loop.
                lock.lock()
                wakePending = false
                lock.unlock()
            }
            if fds[0].revents != 0 {
                lastInbound = Date()
                while lostReason == nil, readFrame() {}
            } else if ready == 0 || Date().timeIntervalSince(lastHeartbeatCheck) >= 1 {
                // Lets rabbitmq-c send its heartbeat when one is due: on a quiet poll, and at most once a second while
                // work keeps waking the thread (a read attempt per wake-up would cost two system calls per publish).
                lastHeartbeatCheck = Date()
                _ = readFrame()
                if heartbeat > 0, Date().timeIntervalSince(lastInbound) > heartbeat * 2.5 {
                    lostReason = "no data or heartbeat from the broker for \(Int(heartbeat * 2.5)) s"
                }
            }
        }
    }

    private func runQueuedWork() {
        lock.lock()
        let work = queuedWork
        queuedWork.removeAll()
        lock.unlock()
        for item in work { item() }
    }

    private func shutdownGracefully() {
        guard let connection = state, lostReason == nil else { return }
        for number in channels.keys.sorted() {
            _ = amqp_channel_close(connection, number, AMQP_REPLY_SUCCESS)
        }
        _ = amqp_connection_close(connection, AMQP_REPLY_SUCCESS)
    }

    /// Ends the thread: fails everything still waiting, frees rabbitmq-c, wakes `close()` callers.
    private func finish(reason: String) {
        let error = MessagingError.connectionClosed(reason: reason)
        for channel in channels.values { channel.fail(error) }
        channels.removeAll()
        if let connection = state { amqp_destroy_connection(connection) }
        state = nil
        lock.lock()
        finalReason = reason
        threadExited = true
        let waiters = exitWaiters
        exitWaiters.removeAll()
        if wakeRead >= 0 { Glibc.close(wakeRead) }
        if wakeWrite >= 0 { Glibc.close(wakeWrite) }
        wakeRead = -1
        wakeWrite = -1
        lock.unlock()
        // Work queued before the thread ended still runs, and fails because `state` is gone.
        runQueuedWork()
        if loggedIn && reason != "closed by the application" {
            logger.warning("AMQP connection lost", metadata: ["connection": "\(name)", "reason": "\(reason)"])
        }
        for waiter in waiters { waiter.resume() }
    }

    // MARK: helpers for work running on the connection thread

    /// The live rabbitmq-c state, or the error that explains why there is none.
    func liveState() throws -> amqp_connection_state_t {
        guard let connection = state, lostReason == nil else {
            throw MessagingError.connectionClosed(reason: lostReason ?? "the connection is closed")
        }
        return connection
    }

    /// The open channel numbered `number`, or the error that explains why it is gone.
    func channelState(_ number: UInt16) throws -> ChannelState {
        _ = try liveState()
        guard let channel = channels[number] else { throw MessagingError.channelClosed(code: 504, text: "channel \(number) is closed") }
        return channel
    }

    private func loopOpenChannel() throws -> AMQPChannel {
        let connection = try liveState()
        var number = lastChannel
        repeat {
            number = number >= 2047 ? 1 : number + 1
        } while channels[number] != nil && number != lastChannel
        guard channels[number] == nil else { throw MessagingError.channelClosed(code: 504, text: "all 2047 channels are in use") }
        lastChannel = number
        _ = amqp_channel_open(connection, number)
        let handle = AMQPChannel(connection: self, number: number)
        channels[number] = ChannelState(handle: handle)
        try check(amqp_get_rpc_reply(connection), channel: number)
        return handle
    }

    /// Turns a synchronous call's reply into an error; a channel or connection the broker closed is acknowledged and forgotten.
    func check(_ reply: amqp_rpc_reply_t, channel number: UInt16) throws {
        switch reply.reply_type {
        case AMQP_RESPONSE_NORMAL:
            return
        case AMQP_RESPONSE_SERVER_EXCEPTION where reply.reply.id == AMQP_CHANNEL_CLOSE_METHOD:
            let close = reply.reply.decoded.assumingMemoryBound(to: amqp_channel_close_t.self).pointee
            let error = MessagingError.channelClosed(code: Int(close.reply_code), text: String(amqp: close.reply_text))
            // The caller gets the error and decides what it means (a passive declare's 404 is an answer).
            brokerClosedChannel(number, error: error, callerIsTold: true)
            throw error
        case AMQP_RESPONSE_SERVER_EXCEPTION where reply.reply.id == AMQP_CONNECTION_CLOSE_METHOD:
            let close = reply.reply.decoded.assumingMemoryBound(to: amqp_connection_close_t.self).pointee
            brokerClosedConnection(code: Int(close.reply_code), text: String(amqp: close.reply_text))
            throw MessagingError.connectionClosed(reason: lostReason ?? "closed by the broker")
        case AMQP_RESPONSE_LIBRARY_EXCEPTION:
            lostReason = Self.statusText(reply.library_error)
            throw MessagingError.connectionClosed(reason: lostReason ?? "")
        default:
            lostReason = "the broker sent no reply"
            throw MessagingError.connectionClosed(reason: "the broker sent no reply")
        }
    }

    /// Checks the status of an asynchronous send (publish, ack); a failure means the socket is gone.
    func checkSend(_ status: Int32) throws {
        if status != Int32(AMQP_STATUS_OK.rawValue) {
            lostReason = Self.statusText(status)
            throw MessagingError.connectionClosed(reason: lostReason ?? "")
        }
    }

    /// Acknowledges a channel the broker closed and fails what waits on it. The close is logged as a warning
    /// unless it answered a synchronous call, whose caller gets the error itself.
    func brokerClosedChannel(_ number: UInt16, error: MessagingError, callerIsTold: Bool = false) {
        if let connection = state {
            var ok = amqp_channel_close_ok_t(dummy: 0)
            _ = amqp_send_method(connection, number, AMQP_CHANNEL_CLOSE_OK_METHOD, &ok)
        }
        channels.removeValue(forKey: number)?.fail(error)
        logger.log(level: callerIsTold ? .debug : .warning, "AMQP channel closed by the broker",
                   metadata: ["connection": "\(name)", "error": "\(error)"])
    }

    func brokerClosedConnection(code: Int, text: String) {
        if let connection = state {
            var ok = amqp_connection_close_ok_t(dummy: 0)
            _ = amqp_send_method(connection, 0, AMQP_CONNECTION_CLOSE_OK_METHOD, &ok)
        }
        lostReason = "the broker closed the connection: \(code) \(text)"
    }

    static func statusText(_ status: Int32) -> String {
        guard let text = amqp_error_string2(status) else { return "rabbitmq-c status \(status)" }
        return String(cString: text)
    }
}
