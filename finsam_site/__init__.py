"""finsam-site: a static site generator for samordningsförbund plans."""

__version__ = "0.1.0"
