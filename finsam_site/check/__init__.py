"""Check: the loaded content → diagnostics of form and substance, and a rule report per plan."""
