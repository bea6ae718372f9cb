/// Where RFC 5424 copies of audit lines go: a collector's host and port over UDP (RFC 5426) or TCP (RFC 6587).
public struct SyslogTarget: Sendable, Equatable {
    public enum Transport: String, Sendable, CaseIterable { case udp, tcp }

    public var host: String
    public var port: Int
    public var transport: Transport
    /// APP-NAME field (RFC 5424 §6.2.5).
    public var appName: String
    /// Facility code (RFC 5424 §6.2.1); 13 is "log audit".
    public var facility: Int

    public init(host: String, port: Int = 514, transport: Transport = .udp, appName: String = "sluice", facility: Int = 13) {
        self.host = host
        self.port = port
        self.transport = transport
        self.appName = appName
        self.facility = facility
    }
}
