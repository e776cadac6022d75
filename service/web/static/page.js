/* claimscope newsroom page: paste an article, call POST /extract, draw every claim.
 *
 * The article is drawn in one pass into a DocumentFragment: every claim, cue and speaker
 * mention is an interval of the text; intervals that nest become nested elements, and an
 * interval that crosses another's end is split there and continued (the continuation has
 * the same data-claim-id, without the "head" class). Response data is only ever set as
 * text (textContent), never parsed as HTML.
 *
 * window.claimscope exposes render(text, response), the last response, and the CSV export
 * for the user's own scripts.
 */
(function () {
  "use strict";

  const TYPES = ["direct", "indirect", "mixed", "unattributed"];
  const TYPE_NAMES = {
    direct: "direct quote",
    indirect: "reported speech",
    mixed: "mixed quote",
    unattributed: "reporter's own statement",
  };
  const PALETTE_SIZE = 8;
  const WORTHY_LIST = 10;
  const RANK = { claim: 0, mention: 1, cue: 2 };

  const $ = (id) => document.getElementById(id);
  const state = {
    text: "",
    response: null,
    claims: new Map(), // id -> claim
    speakers: new Map(), // id -> {speaker, index, badge}
    parts: new Map(), // claim id -> [elements]
    heads: [], // head elements in text order
    mentions: [], // mention elements
    filter: { speaker: null, types: new Set(TYPES), minConfidence: 0, minWorthy: 0 },
  };

  // ---- offsets ---------------------------------------------------------------------------
  /** Code-point offset -> UTF-16 index for this text (identity without astral characters). */
  function codePointMapper(text) {
    if (!/[\uD800-\uDBFF]/.test(text)) return (cp) => cp;
    const table = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) i++;
      table.push(i + 1);
    }
    return (cp) => table[Math.max(0, Math.min(cp, table.length - 1))];
  }

  function utf16Span(obj, toUtf16) {
    if (Number.isInteger(obj.start_utf16) && Number.isInteger(obj.end_utf16)) {
      return [obj.start_utf16, obj.end_utf16];
    }
    return [toUtf16(obj.start), toUtf16(obj.end)];
  }

  // ---- speakers ----------------------------------------------------------------------------
  function initials(name) {
    const words = String(name || "").split(/[\s\-–]+/).filter((w) => /\p{L}/u.test(w));
    const caps = words.filter((w) => /^\p{Lu}/u.test(w));
    const use = caps.length ? caps : words;
    if (!use.length) return "?";
    const first = use[0][0];
    const last = use.length > 1 ? use[use.length - 1][0] : "";
    return (first + last).toUpperCase();
  }

  function indexSpeakers(speakers) {
    state.speakers.clear();
    const seen = new Map();
    speakers.forEach((sp, index) => {
      const base = initials(sp.name);
      seen.set(base, (seen.get(base) || 0) + 1);
      state.speakers.set(sp.id, { speaker: sp, index, badge: base });
    });
    for (const entry of state.speakers.values()) {
      if (seen.get(entry.badge) > 1) entry.badge += String(entry.index + 1);
    }
  }

  function colourClass(speakerId) {
    const entry = speakerId ? state.speakers.get(speakerId) : null;
    return entry ? "sp-" + (entry.index % PALETTE_SIZE) : "sp-none";
  }

  function badgeOf(claim) {
    if (!claim.speaker) return "reporter";
    const entry = state.speakers.get(claim.speaker.id);
    return entry ? entry.badge : initials(claim.speaker.name);
  }

  // ---- intervals -------------------------------------------------------------------------
  function collectSpans(text, response) {
    const toUtf16 = codePointMapper(text);
    const spans = [];
    const mentions = new Map();
    const addMention = (m, speakerId, claimId) => {
      const [s, e] = utf16Span(m, toUtf16);
      const key = s + ":" + e;
      let span = mentions.get(key);
      if (!span) {
        span = { s, e, kind: "mention", speakerId, claimIds: [] };
        mentions.set(key, span);
      }
      if (claimId && !span.claimIds.includes(claimId)) span.claimIds.push(claimId);
    };
    for (const sp of response.speakers || []) {
      for (const m of sp.mentions || []) addMention(m, sp.id, null);
    }
    for (const claim of response.claims || []) {
      const [s, e] = utf16Span(claim, toUtf16);
      spans.push({ s, e, kind: "claim", claim });
      if (claim.cue) {
        const [cs, ce] = utf16Span(claim.cue, toUtf16);
        spans.push({ s: cs, e: ce, kind: "cue", claim });
      }
      if (claim.speaker && claim.speaker.mention) {
        addMention(claim.speaker.mention, claim.speaker.id, claim.id);
      }
    }
    spans.push(...mentions.values());
    const n = text.length;
    return spans
      .map((sp) => Object.assign(sp, { s: Math.max(0, sp.s), e: Math.min(n, sp.e) }))
      .filter((sp) => sp.s < sp.e)
      .sort((a, b) => a.s - b.s || b.e - a.e || RANK[a.kind] - RANK[b.kind]);
  }

  function openElement(span, continued) {
    let el;
    if (span.kind === "claim") {
      const c = span.claim;
      el = document.createElement("mark");
      el.className = "claim t-" + c.type + " " + colourClass(c.speaker && c.speaker.id);
      el.dataset.claimId = c.id;
      if (c.speaker) el.dataset.speakerId = c.speaker.id;
      if (!continued) {
        el.classList.add("head");
        el.id = "claim-" + c.id;
        el.tabIndex = 0;
        el.dataset.badge = badgeOf(c);
        state.heads.push(el);
      }
      const parts = state.parts.get(c.id);
      if (parts) parts.push(el);
      else state.parts.set(c.id, [el]);
    } else if (span.kind === "cue") {
      el = document.createElement("span");
      el.className = "cue";
      el.dataset.cueOf = span.claim.id;
    } else {
      el = document.createElement("span");
      el.className = "mention " + colourClass(span.speakerId);
      el.dataset.speakerId = span.speakerId;
      if (span.claimIds.length) el.dataset.claimIds = span.claimIds.join(" ");
      state.mentions.push(el);
    }
    return el;
  }

  /** The article with every interval as an element, built once into a fragment. */
  function buildArticle(text, spans) {
    const bounds = new Set([0, text.length]);
    const startsAt = new Map();
    const endsAt = new Map();
    for (const sp of spans) {
      bounds.add(sp.s);
      bounds.add(sp.e);
      if (!startsAt.has(sp.s)) startsAt.set(sp.s, []);
      startsAt.get(sp.s).push(sp);
      if (!endsAt.has(sp.e)) endsAt.set(sp.e, []);
      endsAt.get(sp.e).push(sp);
    }
    const points = Array.from(bounds).sort((a, b) => a - b);
    const fragment = document.createDocumentFragment();
    let active = []; // open spans, outermost first
    let stack = []; // elements for active[0..stack.length)
    const top = () => (stack.length ? stack[stack.length - 1] : fragment);
    const open = (span, continued) => {
      const el = openElement(span, continued);
      top().appendChild(el);
      stack.push(el);
    };
    for (let i = 0; i < points.length; i++) {
      const p = points[i];
      const ending = endsAt.get(p);
      if (ending) {
        for (const sp of ending) sp.done = true;
        let k = active.findIndex((sp) => sp.done);
        if (k >= 0) {
          stack = stack.slice(0, k);
          active = active.filter((sp) => !sp.done);
          for (; k < active.length; k++) open(active[k], true);
        }
      }
      for (const sp of startsAt.get(p) || []) {
        active.push(sp);
        open(sp, false);
      }
      if (i + 1 < points.length) top().appendChild(document.createTextNode(text.slice(p, points[i + 1])));
    }
    return fragment;
  }

  // ---- rendering ---------------------------------------------------------------------------
  function render(text, response) {
    state.text = text;
    state.response = response;
    state.claims = new Map((response.claims || []).map((c) => [c.id, c]));
    state.parts = new Map();
    state.heads = [];
    state.mentions = [];
    state.filter.speaker = null;
    indexSpeakers(response.speakers || []);
    const fragment = buildArticle(text, collectSpans(text, response));
    $("article").replaceChildren(fragment);
    renderLegend();
    renderSpeakers();
    renderTypeFilters();
    $("results").hidden = false;
    const n = state.claims.size;
    const m = state.speakers.size;
    $("summary").textContent =
      n + (n === 1 ? " claim" : " claims") + " from " + m + (m === 1 ? " speaker" : " speakers") +
      " in " + text.length.toLocaleString("en") + " characters.";
    applyFilters();
  }

  function renderLegend() {
    const legend = $("legend");
    legend.replaceChildren();
    for (const t of TYPES) {
      const m = document.createElement("mark");
      m.className = "claim t-" + t + " " + (t === "unattributed" ? "sp-none" : "sp-0");
      m.textContent = TYPE_NAMES[t];
      legend.appendChild(m);
    }
    const cue = document.createElement("span");
    cue.className = "cue";
    cue.textContent = "cue word";
    const mention = document.createElement("span");
    mention.className = "mention sp-0";
    mention.textContent = "speaker mention";
    legend.append(cue, mention);
  }

  function renderSpeakers() {
    const list = $("speakers");
    list.replaceChildren();
    for (const { speaker, badge } of state.speakers.values()) {
      const li = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = colourClass(speaker.id);
      button.dataset.speakerId = speaker.id;
      button.setAttribute("aria-pressed", "false");
      const swatch = el("span", "swatch", badge);
      swatch.setAttribute("aria-hidden", "true");
      const who = el("span", "who", speaker.name);
      if (speaker.role) who.appendChild(el("span", "role", speaker.role));
      const count = (speaker.claim_ids || []).length;
      button.append(swatch, who, el("span", "count", count + (count === 1 ? " claim" : " claims")));
      button.addEventListener("click", () => {
        state.filter.speaker = state.filter.speaker === speaker.id ? null : speaker.id;
        applyFilters();
      });
      li.appendChild(button);
      list.appendChild(li);
    }
    const li = document.createElement("li");
    const all = el("button", "plain", "Show all speakers");
    all.type = "button";
    all.id = "all-speakers";
    all.addEventListener("click", () => {
      state.filter.speaker = null;
      applyFilters();
    });
    li.appendChild(all);
    list.appendChild(li);
  }

  function renderTypeFilters() {
    const box = $("types");
    box.querySelectorAll("label").forEach((l) => l.remove());
    const counts = {};
    for (const c of state.claims.values()) counts[c.type] = (counts[c.type] || 0) + 1;
    for (const t of TYPES) {
      const label = document.createElement("label");
      const input = document.createElement("input");
      input.type = "checkbox";
      input.value = t;
      input.checked = state.filter.types.has(t);
      input.addEventListener("change", () => {
        if (input.checked) state.filter.types.add(t);
        else state.filter.types.delete(t);
        applyFilters();
      });
      label.append(input, document.createTextNode(TYPE_NAMES[t] + " (" + (counts[t] || 0) + ")"));
      box.appendChild(label);
    }
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // ---- filters -----------------------------------------------------------------------------
  function visible(claim) {
    const f = state.filter;
    if (f.speaker && !(claim.speaker && claim.speaker.id === f.speaker)) return false;
    if (!f.types.has(claim.type)) return false;
    if ((claim.confidence || 0) < f.minConfidence) return false;
    const worth = claim.checkworthiness;
    return f.minWorthy <= 0 || (typeof worth === "number" && worth >= f.minWorthy);
  }

  function applyFilters() {
    let shown = 0;
    for (const [id, claim] of state.claims) {
      const on = visible(claim);
      if (on) shown++;
      for (const part of state.parts.get(id) || []) {
        part.classList.toggle("off", !on);
        if (part.classList.contains("head")) part.tabIndex = on ? 0 : -1;
      }
    }
    const speaker = state.filter.speaker;
    for (const m of state.mentions) m.classList.toggle("off", !!speaker && m.dataset.speakerId !== speaker);
    for (const b of $("speakers").querySelectorAll("button[data-speaker-id]")) {
      b.setAttribute("aria-pressed", String(b.dataset.speakerId === speaker));
    }
    $("shown").textContent = "Showing " + shown + " of " + state.claims.size + " claims.";
    renderWorthy();
    hideCard();
  }

  function renderWorthy() {
    const list = $("worthy");
    list.replaceChildren();
    const ranked = Array.from(state.claims.values())
      .filter((c) => visible(c) && typeof c.checkworthiness === "number")
      .sort((a, b) => b.checkworthiness - a.checkworthiness)
      .slice(0, WORTHY_LIST);
    for (const claim of ranked) {
      const li = document.createElement("li");
      const button = el("button", colourClass(claim.speaker && claim.speaker.id));
      button.type = "button";
      button.dataset.claimId = claim.id;
      const swatch = el("span", "swatch", badgeOf(claim));
      swatch.setAttribute("aria-hidden", "true");
      const snippet = claim.text.length > 90 ? claim.text.slice(0, 88) + "…" : claim.text;
      const who = claim.speaker ? claim.speaker.name : "the reporter";
      button.append(
        el("span", "score", claim.checkworthiness.toFixed(2)),
        swatch,
        el("span", "what", who + ": " + snippet),
      );
      button.addEventListener("click", () => jumpTo(claim.id));
      li.appendChild(button);
      list.appendChild(li);
    }
    if (!ranked.length) list.appendChild(el("li", "hint", "No claim passes the filters."));
  }

  function jumpTo(claimId) {
    const head = $("claim-" + claimId);
    if (!head) return;
    head.scrollIntoView({ block: "center" });
    head.focus({ preventScroll: true });
  }

  // ---- the card ----------------------------------------------------------------------------
  function fmt(x) {
    return typeof x === "number" ? x.toFixed(2) : "—";
  }

  function resolutionText(speaker) {
    const r = speaker.resolution;
    if (r && typeof r === "object") {
      const parts = [String(r.method || "resolved")];
      const ante = r.antecedent && typeof r.antecedent === "object" ? r.antecedent.text : r.antecedent;
      if (ante) parts.push("antecedent “" + ante + "”");
      if (typeof r.confidence === "number") parts.push("confidence " + fmt(r.confidence));
      return parts.join(", ");
    }
    const mention = speaker.mention ? speaker.mention.text : "";
    if (mention && mention.includes(speaker.name)) return "named in the mention";
    return "the mention was linked to " + speaker.name + " elsewhere in the article";
  }

  function rulesText(claim) {
    const rules = claim.explain !== undefined ? claim.explain : claim.rules;
    if (rules === undefined || rules === null) return "";
    if (Array.isArray(rules)) return rules.map((r) => (typeof r === "string" ? r : JSON.stringify(r))).join(", ");
    return typeof rules === "string" ? rules : JSON.stringify(rules);
  }

  function addRow(dl, term, value) {
    if (value === "" || value === null || value === undefined) return;
    dl.append(el("dt", null, term), el("dd", null, value));
  }

  function claimCard(claim) {
    const card = $("card");
    const sp = claim.speaker;
    const heading = el("h3", null, sp ? sp.name : "No speaker: the reporter's own statement");
    const dl = document.createElement("dl");
    if (sp) {
      const entry = state.speakers.get(sp.id);
      addRow(dl, "Speaker", sp.name + " (" + sp.type + (entry && entry.speaker.role ? ", " + entry.speaker.role : "") + ")");
      addRow(dl, "Mention", sp.mention ? "“" + sp.mention.text + "”" : "");
      addRow(dl, "Resolved", resolutionText(sp));
      addRow(dl, "Speaker conf.", fmt(sp.confidence));
    }
    addRow(dl, "Type", TYPE_NAMES[claim.type] || claim.type);
    addRow(dl, "Cue", claim.cue ? "“" + claim.cue.text + "”" + (claim.framing ? ", framing: " + claim.framing : "") : "none");
    addRow(dl, "Confidence", fmt(claim.confidence));
    addRow(dl, "Check-worthy", fmt(claim.checkworthiness));
    const labels = (claim.labels || []).slice(0, 3).map((l) => l.label + " " + fmt(l.score)).join("; ");
    addRow(dl, "Labels", labels);
    const stance = (claim.stance || []).map((s) => s.target + ": " + s.label + " " + fmt(s.score)).join("; ");
    addRow(dl, "Stance", stance);
    addRow(dl, "Rules", rulesText(claim));
    addRow(dl, "Claim", claim.id + ", characters " + claim.start + "–" + claim.end);
    card.replaceChildren(heading, dl);
    card.dataset.claimId = claim.id;
    delete card.dataset.speakerId;
  }

  function mentionCard(mentionEl) {
    const card = $("card");
    const entry = state.speakers.get(mentionEl.dataset.speakerId);
    if (!entry) return false;
    const sp = entry.speaker;
    const claimIds = (mentionEl.dataset.claimIds || "").split(" ").filter(Boolean);
    const claim = claimIds.length ? state.claims.get(claimIds[0]) : null;
    const dl = document.createElement("dl");
    addRow(dl, "Mention", "“" + mentionEl.textContent + "”");
    addRow(dl, "Speaker", sp.name + " (" + sp.type + (sp.role ? ", " + sp.role : "") + ")");
    if (claim && claim.speaker) addRow(dl, "Resolved", resolutionText(claim.speaker));
    addRow(dl, "Also called", (sp.aliases || []).join(", "));
    addRow(dl, "Claims", (sp.claim_ids || []).length + (claimIds.length ? " (this mention: " + claimIds.join(", ") + ")" : ""));
    card.replaceChildren(el("h3", null, sp.name), dl);
    card.dataset.speakerId = sp.id;
    delete card.dataset.claimId;
    return true;
  }

  function showCard(target) {
    const card = $("card");
    if (target.classList.contains("mention")) {
      if (!mentionCard(target)) return;
    } else {
      const claim = state.claims.get(target.dataset.claimId);
      if (!claim) return;
      claimCard(claim);
    }
    card.hidden = false;
    placeCard(card, target);
  }

  /** Below the highlight's last line, or above its first line where below does not fit. */
  function placeCard(card, target) {
    const rects = target.getClientRects();
    const first = rects[0] || target.getBoundingClientRect();
    const last = rects[rects.length - 1] || first;
    const height = card.offsetHeight;
    const maxLeft = document.documentElement.clientWidth - card.offsetWidth - 8;
    let top = last.bottom + 6;
    if (top + height > window.innerHeight && first.top - height - 6 >= 0) top = first.top - height - 6;
    card.style.left = Math.max(8, Math.min(first.left, maxLeft)) + window.scrollX + "px";
    card.style.top = top + window.scrollY + "px";
  }

  function hideCard() {
    $("card").hidden = true;
  }

  function highlightOf(node) {
    if (!(node instanceof Element)) return null;
    const found = node.closest("mark.claim, .mention");
    if (!found || found.classList.contains("off")) return null;
    if (found.matches("mark.claim") && !found.classList.contains("head")) {
      return $("claim-" + found.dataset.claimId);
    }
    return found;
  }

  function moveFocus(step) {
    const heads = state.heads.filter((h) => !h.classList.contains("off"));
    if (!heads.length) return;
    const at = heads.indexOf(document.activeElement);
    const next = at < 0 ? (step > 0 ? 0 : heads.length - 1) : (at + step + heads.length) % heads.length;
    heads[next].scrollIntoView({ block: "nearest" });
    heads[next].focus({ preventScroll: true });
  }

  function wireArticle() {
    const article = $("article");
    // Esc dismisses the card; it stays closed for the highlights it was dismissed on until
    // the pointer or the focus moves to another one (WCAG 1.4.13).
    let hovered = null;
    let dismissed = [];
    article.addEventListener("mouseover", (ev) => {
      const target = highlightOf(ev.target);
      if (!target || dismissed.includes(target)) return;
      dismissed = [];
      hovered = target;
      showCard(target);
    });
    article.addEventListener("mouseleave", () => {
      if (!article.contains(document.activeElement) || document.activeElement === article) hideCard();
    });
    article.addEventListener("focusin", (ev) => {
      const target = highlightOf(ev.target);
      if (!target) return;
      dismissed = [];
      showCard(target);
      target.setAttribute("aria-describedby", "card");
    });
    article.addEventListener("focusout", (ev) => {
      if (ev.target instanceof Element) ev.target.removeAttribute("aria-describedby");
      hideCard();
    });
    document.addEventListener("keydown", (ev) => {
      if (ev.key === "Escape") {
        dismissed = [hovered, highlightOf(document.activeElement)].filter(Boolean);
        hideCard();
        return;
      }
      const typing = ev.target instanceof Element && ev.target.closest("input, textarea, select");
      if (typing || ev.ctrlKey || ev.metaKey || ev.altKey || $("results").hidden) return;
      if (ev.key === "j" || ev.key === "n") moveFocus(1);
      else if (ev.key === "k" || ev.key === "p") moveFocus(-1);
      else return;
      ev.preventDefault();
    });
  }

  // ---- export -----------------------------------------------------------------------------
  const CSV_COLUMNS = [
    "claim_id", "type", "start", "end", "start_utf16", "end_utf16", "text", "cue", "framing",
    "speaker_id", "speaker_name", "speaker_type", "speaker_role", "speaker_confidence",
    "mention", "mention_start", "mention_end", "confidence", "checkworthiness", "labels", "stance",
  ];

  function csvCell(value) {
    if (value === null || value === undefined) return "";
    let s = String(value);
    if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = "'" + s; // no spreadsheet formulas
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function claimsCsv(response) {
    const speakers = new Map((response.speakers || []).map((s) => [s.id, s]));
    const rows = [CSV_COLUMNS.join(",")];
    for (const c of response.claims || []) {
      const sp = c.speaker;
      const full = sp ? speakers.get(sp.id) : null;
      const row = [
        c.id, c.type, c.start, c.end, c.start_utf16, c.end_utf16, c.text,
        c.cue ? c.cue.text : null, c.framing,
        sp ? sp.id : null, sp ? sp.name : null, sp ? sp.type : null, full ? full.role : null,
        sp ? sp.confidence : null,
        sp && sp.mention ? sp.mention.text : null, sp && sp.mention ? sp.mention.start : null,
        sp && sp.mention ? sp.mention.end : null,
        c.confidence, c.checkworthiness,
        (c.labels || []).map((l) => l.label + ":" + l.score).join("; "),
        (c.stance || []).map((s) => s.target + ":" + s.label + ":" + s.score).join("; "),
      ];
      rows.push(row.map(csvCell).join(","));
    }
    return rows.join("\r\n") + "\r\n";
  }

  function download(name, type, content) {
    const url = URL.createObjectURL(new Blob([content], { type }));
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function baseName() {
    const id = state.response && state.response.id;
    return "claimscope-" + (id ? String(id).replace(/[^\w.-]+/g, "_").slice(0, 60) : "article");
  }

  // ---- errors ----------------------------------------------------------------------------
  function retrySeconds(header) {
    if (!header) return null;
    const n = Number(header);
    if (Number.isFinite(n)) return Math.max(1, Math.ceil(n));
    const when = Date.parse(header);
    return Number.isFinite(when) ? Math.max(1, Math.ceil((when - Date.now()) / 1000)) : null;
  }

  function problemLines(status, problem, retryAfter) {
    const detail = problem && typeof problem.detail === "string" ? problem.detail : "";
    const wait = retrySeconds(retryAfter);
    const again = wait ? "Try again in " + wait + (wait === 1 ? " second." : " seconds.") : "Try again shortly.";
    switch (status) {
      case 400:
        return ["The service could not read the request.", detail];
      case 401:
        return ["The API key is missing or wrong: enter the key you were given for this service.", detail];
      case 413:
        return ["The article is too long for this service. Shorten it or split it into parts.", detail];
      case 415:
        return ["The request was not sent as JSON.", detail];
      case 422:
        return ["Some of the input was not accepted.", detail];
      case 429:
        return ["You already have extractions running on this service. " + again, detail];
      case 503:
        return ["The service is busy or not ready yet. " + again, detail];
      default:
        if (status >= 500) return ["The service failed on this request (status " + status + "). " + again, detail];
        return ["The request was refused (status " + status + ").", detail];
    }
  }

  function showMessage(lines, errors, requestId) {
    const box = $("message");
    box.replaceChildren();
    for (const line of lines) if (line) box.appendChild(el("p", null, line));
    if (errors && typeof errors === "object") {
      const ul = document.createElement("ul");
      for (const [field, messages] of Object.entries(errors)) {
        const text = Array.isArray(messages) ? messages.join(" ") : JSON.stringify(messages);
        ul.appendChild(el("li", null, field + ": " + text));
      }
      if (ul.children.length) box.appendChild(ul);
    }
    if (requestId) box.appendChild(el("p", "hint", "Request id: " + requestId));
    box.hidden = false;
  }

  function clearMessage() {
    $("message").hidden = true;
    $("message").replaceChildren();
  }

  // ---- the form ----------------------------------------------------------------------------
  function lines(id) {
    const node = $(id);
    return node ? node.value.split("\n").map((s) => s.trim()).filter(Boolean) : [];
  }

  function countCodePoints(text) {
    let n = text.length;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) n--;
    }
    return n;
  }

  function updateCount() {
    const max = Number($("main").dataset.maxChars);
    const n = countCodePoints($("text").value);
    $("text-count").textContent =
      n.toLocaleString("en") + " characters (limit " + max.toLocaleString("en") + ")" +
      (n > max ? ": over the limit, the service will refuse it" : "");
  }

  async function submit(ev) {
    ev.preventDefault();
    const text = $("text").value;
    const body = { text };
    const labels = lines("labels");
    const targets = lines("targets");
    if (labels.length) body.labels = labels;
    if (targets.length) body.targets = targets;
    const headers = { "Content-Type": "application/json", Accept: "application/json" };
    const key = $("api-key");
    if (key && key.value.trim()) headers.Authorization = "Bearer " + key.value.trim();
    clearMessage();
    $("run").disabled = true;
    $("busy").hidden = false;
    try {
      let response;
      try {
        response = await fetch("/extract", { method: "POST", headers, body: JSON.stringify(body) });
      } catch (err) {
        showMessage(["Could not reach the service: " + (err && err.message ? err.message : err)]);
        return;
      }
      let payload = null;
      try {
        payload = await response.json();
      } catch (err) {
        payload = null;
      }
      if (!response.ok || !payload || !Array.isArray(payload.claims)) {
        const status = response.ok ? 502 : response.status;
        showMessage(
          problemLines(status, payload, response.headers.get("Retry-After")),
          payload && payload.errors,
          (payload && payload.request_id) || response.headers.get("X-Request-ID"),
        );
        return;
      }
      render(text, payload);
      $("results").scrollIntoView({ block: "start" });
    } finally {
      $("run").disabled = false;
      $("busy").hidden = true;
    }
  }

  function readFile() {
    const file = $("file").files[0];
    if (!file) return;
    const reader = new FileReader();
    reader.addEventListener("load", () => {
      $("text").value = String(reader.result).replace(/\r\n?/g, "\n");
      updateCount();
    });
    reader.addEventListener("error", () => showMessage(["Could not read the file " + file.name + "."]));
    reader.readAsText(file);
  }

  function range(id, key) {
    const input = $(id);
    input.addEventListener("input", () => {
      state.filter[key] = Number(input.value);
      $(id + "-value").textContent = Number(input.value).toFixed(2);
      applyFilters();
    });
  }

  function init() {
    $("extract-form").addEventListener("submit", submit);
    $("text").addEventListener("input", updateCount);
    $("file").addEventListener("change", readFile);
    range("min-confidence", "minConfidence");
    range("min-checkworthiness", "minWorthy");
    $("export-json").addEventListener("click", () =>
      download(baseName() + ".json", "application/json", JSON.stringify(state.response, null, 2)),
    );
    $("export-csv").addEventListener("click", () =>
      download(baseName() + ".csv", "text/csv;charset=utf-8", claimsCsv(state.response)),
    );
    wireArticle();
    window.addEventListener("resize", hideCard); // its place was computed for the old layout
    updateCount();
  }

  window.claimscope = Object.freeze({
    render,
    claimsCsv,
    get response() {
      return state.response;
    },
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
