extension Migrator {
    /// Connects with the owner role's URL (`LCE_DATABASE_ADMIN_URL`), migrates, and disconnects.
    @discardableResult
    public func migrate(url: String) async throws -> MigrationReport {
        let connection = try await PostgresConnection.connect(url)
        do {
            let report = try await migrate(on: connection)
            await connection.close()
            return report
        } catch {
            await connection.close()
            throw error
        }
    }
}
