import ArgumentParser
import Foundation
import Logging
import MetricsStore
import ServiceKit

/// `lce db`: the metrics database's schema and roles.
struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Manage the metrics database (migrations, the service role).",
        subcommands: [MigrateCommand.self])
}

/// `lce db migrate`: applies pending numbered migrations as the owner role.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending migrations and grant the service role what it needs (no DDL).",
        discussion: """
        With $LCE_SERVICE_ROLE_PASSWORD set, the service role is created (or its password reset) first; Docker Compose does this on its first start.

        Example:
          lce db migrate --admin-url "$LCE_DATABASE_ADMIN_URL" --service-role lce_service
        """)

    @Option(name: .customLong("admin-url"), help: "Owner role's URL (default: $LCE_DATABASE_ADMIN_URL).")
    var adminURL: String?

    @Option(name: .customLong("service-role"), help: "Role the services connect as.")
    var serviceRole = "lce_service"

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        guard let url = adminURL ?? environment["LCE_DATABASE_ADMIN_URL"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            throw ValidationError("no owner URL: pass --admin-url or set LCE_DATABASE_ADMIN_URL (Deploy/local/services.sh env prints it)")
        }
        let connection = try await PostgresConnection.connect(url)
        if let password = environment["LCE_SERVICE_ROLE_PASSWORD"], !password.isEmpty {
            try await ServiceRole.ensure(serviceRole, password: password, on: connection)
            print("service role \(serviceRole): ready")
        }
        let report = try await Migrator(serviceRole: serviceRole).migrate(on: connection)
        await connection.close()
        if report.applied.isEmpty {
            print("schema is at version \(report.currentVersion); nothing to apply")
        } else {
            print("applied migrations \(report.applied.map(String.init).joined(separator: ", ")); schema is at version \(report.currentVersion)")
        }
        if !report.unknown.isEmpty {
            print("note: the database has migrations this build does not know: \(report.unknown)")
        }
    }
}
