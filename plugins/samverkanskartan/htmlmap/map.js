/* Samverkanskartan: the interactive map.
   Safety: the data arrives as JSON in <script type="application/json">; every user string is
   placed with textContent or drawn on the canvas, never parsed as markup (no innerHTML).
   vis-network shows string tooltips with innerText. */
"use strict";
(function () {
  // Marks for the benchmark: how long parsing, building the network and drawing take.
  performance.mark("samverkan:start");
  const data = JSON.parse(document.getElementById("map-data").textContent);
  performance.mark("samverkan:parsed");
  const ui = data.ui;
  const labels = data.labels;
  const style = data.style;
  const byId = (id) => document.getElementById(id);
  let collator = null; // made when first needed: the first frame does not sort anything
  const compare = (x, y) => (collator = collator || new Intl.Collator(data.lang)).compare(x, y);
  const decimal = (n) => n.toLocaleString(data.lang, { maximumFractionDigits: 6 }); // 2,5 in Swedish
  const BULK_LINES = 3000; // above this many lines the map draws them itself (see drawBulk)

  function el(tag, text, className) {
    const element = document.createElement(tag);
    if (text !== undefined && text !== null) element.textContent = String(text);
    if (className) element.className = className;
    return element;
  }
  function clear(element) {
    while (element.firstChild) element.removeChild(element.firstChild);
  }
  function push(map, key, value) {
    if (!map.has(key)) map.set(key, []);
    map.get(key).push(value);
  }

  // --- the facts, decoded and indexed ------------------------------------------------------------
  // The payload refers to nodes (actors, then forums), persons and target groups by position.
  // This block holds what the first frame needs; the rest of each record (details, sources,
  // flag texts) comes in a second block at the same positions, decoded in `finish`.
  const nodeIds = data.actors.map((a) => a.id).concat(data.forums.map((f) => f.id));
  const ref = (i) => (i === undefined ? undefined : nodeIds[i]);
  const refs = (list) => (list || []).map(ref);
  const groupIds = (list) => (list || []).map((i) => data.groups[i].id);
  data.actors.forEach((a) => { a.parent = ref(a.parent); });
  data.forums.forEach((f) => {
    f.members = refs(f.members);
    const changes = {};
    Object.entries(f.memberChanges || {}).forEach(([i, change]) => (changes[f.members[i]] = change));
    f.memberChanges = changes;
  });
  data.contacts = data.contacts.map((c) => ({
    id: c.id, a: ref(c.a), b: ref(c.b), level: data.levels[c.l], start: c.start, end: c.end, change: c.change, w: c.w,
  }));
  data.events.forEach((e) => { e.actor = ref(e.actor); e.newParent = ref(e.newParent); });
  // The first frame marks flagged elements by their most severe flag (`w`); the flags
  // themselves come in the second block.
  const worst = new Map();
  [data.actors, data.forums, data.contacts].forEach((list) => list.forEach((fact) => {
    if (fact.w) worst.set(fact.id, fact.w);
  }));

  const actors = new Map(data.actors.map((a) => [a.id, a]));
  const forums = new Map(data.forums.map((f) => [f.id, f]));
  const contacts = new Map();
  const groups = new Map(data.groups.map((g) => [g.id, g]));
  const nodeFact = (id) => actors.get(id) || forums.get(id);
  function nameOf(id) {
    const fact = actors.get(id) || forums.get(id) || groups.get(id);
    return fact ? fact.name : id;
  }

  // Lines on the map: contacts, and each forum membership.
  const lines = new Map();
  data.contacts.forEach((c) => lines.set(c.id, { id: c.id, from: c.a, to: c.b, contact: c }));
  data.forums.forEach((f) => (f.members || []).forEach((m) => {
    const id = f.id + ">" + m;
    lines.set(id, { id, from: f.id, to: m, forum: f, change: f.memberChanges[m] });
  }));
  // Unit-to-organisation lines help a small map; on a national map they would draw every
  // office's line to its agency across the country, so there the panel shows them instead.
  const unitLines = data.contacts.length + data.actors.length <= BULK_LINES;
  const eventsOf = new Map();
  data.events.forEach((e) => {
    if (e.actor) push(eventsOf, e.actor, e);
    if (e.newParent) push(eventsOf, e.newParent, e);
  });
  // A reorganisation moves a unit to a new parent from its day on (SamverkanMap.as_of):
  // the unit's line to each parent it has is shown only while it is that parent's unit.
  const moves = new Map(); // actor id -> its reorganisations, in date order
  data.events.forEach((e) => { if (e.kind === "omorganisation" && e.actor && e.newParent) push(moves, e.actor, e); });
  function parentOn(a, day) {
    const moved = (moves.get(a.id) || []).filter((e) => e.date <= day);
    return moved.length ? moved[moved.length - 1].newParent : a.parent;
  }
  data.actors.forEach((a) => {
    const parents = new Set([a.parent, ...(moves.get(a.id) || []).map((e) => e.newParent)]);
    parents.forEach((parent) => {
      if (!unitLines || !parent || !actors.has(parent)) return;
      const id = a.id + "<" + parent;
      lines.set(id, { id, from: a.id, to: parent, unit: a });
    });
  });
  // Flags and indexes for panels, search and filters, built in `finish`.
  const flags = [];
  const flagsOf = new Map();
  const linesOf = new Map();
  const unitsOf = new Map();
  const peopleAt = new Map();
  const gapsOf = new Map();
  const groupsOf = new Map(); // target groups an actor is reached through

  // The rest of every record, from the second block (payload.py `split_payload`).
  function decodeLate(late) {
    const split = ["actors", "forums", "contacts"]; // the rest of lists begun in the first block
    Object.entries(late).forEach(([key, value]) => { if (!split.includes(key)) data[key] = value; });
    late.actors.forEach((more, i) => {
      const a = Object.assign(data.actors[i], more);
      a.org = ref(more.org);
      a.groups = groupIds(more.groups);
    });
    late.forums.forEach((more, i) => {
      const f = Object.assign(data.forums[i], more);
      f.convener = ref(more.convener);
      f.groups = groupIds(more.groups);
    });
    data.persons.forEach((p) => { p.actor = ref(p.actor); });
    late.contacts.forEach((c, i) => Object.assign(data.contacts[i], {
      groups: groupIds(c.g), frequency: c.f, quality: c.q, collaboration: c.c,
      carriers: (c.p || []).map((j) => data.persons[j]), forum: ref(c.fo), desc: c.d, src: c.src,
    }));
    data.gaps.forEach((g) => { g.actor = ref(g.actor); g.counterparts = refs(g.counterparts); g.groups = groupIds(g.groups); });
    data.flags.forEach((f, i) => flags.push(decodeFinding(f, i)));
  }
  // A finding's record (payload.py `_Flags`); its texts at `texts` in `flagTexts`.
  function decodeFinding(f, texts) {
    return {
      rule: data.flagRules[f.r], severity: f.s, nodes: refs(f.n), edges: (f.c || []).map((j) => data.contacts[j].id),
      evidence: f.e || [], title: data.flagTexts[texts][0], explanations: data.flagTexts[texts][1],
      why: data.flagTexts[texts][2],
    };
  }
  // Which findings concern each element, and the most severe of them: its mark on the map.
  function indexFindings() {
    flagsOf.clear();
    worst.clear();
    flags.forEach((flag, index) => [...flag.nodes, ...flag.edges].forEach((id) => {
      push(flagsOf, id, index);
      worst.set(id, Math.max(worst.get(id) || 0, flag.severity));
    }));
  }
  // The units an actor has on the shown day.
  function unitsOn(id) {
    return (unitsOf.get(id) || []).filter((u) => parentOn(actors.get(u), state.day) === id);
  }
  function indexLate() {
    data.contacts.forEach((c) => contacts.set(c.id, c));
    indexFindings();
    lines.forEach((line) => {
      push(linesOf, line.from, line.id);
      push(linesOf, line.to, line.id);
    });
    data.actors.forEach((a) => new Set([a.parent, ...(moves.get(a.id) || []).map((e) => e.newParent)]).forEach((p) => {
      if (p) push(unitsOf, p, a.id);
    }));
    data.persons.forEach((p) => { if (p.actor) push(peopleAt, p.actor, p); });
    data.gaps.forEach((g) => {
      new Set([g.actor, ...(g.counterparts || [])]).forEach((id) => push(gapsOf, id, g));
    });
    function addGroups(id, ids) {
      if (!ids || !ids.length) return;
      if (!groupsOf.has(id)) groupsOf.set(id, new Set());
      ids.forEach((g) => groupsOf.get(id).add(g));
    }
    data.contacts.forEach((c) => { addGroups(c.a, c.groups); addGroups(c.b, c.groups); });
    data.forums.forEach((f) => { addGroups(f.id, f.groups); (f.members || []).forEach((m) => addGroups(m, f.groups)); });
    data.gaps.forEach((g) => addGroups(g.actor, g.groups));
    data.actors.forEach((a) => addGroups(a.id, a.groups)); // a project's own participants
  }

  // --- what is shown: time and filters ----------------------------------------------------------
  const state = {
    day: data.day, level: "", kind: "", municipality: "", organisation: "", group: "",
    flagged: false, selected: null,
  };

  function status(fact) {
    if (fact.start && fact.start > state.day) return "future";
    if (fact.end && fact.end < state.day) return "ended";
    return "live";
  }

  const simulated = new Set(); // what the reader removed ("Simulera bortfall"): ids of nodes and persons
  let loss = { gone: new Set(), cutOff: new Set(), unreached: [] };
  let shownNodes = new Set();
  let shownLines = new Set();

  function actorPasses(a) {
    if (status(a) === "future") return false;
    if (state.kind && a.kind !== state.kind) return false;
    if (state.municipality && !places(a.municipality).includes(state.municipality)) return false;
    if (state.organisation && a.org !== state.organisation) return false;
    if (state.group && !(groupsOf.get(a.id) || new Set()).has(state.group)) return false;
    if (state.flagged && !worst.has(a.id) && !touchesFlaggedLine(a.id)) return false;
    return true;
  }
  function forumPasses(f, shown) {
    if (status(f) === "future") return false;
    if (state.level && f.level !== state.level) return false;
    if (state.group && !(f.groups || []).includes(state.group)) return false;
    if (state.flagged && !worst.has(f.id)) return false;
    // Actor filters keep the forums where a shown actor takes part.
    if (state.kind || state.municipality || state.organisation) {
      return (f.members || []).some((m) => shown.has(m));
    }
    return true;
  }
  function touchesFlaggedLine(id) {
    return (linesOf.get(id) || []).some((l) => worst.has(l));
  }
  function linePasses(line) {
    if (!shownNodes.has(line.from) || !shownNodes.has(line.to)) return false;
    if (line.unit && parentOn(line.unit, state.day) !== line.to) return false;
    const c = line.contact;
    if (!c) return true;
    if (status(c) === "future") return false;
    if (state.level && c.level !== state.level) return false;
    if (state.group && !(c.groups || []).includes(state.group)) return false;
    if (state.flagged && !worst.has(c.id) && !(worst.has(c.a) && worst.has(c.b))) return false;
    return true;
  }
  // "Kävlinge; Lomma": an actor that works in both municipalities.
  function places(municipality) {
    return (municipality || "").split(";").map((m) => m.trim()).filter(Boolean);
  }
  function computeShown() {
    const shown = new Set();
    data.actors.forEach((a) => { if (actorPasses(a)) shown.add(a.id); });
    data.forums.forEach((f) => { if (forumPasses(f, shown)) shown.add(f.id); });
    shownNodes = shown;
    const shownL = new Set();
    lines.forEach((line) => { if (linePasses(line)) shownL.add(line.id); });
    shownLines = shownL;
    showEmpty();
  }
  // An empty canvas says why: nothing read in, nothing yet on this day, or filters.
  function showEmpty() {
    const facts = [...data.actors, ...data.forums];
    const filtered = ["level", "group", "kind", "municipality", "organisation", "flagged"].some((k) => state[k]);
    const first = facts.filter((f) => status(f) === "future").map((f) => f.start).sort()[0];
    let text = "";
    if (!facts.length) text = ui.emptyMap;
    else if (!shownNodes.size && filtered) text = ui.emptyFilters;
    else if (!shownNodes.size && first) text = ui.emptyUntil.replaceAll("{day}", state.day).replaceAll("{first}", first);
    byId("map-empty").textContent = text;
    byId("map-empty").hidden = !text;
  }

  // --- how it is drawn ---------------------------------------------------------------------------
  const FADED = "rgba(205,210,216,0.45)";
  let dimmed = new Set(); // what the current highlight greys out
  let labelsAttached = true;

  function eventOnOrBefore(id) {
    return (eventsOf.get(id) || []).some((e) => e.date <= state.day);
  }

  // The lines a label wraps to, by the estimate the layout spaced the nodes with
  // (samverkan/layout.py `wrap_label`): breaks at spaces only, so no word is ever cut.
  const CHAR_WIDTH = 0.62 * data.font.size;
  function wrapLabel(text) {
    const out = [];
    let width = 0;
    text.split(/\s+/).filter(Boolean).forEach((word) => {
      const w = word.length * CHAR_WIDTH;
      if (out.length && width + CHAR_WIDTH + w <= data.font.width) {
        out[out.length - 1] += " " + word;
        width += CHAR_WIDTH + w;
      } else {
        out.push(word);
        width = w;
      }
    });
    return out.join("\n");
  }

  function worstFlag(id) {
    return worst.get(id) || 0;
  }

  function nodeItem(id, full) {
    const fact = nodeFact(id);
    const isForum = forums.has(id);
    const ended = status(fact) === "ended";
    const severity = worstFlag(id);
    const flagged = severity > 0;
    const marked = eventOnOrBefore(id);
    const faded = dimmed.has(id);
    const change = fact.change && style.change[fact.change];
    const item = { id };
    const label = fact.name + (ended ? ui.endedSuffix : "");
    const top = topFont.get(id);
    if (labelsAttached || top) item.label = large ? label : wrapLabel(label);
    if (top) item.font = { size: top };
    item.title = label + "\n" + (isForum ? ui.forumWord + " · " + labels.level[fact.level] : labels.kind[fact.kind]);
    const gone = loss.gone.has(id);
    const cut = loss.cutOff.has(id);
    if (!full && !ended && !flagged && !marked && !faded && !change && !gone && !cut) return item;
    const base = isForum ? style.forum.color : style.kinds[fact.kind].color;
    const background = gone ? "#ffffff" : faded ? FADED : ended ? style.ended : base;
    const border = gone || cut ? style.lost : faded ? FADED : flagged ? style.severity[severity] : change ? change : marked ? style.event : "#2b2b2b";
    item.color = {
      background, border,
      highlight: { background, border: "#111111" },
      hover: { background, border: "#111111" },
    };
    item.borderWidth = gone || cut ? 4 : marked || change ? 3 : flagged ? 2 : 1;
    item.shapeProperties = { borderDashes: gone ? [3, 3] : marked && !flagged ? [4, 3] : false };
    item.font = { color: faded ? "#b8bec6" : ended ? "#6b7480" : "#1d232b", size: top || data.font.size };
    return item;
  }

  function lineStyle(id) {
    const line = lines.get(id);
    const c = line.contact;
    const base = c ? style.levels[c.level] : line.unit ? style.parent : style.member;
    const fact = c || line.forum || line.unit;
    const ended = status(fact) === "ended" || (line.forum && status(actors.get(line.to)) === "ended");
    // A flagged line keeps its level's colour (what a reader needs most) and is drawn wider.
    const flagged = worst.has(id);
    const changeKey = c ? c.change : line.change;
    const change = changeKey && style.change[changeKey];
    if (loss.gone.has(id)) return { color: style.lost, width: base.width + 1, dashes: [3, 5], ended };
    const color = dimmed.has(id) ? FADED : ended ? style.ended : change ? change : base.color;
    return { color, width: base.width + (flagged ? 1.5 : 0), dashes: base.dashes, ended };
  }

  // Small maps only (large ones draw their lines in bulk), so every line gets its options.
  function lineItem(id) {
    const line = lines.get(id);
    const c = line.contact;
    const look = lineStyle(id);
    const item = { id, from: line.from, to: line.to };
    if (c) item.title = nameOf(c.a) + " – " + nameOf(c.b) + "\n" + labels.level[c.level] + (look.ended ? ui.endedSuffix : "");
    else if (line.forum) item.title = nameOf(line.to) + " – " + line.forum.name + "\n" + ui.memberWord;
    else item.title = nameOf(line.from) + " → " + nameOf(line.to) + "\n" + ui.parent;
    item.color = { color: look.color, highlight: "#111111", hover: "#111111", inherit: false };
    item.width = look.width;
    item.dashes = look.dashes;
    return item;
  }

  // --- the network ---------------------------------------------------------------------------------
  computeShown();
  const bulk = lines.size > BULK_LINES;
  // A large map's labels only show when zoomed in, and are not wrapped (that measures words).
  const large = bulk || data.actors.length > 2000;
  const visGroups = { forum: { shape: style.forum.shape, size: 14, color: swatchColor(style.forum.color) } };
  Object.entries(style.kinds).forEach(([kind, s]) => {
    visGroups["k:" + kind] = { shape: s.shape, color: swatchColor(s.color) };
  });
  function swatchColor(color) {
    return { background: color, border: "#2b2b2b", highlight: { background: color, border: "#111111" }, hover: { background: color, border: "#111111" } };
  }
  performance.mark("samverkan:indexed");
  // Labels too small to draw at the opening zoom (a national map) are attached after the
  // first draw, once the panels are built, in slices that keep the page responsive:
  // measuring 10,000 labels up front would delay the first picture and show nothing more.
  const lateLabels = lines.size > BULK_LINES && data.font.size * openingScale() < 5;
  labelsAttached = !lateLabels;
  // Legibility at the opening zoom: the most important nodes get a label of TOP_PX on the
  // screen; the others' labels show once zoomed in far enough to read them (MINOR_PX), not
  // as 6 px text at the start. Importance: the lines of a node and of all its units, so an
  // organisation counts with its offices.
  const TOP_LABELS = 12;
  const TOP_PX = 13;
  const MINOR_PX = 9;
  const topFont = topLabels();
  function topLabels() {
    const importance = new Map();
    const root = (id) => {
      let at = actors.get(id);
      while (at && at.parent && actors.has(at.parent) && at.parent !== at.id) at = actors.get(at.parent);
      return at ? at.id : id;
    };
    const count = (id) => importance.set(id, (importance.get(id) || 0) + 1);
    lines.forEach((line) => {
      if (line.unit) return;
      count(line.from);
      count(line.to);
      if (actors.has(line.from) && root(line.from) !== line.from) count(root(line.from));
      if (actors.has(line.to) && root(line.to) !== line.to) count(root(line.to));
    });
    const size = Math.max(data.font.size, Math.ceil(TOP_PX / (openingScale() * 0.9)));
    const ranked = Array.from(importance.entries()).sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
    // In rank order, leaving out a label that would cover one already chosen.
    const chosen = new Map();
    const boxes = [];
    for (const [id] of ranked) {
      if (chosen.size >= TOP_LABELS) break;
      if (status(nodeFact(id)) !== "live") continue; // what has ended is not what matters most
      const box = labelBox(nodeFact(id), size);
      if (boxes.some((b) => box.l < b.r && b.l < box.r && box.t < b.b && b.t < box.b)) continue;
      boxes.push(box);
      chosen.set(id, size);
    }
    return chosen;
  }
  // Zoomed in, a top label keeps TOP_PX on the screen until the others' size catches up:
  // from there on it takes no more room than the layout made for every label.
  function fitTopLabels() {
    const size = Math.max(data.font.size, Math.ceil(TOP_PX / network.getScale()));
    const ids = Array.from(topFont.keys());
    if (!ids.length || topFont.get(ids[0]) === size) return;
    ids.forEach((id) => topFont.set(id, size));
    nodes.update(ids.map((id) => ({ id, font: { size } })));
  }
  // Where a label of font `size` is drawn (below the node), by the wrap estimate above.
  function labelBox(fact, size) {
    const text = large ? [fact.name] : wrapLabel(fact.name).split("\n");
    const half = (Math.max(...text.map((line) => line.length)) * 0.62 * size) / 2;
    const top = fact.y + 12;
    return { l: fact.x - half, r: fact.x + half, t: top - 0.2 * size, b: top + text.length * 1.4 * size };
  }
  function openingScale() {
    const box = byId("map").getBoundingClientRect();
    const xs = data.actors.map((a) => a.x).concat(data.forums.map((f) => f.x));
    const ys = data.actors.map((a) => a.y).concat(data.forums.map((f) => f.y));
    const width = Math.max(...xs) - Math.min(...xs) || 1;
    const height = Math.max(...ys) - Math.min(...ys) || 1;
    return Math.min(box.width / width, box.height / height);
  }
  function attachLabels() {
    const ids = nodes.getIds();
    let next = 0;
    (function slice() {
      nodes.update(ids.slice(next, next + 2500).map((id) => ({ id, label: nodeItem(id, false).label })));
      next += 2500;
      if (next < ids.length) setTimeout(slice, 0);
    })();
  }
  const nodes = new vis.DataSet(
    [...data.actors, ...data.forums].map((fact) => {
      const item = nodeItem(fact.id, false);
      item.x = fact.x;
      item.y = fact.y;
      item.group = forums.has(fact.id) ? "forum" : "k:" + fact.kind;
      return item;
    })
  );
  // A large map draws its lines itself, one canvas path per style (vis-network builds an
  // object per edge: seconds at 50,000 contacts); only the lines around the selection are
  // vis-network edges, so they can be clicked and show tooltips.
  const edges = new vis.DataSet(bulk ? [] : Array.from(lines.keys(), (id) => lineItem(id)));
  const nodeView = new vis.DataView(nodes, { filter: (n) => shownNodes.has(n.id) });
  performance.mark("samverkan:datasets");
  const edgeView = new vis.DataView(edges, { filter: (e) => shownLines.has(e.id) });
  const operational = style.levels["operativ"];
  const network = new vis.Network(byId("map"), { nodes: nodeView, edges: edgeView }, {
    autoResize: true,
    physics: false,
    layout: { improvedLayout: false },
    groups: visGroups,
    nodes: {
      size: 12,
      borderWidth: 1,
      font: { size: data.font.size, face: "system-ui, 'Segoe UI', Arial, sans-serif", color: "#1d232b", strokeWidth: 4, strokeColor: "#ffffff" },
      // drawn where the label is at least MINOR_PX on the screen (vis-network draws from
      // drawThreshold - 1), never larger than 30 px when zoomed in
      scaling: { label: { drawThreshold: MINOR_PX + 1, maxVisible: 30 } },
    },
    edges: {
      smooth: false,
      selectionWidth: 2,
      width: operational.width,
      dashes: operational.dashes,
      color: { color: operational.color, highlight: "#111111", hover: "#111111", inherit: false },
    },
    interaction: { hover: !large, tooltipDelay: 150, hideEdgesOnDrag: large, hideEdgesOnZoom: large, multiselect: false },
  });
  performance.mark("samverkan:network");
  let finishing = false;
  network.once("beforeDrawing", () => performance.mark("samverkan:draw"));
  // The first frame shows every node and line; what a reader needs only once it is on the
  // screen (panels, legend, search, flag texts) is built right after it, in `finish`.
  // body[data-drawn] marks the first frame, body[data-ready] a page built in full.
  network.once("afterDrawing", () => {
    performance.mark("samverkan:drawn");
    window.samverkanFirstDraw = performance.now();
    document.body.setAttribute("data-drawn", "true");
    startFinish();
  });
  // A map with no room to draw in (a hidden frame) never draws: build the rest anyway.
  window.addEventListener("load", () => { if (!byId("map").clientWidth) startFinish(); });
  function startFinish() {
    if (finishing) return;
    finishing = true;
    // The late data follows the scripts in the page: wait until the parser has read it.
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => setTimeout(finish, 0));
    else setTimeout(finish, 0);
  }

  // Restyle only what changed: a highlight or a new date touches few items on a big map.
  let styledNodes = new Map();
  let styledLines = new Map();
  function key(item) {
    return JSON.stringify([item.label, item.color, item.borderWidth, item.shapeProperties, item.font, item.title, item.width]);
  }
  // What each item looks like now; computed after the first draw, so as not to delay it.
  let keysKnown = false;
  function knowKeys() {
    if (keysKnown) return;
    keysKnown = true;
    nodes.getIds().forEach((id) => styledNodes.set(id, key(nodeItem(id, true))));
    edges.getIds().forEach((id) => styledLines.set(id, key(lineItem(id))));
  }
  function restyle() {
    knowKeys();
    const nodeUpdates = [];
    nodes.getIds().forEach((id) => {
      const item = nodeItem(id, true);
      const k = key(item);
      if (styledNodes.get(id) !== k) { styledNodes.set(id, k); nodeUpdates.push(item); }
    });
    const lineUpdates = [];
    edges.getIds().forEach((id) => {
      const item = lineItem(id);
      const k = key(item);
      if (styledLines.get(id) !== k) { styledLines.set(id, k); lineUpdates.push(item); }
    });
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (lineUpdates.length) edges.update(lineUpdates);
  }
  // --- lines drawn in bulk -------------------------------------------------------------------------
  let batches = null; // style -> lines, rebuilt when what is shown or dimmed changes
  function bulkBatches() {
    const byStyle = new Map();
    const own = new Set(edges.getIds());
    shownLines.forEach((id) => {
      if (own.has(id)) return;
      const item = lineStyle(id);
      const k = item.color + "|" + item.width + "|" + (item.dashes || "");
      if (!byStyle.has(k)) byStyle.set(k, { color: item.color, width: item.width, dashes: item.dashes, lines: [] });
      byStyle.get(k).lines.push(lines.get(id));
    });
    // Faded lines first, so that the highlighted ones are drawn on top.
    return Array.from(byStyle.values()).sort((x, y) => (y.color === FADED) - (x.color === FADED));
  }
  function drawBulk(ctx) {
    if (!bulk) return;
    batches = batches || bulkBatches();
    const at = network.body.nodes;
    const scale = network.getScale();
    ctx.save();
    ctx.lineCap = "butt";
    batches.forEach((batch) => {
      ctx.beginPath();
      batch.lines.forEach((line) => {
        const from = at[line.from];
        const to = at[line.to];
        if (!from || !to) return;
        ctx.moveTo(from.x, from.y);
        ctx.lineTo(to.x, to.y);
      });
      ctx.strokeStyle = batch.color;
      ctx.lineWidth = Math.max(batch.width, 0.6 / scale);
      ctx.setLineDash(batch.dashes ? batch.dashes : []);
      ctx.stroke();
    });
    ctx.restore();
  }
  network.on("beforeDrawing", drawBulk);
  network.on("beforeDrawing", fitTopLabels); // any zoom: the reader's, a fit, a focus
  function showNeighbourLines(keep) {
    if (!bulk) return;
    const wanted = keep ? Array.from(keep).filter((id) => lines.has(id) && shownLines.has(id)) : [];
    edges.clear();
    edges.add(wanted.map((id) => lineItem(id)));
    wanted.forEach((id) => styledLines.set(id, key(lineItem(id))));
  }

  function refresh() {
    computeShown();
    nodeView.refresh();
    edgeView.refresh();
    if (simulated.size) {
      loss = computeLoss();
      showSimulation();
    }
    highlight(state.selected);
    showViewState();
    if (listOpen()) buildList();
  }

  // What is shown, in words: on the screen under the title, on paper and in the picture.
  const FILTERS = [["level", "level", (v) => labels.level[v]], ["group", "targetGroup", nameOf],
    ["kind", "kind", (v) => labels.kind[v]], ["municipality", "municipality", (v) => v],
    ["organisation", "organisation", nameOf]];
  function describeView() {
    const parts = FILTERS.filter(([key]) => state[key]).map(([key, word, text]) => ui[word] + ": " + text(state[key]));
    if (state.flagged) parts.push(ui.flaggedOnly);
    const searched = byId("search").value.trim();
    const words = [ui.asOf + " " + state.day];
    words.push(parts.length ? ui.filters + ": " + parts.join(", ") : ui.noFilters);
    if (searched) words.push(ui.searchLabel + ": ”" + searched + "”");
    if (simulated.size) words.push(ui.simulated + ": " + Array.from(simulated, nameOf).join(", "));
    return words.join(" · ");
  }
  function showViewState() {
    byId("view-state").textContent = describeView();
  }

  // --- highlight and focus ---------------------------------------------------------------------------
  function neighbourhood(ids) {
    const keep = new Set(ids);
    ids.forEach((id) => {
      if (lines.has(id)) {
        keep.add(lines.get(id).from);
        keep.add(lines.get(id).to);
      }
    });
    Array.from(keep).forEach((id) => (linesOf.get(id) || []).forEach((l) => {
      if (!shownLines.has(l)) return;
      const line = lines.get(l);
      if (ids.includes(id) || ids.includes(l)) {
        keep.add(l);
        keep.add(line.from);
        keep.add(line.to);
      }
    }));
    return keep;
  }
  function highlight(selection) {
    state.selected = selection;
    const ids = selection ? selection.ids : [];
    const keep = ids.length ? neighbourhood(ids) : null;
    const next = new Set();
    if (keep) {
      shownNodes.forEach((id) => { if (!keep.has(id)) next.add(id); });
      shownLines.forEach((id) => { if (!keep.has(id)) next.add(id); });
    }
    dimmed = next;
    showNeighbourLines(keep);
    batches = null;
    restyle();
    network.redraw();
  }

  function clearFilters() {
    Object.assign(state, { level: "", kind: "", municipality: "", organisation: "", group: "", flagged: false });
    document.querySelectorAll("select[data-key]").forEach((s) => (s.value = ""));
    byId("filter-flagged").checked = false;
  }

  // Select and show elements: nodes and lines (contacts, memberships); hidden ones are
  // brought back by clearing the filters, since the user asked for them by name.
  function focusElements(ids, showFirst) {
    const wanted = ids.filter((id) => nodeFact(id) || lines.has(id));
    if (!wanted.length) return false;
    if (wanted.some((id) => !shownNodes.has(id) && !shownLines.has(id))) {
      clearFilters();
      computeShown();
      nodeView.refresh();
      edgeView.refresh();
    }
    const nodeIds = wanted.filter((id) => shownNodes.has(id));
    const lineIds = wanted.filter((id) => shownLines.has(id));
    const note = nodeIds.length + lineIds.length < wanted.length ? ui.hiddenNow : "";
    byId("search-status").textContent = note;
    highlight({ ids: [...nodeIds, ...lineIds] });
    network.setSelection({ nodes: nodeIds, edges: lineIds }, { unselectAll: true, highlightEdges: false });
    const around = new Set(nodeIds);
    lineIds.forEach((id) => { around.add(lines.get(id).from); around.add(lines.get(id).to); });
    if (around.size === 1) {
      network.focus(Array.from(around)[0], { scale: Math.max(network.getScale(), 1.0), animation: false });
    } else if (around.size) {
      network.fit({ nodes: Array.from(around), animation: false, maxZoomLevel: 1.2 });
    }
    if (showFirst) showElement(wanted[0]);
    return true;
  }
  function select(id) {
    return focusElements([id], true);
  }

  // A click in the moment between the first frame and `finish` is answered once the
  // details it shows have arrived.
  let ready = false;
  const waiting = [];
  network.on("click", (params) => (ready ? clicked(params) : waiting.push(() => clicked(params))));
  function clicked(params) {
    if (params.nodes.length) {
      highlight({ ids: [params.nodes[0]] });
      showElement(params.nodes[0]);
    } else if (params.edges.length) {
      highlight({ ids: [params.edges[0]] });
      showElement(params.edges[0]);
    } else {
      highlight(null);
    }
  }
  byId("fit").addEventListener("click", () => {
    network.unselectAll();
    highlight(null);
    network.fit({ animation: false });
  });

  // --- details panel ---------------------------------------------------------------------------------
  function cite(ref) {
    const [file, sheet, row, source] = ref;
    const parts = [data.files[file]];
    if (sheet >= 0) parts.push(ui.sheet + " " + data.sheets[sheet]);
    if (row > 0) parts.push(ui.row + " " + row);
    if (source >= 0) {
      const s = data.sources[source];
      const about = [s.kind ? labels.sourceKind[s.kind] : "", s.role || "", s.date || ""].filter(Boolean);
      parts.push(ui.source + " " + s.title + (about.length ? " (" + about.join(", ") + ")" : ""));
    }
    return parts.join(", ");
  }
  function period(fact) {
    if (!fact.start && !fact.end) return "";
    if (fact.start && fact.end) return fact.start + " – " + fact.end;
    return fact.start ? ui.from + " " + fact.start : ui.until + " " + fact.end;
  }
  function link(id, text) {
    const button = el("button", text === undefined ? nameOf(id) : text, "link");
    button.type = "button";
    button.dataset.target = id;
    button.addEventListener("click", () => select(id));
    return button;
  }

  // A panel is a list of sections; an item is text, a link, and citations under it.
  function item(parts, refs) {
    const li = el("li");
    parts.forEach((part, i) => {
      if (i) li.appendChild(document.createTextNode(" · "));
      li.appendChild(typeof part === "string" ? document.createTextNode(part) : part);
    });
    (refs || []).forEach((ref) => li.appendChild(el("div", cite(ref), "cite")));
    return li;
  }
  function section(panel, heading, items, level) {
    const kept = items.filter(Boolean);
    if (!kept.length) return;
    panel.appendChild(el(level || "h4", heading));
    const list = el("ul");
    kept.forEach((entry) => list.appendChild(typeof entry === "string" ? item([entry]) : entry));
    panel.appendChild(list);
  }
  function sources(panel, refs) {
    section(panel, ui.sources, (refs || []).map((ref) => item([cite(ref)])));
  }
  function eventItem(e) {
    const parts = [e.date, labels.event[e.kind]];
    if (e.actor) parts.push(link(e.actor));
    if (e.newParent) parts.push("→", link(e.newParent));
    if (e.desc) parts.push(e.desc);
    const li = item(parts, e.src);
    li.appendChild(timeButtons(e));
    return li;
  }
  function flagItems(id) {
    return (flagsOf.get(id) || []).map((index) => {
      const flag = flags[index];
      const title = el("button", flag.title, "link flag-link");
      title.type = "button";
      title.addEventListener("click", () => showFlag(index));
      const li = item([labels.severity[flag.severity], title], flag.evidence);
      li.insertBefore(el("div", told(flag).join(" "), "explanation"), li.children[1] || null);
      return li;
    });
  }
  function gapItem(g) {
    const parts = [labels.gap[g.kind], link(g.actor)];
    (g.counterparts || []).forEach((c) => parts.push(link(c)));
    if (g.level) parts.push(labels.level[g.level]);
    if (g.groups.length) parts.push(g.groups.map(nameOf).join(", "));
    if (g.perYear !== undefined) parts.push(decimal(g.perYear) + " " + ui.wishedPerYear);
    if (g.desc) parts.push(g.desc);
    return item(parts, g.src);
  }
  function personItem(p) {
    const parts = [p.role ? p.name + ", " + p.role : p.name];
    if (p.actor) parts.push(link(p.actor));
    const id = PERSON + data.persons.indexOf(p);
    if (!simulated.has(id)) parts.push(simulationButton(id));
    return item(parts, p.src);
  }

  function header(panel, title, subtitle, removable) {
    panel.appendChild(el("h3", title));
    panel.appendChild(el("p", subtitle, "muted"));
    if (removable && !simulated.has(removable)) panel.appendChild(simulationButton(removable));
  }

  function showActor(panel, a) {
    const ended = status(a) === "ended";
    header(panel, a.name, labels.kind[a.kind] + (ended ? ui.endedSuffix : ""), a.id);
    section(panel, ui.kindHeading, [labels.kind[a.kind]]);
    const parent = parentOn(a, state.day);
    section(panel, ui.parent, parent ? [item([link(parent)])] : []);
    section(panel, ui.units, unitsOn(a.id).map((u) => item([link(u)])));
    section(panel, ui.municipality, [a.municipality]);
    section(panel, ui.aliases, [(a.aliases || []).join(", ")]);
    section(panel, ui.targetGroups, [a.groups.map(nameOf).join(", ")]);
    section(panel, ui.valid, [period(a)]);
    section(panel, ui.description, [a.desc]);
    section(panel, ui.events, (eventsOf.get(a.id) || []).map(eventItem));
    section(panel, ui.flags, flagItems(a.id));
    const own = (linesOf.get(a.id) || []).map((l) => lines.get(l)).filter((l) => l.contact);
    section(panel, ui.levels, own.map((l) => contactItem(l.contact, a.id)));
    const inForums = (linesOf.get(a.id) || []).map((l) => lines.get(l)).filter((l) => l.forum);
    section(panel, ui.forumsOf, inForums.map((l) => item([link(l.forum.id)])));
    section(panel, ui.people, (peopleAt.get(a.id) || []).map(personItem));
    section(panel, ui.wishes, (gapsOf.get(a.id) || []).map(gapItem));
    sources(panel, a.src);
  }
  function contactItem(c, seenFrom) {
    const other = c.a === seenFrom ? c.b : c.a;
    const parts = [link(c.id, nameOf(other)), labels.level[c.level]];
    if (c.groups.length) parts.push(c.groups.map(nameOf).join(", "));
    if (c.quality !== undefined) parts.push(labels.quality[c.quality]);
    if (c.carriers.length) parts.push(ui.carriers.toLocaleLowerCase(data.lang) + " " + c.carriers.map((p) => p.name).join(", "));
    if (status(c) === "ended") parts.push(ui.endedSuffix.trim());
    return item(parts, c.src);
  }
  function showForum(panel, f) {
    header(panel, f.name, ui.forumWord + " · " + labels.level[f.level] + (status(f) === "ended" ? ui.endedSuffix : ""), f.id);
    section(panel, ui.level, [labels.level[f.level]]);
    section(panel, ui.status, [labels.status[f.status]]);
    section(panel, ui.cadence, [f.cadence !== undefined ? decimal(f.cadence) : ""]);
    section(panel, ui.lastMeeting, [f.lastMeeting]);
    section(panel, ui.convener, f.convener ? [item([link(f.convener)])] : []);
    section(panel, ui.members, (f.members || []).map((m) => item([link(m)])));
    section(panel, ui.targetGroups, [(f.groups || []).map(nameOf).join(", ")]);
    section(panel, ui.municipality, [f.municipality]);
    section(panel, ui.valid, [period(f)]);
    section(panel, ui.description, [f.desc]);
    section(panel, ui.events, (eventsOf.get(f.id) || []).map(eventItem));
    section(panel, ui.flags, flagItems(f.id));
    const through = data.contacts.filter((c) => c.forum === f.id);
    section(panel, ui.levels, through.map((c) => item([link(c.id, nameOf(c.a) + " – " + nameOf(c.b))], c.src)));
    sources(panel, f.src);
  }
  function showContact(panel, c) {
    header(panel, nameOf(c.a) + " – " + nameOf(c.b), ui.contactWord + " · " + labels.level[c.level] + (status(c) === "ended" ? ui.endedSuffix : ""));
    section(panel, ui.actorKinds, [item([link(c.a)]), item([link(c.b)])]);
    section(panel, ui.level, [labels.level[c.level]]);
    section(panel, ui.targetGroups, [(c.groups || []).map(nameOf).join(", ")]);
    section(panel, ui.frequency, [c.frequency !== undefined ? String(c.frequency) : ""]);
    section(panel, ui.quality, [c.quality !== undefined ? labels.quality[c.quality] : ""]);
    section(panel, ui.collaboration, [c.collaboration !== undefined ? labels.collaboration[c.collaboration] : ""]);
    section(panel, ui.carriers, c.carriers.map(personItem));
    section(panel, ui.throughForum, c.forum ? [item([link(c.forum)])] : []);
    section(panel, ui.valid, [period(c)]);
    section(panel, ui.description, [c.desc]);
    section(panel, ui.flags, flagItems(c.id));
    sources(panel, c.src);
  }
  function showMembership(panel, line) {
    header(panel, nameOf(line.to) + " – " + line.forum.name, ui.memberWord);
    section(panel, ui.memberWord, [item([link(line.to), link(line.forum.id)])]);
    sources(panel, line.forum.src);
  }
  function showElement(id) {
    const panel = byId("details-body");
    clear(panel);
    panel.dataset.element = id;
    if (actors.has(id)) showActor(panel, actors.get(id));
    else if (forums.has(id)) showForum(panel, forums.get(id));
    else if (contacts.has(id)) showContact(panel, contacts.get(id));
    else if (lines.has(id) && lines.get(id).forum) showMembership(panel, lines.get(id));
    else if (lines.has(id)) showActor(panel, lines.get(id).unit);
    byId("details").open = true;
    openDrawer();
    panel.scrollIntoView({ block: "nearest" });
  }

  // What a finding's flags tell, a paragraph each. Explanations name no sources; the
  // sentence naming them is written from the evidence and ends the last paragraph.
  function told(flag) {
    const titles = flag.evidence.filter((ref) => ref[3] >= 0).map((ref) => data.sources[ref[3]].title || "");
    if (!titles.length) return flag.explanations;
    const sources = ui.flagSources + ": " + Array.from(new Set(titles)).join("; ") + ".";
    const last = flag.explanations.length - 1;
    return flag.explanations.map((text, i) => (i === last ? text + " " + sources : text));
  }
  function showFlag(index) {
    const flag = flags[index];
    focusElements([...flag.nodes, ...flag.edges], false);
    const panel = byId("details-body");
    clear(panel);
    panel.dataset.element = "flag:" + index;
    header(panel, flag.title, ui.flag + " · " + labels.severity[flag.severity] + " · " + flag.rule);
    section(panel, ui.explanation, told(flag));
    const concerned = [...flag.nodes, ...flag.edges].map((id) => {
      const c = contacts.get(id);
      return item([link(id, c ? nameOf(c.a) + " – " + nameOf(c.b) : nameOf(id))]);
    });
    section(panel, ui.concerns, concerned);
    section(panel, ui.evidence, flag.evidence.map((ref) => item([cite(ref)])));
    byId("details").open = true;
    openDrawer();
  }

  // --- search ------------------------------------------------------------------------------------------
  const searchIndex = [];
  function buildSearch() {
    [...data.actors, ...data.forums].forEach((fact) => {
      searchIndex.push({ id: fact.id, text: fact.name, key: fact.name.toLocaleLowerCase(data.lang) });
      (fact.aliases || []).forEach((alias) => searchIndex.push({
        id: fact.id, text: alias, alias: true, key: alias.toLocaleLowerCase(data.lang),
      }));
    });
    input.addEventListener("input", () => { showSuggestions(); showViewState(); });
    input.addEventListener("keydown", searchKeys);
    input.addEventListener("blur", () => { box.hidden = true; });
  }
  const input = byId("search");
  const box = byId("search-suggestions");
  let suggestions = [];
  let active = -1;

  function suggest(text) {
    const wanted = text.trim().toLocaleLowerCase(data.lang);
    if (!wanted) return [];
    const starts = [];
    const contains = [];
    searchIndex.forEach((entry) => {
      const at = entry.key.indexOf(wanted);
      if (at === 0) starts.push(entry);
      else if (at > 0) contains.push(entry);
    });
    const byName = (x, y) => (x.key === wanted ? -1 : 0) - (y.key === wanted ? -1 : 0) || compare(x.text, y.text);
    const seen = new Set();
    return [...starts.sort(byName), ...contains.sort(byName)].filter((entry) => {
      if (seen.has(entry.id)) return false;
      seen.add(entry.id);
      return true;
    }).slice(0, 12);
  }
  function showSuggestions() {
    suggestions = suggest(input.value);
    active = suggestions.length ? 0 : -1;
    clear(box);
    suggestions.forEach((entry, index) => {
      const option = el("li", null, index === active ? "active" : "");
      option.setAttribute("role", "option");
      option.id = "suggestion-" + index;
      option.appendChild(el("span", entry.text));
      const fact = nodeFact(entry.id);
      const about = entry.alias ? ui.aliasOf + " " + fact.name : forums.has(entry.id) ? ui.forumWord : labels.kind[fact.kind];
      option.appendChild(el("span", about, "muted small"));
      option.addEventListener("mousedown", (event) => {
        event.preventDefault();
        choose(index);
      });
      box.appendChild(option);
    });
    box.hidden = !suggestions.length;
    input.setAttribute("aria-expanded", String(!box.hidden));
    byId("search-status").textContent = input.value.trim() && !suggestions.length ? ui.notFound : "";
  }
  function choose(index) {
    const entry = suggestions[index];
    if (!entry) return null;
    input.value = entry.text;
    showViewState();
    box.hidden = true;
    input.setAttribute("aria-expanded", "false");
    select(entry.id);
    return entry.id;
  }
  function search(text) {
    input.value = text;
    showSuggestions();
    return choose(0);
  }
  function searchKeys(event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!suggestions.length) return;
      active = (active + (event.key === "ArrowDown" ? 1 : suggestions.length - 1)) % suggestions.length;
      Array.from(box.children).forEach((li, i) => li.classList.toggle("active", i === active));
      input.setAttribute("aria-activedescendant", "suggestion-" + active);
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (!suggestions.length) showSuggestions();
      choose(Math.max(active, 0));
    } else if (event.key === "Escape") {
      box.hidden = true;
    }
  }

  // --- filters -------------------------------------------------------------------------------------------
  function fillSelect(id, options) {
    const selectElement = byId(id);
    options.sort((x, y) => compare(x[1], y[1])).forEach(([value, text]) => {
      const option = el("option", text);
      option.value = value;
      selectElement.appendChild(option);
    });
    selectElement.addEventListener("change", () => setFilter(selectElement.dataset.key, selectElement.value));
  }
  function setFilter(name, value) {
    state[name] = value;
    const control = document.querySelector("[data-key='" + name + "']");
    if (control && control.type === "checkbox") control.checked = Boolean(value);
    else if (control) control.value = value;
    refresh();
    if (shownNodes.size) network.fit({ nodes: Array.from(shownNodes), animation: false, maxZoomLevel: 1.2 });
  }
  const unique = (values) => Array.from(new Set(values.filter(Boolean)));
  function buildFilters() {
    fillSelect("filter-level", Object.entries(labels.level));
    fillSelect("filter-kind", unique(data.actors.map((a) => a.kind)).map((k) => [k, labels.kind[k]]));
    fillSelect("filter-municipality", unique(data.actors.flatMap((a) => places(a.municipality))).map((m) => [m, m]));
    fillSelect("filter-organisation", unique(data.actors.map((a) => a.org)).filter((o) => unitsOf.has(o)).map((o) => [o, nameOf(o)]));
    fillSelect("filter-group", data.groups.map((g) => [g.id, g.name]));
    byId("filter-flagged").addEventListener("change", (event) => setFilter("flagged", event.target.checked));
    byId("reset-filters").addEventListener("click", () => { clearFilters(); refresh(); network.fit({ animation: false }); });
  }

  // --- time ------------------------------------------------------------------------------------------------
  function dayBefore(iso) {
    const d = new Date(iso + "T12:00:00Z");
    d.setUTCDate(d.getUTCDate() - 1);
    return d.toISOString().slice(0, 10);
  }
  const days = Array.from(new Set([data.day, ...data.events.flatMap((e) => [dayBefore(e.date), e.date])])).sort();
  const slider = byId("time");
  function setDay(day) {
    showDay(day);
    refresh();
    showDetailsAgain();
  }
  function showDetailsAgain() {
    const shown = byId("details-body").dataset.element;
    if (shown && !shown.startsWith("flag:")) showElement(shown);
  }
  // The findings and counts of the map as of a day (payload.py `_timeline`): the entry of
  // that day, or of the last day before it where the map changes. A map without a timeline
  // (too large, or no rules ran) keeps the analysis day's findings and counts its facts here.
  function timelineEntry(day) {
    const known = Object.keys(data.timeline || {}).filter((d) => d <= day).sort();
    return known.length ? data.timeline[known[known.length - 1]] : null;
  }
  function liveCount(list) {
    return list.filter((fact) => status(fact) === "live").length;
  }
  let findingsEntry; // the entry the panel lists (undefined: the panel is not built yet)
  function showFindingsOn(day) {
    const entry = timelineEntry(day);
    if (findingsEntry === undefined || (entry && entry !== findingsEntry)) {
      if (entry) {
        flags.length = 0;
        entry.findings.forEach((f) => flags.push(decodeFinding(f, f.t)));
        indexFindings();
      }
      clear(byId("flags-body"));
      buildFlags();
      findingsEntry = entry;
    }
    // without a timeline: the analysis day's counts from Python, other days counted here;
    // the findings of another day are not known, and the panel says where to get them
    const otherDay = !entry && day !== data.day;
    const counts = entry ? entry.counts : !otherDay ? data.counts : {
      actors: liveCount(data.actors), forums: liveCount(data.forums), findings: "–",
      contacts: liveCount(data.contacts.filter((c) => status(actors.get(c.a)) === "live" && status(actors.get(c.b)) === "live")),
    };
    const one = { actors: "oneActor", forums: "oneForum", contacts: "oneContact", findings: "oneFinding" };
    Object.entries(one).forEach(([k, singular]) => {
      byId("count-" + k).textContent = String(counts[k]);
      byId("unit-" + k).textContent = counts[k] === 1 ? ui[singular] : ui[k];
    });
    byId("flag-count").textContent = String(flags.length);
    showFindingsDay(otherDay ? day : null);
  }
  function showFindingsDay(day) {
    const note = byId("flags-day");
    clear(note);
    note.hidden = !day;
    if (!day) return;
    note.appendChild(el("p", ui.findingsOtherDay.replace("{day}", data.day)));
    note.appendChild(el("code", "samverkan gaps PROJEKT --at " + day));
  }
  function showDay(day) {
    if (!days.includes(day)) {
      days.push(day);
      days.sort();
      slider.max = String(days.length - 1);
    }
    state.day = day;
    showFindingsOn(day);
    slider.value = String(days.indexOf(day));
    byId("time-label").textContent = ui.asOf + " " + day + (day === data.day ? " (" + ui.today.toLocaleLowerCase(data.lang) + ")" : "");
    byId("shown-day").textContent = ui.asOf + " " + day;
    showViewState();
    const today = data.events.filter((e) => e.date === day);
    byId("time-event").textContent = today.map((e) => labels.event[e.kind] + ": " + (e.actor ? nameOf(e.actor) : "") + (e.desc ? " – " + e.desc : "")).join(" · ");
    document.querySelectorAll("#events-body li").forEach((li) => {
      li.classList.toggle("past", li.dataset.date <= day);
    });
  }
  function timeButtons(e) {
    const span = el("span", null, "time-buttons");
    [[ui.before, dayBefore(e.date)], [ui.after, e.date]].forEach(([text, day]) => {
      const button = el("button", text + " (" + day + ")", "small");
      button.type = "button";
      button.addEventListener("click", () => {
        setDay(day);
        if (e.actor && nodeFact(e.actor)) select(e.actor);
      });
      span.appendChild(button);
    });
    return span;
  }
  function buildTime() {
    slider.max = String(Math.max(0, days.length - 1));
    const ticks = byId("time-ticks");
    days.forEach((d, i) => {
      const option = el("option");
      option.value = String(i);
      ticks.appendChild(option);
    });
    slider.addEventListener("input", () => setDay(days[Number(slider.value)]));
    const eventList = byId("events-body");
    if (!data.events.length) eventList.appendChild(el("p", ui.noEvents, "muted"));
    else {
      const list = el("ul", null, "event-list");
      data.events.forEach((e) => {
        const li = eventItem(e);
        li.dataset.date = e.date;
        list.appendChild(li);
      });
      eventList.appendChild(list);
    }
  }

  // --- legend and flags ------------------------------------------------------------------------------------
  // The legend is data, drawn twice from the same list: as HTML beside the map and on the
  // saved picture. Each mark is drawn with the canvas code the map's badges use.
  function legendSections() {
    const usedKinds = new Set(data.actors.map((a) => a.kind));
    const node = (color, shape, border, dashes) => ({ node: { color, shape, border: border || "#2b2b2b", dashes } });
    const kinds = Object.entries(style.kinds).filter(([k]) => usedKinds.has(k))
      .map(([k, s]) => [node(s.color, s.shape), labels.kind[k]]);
    kinds.push([node(style.forum.color, style.forum.shape), ui.forum]);
    kinds.push([node(style.ended, "dot"), ui.ended]);
    kinds.push([node("#ffffff", "dot", style.event, [4, 3]), ui.eventMark]);
    const levels = Object.entries(style.levels).map(([level, s]) => [{ line: s }, labels.level[level]]);
    levels.push([{ line: style.member }, ui.membership]);
    if (unitLines) levels.push([{ line: style.parent }, ui.partOf]);
    const sections = [[ui.actorKinds, kinds], [ui.levels, levels],
      [ui.severities, ["3", "2", "1"].map((s) => [{ badge: s }, labels.severity[s]])]];
    if (Object.keys(style.change).length) {
      sections.push([ui.changes, Object.entries(style.change).map(([k, color]) => [node("#ffffff", "dot", color), labels.change[k]])]);
    }
    if (simulated.size) sections.push([ui.simulated, [[node("#ffffff", "dot", style.lost, [3, 3]), ui.lostWord], [node("#ffffff", "dot", style.lost), ui.cutOffWord]]]);
    return sections;
  }
  const MARK = 18; // px, a legend mark
  function drawMark(ctx, mark, x, y) {
    ctx.save();
    if (mark.line) {
      ctx.strokeStyle = mark.line.color;
      ctx.lineWidth = Math.max(2, mark.line.width);
      ctx.setLineDash(mark.line.dashes || []);
      ctx.beginPath();
      ctx.moveTo(x - MARK, y);
      ctx.lineTo(x + MARK, y);
      ctx.stroke();
    } else if (mark.badge) {
      drawBadge(ctx, mark.badge, x, y, 1);
    } else {
      drawShape(ctx, mark.node.shape, x, y, 7);
      ctx.fillStyle = mark.node.color;
      ctx.fill();
      ctx.strokeStyle = mark.node.border;
      ctx.lineWidth = mark.node.border === "#2b2b2b" ? 1 : 3;
      ctx.setLineDash(mark.node.dashes || []);
      ctx.stroke();
    }
    ctx.restore();
  }
  // The outline of a node's shape, as vis-network draws it (radius r around x, y).
  function drawShape(ctx, shape, x, y, r) {
    ctx.beginPath();
    const polygon = (points) => points.forEach(([px, py], i) => (i ? ctx.lineTo(x + px * r, y + py * r) : ctx.moveTo(x + px * r, y + py * r)));
    if (shape === "square") ctx.rect(x - r, y - r, 2 * r, 2 * r);
    else if (shape === "diamond") polygon([[0, -1.3], [1.3, 0], [0, 1.3], [-1.3, 0]]);
    else if (shape === "triangle") polygon([[0, -1.2], [1.1, 0.8], [-1.1, 0.8]]);
    else if (shape === "triangleDown") polygon([[0, 1.2], [1.1, -0.8], [-1.1, -0.8]]);
    else if (shape === "hexagon") polygon([0, 1, 2, 3, 4, 5].map((i) => [Math.cos(i * Math.PI / 3), Math.sin(i * Math.PI / 3)]));
    else if (shape === "star") polygon(Array.from({ length: 10 }, (_, i) => {
      const a = -Math.PI / 2 + i * Math.PI / 5;
      const d = i % 2 ? 0.5 : 1.3;
      return [d * Math.cos(a), d * Math.sin(a)];
    }));
    else ctx.arc(x, y, r, 0, 2 * Math.PI);
    ctx.closePath();
  }
  // A flag's badge: exclamation marks by severity, so that severity never rests on colour alone.
  function drawBadge(ctx, severity, x, y, scale) {
    const text = "!".repeat(Number(severity));
    const h = 14 * scale;
    const w = Math.max(h, (6 + 5 * text.length) * scale);
    ctx.save();
    ctx.beginPath();
    ctx.roundRect(x - w / 2, y - h / 2, w, h, h / 2);
    ctx.fillStyle = style.severity[severity];
    ctx.fill();
    ctx.lineWidth = 1.5 * scale;
    ctx.strokeStyle = "#ffffff";
    ctx.stroke();
    ctx.fillStyle = severity === "1" ? "#1d232b" : "#ffffff";
    ctx.font = "bold " + 11 * scale + "px system-ui, 'Segoe UI', Arial, sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.fillText(text, x, y + 0.5 * scale);
    ctx.restore();
  }
  function markCanvas(mark) {
    const canvas = document.createElement("canvas");
    const ratio = window.devicePixelRatio || 1;
    canvas.width = 2 * MARK * ratio;
    canvas.height = MARK * ratio;
    canvas.style.width = 2 * MARK + "px";
    canvas.style.height = MARK + "px";
    canvas.setAttribute("aria-hidden", "true");
    const ctx = canvas.getContext("2d");
    ctx.scale(ratio, ratio);
    drawMark(ctx, mark, MARK, MARK / 2);
    return canvas;
  }
  function buildLegend() {
    const legend = byId("legend-body");
    clear(legend);
    legendSections().forEach(([heading, rows]) => {
      legend.appendChild(el("h3", heading));
      const list = el("ul", null, "legend-list");
      rows.forEach(([mark, text]) => {
        const row = el("li");
        row.appendChild(markCanvas(mark));
        row.appendChild(el("span", text));
        list.appendChild(row);
      });
      legend.appendChild(list);
    });
  }
  // Badges on flagged nodes, once they are large enough to read.
  function drawBadges(ctx) {
    const scale = network.getScale();
    if (scale < 0.2) return;
    const at = network.body.nodes;
    ctx.save();
    const size = Math.min(2, Math.max(1, 1 / scale)); // about 14 px on screen when zoomed out
    shownNodes.forEach((id) => {
      const severity = worst.get(id);
      const node = at[id];
      if (!severity || !node || dimmed.has(id)) return;
      drawBadge(ctx, String(severity), node.x + 13, node.y - 13, size);
    });
    ctx.restore();
  }
  network.on("afterDrawing", (ctx) => { drawBadges(ctx); drawKeyFocus(ctx); });

  // --- the keyboard on the map -------------------------------------------------------------------------------
  // Left/right arrows move a visible focus ring from node to node in name order; up/down
  // through the focused node's lines; Enter selects, Escape lets go. The name is announced.
  let keyNode = null;
  let keyFocus = null;
  function keyStep(list, current, step) {
    if (!list.length) return null;
    const at = list.indexOf(current);
    return list[at < 0 ? (step > 0 ? 0 : list.length - 1) : (at + step + list.length) % list.length];
  }
  function describeElement(id) {
    if (nodeFact(id)) {
      const fact = nodeFact(id);
      const kind = forums.has(id) ? ui.forumWord : labels.kind[fact.kind];
      const count = (flagsOf.get(id) || []).length;
      return fact.name + ", " + kind + (count ? ", " + count + " " + (count === 1 ? ui.oneFinding : ui.findings) : "");
    }
    const line = lines.get(id);
    return nameOf(line.from) + " – " + nameOf(line.to) + ", " + (line.contact ? labels.level[line.contact.level] : line.forum ? ui.memberWord : ui.parent);
  }
  function setKeyFocus(id) {
    keyFocus = id;
    if (nodeFact(id)) keyNode = id;
    byId("map-focus").textContent = describeElement(id);
    const around = nodeFact(id) ? id : lines.get(id).to;
    const box = byId("map").getBoundingClientRect();
    const at = network.canvasToDOM(network.getPosition(around));
    if (at.x < 20 || at.y < 20 || at.x > box.width - 20 || at.y > box.height - 20) {
      network.moveTo({ position: network.getPosition(around), animation: false });
    }
    network.redraw();
  }
  function mapKeys(event) {
    if (!ready) return;
    const key = event.key;
    if (key === "ArrowRight" || key === "ArrowLeft") {
      const order = Array.from(shownNodes).sort((x, y) => compare(nameOf(x), nameOf(y)) || (x < y ? -1 : 1));
      const next = keyStep(order, keyNode, key === "ArrowRight" ? 1 : -1);
      if (next) setKeyFocus(next);
    } else if ((key === "ArrowDown" || key === "ArrowUp") && keyNode) {
      const own = (linesOf.get(keyNode) || []).filter((l) => shownLines.has(l));
      const next = keyStep(own, keyFocus, key === "ArrowDown" ? 1 : -1);
      if (next) setKeyFocus(next);
    } else if ((key === "Enter" || key === " ") && keyFocus) {
      if (nodeFact(keyFocus)) select(keyFocus);
      else focusElements([keyFocus], true);
    } else if (key === "Escape") {
      keyFocus = null;
      network.unselectAll();
      highlight(null);
    } else {
      return;
    }
    event.preventDefault();
  }
  function drawKeyFocus(ctx) {
    if (!keyFocus || document.activeElement !== byId("map")) return;
    const scale = network.getScale();
    ctx.save();
    ctx.lineWidth = 4 / scale;
    ctx.setLineDash([]);
    [["#ffffff", 7], ["#1d3f8f", 3]].forEach(([color, width]) => {
      ctx.strokeStyle = color;
      ctx.lineWidth = width / scale;
      ctx.beginPath();
      if (nodeFact(keyFocus)) {
        const node = network.body.nodes[keyFocus];
        if (node) ctx.arc(node.x, node.y, 20 + 4 / scale, 0, 2 * Math.PI);
      } else {
        const line = lines.get(keyFocus);
        const from = network.body.nodes[line.from];
        const to = network.body.nodes[line.to];
        if (from && to) { ctx.moveTo(from.x, from.y); ctx.lineTo(to.x, to.y); }
      }
      ctx.stroke();
    });
    ctx.restore();
  }
  function buildKeyboard() {
    const map = byId("map");
    map.addEventListener("keydown", mapKeys);
    map.addEventListener("focus", () => network.redraw());
    map.addEventListener("blur", () => network.redraw());
  }

  // --- small screens: the tools and the panel fold away ----------------------------------------------------
  const narrow = window.matchMedia("(max-width: 900px)");
  function setDrawer(open) {
    document.body.classList.toggle("drawer-open", open);
    const handle = byId("drawer-toggle");
    handle.setAttribute("aria-expanded", String(open));
    handle.textContent = open ? ui.hidePanel : ui.showPanel;
  }
  function openDrawer() {
    if (narrow.matches) setDrawer(true);
  }
  function buildSmallScreens() {
    byId("drawer-toggle").addEventListener("click", () => setDrawer(!document.body.classList.contains("drawer-open")));
    const tools = byId("toggle-tools");
    tools.addEventListener("click", () => {
      const open = !document.body.classList.contains("tools-open");
      document.body.classList.toggle("tools-open", open);
      tools.setAttribute("aria-expanded", String(open));
    });
    if (narrow.matches) byId("legend").open = false; // the map comes first on a phone
  }

  // --- "Lista": the map as tables, with the same date and filters ------------------------------------------
  const LIST_PAGE = 200;
  function listOpen() {
    return !byId("list-view").hidden;
  }
  function setList(open) {
    byId("list-view").hidden = !open;
    byId("list-toggle").setAttribute("aria-pressed", String(open));
    byId("list-toggle").textContent = open ? ui.mapView : ui.listView;
    if (open) buildList();
  }
  function table(body, caption, heads, rows) {
    const element = el("table");
    element.appendChild(el("caption", caption + " (" + rows.length + ")"));
    const head = el("tr");
    heads.forEach((h) => { const th = el("th", h); th.scope = "col"; head.appendChild(th); });
    element.appendChild(el("thead")).appendChild(head);
    const tbody = element.appendChild(el("tbody"));
    function page(from) {
      rows.slice(from, from + LIST_PAGE).forEach((cells) => {
        const tr = el("tr");
        cells.forEach((cell) => {
          const td = el("td");
          td.appendChild(typeof cell === "string" ? document.createTextNode(cell) : cell);
          tr.appendChild(td);
        });
        tbody.appendChild(tr);
      });
      const left = rows.length - from - LIST_PAGE;
      if (left <= 0) return;
      const tr = el("tr", null, "more");
      const td = el("td");
      td.colSpan = heads.length;
      const button = el("button", ui.moreFlags + " (" + left + " " + ui.left + ")", "link");
      button.type = "button";
      button.addEventListener("click", () => { tr.remove(); page(from + LIST_PAGE); });
      td.appendChild(button);
      tr.appendChild(td);
      tbody.appendChild(tr);
    }
    page(0);
    body.appendChild(element);
  }
  // A name in a table shows that element on the map.
  function listLink(id, text) {
    const button = link(id, text);
    button.addEventListener("click", () => setList(false));
    return button;
  }
  function buildList() {
    const body = byId("list-body");
    clear(body);
    body.appendChild(el("p", describeView(), "muted"));
    const byName = (x, y) => compare(nameOf(x), nameOf(y));
    const shownActors = Array.from(shownNodes).filter((id) => actors.has(id)).sort(byName);
    const shownForums = Array.from(shownNodes).filter((id) => forums.has(id)).sort(byName);
    const flagCount = (id) => String((flagsOf.get(id) || []).length || "");
    table(body, ui.actorKinds, [ui.nameWord, ui.kindHeading, ui.municipality, ui.parent, ui.flags], shownActors.map((id) => {
      const a = actors.get(id);
      const parent = parentOn(a, state.day);
      return [listLink(id), labels.kind[a.kind] + (status(a) === "ended" ? ui.endedSuffix : ""), a.municipality || "", parent ? nameOf(parent) : "", flagCount(id)];
    }));
    table(body, ui.forumsOf, [ui.nameWord, ui.level, ui.members, ui.cadence, ui.flags], shownForums.map((id) => {
      const f = forums.get(id);
      return [listLink(id), labels.level[f.level], (f.members || []).filter((m) => shownNodes.has(m)).map(nameOf).join(", "), f.cadence !== undefined ? decimal(f.cadence) : "", flagCount(id)];
    }));
    const shownContacts = Array.from(shownLines).filter((id) => contacts.has(id)).map((id) => contacts.get(id))
      .sort((x, y) => compare(nameOf(x.a) + nameOf(x.b), nameOf(y.a) + nameOf(y.b)));
    table(body, ui.levels, [ui.contactWord, ui.level, ui.targetGroups, ui.quality, ui.carriers, ui.flags], shownContacts.map((c) => [
      listLink(c.id, nameOf(c.a) + " – " + nameOf(c.b)), labels.level[c.level], (c.groups || []).map(nameOf).join(", "),
      c.quality !== undefined ? labels.quality[c.quality] : "", c.carriers.map((p) => p.name).join(", "), flagCount(c.id),
    ]));
    flagTable(body);
  }
  // The flags that concern what is shown; one function, so that it can list findings later.
  function flagTable(body) {
    const concerns = (flag) => [...flag.nodes, ...flag.edges].some((id) => shownNodes.has(id) || shownLines.has(id));
    const rows = flags.map((flag, index) => [flag, index]).filter(([flag]) => concerns(flag))
      .sort(([x, i], [y, j]) => y.severity - x.severity || i - j)
      .map(([flag, index]) => {
        const button = el("button", flag.title, "link");
        button.type = "button";
        button.addEventListener("click", () => { setList(false); showFlag(index); });
        return [labels.severity[flag.severity], button, [...flag.nodes, ...flag.edges].map(elementName).join(", ")];
      });
    table(body, ui.flags, [ui.severityWord, ui.flag, ui.concerns], rows);
  }
  function elementName(id) {
    return contacts.has(id) ? nameOf(contacts.get(id).a) + " – " + nameOf(contacts.get(id).b) : nameOf(id);
  }

  // --- "Vad händer om …?": a simulated loss ---------------------------------------------------------------
  // What the reader removes is shown as lost, not hidden: its lines dashed, the actors left
  // with no contact or forum ringed, and the target groups no one reaches any more listed.
  function computeLoss() {
    const gone = new Set();
    const walk = (id) => {
      if (gone.has(id)) return;
      gone.add(id);
      unitsOn(id).forEach(walk);
    };
    const persons = new Set();
    const personAt = new Map(data.persons.map((p, i) => [p, i]));
    simulated.forEach((id) => {
      if (actors.has(id)) walk(id);
      else if (forums.has(id)) gone.add(id);
      else persons.add(Number(id.slice(PERSON.length)));
    });
    lines.forEach((line, id) => {
      const carriers = line.contact ? line.contact.carriers : [];
      const carried = carriers.length && carriers.every((p) => persons.has(personAt.get(p)));
      if (gone.has(line.from) || gone.has(line.to) || carried) gone.add(id);
    });
    const live = (id) => shownLines.has(id) && !gone.has(id) && !lines.get(id).unit;
    const cutOff = new Set();
    shownNodes.forEach((id) => {
      if (!actors.has(id) || gone.has(id)) return;
      const own = (linesOf.get(id) || []).filter((l) => shownLines.has(l) && !lines.get(l).unit);
      if (own.length && !own.some(live)) cutOff.add(id);
    });
    const reached = (keep) => {
      const found = new Set();
      shownLines.forEach((id) => { if (keep(id) && lines.get(id).contact) (lines.get(id).contact.groups || []).forEach((g) => found.add(g)); });
      shownNodes.forEach((id) => { if (forums.has(id) && (keep(id))) (forums.get(id).groups || []).forEach((g) => found.add(g)); });
      return found;
    };
    const after = reached((id) => !gone.has(id));
    const unreached = Array.from(reached(() => true)).filter((g) => !after.has(g));
    return { gone, cutOff, unreached };
  }
  const PERSON = "person:";
  function simulate(id) {
    simulated.add(id);
    updateLoss();
    showDetailsAgain(); // without its "Simulera bortfall" button now
    openDrawer();
    byId("side").scrollTop = 0; // the consequences, first in the panel
  }
  function undoSimulation(id) {
    if (id === undefined) simulated.clear();
    else simulated.delete(id);
    updateLoss();
    showDetailsAgain();
  }
  function updateLoss() {
    loss = simulated.size ? computeLoss() : { gone: new Set(), cutOff: new Set(), unreached: [] };
    batches = null;
    restyle();
    network.redraw();
    showSimulation();
    buildLegend();
    showViewState();
    if (listOpen()) buildList();
  }
  function simulationButton(id) {
    const button = el("button", ui.simulate, "small simulate");
    button.type = "button";
    button.dataset.target = id;
    button.addEventListener("click", () => simulate(id));
    return button;
  }
  function showSimulation() {
    const box = byId("simulation");
    clear(box);
    box.hidden = !simulated.size;
    if (!simulated.size) return;
    const name = (id) => (id.startsWith(PERSON) ? data.persons[Number(id.slice(PERSON.length))].name : nameOf(id));
    box.appendChild(el("h2", ui.simulated + ": " + Array.from(simulated, name).join(", ")));
    const shownGone = Array.from(loss.gone).filter((id) => shownNodes.has(id) || shownLines.has(id));
    const lostContacts = shownGone.filter((id) => contacts.has(id));
    const lostForums = shownGone.filter((id) => forums.has(id));
    const lostMembers = shownGone.filter((id) => lines.has(id) && lines.get(id).forum && !loss.gone.has(lines.get(id).from));
    const panel = el("div");
    section(panel, ui.lostContacts + " (" + lostContacts.length + ")", lostContacts.map((id) => item([link(id, elementName(id))])), "h3");
    section(panel, ui.lostForums + " (" + (lostForums.length + lostMembers.length) + ")", [
      ...lostForums.map((id) => item([link(id)])),
      ...lostMembers.map((id) => item([link(lines.get(id).from), ui.loses + " " + nameOf(lines.get(id).to)])),
    ], "h3");
    section(panel, ui.cutOff + " (" + loss.cutOff.size + ")", Array.from(loss.cutOff).map((id) => item([link(id)])), "h3");
    section(panel, ui.unreached + " (" + loss.unreached.length + ")", loss.unreached.map(nameOf), "h3");
    if (!lostContacts.length && !lostForums.length && !lostMembers.length) panel.appendChild(el("p", ui.nothingLost, "muted"));
    const hint = simulatedFindings(panel);
    box.appendChild(panel);
    const command = "samverkan whatif PROJEKT " + Array.from(simulated, (id) => "--remove \"" + name(id) + "\"").join(" ") + " --at " + state.day;
    box.appendChild(el("p", hint, "muted small"));
    box.appendChild(el("code", command, "small"));
    const buttons = el("p");
    const undo = el("button", ui.undo, "small");
    undo.type = "button";
    undo.id = "undo-simulation";
    undo.addEventListener("click", () => undoSimulation(Array.from(simulated).pop()));
    buttons.appendChild(undo);
    if (simulated.size > 1) {
      const all = el("button", ui.undoAll, "small");
      all.type = "button";
      all.addEventListener("click", () => undoSimulation());
      buttons.appendChild(all);
    }
    box.appendChild(buttons);
  }

  // The findings a loss would bring and take away, computed ahead in Python for one element
  // at a time on the analysis day (simulation.py), in a block parsed on the first simulation.
  // Where they are not at hand, the hint under the panel says so before naming the command.
  let whatif = null;
  function simulatedFindings(panel) {
    whatif = whatif || JSON.parse(byId("map-whatif").textContent);
    let note = null;
    if (!whatif.day) note = ui.whatifNoRules;
    else if (whatif.over) note = ui.whatifTooLarge;
    else if (state.day !== whatif.day) note = ui.whatifOtherDay.replace("{day}", whatif.day);
    else if (simulated.size > 1) note = ui.whatifSeveral;
    if (note) return note;
    const change = whatif.by[Array.from(simulated)[0]] || {};
    const entries = (list) => (list || []).map(([severity, title]) => labels.severity[severity] + " · " + title);
    const appear = entries(change["+"]);
    const disappear = entries(change["-"]);
    section(panel, ui.findingsAppear + " (" + appear.length + ")", appear, "h3");
    section(panel, ui.findingsDisappear + " (" + disappear.length + ")", disappear, "h3");
    if (!appear.length && !disappear.length) panel.appendChild(el("p", ui.noFindingChange, "muted"));
    return ui.whatifHint;
  }

  // A severity group lists its flags a page at a time: a national map has tens of thousands,
  // which as one list would take the browser seconds to lay out, and no one to read.
  const FLAG_PAGE = 100;
  function buildFlags() {
    const flagList = byId("flags-body");
    if (!flags.length) flagList.appendChild(el("p", ui.noFlags, "muted"));
    mostImportant(flagList);
    const bySeverity = { 3: [], 2: [], 1: [] };
    flags.forEach((flag, index) => bySeverity[flag.severity].push(index));
    ["3", "2", "1"].forEach((severity) => {
      const group = bySeverity[severity];
      if (!group.length) return;
      const heading = el("h3", null, "severity");
      heading.appendChild(markCanvas({ badge: severity }));
      heading.appendChild(el("span", labels.severity[severity] + " (" + group.length + ")"));
      flagList.appendChild(heading);
      const list = el("ul", null, "flag-list");
      flagList.appendChild(list);
      listFlags(list, group, 0);
    });
  }
  // The few a steering group takes up, as the report's "Viktigast att ta upp" lists them
  // ([rapport] viktigast); only when there are more findings than that.
  function mostImportant(flagList) {
    if (flags.length <= data.mostImportant) return;
    flagList.appendChild(el("h3", ui.mostImportant + " (" + data.mostImportant + ")", "most-important"));
    const list = el("ul", null, "flag-list most-important");
    flags.slice(0, data.mostImportant).forEach((flag, index) => list.appendChild(rankedEntry(index, flag.why, "top")));
    flagList.appendChild(list);
    flagList.appendChild(el("h3", ui.allFindings, "all-findings"));
  }
  function listFlags(list, group, from) {
    group.slice(from, from + FLAG_PAGE).forEach((index) => list.appendChild(flagEntry(index)));
    const left = group.length - from - FLAG_PAGE;
    if (left <= 0) return;
    const more = el("li", null, "more");
    const button = el("button", ui.moreFlags + " (" + left + " " + ui.left + ")", "link");
    button.type = "button";
    button.addEventListener("click", () => {
      more.remove();
      listFlags(list, group, from + FLAG_PAGE);
    });
    more.appendChild(button);
    list.appendChild(more);
  }
  // Findings come in rank order: the number is the rank `samverkan gaps` and the report give.
  const NAMES_SHOWN = 4;
  function flagEntry(index) {
    const flag = flags[index];
    // two contacts between the same two actors read alike: named once
    const names = [...new Set([...flag.nodes, ...flag.edges].map(elementName))];
    const rest = names.length - NAMES_SHOWN;
    const shown = rest > 1 ? names.slice(0, NAMES_SHOWN).join(", ") + " " + ui.andMore.replace("{n}", rest) : names.join(", ");
    const li = rankedEntry(index, shown, "flag");
    li.querySelector("button").classList.add("flag-title");
    return li;
  }
  function rankedEntry(index, line, kind) {
    const li = el("li", null, kind);
    li.dataset.flag = String(index);
    li.appendChild(el("span", index + 1 + ".", "rank"));
    const button = el("button", flags[index].title, "link");
    button.type = "button";
    button.addEventListener("click", () => showFlag(index));
    li.appendChild(button);
    li.appendChild(el("div", line, "muted small"));
    return li;
  }

  // --- picture and print -------------------------------------------------------------------------------------
  // The saved picture is the map as shown, with a heading that says what is shown and the
  // legend beside it, so that it can be read on its own in a slide or an e-mail.
  const LEGEND_WIDTH = 300;
  function picture() {
    const source = byId("map").querySelector("canvas");
    const ratio = source.width / (source.clientWidth || source.width);
    const top = 70 * ratio;
    const rows = legendSections().reduce((n, [, entries]) => n + entries.length + 1.4, 0);
    const canvas = document.createElement("canvas");
    canvas.width = source.width + LEGEND_WIDTH * ratio;
    canvas.height = Math.max(source.height, rows * 22 * ratio + 20 * ratio) + top;
    const context = canvas.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(source, 0, top);
    context.scale(ratio, ratio);
    context.fillStyle = "#1d232b";
    context.font = "bold 22px system-ui, 'Segoe UI', Arial, sans-serif";
    context.fillText(data.title, 16, 28);
    context.font = "15px system-ui, 'Segoe UI', Arial, sans-serif";
    context.fillText(describeView(), 16, 54);
    let y = top / ratio + 10;
    const x = source.width / ratio + 16;
    legendSections().forEach(([heading, entries]) => {
      context.fillStyle = "#1d232b";
      context.font = "bold 14px system-ui, 'Segoe UI', Arial, sans-serif";
      context.fillText(heading, x, y + 4);
      y += 22;
      context.font = "13px system-ui, 'Segoe UI', Arial, sans-serif";
      entries.forEach(([mark, text]) => {
        drawMark(context, mark, x + MARK, y);
        context.fillStyle = "#1d232b";
        context.textBaseline = "middle";
        context.fillText(text, x + 2 * MARK + 10, y);
        context.textBaseline = "alphabetic";
        y += 22;
      });
      y += 8;
    });
    return canvas;
  }
  function exportPng() {
    picture().toBlob((blob) => {
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement("a");
      anchor.download = (data.title.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "") || "karta") + "-" + state.day + ".png";
      anchor.href = url;
      document.body.appendChild(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    }, "image/png");
  }
  // The canvas keeps its pixel size when printed; redraw it at the print size (A4 landscape),
  // around the same centre and at the same share of the map as on the screen.
  let screenView = null;
  function beforePrint() {
    if (screenView) return;
    const width = byId("map").clientWidth || 1000;
    screenView = { position: network.getViewPosition(), scale: network.getScale(), legend: byId("legend").open };
    document.body.classList.add("printing");
    byId("legend").open = true;
    network.setSize("1000px", "560px");
    network.redraw();
    network.moveTo({ position: screenView.position, scale: screenView.scale * Math.min(1, 1000 / width), animation: false });
  }
  function afterPrint() {
    if (!screenView) return;
    document.body.classList.remove("printing");
    byId("legend").open = screenView.legend;
    network.setSize("100%", "100%");
    network.redraw();
    network.moveTo({ position: screenView.position, scale: screenView.scale, animation: false });
    screenView = null;
  }
  function buildActions() {
    byId("export-png").addEventListener("click", exportPng);
    byId("print").addEventListener("click", () => window.print());
    byId("list-toggle").addEventListener("click", () => setList(!listOpen()));
    window.addEventListener("beforeprint", beforePrint);
    window.addEventListener("afterprint", afterPrint);
    window.matchMedia("print").addEventListener("change", (event) => (event.matches ? beforePrint() : afterPrint()));
  }

  // --- the rest of the page, right after the first draw -----------------------------------------------
  // Steps, each its own task, so that the map answers pan and zoom between them; a click
  // waits for the last (see `waiting`).
  function finish() {
    performance.mark("samverkan:finish");
    const steps = [
      () => decodeLate(JSON.parse(byId("map-late").textContent)),
      indexLate,
      () => { buildSearch(); buildFilters(); buildTime(); buildLegend(); buildActions(); buildKeyboard(); buildSmallScreens(); },
      () => showDay(data.day), // the findings panel too
      () => {
        labelsAttached = true; // before knowKeys: the keys include the labels
        knowKeys();
        ready = true;
        waiting.splice(0).forEach((action) => action());
        performance.mark("samverkan:ready");
        window.samverkanReady = performance.now();
        document.body.setAttribute("data-ready", "true");
        if (lateLabels) attachLabels();
      },
    ];
    (function next() {
      steps.shift()();
      if (steps.length) setTimeout(next, 0);
    })();
  }
  window.samverkan = {
    network, nodes, edges, state, search, suggest, select, focusElements, setDay, setFilter,
    showFlag, exportPng, picture, days, flags, simulate, undoSimulation, loss: () => loss, describeView, shown: () => ({ nodes: Array.from(shownNodes), edges: Array.from(shownLines) }),
  };
})();
