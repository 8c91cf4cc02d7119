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
  data.actors.forEach((a) => {
    if (unitLines && a.parent && actors.has(a.parent)) {
      const id = a.id + "<" + a.parent;
      lines.set(id, { id, from: a.id, to: a.parent, unit: a });
    }
  });
  const eventsOf = new Map();
  data.events.forEach((e) => {
    if (e.actor) push(eventsOf, e.actor, e);
    if (e.newParent) push(eventsOf, e.newParent, e);
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
    data.flags.forEach((f, i) => flags.push({
      rule: data.flagRules[f.r], severity: f.s, nodes: refs(f.n), edges: (f.c || []).map((j) => data.contacts[j].id),
      evidence: f.e || [], sourcesDerived: Boolean(f.x), title: data.flagTexts[i][0], explanation: data.flagTexts[i][1],
    }));
  }
  function indexLate() {
    data.contacts.forEach((c) => contacts.set(c.id, c));
    flags.forEach((flag, index) => {
      flag.nodes.forEach((id) => push(flagsOf, id, index));
      flag.edges.forEach((id) => push(flagsOf, id, index));
    });
    lines.forEach((line) => {
      push(linesOf, line.from, line.id);
      push(linesOf, line.to, line.id);
    });
    data.actors.forEach((a) => { if (a.parent) push(unitsOf, a.parent, a.id); });
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

  let shownNodes = new Set();
  let shownLines = new Set();

  function actorPasses(a) {
    if (status(a) === "future") return false;
    if (state.kind && a.kind !== state.kind) return false;
    if (state.municipality && a.municipality !== state.municipality) return false;
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
    const c = line.contact;
    if (!c) return true;
    if (status(c) === "future") return false;
    if (state.level && c.level !== state.level) return false;
    if (state.group && !(c.groups || []).includes(state.group)) return false;
    if (state.flagged && !worst.has(c.id) && !(worst.has(c.a) && worst.has(c.b))) return false;
    return true;
  }
  function computeShown() {
    const shown = new Set();
    data.actors.forEach((a) => { if (actorPasses(a)) shown.add(a.id); });
    data.forums.forEach((f) => { if (forumPasses(f, shown)) shown.add(f.id); });
    shownNodes = shown;
    const shownL = new Set();
    lines.forEach((line) => { if (linePasses(line)) shownL.add(line.id); });
    shownLines = shownL;
  }

  // --- how it is drawn ---------------------------------------------------------------------------
  const FADED = "rgba(205,210,216,0.45)";
  let dimmed = new Set(); // what the current highlight greys out
  let labelsAttached = true;

  function eventOnOrBefore(id) {
    return (eventsOf.get(id) || []).some((e) => e.date <= state.day);
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
    if (labelsAttached) item.label = label;
    item.title = label + "\n" + (isForum ? ui.forumWord + " · " + labels.level[fact.level] : labels.kind[fact.kind]);
    if (!full && !ended && !flagged && !marked && !faded && !change) return item;
    const base = isForum ? style.forum.color : style.kinds[fact.kind].color;
    const background = faded ? FADED : ended ? style.ended : base;
    const border = faded ? FADED : flagged ? style.severity[severity] : change ? change : marked ? style.event : "#2b2b2b";
    item.color = {
      background, border,
      highlight: { background, border: "#111111" },
      hover: { background, border: "#111111" },
    };
    item.borderWidth = flagged || marked || change ? 3 : 1;
    item.shapeProperties = { borderDashes: marked && !flagged ? [4, 3] : false };
    item.font = { color: faded ? "#b8bec6" : ended ? "#6b7480" : "#1d232b" };
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
  const bulk = lines.size > BULK_LINES;
  const edges = new vis.DataSet(bulk ? [] : Array.from(lines.keys(), (id) => lineItem(id)));
  const nodeView = new vis.DataView(nodes, { filter: (n) => shownNodes.has(n.id) });
  performance.mark("samverkan:datasets");
  const edgeView = new vis.DataView(edges, { filter: (e) => shownLines.has(e.id) });
  const operational = style.levels["operativ"];
  const large = bulk || data.actors.length > 2000;
  const network = new vis.Network(byId("map"), { nodes: nodeView, edges: edgeView }, {
    autoResize: true,
    physics: false,
    layout: { improvedLayout: false },
    groups: visGroups,
    nodes: {
      size: 12,
      borderWidth: 1,
      font: { size: data.font.size, face: "system-ui, 'Segoe UI', Arial, sans-serif", color: "#1d232b", strokeWidth: 4, strokeColor: "#ffffff" },
      // Wrapping measures every word; a large map's labels only show when zoomed in.
      widthConstraint: large ? false : { maximum: data.font.width },
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
    highlight(state.selected);
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
  function section(panel, heading, items) {
    const kept = items.filter(Boolean);
    if (!kept.length) return;
    panel.appendChild(el("h4", heading));
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
      li.insertBefore(el("div", explanation(flag), "explanation"), li.children[1] || null);
      return li;
    });
  }
  function gapItem(g) {
    const parts = [labels.gap[g.kind], link(g.actor)];
    (g.counterparts || []).forEach((c) => parts.push(link(c)));
    if (g.level) parts.push(labels.level[g.level]);
    if (g.groups.length) parts.push(g.groups.map(nameOf).join(", "));
    if (g.perYear !== undefined) parts.push(g.perYear + " " + ui.wishedPerYear);
    if (g.desc) parts.push(g.desc);
    return item(parts, g.src);
  }
  function personItem(p) {
    const parts = [p.role ? p.name + ", " + p.role : p.name];
    if (p.actor) parts.push(link(p.actor));
    return item(parts, p.src);
  }

  function header(panel, title, subtitle) {
    panel.appendChild(el("h3", title));
    panel.appendChild(el("p", subtitle, "muted"));
  }

  function showActor(panel, a) {
    const ended = status(a) === "ended";
    header(panel, a.name, labels.kind[a.kind] + (ended ? ui.endedSuffix : ""));
    section(panel, ui.kindHeading, [labels.kind[a.kind]]);
    section(panel, ui.parent, a.parent ? [item([link(a.parent)])] : []);
    section(panel, ui.units, (unitsOf.get(a.id) || []).map((u) => item([link(u)])));
    section(panel, ui.municipality, [a.municipality]);
    section(panel, ui.aliases, [(a.aliases || []).join(", ")]);
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
    header(panel, f.name, ui.forumWord + " · " + labels.level[f.level] + (status(f) === "ended" ? ui.endedSuffix : ""));
    section(panel, ui.level, [labels.level[f.level]]);
    section(panel, ui.status, [labels.status[f.status]]);
    section(panel, ui.cadence, [f.cadence !== undefined ? String(f.cadence) : ""]);
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
    panel.scrollIntoView({ block: "nearest" });
  }

  // The sentence naming a flag's sources, left out of the payload, is written again from
  // its evidence exactly as the rule wrote it (payload.py `_Flags`).
  function explanation(flag) {
    if (!flag.sourcesDerived) return flag.explanation;
    const titles = flag.evidence.filter((ref) => ref[3] >= 0).map((ref) => data.sources[ref[3]].title || "");
    return flag.explanation + " " + ui.flagSources + ": " + Array.from(new Set(titles)).join("; ") + ".";
  }
  function showFlag(index) {
    const flag = flags[index];
    focusElements([...flag.nodes, ...flag.edges], false);
    const panel = byId("details-body");
    clear(panel);
    panel.dataset.element = "flag:" + index;
    header(panel, flag.title, ui.flag + " · " + labels.severity[flag.severity] + " · " + flag.rule);
    section(panel, ui.explanation, [explanation(flag)]);
    const concerned = [...flag.nodes, ...flag.edges].map((id) => {
      const c = contacts.get(id);
      return item([link(id, c ? nameOf(c.a) + " – " + nameOf(c.b) : nameOf(id))]);
    });
    section(panel, ui.concerns, concerned);
    section(panel, ui.evidence, flag.evidence.map((ref) => item([cite(ref)])));
    byId("details").open = true;
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
    input.addEventListener("input", showSuggestions);
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
  }
  const unique = (values) => Array.from(new Set(values.filter(Boolean)));
  function buildFilters() {
    fillSelect("filter-level", Object.entries(labels.level));
    fillSelect("filter-kind", unique(data.actors.map((a) => a.kind)).map((k) => [k, labels.kind[k]]));
    fillSelect("filter-municipality", unique(data.actors.map((a) => a.municipality)).map((m) => [m, m]));
    fillSelect("filter-organisation", unique(data.actors.map((a) => a.org)).filter((o) => unitsOf.has(o)).map((o) => [o, nameOf(o)]));
    fillSelect("filter-group", data.groups.map((g) => [g.id, g.name]));
    byId("filter-flagged").addEventListener("change", (event) => setFilter("flagged", event.target.checked));
    byId("reset-filters").addEventListener("click", () => { clearFilters(); refresh(); });
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
    const shown = byId("details-body").dataset.element;
    if (shown && !shown.startsWith("flag:")) showElement(shown);
  }
  function showDay(day) {
    if (!days.includes(day)) {
      days.push(day);
      days.sort();
      slider.max = String(days.length - 1);
    }
    state.day = day;
    slider.value = String(days.indexOf(day));
    byId("time-label").textContent = ui.asOf + " " + day + (day === data.day ? " (" + ui.today.toLocaleLowerCase(data.lang) + ")" : "");
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
  function swatch(color, shape, border) {
    const mark = el("span", null, "swatch " + (shape || "dot"));
    mark.style.background = color;
    if (border) mark.style.borderColor = border;
    return mark;
  }
  function legendRow(list, mark, text) {
    const row = el("li");
    row.appendChild(mark);
    row.appendChild(el("span", text));
    list.appendChild(row);
  }
  function lineMark(s, extra) {
    const mark = el("span", null, "line" + (s.dashes ? (s.dashes[0] <= 2 ? " dotted" : " dashed") : "") + (extra || ""));
    mark.style.borderTopColor = s.color;
    mark.style.borderTopWidth = Math.max(2, s.width) + "px";
    return mark;
  }
  function buildLegend() {
    const legend = byId("legend-body");
    legend.appendChild(el("h4", ui.actorKinds));
    const kinds = el("ul", null, "legend-list");
    const usedKinds = new Set(data.actors.map((a) => a.kind));
    Object.entries(style.kinds).filter(([k]) => usedKinds.has(k))
      .forEach(([k, s]) => legendRow(kinds, swatch(s.color, s.shape), labels.kind[k]));
    legendRow(kinds, swatch(style.forum.color, style.forum.shape), ui.forum);
    legendRow(kinds, swatch(style.ended, "dot"), ui.ended);
    legendRow(kinds, swatch("#ffffff", "dot marked", style.event), ui.eventMark);
    legend.appendChild(kinds);
    legend.appendChild(el("h4", ui.levels));
    const lineList = el("ul", null, "legend-list");
    Object.entries(style.levels).forEach(([level, s]) => legendRow(lineList, lineMark(s), labels.level[level]));
    legendRow(lineList, lineMark(style.member), ui.membership);
    if (unitLines) legendRow(lineList, lineMark(style.parent), ui.partOf);
    legend.appendChild(lineList);
    legend.appendChild(el("h4", ui.severities));
    const severities = el("ul", null, "legend-list");
    ["3", "2", "1"].forEach((s) => legendRow(severities, swatch("#ffffff", "dot flagged", style.severity[s]), labels.severity[s]));
    legend.appendChild(severities);
    if (Object.keys(style.change).length) {
      legend.appendChild(el("h4", ui.changes));
      const changeList = el("ul", null, "legend-list");
      Object.entries(style.change).forEach(([k, color]) => legendRow(changeList, swatch("#ffffff", "dot flagged", color), labels.change[k]));
      legend.appendChild(changeList);
    }
  }

  // A severity group lists its flags a page at a time: a national map has tens of thousands,
  // which as one list would take the browser seconds to lay out, and no one to read.
  const FLAG_PAGE = 100;
  function buildFlags() {
    const flagList = byId("flags-body");
    if (!flags.length) flagList.appendChild(el("p", ui.noFlags, "muted"));
    const bySeverity = { 3: [], 2: [], 1: [] };
    flags.forEach((flag, index) => bySeverity[flag.severity].push(index));
    ["3", "2", "1"].forEach((severity) => {
      const group = bySeverity[severity];
      if (!group.length) return;
      const heading = el("h4", null, "severity");
      heading.appendChild(swatch(style.severity[severity], "dot"));
      heading.appendChild(el("span", labels.severity[severity] + " (" + group.length + ")"));
      flagList.appendChild(heading);
      const list = el("ul", null, "flag-list");
      flagList.appendChild(list);
      listFlags(list, group, 0);
    });
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
  function flagEntry(index) {
    const flag = flags[index];
    const li = el("li", null, "flag");
    li.dataset.flag = String(index);
    const button = el("button", flag.title, "link flag-title");
    button.type = "button";
    button.addEventListener("click", () => showFlag(index));
    li.appendChild(button);
    const names = [...flag.nodes, ...flag.edges].map((id) => (contacts.has(id) ? nameOf(contacts.get(id).a) + " – " + nameOf(contacts.get(id).b) : nameOf(id)));
    li.appendChild(el("div", names.join(", "), "muted small"));
    return li;
  }

  // --- picture and print -------------------------------------------------------------------------------------
  function picture() {
    const source = byId("map").querySelector("canvas");
    const margin = 60;
    const canvas = document.createElement("canvas");
    canvas.width = source.width;
    canvas.height = source.height + margin;
    const context = canvas.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(source, 0, margin);
    context.fillStyle = "#1d232b";
    context.font = "bold 22px system-ui, 'Segoe UI', Arial, sans-serif";
    context.fillText(data.title, 16, 28);
    context.font = "15px system-ui, 'Segoe UI', Arial, sans-serif";
    context.fillText(ui.asOf + " " + state.day, 16, 50);
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
  // The canvas keeps its pixel size when printed; redraw it at the print size (A4 landscape).
  let screenView = null;
  function beforePrint() {
    if (screenView) return;
    screenView = { position: network.getViewPosition(), scale: network.getScale() };
    document.body.classList.add("printing");
    network.setSize("1000px", "560px");
    network.redraw();
    network.fit({ animation: false });
  }
  function afterPrint() {
    if (!screenView) return;
    document.body.classList.remove("printing");
    network.setSize("100%", "100%");
    network.redraw();
    network.moveTo({ position: screenView.position, scale: screenView.scale, animation: false });
    screenView = null;
  }
  function buildActions() {
    byId("export-png").addEventListener("click", exportPng);
    byId("print").addEventListener("click", () => window.print());
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
      () => { buildSearch(); buildFilters(); buildTime(); buildLegend(); buildActions(); showDay(data.day); },
      buildFlags,
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
    showFlag, exportPng, picture, days, flags, shown: () => ({ nodes: Array.from(shownNodes), edges: Array.from(shownLines) }),
  };
})();
