/* Draws a partnership map from the JSON embedded in the page (script#map-data).
 * Every name is shown as text: hover and detail lines become text nodes, never HTML. */
(function () {
  "use strict";

  function textBlock(lines) {
    var block = document.createElement("div");
    block.className = "map-tooltip";
    (lines || []).forEach(function (line, index) {
      var row = document.createElement(index === 0 ? "strong" : "div");
      row.textContent = line;
      block.appendChild(row);
    });
    return block;
  }

  function showDetails(heading, items) {
    var body = document.getElementById("details-body");
    while (body.firstChild) {
      body.removeChild(body.firstChild);
    }
    var title = document.createElement("h3");
    title.textContent = heading;
    body.appendChild(title);
    var list = document.createElement("ul");
    (items || []).forEach(function (item) {
      var entry = document.createElement("li");
      entry.textContent = item;
      list.appendChild(entry);
    });
    body.appendChild(list);
  }

  var data = JSON.parse(document.getElementById("map-data").textContent);
  var nodes = new vis.DataSet(
    data.nodes.map(function (node) {
      node.title = textBlock(node.hover);
      return node;
    })
  );
  var edges = new vis.DataSet(
    data.edges.map(function (edge) {
      edge.title = textBlock(edge.hover);
      return edge;
    })
  );
  var options = {
    autoResize: true,
    physics: false,
    layout: { improvedLayout: false, randomSeed: 1 },
    interaction: {
      hover: true,
      tooltipDelay: 150,
      keyboard: { enabled: true, bindToWindow: false },
      navigationButtons: false,
      hideEdgesOnDrag: data.large,
      hideEdgesOnZoom: data.large
    },
    nodes: { font: { size: 14, face: "sans-serif" } },
    edges: { smooth: data.large ? false : { type: "continuous" }, selectionWidth: 2 }
  };
  var container = document.getElementById("map");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  var state = { network: network, nodes: nodes, edges: edges, ready: false, readyAt: null };
  window.partnershipMap = state;

  network.once("afterDrawing", function () {
    state.ready = true;
    state.readyAt = performance.now();
    document.body.setAttribute("data-map-ready", "1");
    var loading = document.getElementById("map-loading");
    if (loading) {
      loading.hidden = true;
    }
  });

  network.on("click", function (params) {
    if (params.nodes.length) {
      var node = nodes.get(params.nodes[0]);
      showDetails(node.hover[0], node.hover.slice(1));
    } else if (params.edges.length) {
      var edge = edges.get(params.edges[0]);
      showDetails(edge.hover[0], edge.hover.slice(1));
    }
  });

  var matchers = {
    application: function (node, value) {
      return (node.applications || []).indexOf(value) >= 0;
    },
    sector: function (node, value) {
      return node.sector === value;
    },
    focus: function (node, value) {
      return Boolean(node.marks && node.marks.focus) === (value === "members");
    }
  };
  var selects = Array.prototype.slice.call(document.querySelectorAll("select[data-filter]"));
  function applyFilters() {
    var active = selects
      .filter(function (select) {
        return select.value !== "" && matchers[select.getAttribute("data-filter")];
      })
      .map(function (select) {
        return { match: matchers[select.getAttribute("data-filter")], value: select.value };
      });
    var changes = nodes.get().map(function (node) {
      var shown = active.every(function (filter) {
        return filter.match(node, filter.value);
      });
      return { id: node.id, hidden: !shown };
    });
    nodes.update(changes);
    state.visible = changes.filter(function (change) {
      return !change.hidden;
    }).length;
  }
  selects.forEach(function (select) {
    select.addEventListener("change", applyFilters);
  });
})();
