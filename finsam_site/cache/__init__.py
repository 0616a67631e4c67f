"""A build cache across runs: the memory of ``finsam-site build`` (memory.Memory), kept in ``.finsam-cache/``.

:class:`CacheMemory` is a one-off build (memory.NoMemory) that remembers, in the site's cache folder
(cache/store.py), what it loaded and what it rendered, by the digest of the inputs (cache/keys.py):

- **a förbund**, loaded and checked (check/examine.Part), by the bytes of every file in its folder, site.yaml, the
  files beside the förbund folders and the tool itself (finsam-site's modules and version, Python and every
  dependency's version). A förbund whose digest is known is not read or checked again; the site-wide checks run
  on the whole site as always;
- **a group of pages** (pages/groups.py), by its key's fingerprint, the settings, the bytes of the site's and the
  theme's templates and static files, and the tool: a group whose fingerprint is known is not made again; its
  files are linked (or copied) from the cache into the staging folder, and the build goes on as any other, into a
  new folder swapped into place;
- **the search index**, by the fingerprints of every group: reused when no page changed.

The cache is written only after the site has been written (the manifest last, atomically); a record that is
missing, corrupt, foreign or of another version is ignored (with a Swedish warning), and so is a kept file whose
stamp has changed: the worst a bad cache can do is cost the time of a build without it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from ..check.examine import Part, Whole, load_and_examine
from ..compute.cards import Cards, PlanCard, make_cards, plan_card
from ..diagnostics import Diagnostic
from ..formatting import number
from ..load.content import SiteContent
from ..memory import NoMemory, Progress, Stats
from ..output.search import BUNDLE as SEARCH_BUNDLE
from ..output.search import index as search_index
from ..output.search import unavailable as search_unavailable
from ..output.templates import default_theme_dir
from ..output.writer import MARKER, Writer
from ..pages.groups import Group
from ..parallel import spread
from .keys import Fingerprints, digest, files_digest, folder_digest, tool_digest
from .store import FOLDER, Store, Unreadable, output_stamps

Kept = list[tuple[str, str, tuple[int, int, int]]]  # URL, name in the cache, stamp


class CacheMemory(NoMemory):
    """A one-off build that reuses what the last build with the cache left in ``<site>/.finsam-cache/``."""

    def __init__(self, progress: Progress | None = None, in_place: bool = True) -> None:
        """``in_place``: whether a build into the folder the last one wrote may write only what changed."""
        super().__init__(progress)
        self.store: Store | None = None
        self.manifest: dict[str, object] = {}
        self.stats = Stats()
        self.tool = tool_digest()
        self.load_key = self.render_key = ""
        self.render_known = False  # whether every input of the render key could be named
        self.parts: dict[str, str] = {}  # förbund id → digest of its part
        self.new_parts: set[str] = set()  # digests of the parts made and recorded by this build
        self.fresh_parts: set[str] = set()  # digests of the parts made by this build (recorded or not)
        self.known_parts: set[str] = set()  # digests of the parts read from the cache
        self.read: dict[str, list[str]] = {}  # digest → the files its part read
        self.reports: dict[str, object] = {}
        self.fingerprints: Fingerprints | None = None
        self.digests: dict[str, str | None] = {}  # group name → its digest (None: not cacheable)
        self.reused: dict[str, tuple[Kept, int]] = {}
        self.fresh_made: list[tuple[str, list[str], int]] = []
        self.search_kept: tuple[str, Kept] | None = None
        self.search_made: tuple[str, list[str]] | None = None
        self.counts = [0, 0]  # förbund from the cache, förbund in all
        self.may_write_in_place = in_place
        self.in_place = self.searchable = self.made_any = self.stale_index = False
        self.previous: set[str] = set()
        self.new_cards: dict[str, bytes] = {}  # digest of a förbund's part → its documents' cards, pickled
        self.card_keys: set[str] = set()

    # --- load and check ---------------------------------------------------------------------

    def examine(self, root: Path, stats: Stats) -> Whole:
        self.stats = stats
        whole = load_and_examine(root, self._parts)
        cached = {path for d in self.known_parts for path in self.read.get(d, [])}
        stats.parsed = [p for p in whole.read if p not in cached]
        stats.reused_files = len(whole.read) - len(stats.parsed)
        self.reports = dict(whole.reports)
        return whole

    def _parts(self, site: SiteContent, folders: list[Path], work: Callable[[Path], Part]) -> list[Part]:
        content = site.root / site.config.model.content
        try:
            self.store = Store(site.root / FOLDER)
            beside = sorted(p for p in content.iterdir() if p not in folders) if content.is_dir() else []
        except OSError as exc:  # no key (a home folder that cannot be written), or content that cannot be listed
            self.store = None
            if not isinstance(exc, PermissionError) or not str(exc.filename or "").startswith(str(content)):
                self.stats.notes.append(f"Varning: bygget använder ingen cache ({exc.strerror or exc}).")
            return spread(folders, work)
        self.manifest = self._manifest()
        self.load_key = digest(self.tool, files_digest([site.root / "site.yaml", *beside], site.root))
        known = self.manifest.get("parts", {})
        assert isinstance(known, dict)
        keys = [digest(self.load_key, folder.name, folder_digest(folder, site.root)) for folder in folders]
        parts: dict[int, Part] = {}
        for number_, key in enumerate(keys):
            if key in known:
                try:
                    part = self.store.read(f"parts/{key}")
                except Unreadable as exc:
                    self._warn(exc)
                    continue
                if isinstance(part, Part):
                    parts[number_] = part
                    self.known_parts.add(key)
        missing = [n for n in range(len(folders)) if n not in parts]
        made = spread([(keys[n], folders[n]) for n in missing], partial(self._kept_part, site, work))
        for n, (part, kept) in zip(missing, made, strict=True):
            parts[n] = part
            self.fresh_parts.add(keys[n])
            if kept:
                self.new_parts.add(keys[n])
        self.counts = [len(folders) - len(missing), len(folders)]
        for n, key in enumerate(keys):
            self.read[key] = parts[n].read
            forbund = parts[n].forbund
            if forbund is not None:
                self.parts[forbund.id] = key
        return [parts[n] for n in range(len(folders))]

    def _kept_part(self, site: SiteContent, work: Callable[[Path], Part], item: tuple[str, Path]) -> tuple[Part, bool]:
        """One förbund loaded and checked, and its record written (in the worker that made it, so that neither
        the pickling nor the record's bytes burden this process); whether the record was written."""
        assert self.store is not None
        key, folder = item
        part = work(folder)
        if part.forbund is None:
            return part, False
        SiteContent(site.root, site.config, [part.forbund]).release_documents(keep_forbund=True)  # as a worker's
        try:
            self.store.write(f"parts/{key}", part)
        except OSError:
            return part, False
        return part, True

    def _manifest(self) -> dict[str, object]:
        assert self.store is not None
        if not (self.store.folder / "manifest").exists():
            return {}
        try:
            manifest = self.store.read("manifest")
        except Unreadable as exc:
            self._warn(exc)
            return {}
        if not isinstance(manifest, dict) or manifest.get("tool") != self.tool:
            self.stats.notes.append(f"Varning: cachen i {FOLDER}/ är från en annan version av finsam-site och "
                                    "används inte; den skrivs om efter bygget.")
            return {}
        return manifest

    def _warn(self, problem: Exception) -> None:
        self.stats.notes.append(f"Varning: cachen i {FOLDER}/ används inte där den är trasig: {problem}. "
                                "Bygget gör det arbetet på nytt.")

    def published(self, site: SiteContent) -> SiteContent:
        shown = super().published(site)
        self.fingerprints = Fingerprints(shown, self.parts, self.reports)
        return shown

    def cards(self, site: SiteContent) -> Cards:
        """The cards of a förbund whose part came from the cache come from it too (a function of the same inputs)."""
        if self.store is None:
            return super().cards(site)
        known = self.manifest.get("cards", {})
        assert isinstance(known, dict)
        kept: dict[str, PlanCard] = {}
        loaded = set()
        for forbund in site.forbund:
            key = self.parts.get(forbund.id)
            if key is None or key not in known or key in self.fresh_parts:
                continue
            try:
                cards = self.store.read(f"cards/{key}")
            except Unreadable as exc:
                self._warn(exc)
                continue
            if isinstance(cards, dict):
                kept.update(cards)
                loaded.add(key)
        made = make_cards(site, lambda f, p: kept.get(p.folder) or plan_card(f, p))
        for forbund in site.forbund:
            key = self.parts.get(forbund.id)
            if key is not None and key not in loaded:
                self.new_cards[key] = self.store.pickled({p.folder: made.plans[p.folder] for p in forbund.documents})
        self.card_keys = loaded | set(self.new_cards)
        return made

    # --- groups of pages ----------------------------------------------------------------------

    def written(self, out_dir: Path, base: object) -> set[str] | None:
        if self.store is None or self.fingerprints is None:
            return None
        config = base[0] if isinstance(base, tuple) else None
        templates = self.store.folder.parent / getattr(config, "templates", "templates")
        plain = tuple(b for b in base if not isinstance(b, frozenset)) if isinstance(base, tuple) else base
        settings = self.fingerprints.of(plain)  # the stamps aside: the templates count by their bytes
        self.render_known = settings is not None
        self.render_key = digest(self.load_key, folder_digest(templates, self.store.folder.parent),
                                 folder_digest(default_theme_dir()),
                                 settings or "")
        self.searchable = bool(getattr(config, "search", False)) and search_unavailable() is None
        return self._last_output(out_dir) if self.may_write_in_place else None

    def _last_output(self, out_dir: Path) -> set[str] | None:
        """The URLs of the last build, if ``out_dir`` holds exactly the files it wrote (each by its stamp)."""
        last = self.manifest.get("output")
        if not isinstance(last, tuple) or last[0] != str(out_dir.resolve()) or not (out_dir / MARKER).is_file():
            return None
        if last[2] != self.render_key or not self.render_known:  # settings or templates changed: all afresh
            return None
        recorded: dict[str, tuple[int, int, int]] = last[1]
        if output_stamps(out_dir) != recorded:
            return None
        self.previous = set(recorded)
        return set(recorded)

    def fresh(self, groups: list[Group], writer: Writer, stats: Stats) -> list[Group]:
        if self.store is None or self.fingerprints is None:
            return groups
        known = self.manifest.get("groups", {})
        assert isinstance(known, dict)
        todo = []
        self.in_place = writer.in_place
        for group in groups:
            fingerprint = self.fingerprints.of(group.key) if self.render_known else None
            key = digest(self.render_key, group.name, fingerprint) if fingerprint is not None else None
            self.digests[group.name] = key
            entry = known.get(key) if key is not None else None
            if key is not None and entry is not None and writer.in_place:  # its files are in the output as they were
                writer.keep(url for url, _, _ in entry[0])
                stats.reused_pages += entry[1]
                self.reused[key] = entry
            elif key is not None and entry is not None and all(self.store.file_ok(n, s) for _, n, s in entry[0]):
                for url, name, _ in entry[0]:
                    self.store.place_file(name, writer.folder / url)
                writer.claim(url for url, _, _ in entry[0])
                stats.reused_pages += entry[1]
                self.reused[key] = entry
            else:
                todo.append(group)
        return todo

    def made(self, groups: list[Group], fresh: list[Group], made: list[tuple[list[str], int]], base: object) -> None:
        self.made_any = bool(fresh)
        self.fresh_made = [
            (key, urls, pages)
            for group, (urls, pages) in zip(fresh, made, strict=True)
            if (key := self.digests.get(group.name)) is not None
        ]

    def _search_key(self) -> str | None:
        keys = list(self.digests.values())
        return digest(self.render_key, "sök", *sorted(k for k in keys if k)) if all(keys) else None

    def search(self, folder: Path) -> tuple[list[str], list[Diagnostic]]:
        if self.store is None:
            return search_index(folder)
        key = self._search_key()
        kept = self.manifest.get("search")
        if key is not None and isinstance(kept, tuple) and kept[0] == key:
            files: Kept = kept[1]
            if all(self.store.file_ok(n, s) for _, n, s in files):
                for url, name, _ in files:
                    self.store.place_file(name, folder / url)
                self.search_kept = (key, files)
                return [url for url, _, _ in files], []
        urls, problems = search_index(folder)
        if key is not None and not problems:
            self.search_made = (key, urls)
        return urls, problems

    # --- after the site is written -------------------------------------------------------------

    def committed(self, out_dir: Path, urls: set[str]) -> None:
        if self.store is None:
            return
        if self.in_place and self.searchable and (self.made_any or self.previous - urls):
            bundle, problems = self.search(out_dir)  # in place: the pages are in the output, then their index
            for problem in problems:  # the pages are written: the index stays the last one until the next build
                self.stats.notes.append(f"Varning: {problem.message} Nästa bygge gör om hela webbplatsen.")
            urls = {u for u in urls if not u.startswith(f"{SEARCH_BUNDLE}/")} | set(bundle)
            self.stale_index = bool(problems)
        elif self.in_place and self.searchable:  # no page changed: the index in the output is the one for them
            kept = self.manifest.get("search")
            if isinstance(kept, tuple) and kept[0] == self._search_key():
                self.search_kept = kept
        try:
            self._save(out_dir, urls)
        except OSError as exc:
            self.stats.notes.append(f"Varning: cachen i {FOLDER}/ kunde inte sparas ({exc.strerror or exc}); "
                                    "webbplatsen är byggd, nästa bygge gör allt arbete på nytt.")
        reused = sum(len(files) for files, _ in self.reused.values())
        self.stats.notes.append(
            f"Från cachen ({FOLDER}/): {number(self.counts[0])} av {number(self.counts[1])} förbund, "
            f"{number(self.stats.reused_pages)} av {number(self.stats.pages)} sidor ({number(reused)} filer)"
            + ("; sökindexet oförändrat." if self.search_kept else ".")
        )

    def _save(self, out_dir: Path, urls: set[str]) -> None:
        assert self.store is not None
        store = self.store
        store.prepare()
        groups: dict[str, tuple[Kept, int]] = dict(self.reused)
        for key, made, pages in self.fresh_made:
            groups[key] = ([(url, n := f"{key[:2]}/{digest(key, url)}", store.keep_file(out_dir / url, n))
                            for url in made], pages)
        search = self.search_kept
        if self.search_made is not None:
            key, bundle = self.search_made
            search = (key, [(url, n := f"{key[:2]}/{digest(key, url)}", store.keep_file(out_dir / url, n))
                            for url in bundle])
        for key, payload in self.new_cards.items():
            store.write_pickled(f"cards/{key}", payload)
        stamps = output_stamps(out_dir)
        whole = set(stamps) == urls and not self.stale_index  # else the next build makes a new folder
        output = (str(out_dir.resolve()), stamps, self.render_key) if whole else None
        parts = {k: True for k in self.parts.values() if k in self.new_parts or k in self.known_parts}
        manifest = {"tool": self.tool, "parts": parts, "groups": groups,
                    "search": search, "cards": {k: True for k in self.card_keys}, "output": output}
        store.write_pickled("manifest", store.pickled(manifest))
        files = {n for kept, _ in groups.values() for _, n, _ in kept} | {n for _, n, _ in (search or ("", []))[1]}
        store.sweep(files, set(parts), self.card_keys)

    def forget(self) -> None:
        self.reused, self.fresh_made, self.new_cards = {}, [], {}
