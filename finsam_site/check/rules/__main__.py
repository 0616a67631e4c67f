"""``python -m finsam_site.check.rules > docs/rules.md`` regenerates the rule reference."""

from . import rules_markdown

print(rules_markdown(), end="")
