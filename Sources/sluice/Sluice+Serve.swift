import ArgumentParser

extension Sluice {
    /// `sluice serve`: not built yet.
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "serve", abstract: "Not built yet.")
        func run() throws { throw ValidationError("'serve' is not built yet") }
    }
}
