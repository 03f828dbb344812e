"""Measure ``publish clean`` against trafilatura and readability-lxml on the shared corpus.

Run: ``.venv/bin/python bench/clean_bench.py`` (peers from ``pip install -e '.[bench]'``;
a peer that is not installed is left out of the table). Writes the results table to
``docs/cleaner-benchmark.md`` and prints it.

The measure (shared/corpus/README.md): body F1 over the bag of character bigrams after
NFKC, whitespace removal and quote/dash/ellipsis folding, with metadata lines
(来源/编辑/发布时间 …) left out of both sides; title/date/author accuracy against the truth
where it has one; chrome strings found on the page and left in the body; pages per
CPU-second, the tools taking turns page by page (the machine is shared: a busy moment
falls on all of them), with the ratio of ours to the fastest peer printed under the table.
Every tool gets the same decoded text (our decoder), so charset handling is
not charged to the peers' speed; each peer is then called as its docs show, and its output
read by its structure (see ``trafilatura_tool`` for what a string input and its text
rendering cost it on these pages).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from publish.clean import clean_bytes  # noqa: E402
from publish.clean.decode import decode_bytes  # noqa: E402
from publish.errors import PublishError  # noqa: E402
from publish.model import Figure, Heading, ListBlock, Paragraph, Quote, Table, inline_text  # noqa: E402
from publish.model import walk_blocks  # noqa: E402

CORPUS = Path("/work/shared/corpus")
CHROME = (
    "分享到", "打印", "纠错", "版权所有", "上一篇", "下一篇", "相关新闻", "相关阅读", "相关文章",
    "微信扫一扫", "扫一扫", "返回顶部", "关闭窗口", "发表评论", "网友评论", "我要评论", "字号",
    "Copyright", "ICP", "免责声明", "收藏本文", "推荐给朋友", "热点推荐", "广告",
)
"""Page furniture that is never article text (checked only where the truth lacks it)."""

_META_LINE = re.compile(
    r"(?:来源|稿源|编辑|责任编辑|责编|发布时间|发表时间|更新时间|作者|记者)\s*[:：]"
)
_FOLD = str.maketrans({
    "“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"', "『": '"', "』": '"',
    "—": "-", "–": "-", "―": "-", "─": "-", "…": ".", "·": ".", "・": ".",
})


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_FOLD)
    return re.sub(r"\s+", "", text)


def body_lines(text: str) -> list[str]:
    """Lines of a body with metadata lines left out."""
    return [ln for ln in text.splitlines() if ln.strip() and not _META_LINE.search(ln)]


def bigrams(text: str) -> Counter[str]:
    s = _fold("\n".join(body_lines(text)))
    return Counter(s[i : i + 2] for i in range(len(s) - 1))


def f1(got: str, truth: str) -> float:
    g, t = bigrams(got), bigrams(truth)
    if not g and not t:
        return 1.0
    common = sum((g & t).values())
    if not common:
        return 0.0
    p, r = common / sum(g.values()), common / sum(t.values())
    return 2 * p * r / (p + r)


# ------------------------------------------------------------------ metadata checks

_DATE_PARTS = re.compile(r"(\d{4})(?:\D+(\d{1,2}))?(?:\D+(\d{1,2}))?")


def date_matches(got: str, truth: str, alternatives: list[str]) -> bool:
    """Same date at the truth's granularity (year, month or day)."""
    m_got = _DATE_PARTS.search(got or "")
    if not m_got:
        return False
    for want in [truth, *alternatives]:
        m = _DATE_PARTS.search(want)
        if not m:
            continue
        parts = [int(x) for x in m.groups() if x is not None]
        have = [int(x) if x is not None else -1 for x in m_got.groups()]
        if have[: len(parts)] == parts:
            return True
    return False


def text_matches(got: str, truth: str) -> bool:
    g, t = _fold(got), _fold(truth)
    return bool(g) and (g == t or (len(g) >= 2 and (g in t or t in g)))


_DASHES = re.compile(r"-+")


