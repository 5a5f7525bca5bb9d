import Foundation
#if canImport(Glibc)
import Glibc
#endif
import JSMOpsKit
import OperationsModel
import OpsgenieKit
@testable import ServiceHTTP
import Testing

/// A loopback listener that misbehaves: accepts and never answers, or accepts and resets.
final class MisbehavingListener: @unchecked Sendable {
    enum Behaviour { case hang, reset, refuse }
    let port: Int
    private let fd: Int32
    private var accepted: [Int32] = []
    private let lock = NSLock()

    init(_ behaviour: Behaviour) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        port = Int(UInt16(bigEndian: address.sin_port))
        // Bound but not listening: connections are refused, and no other test can take the port meanwhile.
        if behaviour == .refuse { return }
        guard listen(fd, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        let listening = fd
        Thread.detachNewThread { [self] in
            while true {
                let client = accept(listening, nil, nil)
                if client < 0 { return }
                switch behaviour {
                case .hang, .refuse:
                    lock.lock(); accepted.append(client); lock.unlock()  // kept open, never answered
                case .reset:
                    var buffer = [UInt8](repeating: 0, count: 4096)
                    _ = read(client, &buffer, buffer.count)  // the request arrives, then the connection is reset
                    var hard = linger(l_onoff: 1, l_linger: 0)
                    setsockopt(client, SOL_SOCKET, SO_LINGER, &hard, socklen_t(MemoryLayout<linger>.size))
                    close(client)
                }
            }
        }
    }

    func stop() {
        shutdown(fd, Int32(SHUT_RDWR)); close(fd)
        lock.lock(); accepted.forEach { close($0) }; lock.unlock()
    }
}

/// Both services' clients share one transport, so the same outage reads the same on either
/// source: refused, reset, hung, unresolvable, a bad certificate.
@Suite("One transport: the same outage in the same words")
struct SameOutageSameWordsTests {
    /// What each client says for a failure at `url`, with short timeouts and no retries.
    static func faults(at url: URL) async throws -> (opsgenie: OperationsError, jsm: OperationsError) {
        let opsgenie = ClientConfiguration(apiKey: APIKey("k")!, region: .custom(url), connectTimeout: .seconds(2), requestTimeout: .seconds(2), retry: .none)
        let og = try await OpsgenieClient.withClient(configuration: opsgenie) { client -> OperationsError in
            do throws(OperationsError) { _ = try await client.listAlerts(AlertQuery(limit: 1)) } catch { return error }
            return .badResponse("no failure")
        }
        let jsm = JSMConfiguration(site: url, apiBase: url, cloudId: "c", credentials: JSMCredentials(email: "a@example.com", token: "a-token-for-the-test")!,
                                   connectTimeout: .seconds(2), requestTimeout: .seconds(2), retry: .none)
        let js = try await JSMOpsClient.withClient(configuration: jsm) { client -> OperationsError in
            do throws(OperationsError) { _ = try await JSMOpsBackend(client: client).alerts(AlertQuery(limit: 1), maxPages: 1) } catch { return error }
            return .badResponse("no failure")
        }
        return (og, js)
    }

    @Test func aKeyWithAControlCharacterIsNeverRepeatedInTheError() async throws {
        let listener = try MisbehavingListener(.hang)
        defer { listener.stop() }
        let url = URL(string: "http://127.0.0.1:\(listener.port)")!
        let key = APIKey("s3cr3t-real-key-1234\u{01}")!
        let configuration = ClientConfiguration(apiKey: key, region: .custom(url), connectTimeout: .seconds(2), requestTimeout: .seconds(2), retry: .none)
        let error = try await OpsgenieClient.withClient(configuration: configuration) { client -> OperationsError in
            do throws(OperationsError) { _ = try await client.listAlerts(AlertQuery(limit: 1)) } catch { return error }
            return .badResponse("no failure")
        }
        #expect(!error.description.contains("s3cr3t") && !error.message.contains("s3cr3t"), "\(error.description)")
        #expect(error.faultClass == .configuration && error.message.hasPrefix("a credential has a character no HTTP header may carry"), "\(error.message)")
    }

