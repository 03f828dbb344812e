"""The builds a user who does not use us would pick, against ``publish build``: one table per book.

Every row is whole processes as a user starts them, timed from outside (``os.wait4``: wall
clock, the CPU of the process and of every process it waited for, the largest resident set
among them):

- *Typst*: ``pandoc -t typst`` with ``peers/cjk.typ`` (A5, Noto Serif SC from fonts/ as
  font paths, ``lang: "zh"``, justified, 2 em first-line indent), then ``typst.compile``
  (the ``typst`` package on PyPI) in a Python process;
- *plain WeasyPrint*: ``pandoc -s -t html5``, then the ``weasyprint`` command with the
  @font-face rules for fonts/ and ``peers/cjk.css`` (A5, justified, 2 em indent);
- *WeasyPrint on our own HTML and CSS*: the ``weasyprint`` command on the HTML our build
  lays out and our style's print sheets (the comparison docs/build-benchmark.md made
  before issue 17; the HTML is made before the timer, as the peers' Markdown is);
- *ours*: ``publish build --format pdf --no-cache``; *ours, rebuild*: the same command
  after one edit in the 15th article with the render cache warm; *ours, --watch*: from
  saving that edit to the new PDF renamed into place, in a running ``publish build
  --watch`` (its CPU: the watching process and the workers it forked for that build).

The peers read one Markdown file of the book's articles (``peer_markdown``: each article a
level-1 heading and a byline; a picture the scrape did not keep is a grey placeholder,
as for the XeLaTeX peer). Ratios are against plain WeasyPrint in the same round.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from publish.markdown.dialect import PANDOC_FORMAT

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
HERE = Path(__file__).resolve().parent / "peers"
SEED = ROOT / "content" / "articles" / "000_67f8410aa76e5cfb.md"
FONTS = ROOT / "fonts"
EDITED = 14
"""The article edited for the rebuild and the watch: the 15th."""


@dataclass(frozen=True, slots=True)
class Sample:
    wall: float
    cpu: float
    peak_mb: float


def env() -> dict[str, str]:
    """Our tree first on the path (the venv is an editable install of another tree)."""
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def run_timed(commands: list[list[str]], extra_env: dict[str, str] | None = None) -> Sample:
    """The commands one after the other, as a user runs them: summed wall and CPU, peak RSS."""
    wall = cpu = peak = 0.0
    for argv in commands:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, env={**env(), **(extra_env or {})}, cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        wall += time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}):\n{stderr[-2000:]}")
        cpu += usage.ru_utime + usage.ru_stime
        peak = max(peak, usage.ru_maxrss / 1024)
    return Sample(wall, cpu, peak)


# -- books -------------------------------------------------------------------------------

def _book_toml(folder: Path, names: list[str], title: str) -> Path:
    listing = ",\n".join(f'  "articles/{n}"' for n in names)
    (folder / "book.toml").write_text(
        f'[book]\nname = "bench"\ntitle = "{title}"\ndate = "2021-01-27"\nlanguage = "zh-CN"\n'
        f'style = "book"\ntrim = "A5"\narticles = [\n{listing}\n]\n',
        encoding="utf-8",
    )
    return folder / "book.toml"


def seed_book(folder: Path, copies: int = 30) -> Path:
    """The seed article ``copies`` times (its five captions each, no picture files)."""
    (folder / "articles").mkdir(parents=True)
    names = [f"{i:03d}.md" for i in range(copies)]
    for name in names:
        shutil.copy(SEED, folder / "articles" / name)
    return _book_toml(folder, names, "党旗高扬　决战决胜")


def corpus_book(folder: Path, corpus: Path) -> Path:
    """Every page of the corpus that ``publish clean`` makes an article of, in name order."""
    articles = folder / "articles"
    subprocess.run([PY, "-m", "publish", "-q", "clean", str(corpus), "-o", str(articles)],
                   env=env(), cwd=ROOT, capture_output=True)  # exit 1 when a page is skipped
    names = sorted(p.name for p in articles.glob("*.md"))
    if not names:
        raise SystemExit(f"publish clean made no article of {corpus}")
    return _book_toml(folder, names, "语料文章选")


# -- the peers' inputs, made before any timer --------------------------------------------

def _faces_css() -> str:
    faces = [("Noto Serif SC", 400, "NotoSerifSC-Regular.ttf"), ("Noto Serif SC", 700, "NotoSerifSC-Bold.ttf"),
             ("Noto Sans SC", 400, "NotoSansSC-Regular.ttf"), ("Noto Sans SC", 700, "NotoSansSC-Bold.ttf")]
    return "\n".join(
        f'@font-face {{ font-family: "{family}"; font-weight: {weight}; src: url("{(FONTS / name).as_uri()}"); }}'
        for family, weight, name in faces
    )


OWN_HTML = """
import sys
from pathlib import Path

