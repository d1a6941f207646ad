import Testing
@testable import MetricsStore

@Test func parsesEveryPartOfAFullURL() throws {
    let url = try PostgresURL("postgresql://lce_service:s3cret@127.0.0.1:5433/lce?sslmode=disable")
    #expect(url.host == "127.0.0.1")
    #expect(url.port == 5433)
    #expect(url.user == "lce_service")
    #expect(url.password == "s3cret")
    #expect(url.database == "lce")
    #expect(url.options == ["sslmode": "disable"])
}

@Test func percentDecodesUserPasswordAndDatabase() throws {
    let url = try PostgresURL("postgres://us%40er:p%40ss%3Aw%2Fd@db.example:6543/my%20db")
    #expect(url.user == "us@er")
    #expect(url.password == "p@ss:w/d")
    #expect(url.database == "my db")
}

@Test func defaultsPortAndHostWhenOmitted() throws {
    let url = try PostgresURL("postgresql:///lce")
    #expect(url.host == "localhost")
    #expect(url.port == 5432)
    #expect(url.user == nil)
    #expect(url.database == "lce")
}

@Test func readsBracketedIPv6Hosts() throws {
    let url = try PostgresURL("postgresql://u@[::1]:5433/lce")
    #expect(url.host == "::1")
    #expect(url.port == 5433)
    #expect(url.description == "postgresql://u@[::1]:5433/lce")
}

@Test func hostQueryOptionSelectsASocketDirectory() throws {
    let url = try PostgresURL("postgresql://u@/lce?host=/tmp/pg&port=5499")
    #expect(url.host == "/tmp/pg")
    #expect(url.port == 5499)
    #expect(url.options.isEmpty)
}

@Test func rejectsAnotherScheme() {
    #expect(throws: PostgresError.invalidURL("mysql://u@h/db", reason: "scheme is 'mysql', expected postgresql or postgres")) {
        try PostgresURL("mysql://u@h/db")
    }
}

@Test func rejectsAPortOutOfRange() {
    #expect(throws: PostgresError.invalidURL("postgresql://u:***@h:70000/db", reason: "port '70000' is not a number from 1 to 65535")) {
        try PostgresURL("postgresql://u:pw@h:70000/db")
    }
}

@Test func descriptionHidesThePassword() throws {
    let url = try PostgresURL("postgresql://lce_owner:topsecret@127.0.0.1:5433/lce")
    #expect(url.description == "postgresql://lce_owner:***@127.0.0.1:5433/lce")
    #expect(!"\(url)".contains("topsecret"))
}

@Test func connectionParametersForceUTCAndISOTimestamps() throws {
    let url = try PostgresURL("postgresql://u:p@h:1/d?options=-c%20statement_timeout%3D5000")
    let parameters = Dictionary(url.connectionParameters, uniquingKeysWith: { first, _ in first })
    #expect(parameters["options"] == "-c TimeZone=UTC -c DateStyle=ISO,YMD -c extra_float_digits=3 -c statement_timeout=5000")
    #expect(parameters["password"] == "p")
    #expect(parameters["dbname"] == "d")
    #expect(parameters["connect_timeout"] == "5")
}
