import Foundation
import OpsgenieKit
import ServiceSimulator
import JSMOpsKit
import ServiceHTTP
import Testing
@testable import vigil
#if canImport(Glibc)
import Glibc
#endif

/// A loopback port nothing listens on: bound, read, closed.
func closedLoopbackPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    try #require(bound)
    return Int(UInt16(bigEndian: address.sin_port))
}

@Suite("vigil check")
struct CheckCommandTests {
    func report(url: URL, key: String) async throws -> CheckReport {
        let configuration = ClientConfiguration(apiKey: APIKey(key)!, region: .custom(url), connectTimeout: .seconds(3),
                                                requestTimeout: .seconds(5), retry: .none)
        return try await OpsgenieClient.withClient(configuration: configuration) { client in
            await CheckReport.run(CheckProbe.standard(for: .opsgenie), backend: OpsgenieBackend(client: client))
        }
    }

    @Test func aHostThatRefusesConnectionsFailsSaysSoAndSkipsTheRest() async throws {
        let port = try closedLoopbackPort()
        let report = try await report(url: URL(string: "http://127.0.0.1:\(port)")!, key: "k")
        #expect(report.failed)
        #expect(report.lines.first?.contains("connection refused by 127.0.0.1:\(port)") == true, "\(report.lines)")
        #expect(report.lines.dropFirst().allSatisfy { $0.hasPrefix("skip") }, "\(report.lines)")
        #expect(!report.verdict.contains("All set"))
        #expect(!report.lines.joined().contains("keeps retrying"), "a one-off check does not promise retries")
    }

    @Test func aFullKeyIsAllSetAndAReadOnlyKeyNamesTheMissingRight() async throws {
        let configuration = SimulatorConfiguration(scenario: "quiet", speed: 0, processingDelay: .zero)
        try await Simulator.with(configuration) { _, url in
            let full = try await report(url: url, key: DemoKeys.full)
            #expect(!full.failed)
            #expect(full.lines.count == 8 && full.lines.allSatisfy { $0.hasPrefix("ok") }, "\(full.lines)")
            #expect(full.verdict.hasPrefix("All set"))
            let readOnly = try await report(url: url, key: DemoKeys.readOnly)
            #expect(readOnly.failed)
            #expect(readOnly.missingRights == ["Create and Update Access"])
            #expect(readOnly.verdict.contains("Missing: Create and Update Access"))
            let wrong = try await report(url: url, key: "wrong-key")
            #expect(wrong.lines.first?.contains("HTTP 401") == true)
            #expect(wrong.lines.dropFirst().allSatisfy { $0.hasPrefix("skip") })
        }
    }

    @Test func aPlanWithoutHeartbeatsIsReportedFeatureByFeatureAndNotFailed() async throws {
        var configuration = SimulatorConfiguration(scenario: "quiet", speed: 0, processingDelay: .zero)
        configuration.jsmPlan = .standard
        try await Simulator.with(configuration) { _, url in
            let jsm = JSMConfiguration(site: url, apiBase: url, credentials: JSMCredentials(email: JSMDemo.email, token: JSMDemo.token)!,
                                       connectTimeout: .seconds(3), requestTimeout: .seconds(5), retry: .none)
            let report = try await JSMOpsClient.withClient(configuration: jsm) { client in
                await CheckReport.run(CheckProbe.standard(for: .jsm), backend: JSMOpsBackend(client: client))
            }
            #expect(!report.failed && report.limited, "\(report.lines)")
            #expect(report.lines.contains("limit heartbeats: heartbeats need JSM Premium or Enterprise"), "\(report.lines)")
            #expect(report.lines.contains { $0.hasPrefix("limit incidents: JSM incidents are Jira work items") })
            #expect(report.lines.contains("ok    on-call") && report.lines.contains("ok    read alerts"))
            #expect(report.lines.last?.hasPrefix("info  rate-limit headers") == true, "JSM sends none")
            #expect(report.verdict.hasPrefix("Ready"))
        }
    }

    @Test func theProxyInUseIsNamedWithItsSourceAndNoPassword() throws {
        let configuration = ClientConfiguration(apiKey: APIKey("k")!, region: .eu, proxy: ProxySetting.parse("http://ops:secret@proxy.corp:3128")!)
        #expect(Account.opsgenie(configuration).proxyDescription == "http://ops@proxy.corp:3128 (from config or --proxy)")
        let direct = ClientConfiguration(apiKey: APIKey("k")!, region: .eu, proxy: .direct)
        #expect(Account.opsgenie(direct).proxyDescription == "none (set to none by --proxy or config)")
    }
}
