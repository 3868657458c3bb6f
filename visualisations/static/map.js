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

  // Every drawn label is this many screen pixels high at the default zoom; the server chose the
  // labels that fit without overlapping at that size (visualisations/labels.py).
  var LABEL_PX = 13;
  var data = JSON.parse(document.getElementById("map-data").textContent);
  var nodes = new vis.DataSet(
    data.nodes.map(function (node) {
      node.title = textBlock(node.hover);
      if (node.label === null) {
        delete node.label;
      }
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
    nodes: {
      font: { size: 14, face: "sans-serif", strokeWidth: 3, strokeColor: "#ffffff" },
      scaling: { label: { drawThreshold: 5, maxVisible: 22 } }
    },
    edges: { smooth: data.large ? false : { type: "continuous" }, selectionWidth: 2 }
  };
  var container = document.getElementById("map");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  var state = { network: network, nodes: nodes, edges: edges, ready: false, readyAt: null };
  window.partnershipMap = state;

  // Labels are sized once the map is fitted: LABEL_PX on screen whatever the map's extent.
  function sizeLabels() {
    var scale = network.getScale() || 1;
    var size = LABEL_PX / scale;
    nodes.update(
      nodes.get({ filter: function (node) { return node.labelled; } }).map(function (node) {
        var font = Object.assign({}, node.font || {}, { size: size });
        return { id: node.id, font: font };
      })
    );
  }

  // The boxes of the labels drawn, in page pixels (the tests check that none overlaps another).
  state.labelBoxes = function () {
    var box = container.getBoundingClientRect();
    return nodes.get({ filter: function (node) { return node.labelled && !node.hidden; } }).map(function (node) {
      var size = network.body.nodes[node.id].labelModule.size;
      var topLeft = network.canvasToDOM({ x: size.left, y: size.top });
      var bottomRight = network.canvasToDOM({ x: size.left + size.width, y: size.top + size.height });
      return {
        id: node.id,
        text: node.label,
        left: box.left + topLeft.x,
        top: box.top + topLeft.y,
        right: box.left + bottomRight.x,
        bottom: box.top + bottomRight.y,
        canvas: { left: box.left, top: box.top, right: box.right, bottom: box.bottom }
      };
    });
  };

  network.once("afterDrawing", function () {
    // Size the labels, fit the map with them (vis-network counts a label in its node's box, so
    // none is cut at the canvas edge), then size them again for the new zoom.
    sizeLabels();
    network.fit({ animation: false });
    sizeLabels();
    network.redraw();
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

/* Sortable tables (the map's members and ties): a button in each header sorts by that column,
 * a second press reverses the order; aria-sort tells assistive technologies. */
(function () {
  "use strict";

  function cellValue(row, index) {
    var cell = row.cells[index];
    var raw = cell.getAttribute("data-sort");
    var text = raw !== null ? raw : cell.textContent.trim();
    var number = Number(text.replace(",", "."));
    return text !== "" && !isNaN(number) ? number : text.toLocaleLowerCase("fr");
  }

  function sortBy(table, index, button) {
    var header = button.parentNode;
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index);
      var y = cellValue(b, index);
      var order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "fr");
      return ascending ? order : -order;
    });
    rows.forEach(function (row) {
      body.appendChild(row);
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell, index) {
      var button = cell.querySelector("button");
      if (button) {
        button.addEventListener("click", function () {
          sortBy(table, index, button);
        });
      }
    });
  });
})();
