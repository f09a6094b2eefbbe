"""rootcause: contact-driver root-cause analysis."""
__version__ = "0.1.0"
