import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A blocking HTTP/1.1 client over loopback for the benchmark's many client threads: one request per call,
/// on a fresh connection or on one of a `KeepAliveConnections` pool. A response ends when its
/// Content-Length bytes are read (or at the server's close when it names none).
enum BenchmarkHTTP {
    /// Sends one request and returns the status and body; nil status on a transport failure. With `connections`
    /// the request goes on an idle kept-alive connection (a new one when none is idle) that is given back after
    /// a complete answer; without, on a fresh connection closed afterwards.
    static func send(port: Int, method: String = "POST", path: String, body: Data = Data(),
                     connections: KeepAliveConnections? = nil) -> (status: Int?, body: Data) {
        guard let connections else {
            guard let fd = connect(port: port) else { return (nil, Data()) }
            defer { close(fd) }
            let answer = exchange(fd, method: method, path: path, body: body, keepAlive: false)
            return (answer?.status, answer?.body ?? Data())
        }
        // A kept-alive connection the server closed while it was idle fails at once: ask again on a fresh one.
        for _ in 0..<2 {
            guard let (fd, reused) = connections.take() else { return (nil, Data()) }
            if let answer = exchange(fd, method: method, path: path, body: body, keepAlive: true) {
                if answer.serverKeepsOpen { connections.giveBack(fd) } else { close(fd) }
                return (answer.status, answer.body)
            }
            close(fd)
            if !reused { break }
        }
        return (nil, Data())
    }

    /// Writes one request on `fd` and reads its whole answer; nil on a transport failure.
    private static func exchange(_ fd: Int32, method: String, path: String, body: Data,
                                 keepAlive: Bool) -> (status: Int?, body: Data, serverKeepsOpen: Bool)? {
        var request = Data(("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: \(keepAlive ? "keep-alive" : "close")\r\n"
                            + "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n").utf8)
        request.append(body)
        let sent = request.withUnsafeBytes { Glibc.send(fd, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == request.count else { return nil }
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: 16_384)
        var headerEnd: Range<Data.Index>?
        var contentLength: Int?
        var serverKeepsOpen = keepAlive
        while true {
            if let end = headerEnd, let length = contentLength, received.count - end.upperBound >= length { break }
            let count = recv(fd, &buffer, buffer.count, 0)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                // The server closed: the answer is what arrived, when its head did.
                guard headerEnd != nil, contentLength == nil else { return nil }
                serverKeepsOpen = false
                break
            }
            received.append(contentsOf: buffer[0..<count])
            if headerEnd == nil, let end = received.range(of: Data("\r\n\r\n".utf8)) {
                headerEnd = end
                for line in String(decoding: received[received.startIndex..<end.lowerBound], as: UTF8.self).split(separator: "\r\n") {
                    let lowered = line.lowercased()
                    if lowered.hasPrefix("content-length:") {
                        contentLength = Int(lowered.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
                    } else if lowered.hasPrefix("connection:") && lowered.contains("close") {
                        serverKeepsOpen = false
                    }
                }
            }
        }
        guard let end = headerEnd else { return nil }
        let statusLine = String(decoding: received[received.startIndex..<end.lowerBound], as: UTF8.self)
            .split(separator: "\r\n").first ?? ""
        let parts = statusLine.split(separator: " ")
        let bodyEnd = contentLength.map { min(end.upperBound + $0, received.endIndex) } ?? received.endIndex
        return (parts.count >= 2 ? Int(parts[1]) : nil, Data(received[end.upperBound..<bodyEnd]), serverKeepsOpen)
    }

    /// A new TCP connection to 127.0.0.1:`port` with Nagle off and a 60 s receive timeout.
    static func connect(port: Int) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var wait = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(fd); return nil }
        return fd
    }

    /// A TCP port nothing listens on now.
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Persistent HTTP/1.1 connections to one port shared by client threads, as a keep-alive client (an HTTP
/// library's session, a load balancer in front of the router) holds them: a request takes an idle one or
/// opens a new one, and gives it back after a complete answer.
final class KeepAliveConnections: @unchecked Sendable {
    let port: Int
    private let lock = NSLock()
    private var idle: [Int32] = []

    init(port: Int) {
        self.port = port
    }

    /// An idle connection (reused: true) or a new one; nil when none can be opened.
    func take() -> (fd: Int32, reused: Bool)? {
        if let fd = lock.withLock({ idle.popLast() }) { return (fd, true) }
        return BenchmarkHTTP.connect(port: port).map { ($0, false) }
    }

    /// Returns a connection whose last answer was read whole.
    func giveBack(_ fd: Int32) {
        lock.withLock { idle.append(fd) }
    }

    /// Closes the idle connections.
    func closeAll() {
        for fd in lock.withLock({ let all = idle; idle = []; return all }) { close(fd) }
    }

    deinit { closeAll() }
}
