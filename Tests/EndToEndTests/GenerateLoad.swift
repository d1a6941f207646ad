import Foundation

/// Sends many generate requests to the router with a bound on how many are open at once.
enum GenerateLoad {
    /// Sends `count` requests (`body(i)` for the i-th) at most `concurrency` at a time; answers are in request order,
    /// a transport failure is kept as its error text.
    static func run(port: Int, count: Int, concurrency: Int, timeout: Duration = .seconds(90),
                    body: @escaping @Sendable (Int) -> [String: Any]) async -> [Result<HTTPResponse, EndToEndError>] {
        await withTaskGroup(of: (Int, Result<HTTPResponse, EndToEndError>).self) { group in
            var results = [Result<HTTPResponse, EndToEndError>](repeating: .failure(EndToEndError("not sent")), count: count)
            var next = 0
            func add() {
                let index = next
                next += 1
                let payload = body(index)
                nonisolated(unsafe) let unsafePayload = payload
                group.addTask {
                    do {
                        return (index, .success(try await HTTPClient.generate(port: port, unsafePayload, timeout: timeout)))
                    } catch {
                        return (index, .failure(EndToEndError("\(error)")))
                    }
                }
            }
            while next < min(concurrency, count) { add() }
            for await (index, result) in group {
                results[index] = result
                if next < count { add() }
            }
            return results
        }
    }
}
