// The search page: reads the query from the URL (/?q=…, so a result list can be shared), asks
// /api/search and shows the hits; /?id=… shows one article (/api/article), with a way back to
// the results it came from. Everything from the archive is put in the page as text
// (textContent), never as HTML.
"use strict";

const pageSize = 10;
const fields = ["q", "lang", "since", "until", "sort"];

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// The URL of a search page: the query and filters of `state`, with `changes` applied.
function pageUrl(state, changes) {
  const params = new URLSearchParams();
  const next = Object.assign({}, state, changes);
  for (const name of fields) if (next[name]) params.set(name, next[name]);
  if (next.all) params.set("all", "1");
  if (next.exact) params.set("exact", "1");
  if (next.offset > 0) params.set("offset", String(next.offset));
  if (next.id) params.set("id", next.id);
  return "/?" + params.toString();
}

function readState() {
  const params = new URLSearchParams(location.search);
  const state = { offset: Math.max(0, parseInt(params.get("offset") || "0", 10) || 0), all: params.get("all") === "1",
    exact: params.get("exact") === "1" };
  for (const name of fields) state[name] = params.get(name) || "";
  state.id = params.get("id") || "";
  return state;
}

function fillForm(state) {
  for (const name of fields) document.getElementById(name).value = state[name];
  document.getElementById("all").checked = state.all;
  if (state.lang || state.since || state.until || state.all || state.sort)
    document.getElementById("filters").open = true;
}

// The snippet with its matched words in <mark>. The API gives highlights as byte offsets of the
// UTF-8 text; JavaScript strings count UTF-16 units, so the text is cut as bytes.
function snippetNode(hit) {
  const node = element("p", "snippet");
  const bytes = new TextEncoder().encode(hit.snippet);
  const decode = (from, to) => new TextDecoder().decode(bytes.subarray(from, to));
  let at = 0;
  for (const [begin, end] of hit.highlights) {
    if (begin < at || end > bytes.length) continue;
    node.append(decode(at, begin));
    node.append(element("mark", "", decode(begin, end)));
    at = end;
  }
  node.append(decode(at, bytes.length));
  return node;
}

function entityLink(entity, state, count) {
  const link = element("a", "chip");
  link.href = pageUrl({ lang: state.lang, since: state.since, until: state.until }, { q: 'entity:"' + entity.key + '"' });
  link.title = entity.type + ": " + entity.key;
  link.append(element("span", "type", entity.type), entity.name || entity.key);
  if (count !== undefined) link.append(" ", element("span", "count", String(count)));
  return link;
}

function hitNode(hit, state) {
  const item = element("li", "hit");
  const heading = element("h2");
  const title = hit.title || "(untitled)";
  if (/^https?:\/\//i.test(hit.url)) {
    const link = element("a", "", title);
    link.href = hit.url;
    link.rel = "noopener noreferrer";
    heading.append(link);
  } else {
    heading.textContent = title;
  }
  item.append(heading);
  const meta = [hit.date, hit.lang, hit.source].filter(Boolean);
  const metaLine = element("div", "meta", meta.join(" · "));
  const text = element("a", "", "text");
  text.href = pageUrl(state, { id: hit.id });
  metaLine.append(meta.length ? " · " : "", text);
  item.append(metaLine);
  if (hit.snippet) item.append(snippetNode(hit));
  if (hit.entities.length) {
    const chips = element("ul", "chips");
    chips.setAttribute("aria-label", "Entities");
    for (const entity of hit.entities.slice(0, 6)) {
      const chip = element("li");
      chip.append(entityLink(entity, state));
      chips.append(chip);
    }
    item.append(chips);
  }
  return item;
}

// One facet's list: a link narrowing the search to each value, and its count.
function fillList(listId, counts, link) {
  const list = document.getElementById(listId);
  list.replaceChildren();
  for (const count of counts) {
    const item = element("li");
    item.append(link(count), element("span", "count", String(count.articles)));
    list.append(item);
  }
  list.closest("section").hidden = counts.length === 0;
}

