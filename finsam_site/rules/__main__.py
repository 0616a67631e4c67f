"""``python -m finsam_site.rules > docs/rules.md`` regenerates the rule reference."""

from . import rules_markdown

print(rules_markdown(), end="")
