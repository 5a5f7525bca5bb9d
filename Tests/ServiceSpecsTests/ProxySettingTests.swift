import Foundation
import ServiceHTTP
import Testing

/// Which proxy a request goes through, read as curl and kubectl read the environment.
@Suite("Proxy settings")
struct ProxySettingTests {
    let api = URL(string: "https://api.atlassian.com/jsm/ops/api/x/v1/alerts")!

    @Test func theEnvironmentNamesTheProxyForHTTPSInEitherCase() {
        #expect(ProxySetting.environment.route(for: api, environment: ["HTTPS_PROXY": "http://proxy.corp:3128"])?.description == "http://proxy.corp:3128")
        #expect(ProxySetting.environment.route(for: api, environment: ["https_proxy": "proxy.corp:8080"])?.description == "http://proxy.corp:8080")
        #expect(ProxySetting.environment.route(for: api, environment: ["HTTP_PROXY": "http://plain:3128"]) == nil, "HTTP_PROXY is for http URLs")
        #expect(ProxySetting.environment.route(for: api, environment: ["ALL_PROXY": "http://all:3128"])?.host == "all")
        #expect(ProxySetting.environment.route(for: api, environment: [:]) == nil)
    }

    @Test func noProxyExemptsHostsDomainsAndEverything() {
        let proxy = ["HTTPS_PROXY": "http://proxy.corp:3128"]
        for exempt in ["api.atlassian.com", ".atlassian.com", "atlassian.com", "*.atlassian.com", "*", "example.org, atlassian.com", "api.atlassian.com:443"] {
            #expect(ProxySetting.environment.route(for: api, environment: proxy.merging(["NO_PROXY": exempt]) { a, _ in a }) == nil, "\(exempt)")
        }
        for kept in ["example.org", "lassian.com", "api.atlassian.com:8443"] {
            #expect(ProxySetting.environment.route(for: api, environment: proxy.merging(["no_proxy": kept]) { a, _ in a }) != nil, "\(kept)")
        }
    }

    @Test func loopbackNeverGoesThroughAnEnvironmentProxyButAConfiguredOneTakesEverything() {
        let local = URL(string: "http://127.0.0.1:8080/v2/alerts")!
        #expect(ProxySetting.environment.route(for: local, environment: ["HTTP_PROXY": "http://proxy.corp:3128"]) == nil)
        let configured = ProxySetting.parse("http://user:secret@proxy.corp:3128")
        #expect(configured?.route(for: local)?.host == "proxy.corp")
        #expect(configured?.route(for: local)?.description == "http://user@proxy.corp:3128", "the password is never shown")
        #expect(ProxySetting.parse("none") == .direct && ProxySetting.direct.route(for: api, environment: ["HTTPS_PROXY": "http://p:1"]) == nil)
        #expect(ProxySetting.parse("socks5://p:1080") == nil, "only http proxies (CONNECT) are supported")
    }
}
