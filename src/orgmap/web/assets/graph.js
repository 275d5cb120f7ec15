/* orgmap Network page: remember where the analyst drags a node, so a redraw (new filter, new
   label size) keeps it there. Positions go to the 'net-pinned' store; the app computes every
   other position itself (seeded, deterministic). */
(function () {
  function hook() {
    var holder = [].slice.call(document.querySelectorAll('#net-graph, #net-graph div'))
      .filter(function (d) { return d._cyreg; })[0];
    if (!holder || holder._cyreg.cy._orgmapPins) { return; }
    var cy = holder._cyreg.cy;
    cy._orgmapPins = {};
    cy.on('dragfree', 'node', function (ev) {
      var p = ev.target.position();
      cy._orgmapPins[ev.target.id()] = {x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10};
      if (window.dash_clientside && window.dash_clientside.set_props) {
        window.dash_clientside.set_props('net-pinned', {data: Object.assign({}, cy._orgmapPins)});
      }
    });
  }
  setInterval(function () { if (document.getElementById('net-graph')) { hook(); } }, 700);
  document.addEventListener('click', function (ev) {
    if (ev.target.closest && ev.target.closest('#net-unpin')) {
      var holder = [].slice.call(document.querySelectorAll('#net-graph, #net-graph div'))
        .filter(function (d) { return d._cyreg; })[0];
      if (holder) { holder._cyreg.cy._orgmapPins = {}; }
    }
  });
}());