def title_exact(got: str, truth: str) -> bool:
    """The same headline, after the folding every comparison gets (NFKC, spaces, dashes):
    no site name, column label or half of it more or less, as ``text_matches`` allows.
    A dash is one mark however long (the cleaner sets a single ``—`` as the 破折号 ``——``)."""
    return _DASHES.sub("-", _fold(got)) == _DASHES.sub("-", _fold(truth))


def _deck(text: str) -> str:
    """A 引题 or 副题 without the dashes a 副题 is printed with (the truth keeps them)."""
    return _fold(text).lstrip("-~")


_TRUTH_TIME = re.compile(r"[ T](\d{1,2}):(\d{2})")
_ZERO_TIME = re.compile(r"[ T]0?0:00(?::00)?$")


def date_exact(got: str, truth: str, alternatives: list[str]) -> bool:
    """``date_matches``, and the same hour and minute where both have a time: the post's
    own 12:40, not the first reply's 12:46. A truth's midnight 00:00:00 is a tool's
    placeholder (newspaper4k), not a time."""
    if not date_matches(got, truth, alternatives):
        return False
    for want in [truth, *alternatives]:
        t, g = _TRUTH_TIME.search(want), _TRUTH_TIME.search(got or "")
        if t is None or g is None or _ZERO_TIME.search(want):
            return True
        if (int(t[1]), int(t[2])) == (int(g[1]), int(g[2])):
            return True
    return False


def authors_exact(got: str, truth: str) -> bool:
    """Every name given is in the truth, and the names cover it: ``text_matches`` also
    counts a page whose authors add a wrong name to the right one (放飞&心情 振威将军)."""
    names = [_fold(n) for n in got.split()]
    t = _fold(truth)
    if not names or not all(n and n in t for n in names):
        return False
    rest = t
    for n in names:
        rest = rest.replace(n, "", 1)
    return not re.search(r"[\u4e00-\u9fffA-Za-z]", rest) or "(" in truth  # 周思博 (Joel Spolsky): an alias


def metadata_report(pages: list[Page], tool: Callable[[bytes, str, Path], Extract]) -> str:
    """Per page with a date or author truth: what the tool gave, and whether it matches as
    the table counts (``date_matches``, ``text_matches``) and strictly (``date_exact``,
    ``authors_exact``). Printed by ``--metadata``."""
    rows = ["| page | date | truth | ok/strict | author | truth | ok/strict |", "|---|---|---|---|---|---|---|"]
    totals = [0, 0, 0, 0, 0, 0]  # dates, ok, strict; authors, ok, strict
    for page in pages:
        t = page.truth
        if not isinstance(t.get("date"), str) and not isinstance(t.get("author"), str):
            continue
        got = tool(page.data, page.text, page.path)
        cells = [page.path.stem]
        if isinstance(t.get("date"), str):
            alts = [str(a) for a in t.get("date_alternatives") or []]  # type: ignore[attr-defined]
            ok, strict = date_matches(got.date, str(t["date"]), alts), date_exact(got.date, str(t["date"]), alts)
            totals[0:3] = [totals[0] + 1, totals[1] + ok, totals[2] + strict]
            cells += [got.date, str(t["date"]), f"{'✓' if ok else '✗'}/{'✓' if strict else '✗'}"]
        else:
            cells += ["", "–", ""]
        if isinstance(t.get("author"), str):
            ok, strict = text_matches(got.author, str(t["author"])), authors_exact(got.author, str(t["author"]))
            totals[3:6] = [totals[3] + 1, totals[4] + ok, totals[5] + strict]
            cells += [got.author, str(t["author"]), f"{'✓' if ok else '✗'}/{'✓' if strict else '✗'}"]
        else:
            cells += ["", "–", ""]
        rows.append("| " + " | ".join(cells) + " |")
    rows.append(
        f"\ndates {totals[1]}/{totals[0]} (to the minute: {totals[2]}/{totals[0]}), "
        f"authors {totals[4]}/{totals[3]} (no wrong name: {totals[5]}/{totals[3]})"
    )
    return "\n".join(rows)


