"""Load: a site folder → the typed content (`SiteContent`) and its diagnostics. The only reader of content files."""
