"""A deterministic corpus of blog posts, written out as three MkDocs sites.

Post `i` depends only on the seed and `i`, so the 250-post corpus is the first quarter of
the 1,000-post one. Every site gets byte-identical post files; only the location
(`docs/posts/` or `docs/blog/posts/`) and mkdocs.yml differ:

- floor:    plain Material, posts kept out of the nav (`not_in_nav`), search;
- material: Material's blog + tags + search plugins;
- folio:    folio (listing, tags, archive and whatever it builds by default) + search.

The front matter carries `tags` (folio, Material's tags plugin) and the same list as
`categories`, so Material's blog generates a listing page per tag, as folio does.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

SEED = 20250101
SITES = ("floor", "material", "folio")
PER_PAGE = 20  # folio's default; Material's blog is set to the same

TAGS = (
    "rust",
    "python",
    "linux",
    "ebpf",
    "wasm",
    "go",
    "databases",
    "networking",
    "security",
    "nix",
    "kernel",
    "compilers",
    "async",
    "performance",
    "testing",
    "devops",
    "web",
    "cloud",
    "storage",
    "observability",
)

_WORD_TEXT = (
    "system kernel memory buffer thread process allocator scheduler latency throughput "
    "cache page socket packet queue lock mutex channel future runtime compiler parser "
    "token graph index query table row column transaction log replica cluster node "
    "request response handler service client server protocol frame stream batch worker "
    "pipeline stage build test benchmark profile trace metric counter histogram sample "
    "config module package crate library function method closure iterator generator "
    "pointer reference lifetime borrow owner value type trait interface struct field "
    "array vector slice string byte bit word cycle branch loop call stack heap arena "
    "region block file disk volume snapshot backup restore deploy container image layer "
    "network route address port firewall policy key secret token certificate signature "
    "hash digest checksum encoding decoder encoder format schema migration version "
    "release patch change commit review merge branch tag issue bug fix regression "
    "simple fast small large careful explicit implicit hidden obvious subtle stable "
    "eventually usually rarely often always never quietly cheaply safely correctly "
    "measure reduce avoid improve replace split merge reuse cache share copy move read "
    "write parse render compile link load store flush sync wait poll spawn join"
)
_WORDS = _WORD_TEXT.split()

_CODE_NAMES = (
    "buffer",
    "queue",
    "worker",
    "index",
    "cache",
    "frame",
    "batch",
    "token",
    "stream",
    "node",
)

# Same Markdown for all three sites.
MARKDOWN_EXTENSIONS: list[Any] = [
    "admonition",
    "attr_list",
    "tables",
    {"toc": {"permalink": True}},
    "pymdownx.details",
    {"pymdownx.highlight": {"anchor_linenums": True}},
    "pymdownx.inlinehilite",
    "pymdownx.superfences",
]


@dataclass(frozen=True)
class Post:
    number: int
    filename: str
    title: str
    date: date
    tags: list[str]
    text: str


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 18))]
    roll = rng.random()
    if roll < 0.15:
        words[rng.randrange(len(words))] = f"`{rng.choice(_CODE_NAMES)}_{rng.choice(_WORDS)}()`"
    elif roll < 0.3:
        position = rng.randrange(len(words))
        words[position] = f"**{words[position]}**"
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, words: int) -> str:
    sentences: list[str] = []
    count = 0
    while count < words:
        sentence = _sentence(rng)
        sentences.append(sentence)
        count += len(sentence.split())
    return " ".join(sentences)


def _code_block(rng: random.Random) -> str:
    name = rng.choice(_CODE_NAMES)
    lines = [f"def process_{name}(items, limit={rng.randint(2, 64)}):"]
    lines.append(f'    """{_sentence(rng)}"""')
    lines.append("    result = []")
    for _ in range(rng.randint(4, 9)):
        a, b = rng.choice(_WORDS), rng.choice(_WORDS)
        lines.append(f"    {a}_{b} = len(items) * {rng.randint(1, 99)}  # {rng.choice(_WORDS)}")
    lines.append("    for item in items[:limit]:")
    lines.append("        result.append(item)")
    lines.append("    return result")
    return "```python\n" + "\n".join(lines) + "\n```"


def _title(rng: random.Random, number: int) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(3, 6))]
    return f"{' '.join(words).capitalize()} {number}"


def _tags(rng: random.Random) -> list[str]:
    # Skewed like a real blog: a few tags are everywhere, most are occasional.
    weights = [1 / (rank + 1) for rank in range(len(TAGS))]
    chosen: list[str] = []
    for _ in range(rng.randint(1, 4)):
        tag = rng.choices(TAGS, weights=weights)[0]
        if tag not in chosen:
            chosen.append(tag)
    return chosen


VARIANTS = ("plain", "described")
"""plain: title and skewed tags in the front matter. described: like many Material blogs, a
front matter `description`, the title as the post's one `# H1`, and 1–4 tags drawn evenly
from 16."""


def make_post(number: int, seed: int = SEED, variant: str = "plain") -> Post:
    """Post `number` of the corpus: about 600 words, 1–4 tags, headings, code, an excerpt."""
    rng, title, filename = _identity(number, seed)
    day = date(2025, 1, 1) + timedelta(days=rng.randrange(365))
    tags = _tags(rng) if variant == "plain" else rng.sample(TAGS[:16], rng.randint(1, 4))

    blocks = [_paragraph(rng, rng.randint(40, 60)), "<!-- more -->"]
    words = len(blocks[0].split())
    target = rng.randint(560, 640)  # prose words; the code block comes on top
    section = paragraphs = 0
    while words < target:
        if paragraphs % 2 == 0:
            section += 1
            blocks.append("## " + " ".join(rng.choice(_WORDS) for _ in range(3)).capitalize())
        paragraph = _paragraph(rng, min(rng.randint(45, 80), max(10, target - words)))
        blocks.append(paragraph)
        words += len(paragraph.split())
        paragraphs += 1
        if paragraphs == 2:
            blocks.append(_code_block(rng))
        elif paragraphs == 4:
            note = _paragraph(rng, 20)
            blocks.append(f"!!! note\n\n    {note}")
            words += len(note.split())
            if number > 0:
                blocks.append(f"See also [the previous post]({_identity(number - 1, seed)[2]}).")

    front: dict[str, Any] = {"title": title, "date": day, "tags": tags, "categories": list(tags)}
    if variant == "described":
        del front["title"]
        front["description"] = _sentence(rng)
        blocks.insert(0, f"# {title}")
    elif variant != "plain":
        raise ValueError(f"unknown corpus variant {variant!r}; expected one of {VARIANTS}")
    header = yaml.safe_dump(front, sort_keys=False, allow_unicode=True)
    text = f"---\n{header}---\n\n" + "\n\n".join(blocks) + "\n"
    return Post(number, filename, title, day, tags, text)


def _identity(number: int, seed: int) -> tuple[random.Random, str, str]:
    """The post's random stream, title and file name (known without generating its text)."""
    rng = random.Random(seed * 1_000_003 + number)
    title = _title(rng, number)
    return rng, title, f"{number:05d}-{'-'.join(title.lower().split()[:3])}.md"


