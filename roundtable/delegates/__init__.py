"""Delegates' personal links outside the server: listed for the secretariat to mail, printed on
badges with their QR code, shown as a QR code in the terminal (f2)."""
