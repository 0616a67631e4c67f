"""Jinja's usual error messages in Swedish, for the diagnostics of a site's own templates (render and check)."""

from __future__ import annotations

import re

JINJA = [
    (r"'(.+?)' is undefined", "`{0}` finns inte"),
    (r"'(.+?)' has no attribute '(.+?)'", "värdet har inget fält `{1}`"),
    (r"Unexpected end of template\. Jinja was looking for the following tags: (.+?)\. "
     r"The innermost block that needs to be closed is '(.+?)'\.", "mallen tar slut innan blocket `{1}` avslutas ({0})"),
    (r"Encountered unknown tag '(.+?)'\. Jinja was looking for the following tags: (.+?)\. "
     r"The innermost block that needs to be closed is '(.+?)'\.", "`{0}` står där blocket `{2}` ska avslutas ({1})"),
    (r"Encountered unknown tag '(.+?)'\. You probably made a nesting mistake\. Jinja is expecting this tag, but "
     r"currently looking for (.+?)\. The innermost block that needs to be closed is '(.+?)'\.",
     "`{0}` står där blocket `{2}` ska avslutas ({1}); blocken är inte rätt inuti varandra"),
    (r"Encountered unknown tag '(.+?)'\.", "okänd tagg `{0}`"),
    (r"unexpected '(.+?)'", "oväntat `{0}`"),
    (r"unexpected end of template, expected '(.+?)'\.", "mallen tar slut för tidigt"),
    (r"expected token '(.+?)', got '(.+?)'", "`{1}` står där `{0}` väntas"),
    (r"No filter named '(.+?)'\.", "filtret `{0}` finns inte"),
    (r"No test named '(.+?)'\.", "testet `{0}` finns inte"),
]


def jinja_swedish(message: str) -> str:
    """Jinja's usual messages in Swedish (a message not listed is kept as Jinja words it)."""
    for pattern, swedish in JINJA:
        match = re.fullmatch(pattern, message.strip())
        if match:
            groups = [g.replace("'", "`").replace(" or ", " eller ") for g in match.groups()]
            return swedish.format(*groups)
    return message