# ------------------------------------------------------------------ tools


@dataclass(slots=True)
class Extract:
    body: str = ""
    title: str = ""
    date: str = ""
    author: str = ""
    lead: str | None = None
    """引题 and 副题: None from a tool that has no such fields (it is not scored on them)."""
    subtitle: str | None = None


def ours(data: bytes, text: str, path: Path) -> Extract:
    try:
        doc = clean_bytes(data, path).document
    except PublishError:
        return Extract()
    lines = []
    for b in walk_blocks(doc.blocks):
        if isinstance(b, Heading | Paragraph):
            lines.append(inline_text(b.children))
        elif isinstance(b, Figure):
            lines.append(b.caption)
        elif isinstance(b, Table):
            lines += ["".join(r) for r in b.header + b.rows]
        elif isinstance(b, ListBlock | Quote):
            continue
    m = doc.meta
    return Extract("\n".join(lines), m.title, m.date, " ".join(m.authors), m.lead, m.subtitle)


_WRAPPER = re.compile(r"^\s*<text\b[^>]*>")
_WRAPPER_URL = re.compile(r'^\s*<text\b[^>]*\bid="([^"]*)"')
_TRAFILATURA_BLOCKS = frozenset({"p", "head", "item", "list", "row", "cell", "table", "quote", "code", "lb"})


def trafilatura_tool(data: bytes, text: str, path: Path) -> Extract:
    """trafilatura as its docs use it, minus two ways our harness crippled it.

    1. The page goes in as a parsed document (a documented input type), made with
       trafilatura's own parser settings. Given the string, ``load_html`` lets lxml guess
       "fragment" when the page opens with a ``<script>`` before ``<html>`` (the sohu pages,
       once the crawler wrapper is cut) and then rejects the tree as "not valid HTML":
       the page scored 0.
    2. The text is read from its body tree, one line per block and per table cell. Its
       ``txt`` rendering puts a whole table row on one line, so on a 2005 table layout the
       article *and* its 作者：/来源： byline share a line and our metadata-line filter
       (applied to every tool alike) dropped the whole article (joelonsoftware, sina: 0.02).
    Comments are left out (``include_comments=False``), as the truths leave them out;
    the crawler wrapper's URL is passed as ``url``, as a caller who knows it would.
    """
    import trafilatura
    from lxml import html as lxml_html

    found = _WRAPPER_URL.match(text)
    parser = lxml_html.HTMLParser(
        remove_comments=True, remove_pis=True, collect_ids=False, default_doctype=False
    )
    try:
        tree = lxml_html.document_fromstring(_WRAPPER.sub("", text, count=1), parser=parser)
    except Exception:  # noqa: BLE001 — a page lxml cannot parse scores zero for this peer
        return Extract()
    doc = trafilatura.bare_extraction(
        tree, url=found.group(1) if found else None, with_metadata=True, include_comments=False
    )
    if doc is None or isinstance(doc, dict) or doc.body is None:
        return Extract()
    for el in doc.body.iter():
        if el.tag in _TRAFILATURA_BLOCKS:
            el.tail = "\n" + (el.tail or "")
    return Extract("".join(doc.body.itertext()), doc.title or "", doc.date or "", doc.author or "")


def readability_tool(data: bytes, text: str, path: Path) -> Extract:
    from lxml import html as lxml_html
    from readability import Document

    try:
        doc = Document(_WRAPPER.sub("", text, count=1))
        summary = doc.summary(html_partial=True)
        title = doc.short_title()
    except Exception:  # noqa: BLE001 — a peer failing on a page scores zero on it
        return Extract()
    root = lxml_html.fromstring(summary or "<div></div>")
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for p in root.iter("p", "div", "li", "h1", "h2", "h3", "tr"):
        p.tail = "\n" + (p.tail or "")
    return Extract(root.text_content(), title)


