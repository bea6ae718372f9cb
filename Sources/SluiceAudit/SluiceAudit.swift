// SluiceAudit