    @Test func aHungAPITimesOutInSecondsAndSaysWhatItWaitedFor() async throws {
        let listener = try MisbehavingListener(.hang)
        defer { listener.stop() }
        let started = ContinuousClock.now
        let (og, jsm) = try await Self.faults(at: URL(string: "http://127.0.0.1:\(listener.port)")!)
        #expect(ContinuousClock.now - started < .seconds(10), "two reads of 2 s each, not a minute")
        #expect(og.message == "no answer from 127.0.0.1:\(listener.port) within 2.0 seconds", "\(og.message)")
        #expect(jsm.message == og.message && jsm.faultClass == .network && og.faultClass == .network)
    }

    @Test func aResetConnectionReadsTheSameForBothServices() async throws {
        let listener = try MisbehavingListener(.reset)
        defer { listener.stop() }
        let (og, jsm) = try await Self.faults(at: URL(string: "http://127.0.0.1:\(listener.port)")!)
        #expect(og.message.hasPrefix("connection ") && og.message.contains("127.0.0.1:\(listener.port)"), "\(og.message)")
        #expect(jsm.message == og.message, "opsgenie: \(og.message); jsm: \(jsm.message)")
        #expect(og.faultClass == .network && jsm.faultClass == .network)
    }

    @Test func aRefusedConnectionReadsTheSameForBothServices() async throws {
        let listener = try MisbehavingListener(.refuse)
        defer { listener.stop() }
        let port = listener.port
        let (og, jsm) = try await Self.faults(at: URL(string: "http://127.0.0.1:\(port)")!)
        #expect(og.message == "connection refused by 127.0.0.1:\(port)")
        #expect(jsm.message == og.message)
    }

    @Test func aReadThatTimedOutIsNotSentAgainInsideTheSameCall() async throws {
        let listener = try MisbehavingListener(.hang)
        defer { listener.stop() }
        let url = URL(string: "http://127.0.0.1:\(listener.port)")!
        let configuration = ClientConfiguration(apiKey: APIKey("k")!, region: .custom(url), connectTimeout: .seconds(2), requestTimeout: .seconds(1),
                                                retry: RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(10)))
        let started = ContinuousClock.now
        _ = try? await OpsgenieClient.withClient(configuration: configuration) { try await $0.listAlerts(AlertQuery(limit: 1)) }
        #expect(ContinuousClock.now - started < .seconds(3), "one timeout, not four: the next poll is the retry")
    }

    @Test func tlsFailuresAreSaidInWords() {
        #expect(ServiceTransport.tlsProblem("handshakeFailed(NIOSSL.BoringSSLError.sslError([Error: 268436502 error:1000007d:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED]))",
                                            host: "api.example.com")
                == "the certificate of api.example.com is not trusted: if a proxy inspects TLS, give its CA bundle as ca_file (or SSL_CERT_FILE)")
        #expect(ServiceTransport.tlsProblem("NIOSSLExtraError.failedToValidateHostname: Couldn't find <10.255.255.1> in certificate from peer",
                                            host: "10.255.255.1") == "the certificate of 10.255.255.1 is not valid for that name")
        #expect(ServiceTransport.tlsProblem("connection refused", host: "h") == nil)
    }

    @Test func credentialsAreSentOnlyToTheConfiguredHosts() async throws {
        let transport = try ServiceTransport(settings: TransportSettings(userAgent: "t"), hosts: [URL(string: "https://api.opsgenie.com")!],
                                             clock: SystemClientClock(), logger: .init(label: "t"), redact: { $0 })
        defer { Task { try? await transport.shutdown() } }
        do {
            _ = try await transport.sendOnce(TransportRequest(url: URL(string: "https://evil.example/steal")!, headers: [("Authorization", "GenieKey k")]))
            Issue.record("a request to another host must be refused")
        } catch {
            #expect(error.message.contains("refusing to send credentials to evil.example"))
        }
    }

    @Test func aCABundleThatCannotBeReadIsAConfigurationError() throws {
        #expect(throws: OperationsError.self) {
            _ = try ServiceTransport(settings: TransportSettings(userAgent: "t", caFile: "/nonexistent/ca.pem"), hosts: [URL(string: "https://h")!],
                                     clock: SystemClientClock(), logger: .init(label: "t"), redact: { $0 })
        }
    }
}
