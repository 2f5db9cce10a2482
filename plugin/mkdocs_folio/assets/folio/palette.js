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

  let data = null;
  let loading = null;
  let fullText = null;
  let fullTextLoading = null;
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

  const text = (tag, className, content) => {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (content != null) el.textContent = content;
    return el;
  };

  /* Data ------------------------------------------------------------------------------ */

  function loadIndex() {
    if (!loading) {
      loading = fetch(new URL(config.index, root))
        .then((response) => response.json())
        .then(prepare)
        .catch(() => prepare({}));
    }
    return loading;
  }

  function prepare(raw) {
    const tags = (raw.tags || []).map(([name, url, count]) => ({
      kind: "tag", title: `#${name}`, name, url, count, hay: name.toLowerCase(),
    }));
    const posts = (raw.posts || []).map(([title, url, date, tagIds, excerpt, draft]) => {
      const postTags = (tagIds || []).map((i) => tags[i]).filter(Boolean);
      return {
        kind: "post", title, url, date, excerpt, draft: !!draft, tags: postTags,
        hay: title.toLowerCase(),
      };
    });
    const pages = (raw.pages || []).map(([title, url]) => ({
      kind: "page", title, url, hay: title.toLowerCase(),
    }));
    data = { posts, tags, pages, links: raw.links || {} };
    rememberVisit();
    return data;
  }

  function loadFullText() {
    if (!fullTextLoading && data && data.links.search) {
      fullTextLoading = fetch(new URL(data.links.search, root))
        .then((response) => response.json())
        .then((raw) => {
          fullText = (raw.docs || []).map((doc) => {
            const title = plain(doc.title || "");
            const body = plain(doc.text || "");
            return { kind: "text", title, body, url: doc.location || "", hay: `${title} ${body}`.toLowerCase() };
          });
          if (dialog && !dialog.hidden) update();
        })
        .catch(() => { fullText = []; });
    }
  }

  const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'", nbsp: " " };
  function plain(html) {
    return html
      .replace(/<[^>]*>/g, " ")
      .replace(/&(#?\w+);/g, (m, name) => ENTITIES[name] || m)
      .replace(/\s+/g, " ")
      .trim();
  }

  /* Matching: exact, then prefix, then word boundary, then fuzzy ------------------------ */

  function score(query, hay) {
    if (!query) return { score: 1, hits: [] };
    const span = (start) => Array.from({ length: query.length }, (_, i) => start + i);
    if (hay === query) return { score: 4000, hits: span(0) };
    if (hay.startsWith(query)) return { score: 3000 - hay.length, hits: span(0) };
    let at = hay.indexOf(query);
    while (at > 0 && /[\p{L}\p{N}]/u.test(hay[at - 1])) at = hay.indexOf(query, at + 1);
    if (at > 0) return { score: 2000 - at - hay.length / 10, hits: span(at) };
    const words = query.split(/\s+/).filter(Boolean);
    if (words.length > 1) {
      const hits = [];
      for (const word of words) {
        const found = hay.indexOf(word);
        if (found < 0) return fuzzy(query, hay);
        hits.push(...span(found).slice(0, word.length));
      }
      return { score: 1500 - hay.length / 10, hits };
    }
    return fuzzy(query, hay);
  }

  function fuzzy(query, hay) {
    const hits = [];
    let from = 0;
    let gaps = 0;
    for (const ch of query.replace(/\s+/g, "")) {
      const found = hay.indexOf(ch, from);
      if (found < 0) return null;
      if (hits.length) gaps += found - from;
      hits.push(found);
      from = found + 1;
    }
    // Letters scattered across a long title are noise, not a match.
    if (gaps > 2 * query.length + 2) return null;
    return { score: 1000 - gaps * 10 - hay.length / 10, hits };
  }

  function rank(items, query, limit, extra) {
    // Keep only the best `limit` hits as we go: sorting every match of a one-letter query
    // over ten thousand posts would cost more than the matching itself.
    const top = [];
    for (const item of items) {
      let best = score(query, item.hay);
      if (extra) best = extra(item, best);
      if (!best || (top.length === limit && best.score <= top[limit - 1].score)) continue;
      let at = top.length;
      while (at > 0 && top[at - 1].score < best.score) at--;
      top.splice(at, 0, { item, score: best.score, hits: best.hits || [] });
      if (top.length > limit) top.pop();
    }
    return top;
  }

  function postTagMatch(query) {
    // Score each tag once per query; posts then only look their tags up.
    const tagScores = new Map();
    for (const tag of data.tags) {
      const s = score(query, tag.hay);
      if (s) tagScores.set(tag, s.score * 0.9);
    }
    return (post, best) => {
      let tagScore = 0;
      for (const tag of post.tags) tagScore = Math.max(tagScore, tagScores.get(tag) || 0);
      if (tagScore && (!best || tagScore > best.score)) return { score: tagScore, hits: [] };
      return best;
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
      command.hay = command.title.toLowerCase();
    }
    if (query && document.querySelector(".md-search__input")) {
      list.push({
        kind: "command", title: S.search_full.replace("{query}", query), hay: "",
        always: true, run: () => handToMaterialSearch(query),
      });
    }
    return list;
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
    const here = currentUrl();
    const post = data.posts.find((p) => new URL(p.url, root).href === here);
    if (!post) return;
    const recent = [post.url, ...recentUrls().filter((url) => url !== post.url)].slice(0, config.recent || 5);
    try { localStorage.setItem(storageKey("recent"), JSON.stringify(recent)); } catch (error) { /* full */ }
  }

  /* Searching --------------------------------------------------------------------------- */

  const group = (label, items) => ({ label, items });

  function search(raw) {
    const value = raw.trim();
    if (!data) return [];
    if (value.startsWith("?")) return [group(S.help, helpItems())];
    if (value.startsWith(">")) {
      const query = value.slice(1).trim().toLowerCase();
      return [group(S.commands, rank(commands(""), query, LIMIT.command))];
    }
    if (value.startsWith("@")) {
      const query = value.slice(1).trim().toLowerCase();
      return [group(S.headings, rank(headings(), query, LIMIT.heading))];
    }
    if (value.startsWith("#")) return tagMode(value.slice(1));
    const query = value.toLowerCase();
    if (!query) return emptyState();

    const groups = [
      group(S.posts, rank(data.posts, query, LIMIT.post, postTagMatch(query))),
      group(S.tags, rank(data.tags, query, LIMIT.tag)),
      group(S.pages, rank(data.pages, query, LIMIT.page)),
      group(S.commands, rank(commands(value), query, LIMIT.command, (item, best) =>
        item.always ? { score: 1, hits: [] } : best)),
    ];
    if (config.fullText !== false && query.length >= 3 && groups[0].items.length < 3) {
      if (fullText) {
        groups.push(group(S.full_text, fullTextMatches(query, groups[0].items)));
      } else {
        loadFullText();
      }
    }
    // The group holding the best match comes first, so Enter takes the best hit.
    const best = (g) => (g.items.length ? g.items[0].score : -Infinity);
    return groups.filter((g) => g.items.length).sort((a, b) => best(b) - best(a));
  }

  function tagMode(rest) {
    const [tagQuery, ...words] = rest.split(/\s+/);
    const tagLower = tagQuery.toLowerCase();
    const query = words.join(" ").toLowerCase();
    const exact = data.tags.find((tag) => tag.hay === tagLower);
    if (exact && words.length) {
      const tagged = data.posts.filter((post) => post.tags.includes(exact));
      return [group(`${S.posts} #${exact.name}`, rank(tagged, query, LIMIT.post * 3))];
    }
    return [group(S.tags, rank(data.tags, tagLower, LIMIT.tag * 5))];
  }

  function emptyState() {
    const recent = recentUrls()
      .map((url) => data.posts.find((post) => post.url === url))
      .filter(Boolean);
    const newest = data.posts.filter((post) => !recent.includes(post)).slice(0, LIMIT.post);
    const wrap = (items) => items.map((item) => ({ item, score: 0, hits: [] }));
    return [
      group(S.recent, wrap(recent)),
      group(S.newest, wrap(newest)),
      group(S.commands, wrap(commands(""))),
    ].filter((g) => g.items.length);
  }

  function headings() {
    return Array.from(document.querySelectorAll(".md-content h2[id], .md-content h3[id], .md-content h4[id]"))
      .map((heading) => {
        const title = heading.textContent.replace(/¶$/, "").trim();
        return { kind: "heading", title, hay: title.toLowerCase(), anchor: heading.id };
      });
  }

  function helpItems() {
    return [
      [">", S.help_commands],
      ["#", S.help_tags],
      ["@", S.help_headings],
      ["?", S.help_help],
    ].map(([prefix, title]) => ({
      item: { kind: "help", title: `${prefix}  ${title}`, prefix }, score: 0, hits: [],
    }));
  }

  function fullTextMatches(query, postHits) {
    const words = query.split(/\s+/).filter(Boolean);
    const seen = new Set(postHits.map((hit) => new URL(hit.item.url, root).href));
    const matches = [];
    for (const doc of fullText) {
      if (!words.every((word) => doc.hay.includes(word))) continue;
      const page = new URL(doc.url.split("#")[0], root).href;
      if (seen.has(page)) continue;
      seen.add(page);
      const at = Math.max(0, doc.body.toLowerCase().indexOf(words[0]) - 40);
      matches.push({ item: { ...doc, excerpt: doc.body.slice(at, at + 120) }, score: 0, hits: [] });
      if (matches.length >= LIMIT.text) break;
    }
    return matches;
  }

  /* Rendering ----------------------------------------------------------------------------- */

  function highlight(el, value, hits) {
    if (!hits.length) {
      el.textContent = value;
      return;
    }
    const marks = new Set(hits);
    let run = "";
    let marked = false;
    const flush = () => {
      if (!run) return;
      el.appendChild(marked ? text("mark", null, run) : document.createTextNode(run));
      run = "";
    };
    for (let i = 0; i < value.length; i++) {
      const isHit = marks.has(i);
      if (isHit !== marked) {
        flush();
        marked = isHit;
      }
      run += value[i];
    }
    flush();
  }

  function render(groups) {
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
    announce(count ? (count === 1 ? S.result_one : S.results.replace("{count}", count)) : S.no_results);
    if (!count) list.appendChild(text("div", "folio-palette__empty", S.no_results));
    setActive(count ? 0 : -1);
  }

  function option(hit, index) {
    const item = hit.item;
    const el = text("div", `folio-palette__option folio-palette__option--${item.kind}`, null);
    el.id = `folio-palette-o${index}`;
    el.setAttribute("role", "option");
    el.setAttribute("aria-selected", "false");
    el.dataset.index = String(index);
    const title = text("span", "folio-palette__title", null);
    highlight(title, item.title, item.kind === "tag" ? hit.hits.map((i) => i + 1) : hit.hits);
    el.appendChild(title);
    const meta = [];
    if (item.kind === "post") {
      meta.push(item.date, ...item.tags.map((tag) => `#${tag.name}`));
      if (item.draft) meta.push(S.draft);
    } else if (item.kind === "tag") {
      meta.push(item.count === 1 ? S.post_count_one : S.post_count.replace("{count}", item.count));
    } else if (item.kind === "text") {
      meta.push(item.excerpt);
    }
    if (meta.length) el.appendChild(text("span", "folio-palette__meta", meta.join("  ·  ")));
    return el;
  }

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
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-modal", "true");
    dialog.setAttribute("aria-label", S.title);
    const panel = text("div", "folio-palette__panel", null);
    const heading = text("div", "folio-palette__heading", S.title);
    heading.setAttribute("aria-hidden", "true");
    input = text("input", "folio-palette__input", null);
    Object.assign(input, { type: "text", placeholder: S.placeholder, autocomplete: "off", spellcheck: false });
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-label", S.placeholder);
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", "folio-palette-list");
    input.setAttribute("aria-autocomplete", "list");
    list = text("div", "folio-palette__list", null);
    list.id = "folio-palette-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", S.title);
    const closeButton = text("button", "folio-palette__close", S.close);
    closeButton.type = "button";
    status = text("div", "folio-sr-only", null);
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    const top = text("div", "folio-palette__top", null);
    top.append(input, closeButton);
    panel.append(heading, top, list, status);
    dialog.appendChild(panel);
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

  function isTyping(target) {
    if (!target || !(target instanceof Element)) return false;
    if (target.closest(".folio-palette")) return false;
    if (target.matches(".md-search__input")) return false; // opening from Material's search is fine
    return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
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

  function addHeaderButton() {
    if (document.querySelector(".folio-palette-button")) return;
    const button = text("button", "folio-palette-button", null);
    button.type = "button";
    button.setAttribute("aria-label", `${S.title} (${shortcutLabel()})`);
    button.title = S.title;
    button.append(text("span", "folio-palette-button__label", S.title), text("kbd", null, shortcutLabel()));
    button.addEventListener("click", open);
    button.addEventListener("pointerenter", loadIndex, { once: true });
    const header = document.querySelector(".md-header__inner");
    const search = header && header.querySelector(".md-search");
    if (header) header.insertBefore(button, search || null);
    else {
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
