import Testing
@testable import MetricsStore

@Test func connectionClassSQLStatesCountAsConnectionLoss() {
    let broken = PostgresError.statementFailed(sqlState: "08006", message: "connection failure", detail: nil, statement: "SELECT 1")
    let shutdown = PostgresError.statementFailed(sqlState: "57P01", message: "terminating", detail: nil, statement: "SELECT 1")
    let duplicate = PostgresError.statementFailed(sqlState: "23505", message: "duplicate key", detail: nil, statement: "INSERT")
    #expect(broken.isConnectionLoss)
    #expect(shutdown.isConnectionLoss)
    #expect(!duplicate.isConnectionLoss)
}

@Test func badCredentialsAreNotRetried() {
    #expect(PostgresConnection.isPermanent("FATAL:  password authentication failed for user \"lce_service\""))
    #expect(PostgresConnection.isPermanent("FATAL:  database \"nope\" does not exist"))
    #expect(!PostgresConnection.isPermanent("connection to server at \"127.0.0.1\", port 5433 failed: Connection refused"))
}

@Test func statementErrorsNameTheStatementAndState() {
    let error = PostgresError.statementFailed(sqlState: "42501", message: "permission denied for schema public",
                                              detail: nil, statement: "CREATE TABLE t (a int)\nWITH (fillfactor = 70)")
    #expect(error.description == "PostgreSQL rejected 'CREATE TABLE t (a int)': permission denied for schema public (SQLSTATE 42501)")
}
