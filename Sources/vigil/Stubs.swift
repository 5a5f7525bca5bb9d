import ArgumentParser

struct Dashboard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dashboard", abstract: "Run the dashboard against an account.")
    func run() async throws { throw ValidationError("not yet") }
}
struct Demo: AsyncParsableCommand {
    func run() async throws { throw ValidationError("not yet") }
}
struct Snapshot: AsyncParsableCommand {
    func run() async throws { throw ValidationError("not yet") }
}
struct Check: AsyncParsableCommand {
    func run() async throws { throw ValidationError("not yet") }
}
