"""``finsam-site import``: a förbund's Word/Writer plan and Excel/Calc budget → a new document folder.

The stages of an import, one module each:

* safety.py: what a file is (by its bytes, not its name), and the refusals before anything is opened: an old
  .doc/.xls, a password-protected, corrupt or oversized file, a zip bomb;
* sheet.py: the neutral model of a worksheet (cells with the value the workbook shows, the rows a formula sums,
  bold, indentation, percentages, merged cells, hidden rows) and the formula reader;
* workbook.py: .xlsx (openpyxl, loaded twice: formulas and the values the workbook last showed) and .ods (odfpy)
  → sheets;
* budget.py, budgetrows.py: sheets → budget.yaml's data (columns, unit, groups from the sums, members by name);
  a document's budget table goes the same way, as a sheet of typed figures;
* document.py: the neutral model of a text document (headings, Markdown blocks, tables, images);
* word.py, writer.py: .docx (python-docx) and .odt (odfpy) → a document;
* plan.py: a document → plan.yaml's facts, avsnitt/, mal/, insatser/, tabeller/ and images; items.py: a goal's
  or insats's labelled facts (Mått:, Parter:, Beviljat 2025: …) → its fields;
* run.py: the command: read, map, write the folder whole (never over a file), check it, report.

Nothing in a file is executed or followed: macros are not loaded, links to other workbooks are not read (a formula
that uses one keeps its shown value), linked images are not fetched.
"""
