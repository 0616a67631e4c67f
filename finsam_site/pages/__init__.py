"""Pages: values → which URL shows what, in groups keyed by what they are made from."""