from publish.markdown.dialect import PANDOC_FORMAT
from publish.book import load_book
from publish.fonts import font_face_css
from publish.render import assemble
from publish.render.resources import book_sandbox
from publish.styles import load_style
book, out = load_book(Path(sys.argv[1])), Path(sys.argv[2])
style = load_style(book.style)
html = assemble.book_html(book, sandbox=book_sandbox(book.root, style).narrowed(book.root), for_print=True)
(out / "own.html").write_text(html, encoding="utf-8")
(out / "own-faces.css").write_text(font_face_css(style.roles), encoding="utf-8")
print("\\n".join(str(p) for p in style.print_css))
"""


@dataclass(frozen=True, slots=True)
class Inputs:
    book: Path
    work: Path
    markdown: Path
    own_html: Path
    own_sheets: tuple[Path, ...]


def prepare(book: Path, work: Path) -> Inputs:
    sys.path.insert(0, str(Path(__file__).parent))
    from peer_markdown import article_markdown

    from publish.book import load_book

    chapters = load_book(book).chapters
    markdown = work / "book.md"
    title = f"---\ntitle: {load_book(book).meta.title}\nlang: zh-CN\n---\n\n"
    markdown.write_text(title + "\n".join(article_markdown(ch.path) for ch in chapters), encoding="utf-8")
    (work / "plain.css").write_text(_faces_css() + "\n" + (HERE / "cjk.css").read_text(encoding="utf-8"),
                                    encoding="utf-8")
    made = subprocess.run([PY, "-c", OWN_HTML, str(book), str(work)], env=env(), cwd=ROOT,
                          capture_output=True, text=True, check=True)
    sheets = tuple(Path(line) for line in made.stdout.split())
    return Inputs(book, work, markdown, work / "own.html", (work / "own-faces.css", *sheets))


def pandoc() -> str:
    import pypandoc  # type: ignore[import-not-found]

    return str(pypandoc.get_pandoc_path())


TYPST = "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], root='/', font_paths=[sys.argv[3]], ignore_system_fonts=True)"


def typst_commands(i: Inputs) -> list[list[str]]:
    typ = i.work / "book.typ"
    return [
        [pandoc(), str(i.markdown), "-f", PANDOC_FORMAT, "-t", "typst", "--template", str(HERE / "cjk.typ"), "-o", str(typ)],
        [PY, "-c", TYPST, str(typ), str(i.work / "typst.pdf"), str(FONTS)],
    ]


def plain_commands(i: Inputs) -> list[list[str]]:
    html = i.work / "plain.html"
    return [
        [pandoc(), str(i.markdown), "-f", PANDOC_FORMAT, "-s", "-t", "html5", "--toc", "--toc-depth=1",
         "--css", str(i.work / "plain.css"), "-o", str(html)],  # --css: pandoc's own screen CSS left out
        [PY, "-m", "weasyprint", str(html), str(i.work / "plain.pdf")],
    ]


def own_html_commands(i: Inputs) -> list[list[str]]:
    sheets = [arg for s in i.own_sheets for arg in ("-s", str(s))]
    return [[PY, "-m", "weasyprint", *sheets, "-u", i.book.parent.resolve().as_uri() + "/",
             str(i.own_html), str(i.work / "own.pdf")]]


def ours_command(i: Inputs, *more: str, quiet: bool = True) -> list[str]:
    return [PY, "-m", "publish", *(["-q"] if quiet else []), "build", "--book", str(i.book), "--format", "pdf",
            "-o", str(i.work / "dist"), *more]


def _edit(i: Inputs, round_: int) -> tuple[Path, str]:
    """A different one-character edit each round (else the cache has it), same width."""
    from publish.book import load_book

    path = load_book(i.book).chapters[EDITED].path
    text = path.read_text(encoding="utf-8")
    parts = text.split("。")
    k = 3 + round_ * 2
    path.write_text("。".join(parts[:k]) + "！" + "。".join(parts[k:]), encoding="utf-8")
    return path, text


def ours_rebuild(i: Inputs, round_: int) -> Sample:
    cache = {"PUBLISH_CACHE": str(i.work / "cache")}
    run_timed([ours_command(i)], cache)  # warm
    path, text = _edit(i, round_)
    try:
        return run_timed([ours_command(i)], cache)
    finally:
        path.write_text(text, encoding="utf-8")


def _proc_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")  # utime stime cutime cstime


def _proc_peak(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _wait_for(done: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(0.002)


def ours_watch(i: Inputs, round_: int) -> Sample:
    """Save → the new PDF renamed into place, in a warm ``publish build --watch``."""
    pdf = i.work / "dist" / "bench.pdf"
    cache = {"PUBLISH_CACHE": str(i.work / "cache")}
    run_timed([ours_command(i)], cache)  # the PDF exists, the cache is warm
    proc = subprocess.Popen([*ours_command(i, quiet=False), "--watch"], env={**env(), **cache}, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    path = text = None
    try:
        assert proc.stderr is not None
        for line in proc.stderr:  # the watch's first build, then "watching …"
            if line.startswith("watching"):
                break
        else:
            raise SystemExit(f"publish build --watch ended: {proc.wait()}")
        before, cpu0 = pdf.stat().st_ino, _proc_cpu(proc.pid)
        t0 = time.perf_counter()
        path, text = _edit(i, round_ + 10)
        _wait_for(lambda: pdf.stat().st_ino != before, 60, "the rebuilt PDF")
        wall = time.perf_counter() - t0
        for line in proc.stderr:  # the pool's workers are joined once the build has reported
            if line.startswith("wrote"):
                break
        return Sample(wall, _proc_cpu(proc.pid) - cpu0, _proc_peak(proc.pid))
    finally:
        proc.terminate()
        proc.wait(10)
        if path is not None and text is not None:
            path.write_text(text, encoding="utf-8")


def pages(pdf: Path) -> int:
    import pikepdf

    with pikepdf.open(pdf) as doc:
        return len(doc.pages)


ROWS = (
    ("typst", "Typst (pandoc → Typst, CJK template)"),
    ("plain", "plain WeasyPrint (pandoc's HTML, a short CJK stylesheet)"),
    ("own-html", "WeasyPrint on our own HTML and CSS"),
    ("ours", "ours, `publish build --format pdf --no-cache`"),
    ("rebuild", "ours, rebuild after one edit in the 15th article (new process, warm cache)"),
    ("watch", "ours, `--watch`: saving that edit → the new PDF renamed into place"),
)


def measure_book(book: Path, runs: int) -> tuple[dict[str, Sample], dict[str, int]]:
    """Medians over ``runs`` rounds, each round every row once, one after the other."""
    with tempfile.TemporaryDirectory() as tmp:
        i = prepare(book, Path(tmp))
        found: dict[str, list[Sample]] = {kind: [] for kind, _ in ROWS}
        for r in range(runs):
            found["typst"].append(run_timed(typst_commands(i)))
            found["plain"].append(run_timed(plain_commands(i)))
            found["own-html"].append(run_timed(own_html_commands(i)))
            found["ours"].append(run_timed([ours_command(i, "--no-cache")]))
            found["rebuild"].append(ours_rebuild(i, r))
            found["watch"].append(ours_watch(i, r))
            print(f"  round {r + 1}: " + ", ".join(f"{k} {v[-1].wall:.2f}s" for k, v in found.items()), file=sys.stderr)
        counts = {"typst": pages(i.work / "typst.pdf"), "plain": pages(i.work / "plain.pdf"),
                  "own-html": pages(i.work / "own.pdf"), "ours": pages(i.work / "dist" / "bench.pdf")}
    medians = {
        kind: Sample(*(statistics.median(getattr(s, f) for s in samples) for f in ("wall", "cpu", "peak_mb")))
        for kind, samples in found.items()
    }
    return medians, counts


def table(title: str, medians: dict[str, Sample], counts: dict[str, int]) -> list[str]:
    plain = medians["plain"]
    lines = [
        f"### {title}",
        "",
        "| build | pages | wall s | CPU s | peak MB | wall / plain | CPU / plain |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for kind, name in ROWS:
        s = medians[kind]
        n = counts.get(kind if kind != "rebuild" and kind != "watch" else "ours")
        lines.append(
            f"| {name} | {n if n is not None else ''} | {s.wall:.2f} | {s.cpu:.2f} | {s.peak_mb:.0f} | "
            f"{s.wall / plain.wall:.2f} | {s.cpu / plain.cpu:.2f} |"
        )
    return lines


def typst_version() -> str:
    from importlib.metadata import version

    return f"typst {version('typst')} (PyPI), pandoc {subprocess.run([pandoc(), '--version'], capture_output=True, text=True).stdout.split()[1]}"


def peer_section(runs: int, corpus: Path, machine: str) -> str:
    """The peers' tables: the seed ×30 and the corpus book."""
    from importlib.metadata import version

    lines = [
        PEERS_START,
        "",
        f"Machine: {machine}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average "
        f"{os.getloadavg()[0]:.1f} at the end. {typst_version()}, WeasyPrint {version('weasyprint')}.",
        f"Medians of {runs} rounds; each round runs every row once, one after the other, so compare",
        "rows within one table (the machine is shared and noisy: absolute times drift from run to run).",
        "Whole processes as a user starts them: *wall* and *CPU* (every process of the build, workers",
        "included) in seconds, *peak* the largest resident set of any of them in MB; the *watch* row's",
        "peak is the watching process's own. Ratios against plain WeasyPrint.",
        "",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        seed = seed_book(Path(tmp) / "seed", 30)
        print("seed ×30", file=sys.stderr)
        lines += table("The seed article ×30", *measure_book(seed, runs))
        if corpus.is_dir():
            book = corpus_book(Path(tmp) / "corpus", corpus)
            n = len(list((book.parent / "articles").glob("*.md")))
            print(f"corpus book, {n} articles", file=sys.stderr)
            lines += ["", *table(f"The corpus book ({n} articles from {corpus.name}/, cleaned by `publish clean`)",
                                 *measure_book(book, runs))]
    lines += ["", PEERS_END]
    return "\n".join(lines)


PEERS_START = "<!-- bench/build_bench.py --peers writes from here to its end marker; do not edit by hand -->"
PEERS_END = "<!-- end of bench/build_bench.py --peers output -->"
