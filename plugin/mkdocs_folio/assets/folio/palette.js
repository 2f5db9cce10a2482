/* folio command palette: keyboard-first navigation for posts, tags, pages and commands.
 * No dependencies. Everything from data is inserted with textContent, never as HTML. */
(() => {
  "use strict";
  if (window.__folioPalette) return; // instant navigation may evaluate scripts again

  const script = document.currentScript;
  const root = new URL("../../", script ? script.src : location.href); // assets/folio/ -> site root
  const config = readConfig();
  const S = config.strings || {};
  const isMac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
  const keys = (config.keys || ["mod+k"]).map(parseKey);
  const storageKey = (name) => `folio:${root.pathname}:${name}`;
  const LIMIT = { post: 8, tag: 6, page: 6, command: 12, text: 6, heading: 30 };
  // Bounds on the work one keystroke can cause, whatever is typed or pasted.
  const MAX_QUERY = 64; // characters
  const MAX_TERMS = 8; // distinct words
  // Full text is searched in slices this long: a short one within the keystroke (which also
  // ranks titles and paints), longer ones between keystrokes.
  const SLICE_MS = [3, 6];
  const RECENT = Number.isInteger(config.recent) ? Math.max(0, config.recent) : 5;
  const SEP = " › ";

  let data = null;
  let loading = null;
  let fullText = null;
  let fullTextLoading = null;
  let textSearch = null;
  let results = [];
  let active = -1;
  let lastFocus = null;
  let dialog, input, list, status;

  function readConfig() {
    const el = document.getElementById("folio-palette-config");
    try {
      return el ? JSON.parse(el.textContent) : {};
    } catch (error) {
      return {};
    }
  }

  function parseKey(spec) {
    const parts = String(spec).toLowerCase().split("+");
    const key = parts.pop();
    const has = (m) => parts.includes(m);
    return {
      key,
      ctrl: has("ctrl") || (has("mod") && !isMac),
      meta: has("meta") || has("cmd") || (has("mod") && isMac),
      alt: has("alt"),
      shift: has("shift"),
    };
  }

  function shortcutLabel() {
    const k = keys[0];
    if (!k) return "";
    const mods = [k.ctrl && "Ctrl", k.meta && (isMac ? "⌘" : "Meta"), k.alt && "Alt", k.shift && "Shift"];
    return [...mods.filter(Boolean), k.key.toUpperCase()].join(isMac ? "" : " ");
  }

  // Placeholders are filled by split/join: "$&" in a query is text, not a replace pattern.
  const fill = (template, name, value) => String(template).split(`{${name}}`).join(String(value));

  const text = (tag, className, content) => {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (content != null) el.textContent = content;
    return el;
  };

  /* Data ------------------------------------------------------------------------------ */

  function loadIndex() {
    if (!loading) {
      // Read from the file system (Material's offline plugin), the index is a script's global.
      const inline = window.__folioPaletteData;
      const request = inline
        ? Promise.resolve(inline)
        : fetch(new URL(config.index, root)).then((response) => response.json());
      loading = request
        .then(prepare)
        .catch(() => prepare({}));
    }
    return loading;
  }

  // Lower case with every index where it was: highlights found in `fold(s)` mark the same
  // characters of `s` (a few letters, such as "İ", change length when lower-cased).
  function fold(value) {
    const lower = value.toLowerCase();
    if (lower.length === value.length) return lower;
    let out = "";
    for (const ch of value) {
      const low = ch.toLowerCase();
      out += low.length === ch.length ? low : ch;
    }
    return out;
  }

  function prepare(raw) {
    const tags = (raw.tags || []).map(([name, url, count]) => ({
      kind: "tag", title: `#${name}`, name, url, count, hay: fold(name),
    }));
    const posts = (raw.posts || []).map(([title, url, date, tagIds, excerpt, flags]) => ({
      kind: "post", title, url, date, excerpt, draft: !!(flags & 1), pinned: !!(flags & 2),
      tags: (tagIds || []).map((i) => tags[i]).filter(Boolean), hay: fold(title),
    }));
    const pages = (raw.pages || []).map(([title, url, sections]) => ({
      kind: "page", title, url, path: (sections || []).join(SEP), hay: fold(title),
    }));
    const postByUrl = new Map(posts.map((post) => [new URL(post.url, root).href, post]));
    data = { posts, tags, pages, postByUrl, links: raw.links || {} };
    rememberVisit();
    return data;
  }

  function loadFullText() {
    if (!fullTextLoading && data && data.links.search) {
      fullTextLoading = fetch(new URL(data.links.search, root))
        .then((response) => response.json())
        .then((raw) => {
          // Only parsed here; each document is turned into text when a search first reaches
          // it, in the same time slices as the search itself.
          fullText = (raw.docs || []).filter((doc) => doc && typeof doc.location === "string");
          if (dialog && !dialog.hidden) render(search(input.value), true);
        })
        .catch(() => { fullText = []; });
    }
  }

  const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'", nbsp: " " };
  function plain(html) {
    return String(html)
      .replace(/<a\b[^>]*class="?headerlink[^>]*>[^<]*<\/a>/g, "")
      .replace(/<\/?(a|b|i|em|strong|code|span|mark|kbd|sub|sup|small|abbr)\b[^>]*>/gi, "") // inline: no space
      .replace(/<[^>]*>/g, " ")
      .replace(/&(#?\w+);/g, (m, name) => ENTITIES[name] || m)
      .replace(/\s+/g, " ")
      .trim();
  }

  // Permalink glyphs that themes append to headings (toc's `permalink`), and that some
  // search indexes keep in section titles.
  const PERMALINK = /\s*[¶§⚓🔗]+$/u;

  function textDoc(doc) {
    if (!doc.prepared) {
      const [page, anchor] = doc.location.split("#");
      const title = plain(doc.title || "").replace(PERMALINK, "");
      const body = plain(doc.text || "");
      doc.prepared = { location: doc.location, page, anchor, title, body, hay: fold(body), titleHay: fold(title) };
      // The HTML is not needed again: a large site's index is tens of megabytes.
      doc.title = doc.text = undefined;
    }
    return doc.prepared;
  }

  function hasAll(doc, terms) {
    for (const term of terms) if (!doc.hay.includes(term) && !doc.titleHay.includes(term)) return false;
    return true;
  }

  /* Matching: exact, then prefix, then word start, then every word, then fuzzy ------------ */

  // The query, cut to MAX_QUERY characters (never inside a surrogate pair) and split into at
  // most MAX_TERMS distinct words: the cost of a keystroke does not grow with what is typed.
  function parseQuery(raw) {
    let value = String(raw).trim();
    if (value.length > MAX_QUERY) {
      value = value.slice(0, MAX_QUERY);
      if (/[\uD800-\uDBFF]$/.test(value)) value = value.slice(0, -1);
      value = value.trim();
    }
    const full = fold(value);
    const terms = [...new Set(full.split(/\s+/).filter(Boolean))].slice(0, MAX_TERMS);
    return { text: value, full, terms, letters: Array.from(terms.join("")) };
  }

  const WORD = /[\p{L}\p{N}]/u;
  const startsWord = (hay, at) => at === 0 || !WORD.test(hay[at - 1]);

  // First place of `term` in `hay` at the start of a word, else its first place, else -1.
  function find(hay, term) {
    const first = hay.indexOf(term);
    let at = first;
    while (at > 0 && !startsWord(hay, at)) at = hay.indexOf(term, at + 1);
    return at >= 0 ? at : first;
  }

  // Scores only, without allocating anything per item: highlights are worked out for the
  // few rows shown. Title matches score at least 100; tag-only matches of posts stay below.
  function score(q, hay) {
    const full = q.full;
    if (!full) return 1;
    if (hay === full) return 4000;
    if (hay.startsWith(full)) return 3000 - hay.length;
    const at = full.length <= hay.length ? find(hay, full) : -1;
    if (at > 0 && startsWord(hay, at)) return 2000 - at - hay.length / 10;
    if (q.terms.length > 1) {
      let all = true;
      for (const term of q.terms) {
        if (hay.indexOf(term) < 0) {
          all = false;
          break;
        }
      }
      if (all) return 1500 - hay.length / 10;
    }
    return fuzzy(q.letters, hay);
  }

  // The query's letters in order, by code point, not too far apart.
  function fuzzy(letters, hay) {
    if (!letters.length || letters.length > hay.length) return 0;
    // Letters scattered across a long title are noise, not a match.
    const maxGaps = 2 * letters.length + 2;
    let from = 0;
    let gaps = 0;
    for (let i = 0; i < letters.length; i++) {
      const found = hay.indexOf(letters[i], from);
      if (found < 0) return 0;
      if (i) gaps += found - from;
      if (gaps > maxGaps) return 0;
      from = found + letters[i].length;
    }
    return Math.max(100, 1000 - gaps * 10 - hay.length / 10);
  }

  // [start, end) ranges of `hay` to underline: where each term is first found (or, with
  // `every`, every place of it), else each letter of the fuzzy match.
  function ranges(q, hay, every) {
    const out = [];
    for (const term of q.terms) {
      let at = find(hay, term);
      if (at < 0 && !every) return fuzzyRanges(q.letters, hay);
      for (; at >= 0 && out.length < 64; at = every ? hay.indexOf(term, at + term.length) : -1) {
        out.push([at, at + term.length]);
      }
    }
    return out.sort((a, b) => a[0] - b[0]);
  }

  function fuzzyRanges(letters, hay) {
    const out = [];
    for (let i = 0, from = 0; fuzzy(letters, hay) && i < letters.length; i++) {
      const at = hay.indexOf(letters[i], from);
      out.push([at, (from = at + letters[i].length)]);
    }
    return out;
  }

  function rank(items, q, limit, adjust) {
    // Keep only the best `limit` hits as we go: sorting every match of a one-letter query
    // over ten thousand posts would cost more than the matching itself.
    const top = [];
    for (const item of items) {
      let best = score(q, item.hay);
      if (adjust) best = adjust(item, best);
      if (best <= 0 || (top.length === limit && best <= top[limit - 1].score)) continue;
      let at = top.length;
      while (at > 0 && top[at - 1].score < best) at--;
      top.splice(at, 0, { item, score: best, q });
      if (top.length > limit) top.pop();
    }
    return top;
  }

  function postTagMatch(q) {
    // Score each tag once per query; posts then only look their tags up. A match on a tag
    // alone ranks a post below every post that matches by its title.
    const tagScores = new Map();
    for (const tag of data.tags) {
      const s = score(q, tag.hay);
      if (s > 0) tagScores.set(tag, s);
    }
    if (!tagScores.size) return null;
    return (post, best) => {
      let tagScore = 0;
      for (const tag of post.tags) tagScore = Math.max(tagScore, tagScores.get(tag) || 0);
      if (!tagScore) return best;
      return best > 0 ? best + tagScore / 1000 : 10 + tagScore / 100;
    };
  }

  /* Commands ---------------------------------------------------------------------------- */

  function commands(query) {
    const links = (data && data.links) || {};
    const list = [
      links.home != null && { title: S.go_home, run: () => go(links.home) },
      links.tags != null && { title: S.go_tags, run: () => go(links.tags) },
      links.archive != null && { title: S.go_archive, run: () => go(links.archive) },
      { title: S.toggle_theme, run: toggleTheme },
      { title: S.copy_link, run: copyLink },
      links.rss && { title: S.open_feed, run: () => go(links.rss, true) },
      data && data.posts.length && { title: S.random_post, run: randomPost },
      { title: S.back_to_top, run: () => window.scrollTo({ top: 0, behavior: "smooth" }) },
    ].filter(Boolean);
    for (const command of list) {
      command.kind = "command";
      command.hay = fold(command.title);
    }
    return list;
  }

  function handOff(query) {
    if (!query || !document.querySelector(".md-search__input")) return null;
    const title = fill(S.search_full, "query", query);
    return { item: { kind: "command", title, run: () => handToMaterialSearch(query) }, score: 0, q: null };
  }

  function go(url, fullReload) {
    const target = new URL(url, root);
    close(false);
    // A real link click lets Material's instant navigation take over when it is enabled.
    if (!fullReload && document.querySelector("[data-md-component=container]")) {
      const link = document.createElement("a");
      link.href = target.href;
      link.hidden = true;
      document.body.appendChild(link);
      link.click();
      link.remove();
    } else {
      location.assign(target.href);
    }
  }

  function toggleTheme() {
    const toggle = document.querySelector("form[data-md-component=palette] label:not([hidden])");
    if (toggle) {
      toggle.click();
      return;
    }
    const body = document.body;
    const next = body.getAttribute("data-md-color-scheme") === "slate" ? "default" : "slate";
    body.setAttribute("data-md-color-scheme", next);
    try { localStorage.setItem(storageKey("scheme"), next); } catch (error) { /* private mode */ }
  }

  function restoreTheme() {
    if (document.querySelector("form[data-md-component=palette]")) return;
    try {
      const scheme = localStorage.getItem(storageKey("scheme"));
      if (scheme) document.body.setAttribute("data-md-color-scheme", scheme);
    } catch (error) { /* private mode */ }
  }

  function toast(message) {
    let box = document.querySelector(".folio-toast");
    if (!box) {
      box = text("div", "folio-toast", null);
      box.setAttribute("role", "status");
      document.body.appendChild(box);
    }
    box.textContent = message;
    box.classList.add("folio-toast--visible");
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => box.classList.remove("folio-toast--visible"), 2500);
  }

  function copyLink() {
    const url = location.href;
    const done = () => toast(S.copied);
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(done, () => legacyCopy(url) && done());
    } else if (legacyCopy(url)) {
      done();
    }
  }

  function legacyCopy(value) {
    const area = text("textarea", "folio-sr-only", null);
    area.value = value;
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
    area.remove();
    return ok;
  }

  function randomPost() {
    const here = currentUrl();
    const pool = data.posts.filter((post) => new URL(post.url, root).href !== here);
    const pick = (pool.length ? pool : data.posts)[Math.floor(Math.random() * (pool.length || data.posts.length))];
    go(pick.url);
  }

  function handToMaterialSearch(query) {
    close(false);
    const toggle = document.querySelector("[data-md-toggle=search]");
    const box = document.querySelector(".md-search__input");
    if (toggle) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    box.value = query;
    box.focus();
    box.dispatchEvent(new Event("input", { bubbles: true }));
    box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  }

  /* Recent posts ------------------------------------------------------------------------ */

  const currentUrl = () => location.href.split("#")[0].split("?")[0];

  function recentUrls() {
    try {
      return JSON.parse(localStorage.getItem(storageKey("recent")) || "[]");
    } catch (error) {
      return [];
    }
  }

  function rememberVisit() {
    if (!data) return;
    if (!RECENT) {
      // `recent: 0` means no history at all, not even one left from before.
      try { localStorage.removeItem(storageKey("recent")); } catch (error) { /* private mode */ }
      return;
    }
    const here = currentUrl();
    const post = data.posts.find((p) => new URL(p.url, root).href === here);
    if (!post) return;
    const recent = [post.url, ...recentUrls().filter((url) => url !== post.url)].slice(0, RECENT);
    try { localStorage.setItem(storageKey("recent"), JSON.stringify(recent)); } catch (error) { /* full */ }
  }

  /* Searching --------------------------------------------------------------------------- */

  const group = (label, items) => ({ label, items });

  function search(raw) {
    const value = String(raw).trim();
    if (!data) return [];
    if (value.startsWith("?")) return [group(S.help, helpItems())];
    if (value.startsWith(">")) {
      return [group(S.commands, rank(commands(), parseQuery(value.slice(1)), LIMIT.command))];
    }
    if (value.startsWith("@")) {
      return [group(S.headings, rank(headings(), parseQuery(value.slice(1)), LIMIT.heading))];
    }
    if (value.startsWith("#")) return tagMode(value.slice(1));
    const q = parseQuery(value);
    if (!q.full) return emptyState();

    const posts = group(S.posts, rank(data.posts, q, LIMIT.post, postTagMatch(q)));
    const groups = [
      posts,
      group(S.tags, rank(data.tags, q, LIMIT.tag)),
      group(S.pages, rank(data.pages, q, LIMIT.page)),
      group(S.commands, rank(commands(), q, LIMIT.command)),
    ].filter((g) => g.items.length);
    // The group holding the best match comes first, so Enter takes the best hit.
    const best = (g) => g.items[0].score;
    groups.sort((a, b) => best(b) - best(a));
    // Full text comes last, its hits above the command that hands the query to Material.
    const shown = groups.flatMap((g) => g.items).filter((hit) => hit.item.url != null);
    const textHits = q.full.length >= 3 && posts.items.length < 3 ? fullTextMatches(q, shown) : [];
    const hand = handOff(q.text);
    if (textHits.length || hand) groups.push(group(S.full_text, hand ? [...textHits, hand] : textHits));
    return groups;
  }

  function tagMode(rest) {
    const [tagQuery, ...words] = rest.trim().split(/\s+/);
    const tagLower = fold(tagQuery);
    const exact = data.tags.find((tag) => tag.hay === tagLower);
    if (exact && words.length) {
      const tagged = data.posts.filter((post) => post.tags.includes(exact));
      return [group(`${S.posts} #${exact.name}`, rank(tagged, parseQuery(words.join(" ")), LIMIT.post * 3))];
    }
    return [group(S.tags, rank(data.tags, parseQuery(tagQuery), LIMIT.tag * 5))];
  }

  function emptyState() {
    const recent = RECENT
      ? recentUrls().map((url) => data.posts.find((post) => post.url === url)).filter(Boolean).slice(0, RECENT)
      : [];
    // Pinned posts lead the listing; "newest" means by date.
    const newest = data.posts.filter((post) => !post.pinned && !recent.includes(post)).slice(0, LIMIT.post);
    const wrap = (items) => items.map((item) => ({ item, score: 0, q: null }));
    return [
      group(S.recent, wrap(recent)),
      group(S.newest, wrap(newest)),
      group(S.commands, wrap(commands())),
    ].filter((g) => g.items.length);
  }

  function headings() {
    return Array.from(document.querySelectorAll(".md-content h2[id], .md-content h3[id], .md-content h4[id]"))
      .map((heading) => {
        const title = heading.textContent.replace(PERMALINK, "").trim();
        return { kind: "heading", title, hay: fold(title), anchor: heading.id };
      });
  }

  function helpItems() {
    return [
      [">", S.help_commands],
      ["#", S.help_tags],
      ["@", S.help_headings],
      ["?", S.help_help],
    ].map(([prefix, title]) => ({
      item: { kind: "help", title: `${prefix}  ${title}`, prefix }, score: 0, q: null,
    }));
  }

  /* Full text: searched in time slices, so no keystroke waits for the whole index -------- */

  // Pages and posts already listed above are not listed again.
  function fullTextMatches(q, shownHits) {
    if (config.fullText === false) return [];
    if (!fullText) {
      loadFullText();
      return [];
    }
    const key = q.terms.join(" ");
    if (!textSearch || textSearch.key !== key) {
      const seen = new Set(shownHits.map((hit) => new URL(hit.item.url, root).href));
      textSearch = { key, q, next: 0, seen, hits: [], done: false, timer: 0 };
      scan(textSearch, SLICE_MS[0]);
    }
    return textSearch.done ? textSearch.hits : [];
  }

  function scan(job, budget) {
    const stop = performance.now() + budget;
    while (job.next < fullText.length && job.hits.length < LIMIT.text) {
      if (job.next % 4 === 0 && performance.now() > stop) break;
      const doc = textDoc(fullText[job.next++]);
      if (doc.anchor == null) job.pageTitle = doc.title; // a page's sections follow it
      if (!hasAll(doc, job.q.terms)) continue;
      const page = new URL(doc.page, root).href;
      if (job.seen.has(page)) continue;
      job.seen.add(page);
      job.hits.push({ item: textItem(doc, page, job), score: 0, q: job.q });
    }
    if (job.next >= fullText.length || job.hits.length >= LIMIT.text) {
      job.done = true;
      return;
    }
    job.timer = setTimeout(() => {
      if (textSearch !== job) return; // a newer query took over
      scan(job, SLICE_MS[1]);
      if (job.done && dialog && !dialog.hidden) render(search(input.value), true);
    }, 0);
  }

  function textItem(doc, page, job) {
    // A section's hit shows the title of its post or page, then the section's own.
    const post = data.postByUrl.get(page);
    const title = (post && post.title) || job.pageTitle || doc.title;
    const section = doc.anchor != null && doc.title !== title ? doc.title : "";
    return { kind: "text", title, section, url: doc.location, ...snippet(doc, job.q) };
  }

  // About 150 characters from shortly before the first match, cut between words.
  function snippet(doc, q) {
    const { body, hay } = doc;
    const found = q.terms.map((term) => hay.indexOf(term)).filter((i) => i >= 0);
    const at = found.length ? Math.min(...found) : 0;
    const start = at > 50 ? Math.min(at, body.indexOf(" ", at - 50) + 1) : 0;
    let end = body.length > start + 150 ? body.lastIndexOf(" ", start + 150) : body.length;
    if (end <= at) end = start + 150;
    if (isHigh(body.charCodeAt(end - 1))) end--;
    const shift = start ? 1 : 0; // the "…"
    return {
      excerpt: `${start ? "…" : ""}${body.slice(start, end)}${end < body.length ? "…" : ""}`,
      excerptHits: ranges(q, hay.slice(start, end), true).map(([a, b]) => [a + shift, b + shift]),
    };
  }

  /* Rendering ----------------------------------------------------------------------------- */

  // Underlines `marks` of `value`, widened to whole code points so that no emoji or other
  // character outside the BMP is ever cut in two.
  function highlight(el, value, marks) {
    let done = 0;
    let mark = null;
    for (let [start, end] of marks) {
      if (isLow(value.charCodeAt(start)) && isHigh(value.charCodeAt(start - 1))) start--;
      if (isLow(value.charCodeAt(end)) && isHigh(value.charCodeAt(end - 1))) end++;
      start = Math.max(start, done);
      end = Math.min(end, value.length);
      if (end <= start) continue;
      if (start > done) el.append(value.slice(done, start));
      if (start > done || !mark) el.appendChild((mark = text("mark", null, "")));
      mark.textContent += value.slice(start, end);
      done = end;
    }
    el.append(value.slice(done));
  }
  const isHigh = (code) => code >= 0xd800 && code <= 0xdbff;
  const isLow = (code) => code >= 0xdc00 && code <= 0xdfff;

  function render(groups, keepActive) {
    const previous = active;
    results = [];
    const fragment = document.createDocumentFragment();
    groups.forEach((g, groupIndex) => {
      const box = text("div", "folio-palette__group", null);
      box.setAttribute("role", "group");
      const label = text("div", "folio-palette__label", g.label);
      label.id = `folio-palette-g${groupIndex}`;
      label.setAttribute("role", "presentation");
      box.setAttribute("aria-labelledby", label.id);
      box.appendChild(label);
      for (const hit of g.items) {
        const index = results.length;
        results.push(hit.item);
        box.appendChild(option(hit, index));
      }
      fragment.appendChild(box);
    });
    list.replaceChildren(fragment);
    const count = results.length;
    input.setAttribute("aria-expanded", String(count > 0));
    announce(count ? (count === 1 ? S.result_one : fill(S.results, "count", count)) : S.no_results);
    if (!count) list.appendChild(text("div", "folio-palette__empty", S.no_results));
    setActive(count ? (keepActive && previous > 0 ? Math.min(previous, count - 1) : 0) : -1);
  }

  function option(hit, index) {
    const item = hit.item;
    const q = hit.q;
    const el = text("div", `folio-palette__option folio-palette__option--${item.kind}`, null);
    el.id = `folio-palette-o${index}`;
    el.setAttribute("role", "option");
    el.setAttribute("aria-selected", "false");
    el.dataset.index = String(index);
    const title = text("span", "folio-palette__title", null);
    const marks = q ? ranges(q, item.hay || fold(item.title), item.kind === "text") : [];
    highlight(title, item.title, item.kind === "tag" ? marks.map(afterHash) : marks);
    if (item.section) title.appendChild(text("span", "folio-palette__section", `${SEP}${item.section}`));
    el.appendChild(title);
    const meta = item.kind === "post"
      ? [[item.date], ...item.tags.map((tag) => [tag.title, q && ranges(q, tag.hay).map(afterHash)]), [item.draft && S.draft]]
      : item.kind === "tag"
        ? [[item.count === 1 ? S.post_count_one : fill(S.post_count, "count", item.count)]]
        : [[item.path], [item.excerpt, item.excerptHits]];
    const line = text("span", "folio-palette__meta", null);
    for (const [value, marks] of meta.filter(([value]) => value)) {
      if (line.firstChild) line.append("  ·  ");
      highlight(line, value, marks || []);
    }
    if (line.firstChild) el.appendChild(line);
    return el;
  }
  const afterHash = ([a, b]) => [a + 1, b + 1]; // tags are shown as "#name"

  function setActive(index) {
    const previous = list.querySelector("[aria-selected=true]");
    if (previous) previous.setAttribute("aria-selected", "false");
    active = index;
    const el = index >= 0 ? document.getElementById(`folio-palette-o${index}`) : null;
    if (el) {
      el.setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", el.id);
      el.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function announce(message) {
    status.textContent = message;
  }

  function activate(index) {
    const item = results[index];
    if (!item) return;
    if (item.kind === "help") {
      input.value = item.prefix === "?" ? "" : item.prefix;
      update();
      return;
    }
    if (item.kind === "command") {
      close(true);
      return item.run();
    }
    if (item.kind === "heading") {
      close(false);
      location.hash = item.anchor;
      return;
    }
    go(item.url);
  }

  function update() {
    render(search(input.value));
  }

  /* Dialog ---------------------------------------------------------------------------------- */

  function build() {
    dialog = text("div", "folio-palette", null);
    dialog.hidden = true;
    // Fixed markup; the configured strings go in as text and attributes below.
    dialog.innerHTML = '<div class="folio-palette__panel"><div class="folio-palette__heading" aria-hidden="true"></div>'
      + '<div class="folio-palette__top"><input class="folio-palette__input" type="text" role="combobox"'
      + ' autocomplete="off" spellcheck="false" aria-expanded="false" aria-controls="folio-palette-list"'
      + ` aria-autocomplete="list" maxlength="${MAX_QUERY}"><button type="button" class="folio-palette__close">`
      + `${svg("M6 6l12 12M18 6L6 18")}<span></span></button></div>`
      + '<div class="folio-palette__list" id="folio-palette-list" role="listbox"></div>'
      + '<div class="folio-sr-only" role="status" aria-live="polite"></div></div>';
    const part = (name) => dialog.querySelector(`.folio-palette__${name}`);
    const panel = part("panel");
    const closeButton = part("close");
    input = part("input");
    list = part("list");
    status = dialog.querySelector("[role=status]");
    const label = (el, value) => el.setAttribute("aria-label", value);
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-modal", "true");
    label(dialog, S.title);
    label(list, S.title);
    label(input, (input.placeholder = S.placeholder));
    // "Esc" on wide screens, a 44 px cross on phones; the name holds both.
    label(closeButton, `${S.close_label} (${S.close})`);
    closeButton.lastChild.textContent = S.close;
    part("heading").textContent = S.title;
    document.body.appendChild(dialog);

    input.addEventListener("input", update);
    input.addEventListener("keydown", onDialogKey);
    closeButton.addEventListener("click", () => close(true));
    closeButton.addEventListener("keydown", onDialogKey);
    dialog.addEventListener("focusout", (event) => {
      if (dialog.contains(event.relatedTarget)) return;
      // A modal keeps focus: Material blurs the page when it handles an anchor jump, which
      // can land just after the palette reopens and would swallow the next keystrokes.
      queueMicrotask(() => {
        if (!dialog.hidden && document.hasFocus() && !dialog.contains(document.activeElement)) input.focus();
      });
    });
    dialog.addEventListener("mousedown", (event) => {
      if (panel.contains(event.target)) return;
      event.preventDefault(); // the click must not move focus away from where it returns
      close(true);
    });
    list.addEventListener("mousemove", (event) => {
      const el = event.target.closest("[role=option]");
      if (el && Number(el.dataset.index) !== active) setActive(Number(el.dataset.index));
    });
    list.addEventListener("click", (event) => {
      const el = event.target.closest("[role=option]");
      if (el) activate(Number(el.dataset.index));
    });
  }

  function onDialogKey(event) {
    if (event.isComposing || event.keyCode === 229) return;
    const count = results.length;
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp":
        if (count) setActive((active + (event.key === "ArrowDown" ? 1 : -1) + count) % count);
        break;
      case "Enter":
        if (event.target !== input) return;
        activate(active);
        break;
      case "Escape":
        close(true);
        break;
      case "Tab": {
        // Keep focus inside the modal: cycle between its two controls.
        const controls = [input, dialog.querySelector(".folio-palette__close")];
        const next = controls[(controls.indexOf(document.activeElement) + 1) % controls.length];
        next.focus();
        break;
      }
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  }

  function open() {
    if (!dialog) build();
    if (!dialog.hidden) {
      input.select();
      return;
    }
    lastFocus = document.activeElement;
    dialog.hidden = false;
    document.documentElement.classList.add("folio-palette-open");
    input.value = "";
    input.focus();
    if (data) {
      update();
    } else {
      render([]);
      announce(S.loading);
      loadIndex().then(() => !dialog.hidden && update());
    }
  }

  function close(restoreFocus) {
    if (!dialog || dialog.hidden) return;
    dialog.hidden = true;
    document.documentElement.classList.remove("folio-palette-open");
    input.setAttribute("aria-expanded", "false");
    if (restoreFocus && lastFocus && document.contains(lastFocus)) lastFocus.focus();
  }

  /* Wiring ------------------------------------------------------------------------------------ */

  // Inputs that take no typing: Ctrl+K on them (say, Material's light/dark radio, focused
  // after a click) is meant for the palette.
  const NOT_TYPED = /^(checkbox|radio|button|submit|reset|image|file|range|color|hidden)$/;

  function isTyping(target) {
    if (!target || !(target instanceof Element)) return false;
    if (target.closest(".folio-palette")) return false;
    if (target.matches(".md-search__input")) return false; // opening from Material's search is fine
    if (target.tagName === "INPUT") return !NOT_TYPED.test(target.type);
    return target.isContentEditable || target.tagName === "TEXTAREA" || target.tagName === "SELECT";
  }

  function onGlobalKey(event) {
    if (event.isComposing || event.keyCode === 229 || event.repeat) return;
    const key = (event.key || "").toLowerCase();
    const hit = keys.some((k) => k.key === key && k.ctrl === event.ctrlKey && k.meta === event.metaKey &&
      k.alt === event.altKey && (!k.shift || event.shiftKey));
    if (!hit || isTyping(event.target)) return;
    event.preventDefault(); // browsers claim Ctrl+K for their own search
    if (dialog && !dialog.hidden) close(true);
    else open();
  }

  // A stroked 24 px icon: fixed markup, no data in it.
  const svg = (path) => `<svg class="folio-icon" viewBox="0 0 24 24" aria-hidden="true"><path d="${path}"/></svg>`;

  function addHeaderButton() {
    if (document.querySelector(".folio-palette-button")) return;
    const button = text("button", "folio-palette-button", null);
    button.type = "button";
    // The name is the visible text ("Command Palette Ctrl K"); on phones the text is only
    // hidden from sight and the button shows a prompt icon.
    button.innerHTML = `${svg("M4 7l5 5-5 5M12 18h8")}<span class="folio-palette-button__text"><span></span> <kbd></kbd></span>`;
    button.querySelector("span span").textContent = S.title;
    button.querySelector("kbd").textContent = shortcutLabel();
    button.addEventListener("click", open);
    button.addEventListener("pointerenter", loadIndex, { once: true });
    const header = document.querySelector(".md-header__inner");
    const search = header && header.querySelector(".md-search");
    if (header) {
      header.insertBefore(button, search || null);
      header.classList.add("folio-palette-header");
    } else {
      button.classList.add("folio-palette-button--floating");
      document.body.appendChild(button);
    }
  }

  let lastPage = currentUrl();
  function onPage() {
    addHeaderButton();
    if (data) rememberVisit();
    // Close on a new page only: Material also announces same-page (anchor) updates.
    if (currentUrl() !== lastPage && dialog && !dialog.hidden) close(false);
    lastPage = currentUrl();
  }

  restoreTheme();
  document.addEventListener("keydown", onGlobalKey, true);
  // Material re-renders parts of the page on instant navigation and announces it on document$.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onPage);
  } else {
    onPage();
  }
  // Fetch the compact index when the browser is idle, so the first Ctrl+K paints at once.
  const idle = window.requestIdleCallback || ((fn) => setTimeout(fn, 200));
  idle(() => loadIndex(), { timeout: 2000 });

  window.__folioPalette = { open, close: () => close(true), search: (q) => search(q) };
})();
