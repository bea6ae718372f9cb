// SluiceDetect
