/* Samverkanskartan: the interactive map. Every user string is placed with textContent,
   never as markup; the data arrives as JSON in <script type="application/json">. */
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("map-data").textContent);
  const ui = data.ui;
  const byId = (id) => document.getElementById(id);

  function el(tag, text, className) {
    const element = document.createElement(tag);
    if (text !== undefined && text !== null) element.textContent = String(text);
    if (className) element.className = className;
    return element;
  }

  function clear(element) {
    while (element.firstChild) element.removeChild(element.firstChild);
  }

  const nodeInfo = new Map(data.nodes.map((n) => [n.id, n]));
  const edgeInfo = new Map(data.edges.map((e) => [e.id, e]));

  // --- filters and time: one predicate decides what is shown --------------------------------
  const state = { level: "", kind: "", municipality: "", group: "", flagged: false, day: data.day };

  function validOn(item, day) {
    return (!item.start || item.start <= day) && (!item.end || day <= item.end);
  }

  function nodeShown(node) {
    if (!validOn(node, state.day)) return false;
    if (state.kind && node.kind !== state.kind) return false;
    if (state.municipality && node.municipality !== state.municipality) return false;
    if (state.group && !node.targetGroups.includes(state.group)) return false;
    if (state.flagged && node.flags.length === 0 && !flaggedNeighbour(node.id)) return false;
    return true;
  }

  function edgeShown(edge) {
    if (!validOn(edge, state.day)) return false;
    if (!nodeShown(nodeInfo.get(edge.from)) || !nodeShown(nodeInfo.get(edge.to))) return false;
    if (edge.kind === "member") return !state.level || state.level === nodeInfo.get(edge.from).level;
    if (state.level && edge.level !== state.level) return false;
    if (state.group && !edge.targetGroups.includes(state.group)) return false;
    if (state.flagged && edge.flags.length === 0) return false;
    return true;
  }

  const flaggedEdgeEnds = new Set();
  data.edges.forEach((e) => {
    if (e.flags.length) {
      flaggedEdgeEnds.add(e.from);
      flaggedEdgeEnds.add(e.to);
    }
  });
  function flaggedNeighbour(id) {
    return flaggedEdgeEnds.has(id);
  }

  // --- the network -------------------------------------------------------------------------
  const nodes = new vis.DataSet(
    data.nodes.map((n) => ({
      id: n.id, label: n.label, x: n.x, y: n.y, shape: n.shape, color: n.color,
      borderWidth: n.borderWidth, size: n.size, title: n.title,
    }))
  );
  const edges = new vis.DataSet(
    data.edges.map((e) => ({
      id: e.id, from: e.from, to: e.to, width: e.width, dashes: e.dashes, title: e.title,
      color: { color: e.color, highlight: "#111111", hover: "#111111" },
    }))
  );
  const nodeView = new vis.DataView(nodes, { filter: (n) => nodeShown(nodeInfo.get(n.id)) });
  const edgeView = new vis.DataView(edges, { filter: (e) => edgeShown(edgeInfo.get(e.id)) });
  const options = {
    physics: false,
    layout: { improvedLayout: false },
    edges: { smooth: false, selectionWidth: 2 },
    nodes: { font: { size: 15, face: "system-ui, Segoe UI, Arial, sans-serif", strokeWidth: 4, strokeColor: "#ffffff" } },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: data.nodes.length > 2000 },
  };
  const network = new vis.Network(byId("map"), { nodes: nodeView, edges: edgeView }, options);
  network.once("afterDrawing", () => {
    window.samverkanFirstDraw = performance.now();
    document.body.setAttribute("data-ready", "true");
  });

  function refresh() {
    nodeView.refresh();
    edgeView.refresh();
  }

  // --- details panel -------------------------------------------------------------------------
  function showDetails(info) {
    const panel = byId("details-body");
    clear(panel);
    panel.appendChild(el("h3", info.label_text || info.label));
    panel.appendChild(el("p", info.heading, "muted"));
    info.sections.forEach(([heading, lines]) => {
      panel.appendChild(el("h4", heading));
      const list = el("ul");
      lines.forEach((line) => list.appendChild(el("li", line)));
      panel.appendChild(list);
    });
    byId("details").open = true;
  }

  function focusElements(nodeIds, edgeIds) {
    const visibleNodes = nodeIds.filter((id) => nodeView.get(id));
    const visibleEdges = edgeIds.filter((id) => edgeView.get(id));
    network.setSelection({ nodes: visibleNodes, edges: visibleEdges }, { unselectAll: true, highlightEdges: false });
    const around = new Set(visibleNodes);
    visibleEdges.forEach((id) => {
      const edge = edgeInfo.get(id);
      around.add(edge.from);
      around.add(edge.to);
    });
    if (around.size) network.fit({ nodes: Array.from(around), animation: false, maxZoomLevel: 1.3 });
  }

  network.on("click", (params) => {
    if (params.nodes.length) showDetails(nodeInfo.get(params.nodes[0]));
    else if (params.edges.length) showDetails(edgeInfo.get(params.edges[0]));
  });

  // --- search --------------------------------------------------------------------------------
  const names = byId("search-names");
  data.nodes.forEach((n) => {
    [n.label, ...n.aliases].forEach((name) => {
      const option = document.createElement("option");
      option.value = name;
      names.appendChild(option);
    });
  });

  function search(text) {
    const wanted = text.trim().toLocaleLowerCase("sv");
    if (!wanted) return null;
    const matches = (n) => [n.label, ...n.aliases].map((s) => s.toLocaleLowerCase("sv"));
    const found = data.nodes.find((n) => matches(n).some((s) => s === wanted))
      || data.nodes.find((n) => matches(n).some((s) => s.includes(wanted)));
    if (!found) {
      byId("search-status").textContent = ui.notFound;
      return null;
    }
    byId("search-status").textContent = "";
    focusElements([found.id], []);
    showDetails(found);
    return found.id;
  }
  byId("search").addEventListener("change", (event) => search(event.target.value));
  byId("search").addEventListener("keydown", (event) => {
    if (event.key === "Enter") search(event.target.value);
  });

  // --- filters -------------------------------------------------------------------------------
  function fillSelect(id, values) {
    const select = byId(id);
    values.forEach(([value, label]) => {
      const option = el("option", label);
      option.value = value;
      select.appendChild(option);
    });
    select.addEventListener("change", () => {
      state[select.dataset.key] = select.value;
      refresh();
    });
  }
  fillSelect("filter-level", data.filters.levels);
  fillSelect("filter-kind", data.filters.kinds.map((k) => [k, k]));
  fillSelect("filter-municipality", data.filters.municipalities.map((m) => [m, m]));
  fillSelect("filter-group", data.filters.groups.map((g) => [g, g]));
  byId("filter-flagged").addEventListener("change", (event) => {
    state.flagged = event.target.checked;
    refresh();
  });

  // --- time ------------------------------------------------------------------------------------
  const days = data.timeline.map((t) => t.day);
  const slider = byId("time");
  slider.max = String(Math.max(0, days.length - 1));
  slider.value = String(Math.max(0, days.indexOf(data.day)));
  function showDay(index) {
    const point = data.timeline[index];
    state.day = point.day;
    byId("time-label").textContent = ui.asOf + " " + point.day;
    byId("time-event").textContent = point.events.join(" · ");
    refresh();
  }
  slider.addEventListener("input", () => showDay(Number(slider.value)));
  if (days.length) showDay(Number(slider.value));

  // --- legend and flags -------------------------------------------------------------------------
  function swatch(color, shape) {
    const mark = el("span", null, "swatch " + (shape || "dot"));
    mark.style.background = color;
    return mark;
  }
  function legendRow(list, mark, label) {
    const row = el("li");
    row.appendChild(mark);
    row.appendChild(el("span", label));
    list.appendChild(row);
  }
  const legend = byId("legend-body");
  legend.appendChild(el("h4", ui.actorKinds));
  const kinds = el("ul", null, "legend-list");
  data.legend.kinds.filter((k) => data.filters.kinds.includes(k.label))
    .forEach((k) => legendRow(kinds, swatch(k.color, k.shape), k.label));
  legendRow(kinds, swatch(data.legend.forum.color, data.legend.forum.shape), ui.forum);
  legendRow(kinds, swatch(data.legend.ended, "dot"), ui.ended);
  legend.appendChild(kinds);
  legend.appendChild(el("h4", ui.levels));
  const lines = el("ul", null, "legend-list");
  data.legend.levels.forEach((l) => {
    const mark = el("span", null, "line" + (l.dashes ? " dashed" : ""));
    mark.style.borderTopColor = l.color;
    mark.style.borderTopWidth = l.width + "px";
    legendRow(lines, mark, l.label);
  });
  const member = el("span", null, "line dotted");
  member.style.borderTopColor = data.legend.member.color;
  legendRow(lines, member, ui.membership);
  legend.appendChild(lines);
  legend.appendChild(el("h4", ui.severities));
  const severities = el("ul", null, "legend-list");
  data.legend.severities.forEach((s) => legendRow(severities, swatch(s.color, "dot"), s.label));
  legend.appendChild(severities);

  const flagList = byId("flags-body");
  if (!data.flags.length) flagList.appendChild(el("p", ui.noFlags, "muted"));
  data.legend.severities.forEach((severity) => {
    const group = data.flags.map((f, i) => [f, i]).filter(([f]) => f.severityLabel === severity.label);
    if (!group.length) return;
    flagList.appendChild(el("h4", severity.label + " (" + group.length + ")"));
    const list = el("ul", null, "flag-list");
    group.forEach(([flag, index]) => {
      const item = el("li", null, "flag");
      item.dataset.flag = String(index);
      item.appendChild(swatch(flag.color, "dot"));
      const button = el("button", flag.title, "flag-title");
      button.type = "button";
      button.addEventListener("click", () => {
        focusElements(flag.elements, flag.edges);
        showFlag(flag);
      });
      item.appendChild(button);
      list.appendChild(item);
    });
    flagList.appendChild(list);
  });

  function showFlag(flag) {
    showDetails({
      label: flag.title,
      heading: ui.flag + " · " + flag.severityLabel + " · " + flag.rule,
      sections: [[ui.explanation, [flag.explanation]], [ui.sources, flag.evidence]],
    });
  }

  // --- picture -----------------------------------------------------------------------------------
  byId("export-png").addEventListener("click", () => {
    const canvas = byId("map").querySelector("canvas");
    const link = document.createElement("a");
    link.download = (data.title || "samverkanskarta").replace(/[^\p{L}\p{N}]+/gu, "-") + ".png";
    link.href = canvas.toDataURL("image/png");
    document.body.appendChild(link);
    link.click();
    link.remove();
  });
  byId("print").addEventListener("click", () => window.print());

  window.samverkan = { network, search, focusElements, showDay, state, refresh };
})();
