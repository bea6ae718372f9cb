// SluicePolicy