function linkTo(text, href) {
  const link = element("a", "", text);
  link.href = href;
  return link;
}

// The years of the matches as bars, each a link to that year's articles; the years between
// without articles are drawn empty, so the gaps show.
function fillTimeline(years, state) {
  const dated = years.filter((y) => y.key !== "");
  const rows = [];
  if (dated.length) {
    const byYear = new Map(dated.map((y) => [Number(y.key), y.articles]));
    const first = Number(dated[0].key);
    const last = Number(dated[dated.length - 1].key);
    if (last - first < 200) {
      for (let year = first; year <= last; ++year) rows.push({ key: String(year), articles: byYear.get(year) || 0 });
    } else {
      rows.push(...dated); // a stray date centuries off: the years with articles only
    }
  }
  const most = Math.max(1, ...rows.map((r) => r.articles));
  fillList("timeline", rows, (row) => {
    const link = linkTo(row.key, pageUrl(state, { since: row.key, until: row.key, offset: 0 }));
    const bar = element("span", "bar");
    bar.style.width = Math.round((100 * row.articles) / most) + "%";
    link.append(bar);
    link.setAttribute("aria-label", row.key + ": " + row.articles + " articles");
    return link;
  });
}

function showFacets(facets, state) {
  const of = (name) => facets.filter((f) => f.facet === name);
  fillTimeline(of("year"), state);
  fillList("lang-list", of("lang").filter((f) => f.key), (f) => linkTo(f.key, pageUrl(state, { lang: f.key, offset: 0 })));
  const quoted = (text) => '"' + text.replace(/"/g, " ") + '"';
  fillList("source-list", of("source").filter((f) => f.key).slice(0, 10), (f) =>
    linkTo(f.key, pageUrl(state, { q: state.q + " source:" + quoted(f.key), offset: 0 })));
  fillList("facet-list", of("entity").slice(0, 15), (f) => entityLink(f, state));
  document.getElementById("facets").hidden = facets.length === 0;
}

function showPages(results, state) {
  const nav = document.getElementById("pages");
  nav.replaceChildren();
  if (state.offset > 0) {
    const previous = element("a", "", "← Previous");
    previous.href = pageUrl(state, { offset: Math.max(0, state.offset - pageSize) });
    nav.append(previous);
  }
  if (state.offset + results.hits.length < results.total) {
    const next = element("a", "", "Next →");
    next.href = pageUrl(state, { offset: state.offset + pageSize });
    nav.append(next);
  }
}

// "Showing results for «corrected». Search instead for «typed»." or "Did you mean «…»?", as links.
function showCorrection(results, state) {
  const note = document.getElementById("correction");
  note.replaceChildren();
  const corrected = results.corrected || results.suggestion;
  note.hidden = !corrected;
  if (!corrected) return;
  const link = (q, exact) => {
    const a = element("a", "", q);
    a.href = pageUrl(state, { q: q, offset: 0, exact: exact });
    return a;
  };
  if (results.corrected)
    note.append("Showing results for ", link(results.corrected, false), ". Search instead for ", link(state.q, true), ".");
  else note.append("Did you mean ", link(results.suggestion, false), "?");
}

function showStatus(text, isError) {
  const status = document.getElementById("status");
  status.textContent = text;
  status.classList.toggle("error", Boolean(isError));
}

async function search(state) {
  const hits = document.getElementById("hits");
  if (!state.q.trim()) {
    hits.replaceChildren();
    showStatus("");
    return;
  }
  document.title = state.q + " · Sova";
  const params = new URLSearchParams({
    q: state.q,
    n: String(pageSize),
    offset: String(state.offset),
    facet: "year,lang,source,entity",
  });
  for (const name of ["lang", "since", "until", "sort"]) if (state[name]) params.set(name, state[name]);
  if (state.all) params.set("all", "1");
  if (state.exact) params.set("correct", "0");
  showStatus("Searching…");
  let results;
  try {
    let response = await fetch("/api/search?" + params.toString());
    results = await response.json();
    if (response.status === 400 && results.parameter === "facet") {
      // An index built before language and source facets: the search without them.
      params.set("facet", "year,entity");
      response = await fetch("/api/search?" + params.toString());
      results = await response.json();
    }
    if (!response.ok) {
      const where = results.column ? " (at character " + results.column + ")" : "";
      showStatus((results.error || "the search failed") + where, true);
      hits.replaceChildren();
      return;
    }
  } catch (error) {
    showStatus("The server did not answer: " + error.message, true);
    return;
  }
  hits.replaceChildren(...results.hits.map((hit) => hitNode(hit, state)));
  hits.start = state.offset + 1;
  const about = results.total_exact ? "" : "about ";
  const shown = results.hits.length
    ? "Results " + (state.offset + 1) + "–" + (state.offset + results.hits.length) + " of " + about + results.total
    : "No articles match.";
  const partial = results.partial ? " Some shards did not answer: " + results.missing.join(", ") + "." : "";
  showStatus(shown + partial, Boolean(results.partial));
  showCorrection(results, state);
  showFacets(results.facets, state);
  showPages(results, state);
}

// Shows the search's results, or the one article the URL names.
function showResults(visible) {
  document.querySelector(".layout").hidden = !visible;
  document.getElementById("pages").hidden = !visible;
  document.getElementById("article").hidden = visible;
}

// The query for articles like the one with this id, in any language: like:ID (quoted when
// the id holds a space or a parenthesis).
function likeQuery(id) {
  return /[\s()"]/.test(id) ? 'like:"' + id + '"' : "like:" + id;
}

async function showArticle(state) {
  showResults(false);
  document.getElementById("back").href = pageUrl(state, { id: "" });
  document.getElementById("more-like").href = pageUrl({}, { q: likeQuery(state.id) });
  const title = document.getElementById("article-title");
  const text = document.getElementById("article-text");
  const chips = document.getElementById("article-entities");
  for (const node of [title, text, chips, document.getElementById("article-meta")]) node.replaceChildren();
  showStatus("Loading…");
  let article;
  try {
    const response = await fetch("/api/article?id=" + encodeURIComponent(state.id));
    article = await response.json();
    if (!response.ok) {
      showStatus(article.error || "the article could not be read", true);
      return;
    }
  } catch (error) {
    showStatus("The server did not answer: " + error.message, true);
    return;
  }
  showStatus("");
  document.title = (article.title || article.id) + " · Sova";
  title.textContent = article.title || "(untitled)";
  const meta = document.getElementById("article-meta");
  meta.textContent = [article.date, article.lang, article.source, "id " + article.id].filter(Boolean).join(" · ");
  if (/^https?:\/\//i.test(article.url)) {
    const link = element("a", "", "original");
    link.href = article.url;
    link.rel = "noopener noreferrer";
    meta.append(" · ", link);
  }
  for (const entity of article.entities) {
    const chip = element("li");
    chip.append(entityLink(entity, state));
    chips.append(chip);
  }
  // Paragraphs as the text has them: blank lines apart (or single line breaks, when it has no blank line).
  const breaks = /\n\s*\n/.test(article.text) ? /\n\s*\n/ : /\n/;
  for (const paragraph of article.text.split(breaks)) {
    if (paragraph.trim()) text.append(element("p", "", paragraph.trim()));
  }
}

function show(state) {
  if (state.id) {
    showArticle(state);
  } else {
    showResults(true);
    search(state);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const state = readState();
  fillForm(state);
  show(state);
  document.getElementById("search").addEventListener("submit", (event) => {
    event.preventDefault();
    const next = { offset: 0, all: document.getElementById("all").checked };
    for (const name of fields) next[name] = document.getElementById(name).value.trim();
    history.pushState(null, "", pageUrl(next, {}));
    show(next);
  });
  window.addEventListener("popstate", () => {
    const previous = readState();
    fillForm(previous);
    show(previous);
  });
  document.addEventListener("keydown", (event) => {
    const typing = ["INPUT", "TEXTAREA"].includes(document.activeElement.tagName);
    if (event.key === "/" && !typing) {
      event.preventDefault();
      document.getElementById("q").focus();
    }
  });
});