def make_corpus(count: int, seed: int = SEED, variant: str = "plain") -> list[Post]:
    return [make_post(number, seed, variant) for number in range(count)]


# Sites ------------------------------------------------------------------------------------

HOME = "# Benchmark blog\n\nA generated corpus of posts for the build benchmark.\n"


def _base_config(site: str) -> dict[str, Any]:
    return {
        "site_name": f"Benchmark ({site})",
        # site_url makes folio write its feeds, and Material its canonical links.
        "site_url": "https://bench.example.org/",
        "theme": {"name": "material"},
        "markdown_extensions": MARKDOWN_EXTENSIONS,
    }


def site_config(site: str) -> dict[str, Any]:
    config = _base_config(site)
    if site == "floor":
        config["nav"] = [{"Home": "index.md"}]
        config["not_in_nav"] = "/posts/\n"
        config["plugins"] = ["search"]
    elif site == "material":
        config["nav"] = [{"Home": "index.md"}, {"Blog": "blog/index.md"}, {"Tags": "tags.md"}]
        config["plugins"] = [
            "search",
            {"blog": {"blog_dir": "blog", "pagination_per_page": PER_PAGE}},
            "tags",
        ]
    elif site == "folio":
        # No nav: folio adds the listing, Tags and Archive to the automatic one.
        config["plugins"] = ["search", {"folio": {"per_page": PER_PAGE}}]
    else:
        raise ValueError(f"unknown site {site!r}")
    return config


def posts_dir(site: str) -> str:
    return "blog/posts" if site == "material" else "posts"


def write_site(root: Path, site: str, posts: list[Post]) -> Path:
    """Write mkdocs.yml and docs/ for one site under root/site, replacing the old docs/."""
    folder = root / site
    docs = folder / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    target = docs / posts_dir(site)
    target.mkdir(parents=True)
    (docs / "index.md").write_text(HOME, encoding="utf-8")
    if site == "material":
        (docs / "blog" / "index.md").write_text("# Blog\n", encoding="utf-8")
        (docs / "tags.md").write_text("# Tags\n\n<!-- material/tags -->\n", encoding="utf-8")
    for post in posts:
        (target / post.filename).write_text(post.text, encoding="utf-8")
    config = yaml.safe_dump(site_config(site), sort_keys=False, allow_unicode=True)
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder / "mkdocs.yml"


def write_sites(
    root: Path, count: int, seed: int = SEED, variant: str = "plain"
) -> dict[str, Path]:
    """The three sites for `count` posts under root; returns each site's mkdocs.yml."""
    posts = make_corpus(count, seed, variant)
    return {site: write_site(root, site, posts) for site in SITES}
