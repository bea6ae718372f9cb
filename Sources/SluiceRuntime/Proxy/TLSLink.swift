import SluiceTLS

/// A TLS session between a socket and a plaintext byte stream: ciphertext read from the socket goes in,
/// plaintext comes out, and plaintext to send becomes ciphertext in `wire`, which the owner writes.
final class TLSLink {
    enum State { case handshaking, open, closed }

    let session: TLSSession
    /// Ciphertext waiting to be written to the socket.
    var wire = ByteQueue()
    private(set) var state = State.handshaking

    init(session: TLSSession) { self.session = session }

    /// Starts a client handshake (queues the ClientHello).
    func start() throws(TLSError) {
        _ = try advanceHandshake()
    }

    /// Feeds ciphertext; decrypted bytes are appended to `plaintext`. Returns true when the handshake
    /// completed during this call (the owner then checks SNI or sends its request).
    @discardableResult
    func receive(_ ciphertext: ArraySlice<UInt8>, into plaintext: inout ByteQueue) throws(TLSError) -> Bool {
        session.feed(ciphertext)
        // Whatever happens, an alert OpenSSL queued must still reach the peer.
        defer { collect() }
        var justOpened = false
        if state == .handshaking {
            justOpened = try advanceHandshake()
            if state == .handshaking { return false }
        }
        var out: [UInt8] = []
        let step = try session.read(into: &out)
        plaintext.append(out)
        if step == .closed { state = .closed }
        collect()
        return justOpened
    }

    /// Encrypts plaintext into `wire`.
    func send(_ plaintext: ArraySlice<UInt8>) throws(TLSError) {
        guard !plaintext.isEmpty else { return }
        try session.write(Array(plaintext))
        collect()
    }

    /// Queues close_notify.
    func close() {
        session.shutdown()
        collect()
    }

    var isOpen: Bool { state == .open }

    private func advanceHandshake() throws(TLSError) -> Bool {
        defer { collect() }
        let step = try session.handshake()
        if step == .done {
            state = .open
            return true
        }
        if step == .closed { state = .closed }
        return false
    }

    private func collect() {
        let bytes = session.takeOutput()
        if !bytes.isEmpty { wire.append(bytes) }
    }
}