def available_tools() -> dict[str, Callable[[bytes, str, Path], Extract]]:
    tools: dict[str, Callable[[bytes, str, Path], Extract]] = {"publish clean": ours}
    try:
        import trafilatura  # noqa: F401

        tools["trafilatura"] = trafilatura_tool
    except ImportError:
        print("trafilatura not installed: pip install -e '.[bench]'", file=sys.stderr)
    try:
        import readability  # noqa: F401

        tools["readability-lxml"] = readability_tool
    except ImportError:
        print("readability-lxml not installed: pip install -e '.[bench]'", file=sys.stderr)
    return tools


# ------------------------------------------------------------------ scoring


@dataclass(slots=True)
class Score:
    f1: list[float] = field(default_factory=list)
    f1_human: list[float] = field(default_factory=list)
    title: list[bool] = field(default_factory=list)
    title_exact: list[bool] = field(default_factory=list)
    decks: list[bool] = field(default_factory=list)
    """引题 and 副题 both right (absent where the truth has none), on pages with a title truth."""
    title_misses: list[str] = field(default_factory=list)
    date: list[bool] = field(default_factory=list)
    author: list[bool] = field(default_factory=list)
    chrome_on_page: int = 0
    chrome_left: int = 0
    cpu: float = 0.0
    pages: int = 0
    per_page: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Page:
    path: Path
    data: bytes
    text: str
    truth: dict[str, object]
    visible: str


def load_pages(corpus: Path) -> list[Page]:
    from lxml import html as lxml_html

    pages = []
    for truth_path in sorted(corpus.glob("*.truth.json")):
        page = truth_path.with_name(truth_path.name.replace(".truth.json", ".html"))
        if not page.exists():
            continue
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        data = page.read_bytes()
        text, _ = decode_bytes(data)
        try:
            root = lxml_html.document_fromstring(text)
            for el in list(root.iter("script", "style")):
                el.drop_tree()
            visible = root.text_content()
        except Exception:  # noqa: BLE001
            visible = text
        pages.append(Page(page, data, text, truth, visible))
    return pages


def measure(tools: dict[str, Callable[[bytes, str, Path], Extract]], pages: list[Page], repeat: int) -> dict[str, Score]:
    """Every tool on every page, page by page: the tools take turns on each page, so a busy
    moment of the shared machine falls on all of them alike (run one after the other, a
    neighbour's burst during one tool's turn moved the ratio by half)."""
    scores = {name: Score() for name in tools}
    for tool in tools.values():  # first-use work (lazy imports, compiled patterns) is not a page's
        tool(pages[0].data, pages[0].text, pages[0].path)
    for page in pages:
        for name, tool in tools.items():
            _measure_page(tool, page, repeat, scores[name])
    return scores


def _measure_page(tool: Callable[[bytes, str, Path], Extract], page: Page, repeat: int, score: Score) -> None:
    start = time.process_time()
    for _ in range(repeat):
        got = tool(page.data, page.text, page.path)
    score.cpu += (time.process_time() - start) / repeat
    score.pages += 1
    t = page.truth
    if isinstance(t.get("body"), str):
        value = f1(got.body, str(t["body"]))
        score.f1.append(value)
        score.per_page[page.path.stem] = value
        if t.get("truth_kind", "human") == "human":
            score.f1_human.append(value)
        for chrome in CHROME:
            if chrome in page.visible and chrome not in str(t["body"]):
                score.chrome_on_page += 1
                score.chrome_left += chrome in got.body
    if isinstance(t.get("title"), str):
        score.title.append(text_matches(got.title, str(t["title"])))
        exact = title_exact(got.title, str(t["title"]))
        score.title_exact.append(exact)
        wanted = {k: str(t.get(k) or "") for k in ("lead", "subtitle")}
        found = {"lead": got.lead, "subtitle": got.subtitle}
        if got.lead is not None:
            decks = all(_deck(found[k] or "") == _deck(wanted[k]) for k in wanted)
            score.decks.append(decks)
        else:
            decks = True
        if not (exact and decks):
            score.title_misses.append(
                f"{page.path.stem}: got {got.title!r} lead {found['lead']!r} subtitle {found['subtitle']!r}; "
                f"want {t['title']!r} lead {wanted['lead']!r} subtitle {wanted['subtitle']!r}"
            )
    if isinstance(t.get("date"), str):
        alts = [str(a) for a in t.get("date_alternatives") or []]  # type: ignore[attr-defined]
        score.date.append(date_matches(got.date, str(t["date"]), alts))
    if isinstance(t.get("author"), str):
        score.author.append(text_matches(got.author, str(t["author"])))


