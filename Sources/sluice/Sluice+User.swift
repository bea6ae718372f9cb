import ArgumentParser

extension Sluice {
    /// `sluice user`: not built yet.
    struct UserCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "user", abstract: "Not built yet.")
        func run() throws { throw ValidationError("'user' is not built yet") }
    }
}
