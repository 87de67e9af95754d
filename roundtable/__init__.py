"""roundtable: run the working sessions of an international forum from the terminal."""

__version__ = "0.1.0"