def _pct(values: list[bool]) -> str:
    return f"{100 * sum(values) / len(values):.0f} % ({sum(values)}/{len(values)})" if values else "–"


def table(scores: dict[str, Score]) -> str:
    rows = [
        "| tool | body F1 (mean) | F1, human truths | F1 median | F1 ≥ 0.9 | title | title exact | 引题/副题 "
        "| date | author | chrome left | pages/CPU-s |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, s in scores.items():
        mean = sum(s.f1) / len(s.f1) if s.f1 else 0.0
        good = sum(1 for v in s.f1 if v >= 0.9)
        chrome = f"{s.chrome_left}/{s.chrome_on_page}"
        speed = s.pages / s.cpu if s.cpu else 0.0
        human = sum(s.f1_human) / len(s.f1_human) if s.f1_human else 0.0
        median = statistics.median(s.f1) if s.f1 else 0.0
        rows.append(
            f"| {name} | {mean:.3f} | {human:.3f} | {median:.3f} | {good}/{len(s.f1)} | {_pct(s.title)} "
            f"| {_pct(s.title_exact)} | {_pct(s.decks)} | {_pct(s.date)} "
            f"| {_pct(s.author)} | {chrome} | {speed:.0f} |"
        )
    return "\n".join(rows)


def ratio_line(scores: dict[str, Score]) -> str:
    """Our speed over the fastest peer's, measured in the same run (issue #7 asks for 5×)."""
    speed = {name: s.pages / s.cpu for name, s in scores.items() if s.cpu}
    peers = {name: v for name, v in speed.items() if name != "publish clean"}
    if "publish clean" not in speed or not peers:
        return ""
    best = max(peers, key=lambda name: peers[name])
    return f"\n\nSpeed: publish clean is {speed['publish clean'] / peers[best]:.2f}× {best}, the fastest peer, in this run."


def per_page_table(scores: dict[str, Score]) -> str:
    names = list(scores)
    rows = ["| page | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    for stem in next(iter(scores.values())).per_page:
        rows.append(f"| {stem} | " + " | ".join(f"{scores[n].per_page.get(stem, 0):.3f}" for n in names) + " |")
    return "\n".join(rows)

# ------------------------------------------------------------------ batches


def _batch_folder(corpus: Path, copies: int, into: Path) -> Path:
    """The corpus pages, ``copies`` times over under different names, in one folder."""
    folder = into / f"corpus-x{copies}"
    folder.mkdir()
    for page in sorted(corpus.glob("*.html")):
        for k in range(copies):
            shutil.copy(page, folder / f"{page.stem}__{k}.html")
    return folder


def _clean_run(folder: Path, jobs: int, into: Path) -> tuple[float, float]:
    """Wall and CPU seconds (the command and its workers) of one ``publish clean FOLDER
    --jobs N`` run, as a user starts it."""
    out = Path(tempfile.mkdtemp(dir=into)) / "articles"
    command = [sys.executable, "-m", "publish", "--quiet", "clean", str(folder), "-o", str(out), "--jobs", str(jobs)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


BATCH_COPIES = (1, 4, 16)
"""The batches: the whole corpus, and 4 and 16 copies of it (42, 168 and 672 files)."""


def batch_table(corpus: Path, repeat: int, copies_list: tuple[int, ...] = BATCH_COPIES) -> str:
    """``publish clean`` on the whole corpus (and copies of it) with one and two workers:
    wall-time medians of ``repeat`` runs, the two settings alternating so that a busy
    moment of the shared machine falls on both, and the CPU time they took in all."""
    rows = [
        "| batch | files | --jobs 1 | --jobs 2 | speed-up | CPU, --jobs 1 | CPU, --jobs 2 | CPU per file, --jobs 1 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty"
        empty.mkdir()
        start = [_clean_run(empty, 1, Path(tmp)) for _ in range(repeat)]
        start_wall, start_cpu = statistics.median(w for w, _ in start), statistics.median(c for _, c in start)
        for copies in copies_list:
            folder = _batch_folder(corpus, copies, Path(tmp))
            runs: dict[int, list[tuple[float, float]]] = {1: [], 2: []}
            for _ in range(repeat):
                for jobs in runs:
                    runs[jobs].append(_clean_run(folder, jobs, Path(tmp)))
            one, two = (statistics.median(w for w, _ in runs[j]) for j in (1, 2))
            cpu_one, cpu_two = (statistics.median(c for _, c in runs[j]) for j in (1, 2))
            name = "whole corpus" if copies == 1 else f"whole corpus ×{copies}"
            files = len(list(folder.iterdir()))
            rows.append(
                f"| {name} | {files} | {one:.2f} s | {two:.2f} s | {one / two:.2f}× "
                f"| {cpu_one:.2f} s | {cpu_two:.2f} s | {1000 * (cpu_one - start_cpu) / files:.1f} ms |"
            )
    load = os.getloadavg()[0]
    return "\n".join(rows) + (
        f"\n\nMedians of {repeat} runs each, from process start (imports included) to the last "
        f"file written; CPU is the command's and its workers' user + system time. Start-up alone "
        f"(an empty folder) takes {start_wall:.2f} s, {start_cpu:.2f} s of CPU, in every run; CPU "
        "per file leaves it out. "
        f"{os.cpu_count()} cores, load average {load:.1f} when measured: the machine is shared, "
        "and with other work on both cores a second worker has no core of its own, so the "
        "wall-time speed-up says more about the neighbours than about the batch; equal CPU "
        "times say that a second worker adds no work."
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--repeat", type=int, default=3, help="runs per page, for the timing")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "cleaner-benchmark.md")
    parser.add_argument("--ours-only", action="store_true")
    parser.add_argument("--batch-repeat", type=int, default=5, help="runs per batch setting (0: no batch runs)")
    parser.add_argument("--batch-only", action="store_true", help="only the batch runs, printed")
    parser.add_argument("--titles", action="store_true", help="also print the pages whose title, 引题 or 副题 is wrong")
    parser.add_argument("--metadata", action="store_true", help="only ours' dates and authors per page, printed")
    args = parser.parse_args()
    if args.metadata:
        print(metadata_report(load_pages(args.corpus), ours))
        return 0
    if args.batch_only:
        print(batch_table(args.corpus, args.batch_repeat))
        return 0
    pages = load_pages(args.corpus)
    tools = available_tools()
    if args.ours_only:
        tools = {"publish clean": ours}
    scores = measure(tools, pages, args.repeat)
    summary = table(scores) + ratio_line(scores)
    print(summary)
    if args.titles:
        for name, s in scores.items():
            print(f"\n{name}: titles, 引题 or 副题 not exact\n" + "\n".join(s.title_misses))
    if not args.ours_only:
        batch = batch_table(args.corpus, args.batch_repeat) if args.batch_repeat else ""
        print(batch)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(
            "# Cleaner benchmark\n\n"
            "Written by `.venv/bin/python bench/clean_bench.py` (do not edit by hand).\n"
            f"{len(pages)} pages of `shared/corpus` with a truth; the measure is described in "
            "`docs/cleaner.md` and in the script's docstring. Title/date/author count only "
            "pages whose truth has that field; chrome is *strings left / strings on the page "
            "and absent from the truth*.\n\n"
            f"{summary}\n\n## Body F1 per page\n\n{per_page_table(scores)}\n"
            + (f"\n## Batches\n\n`publish clean` on a folder, as a user runs it.\n\n{batch}\n" if batch else ""),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
