// SluiceTLS
