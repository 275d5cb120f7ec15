/* orgmap review keys: a accept, r reject, e edit, j/k next/previous candidate.
   Ignored while typing in a field. Served by the app itself (no inline script). */
(function () {
  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }
  function press(selector) {
    var button = document.querySelector(selector);
    if (button && !button.disabled) { button.click(); }
  }
  function move(step) {
    if (!window.dash_ag_grid) { return; }
    var api = window.dash_ag_grid.getApi('rev-grid');
    if (!api) { return; }
    var count = api.getDisplayedRowCount();
    if (!count) { return; }
    var chosen = api.getSelectedNodes()[0];
    var index = chosen && chosen.rowIndex !== null ? chosen.rowIndex + step : 0;
    index = Math.max(0, Math.min(count - 1, index));
    var node = api.getDisplayedRowAtIndex(index);
    node.setSelected(true, true);
    api.ensureIndexVisible(index);
  }
  document.addEventListener('keydown', function (ev) {
    if (!document.querySelector('.review-page') || typing(ev.target)) { return; }
    if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    var key = ev.key;
    if (key === 'a') { press('#rev-accept'); }
    else if (key === 'r') { press('#rev-reject'); }
    else if (key === 'j') { move(1); }
    else if (key === 'k') { move(-1); }
    else if (key === 'e') {
      var box = document.getElementById('rev-edit-box');
      if (box) { box.open = true; box.scrollIntoView({block: 'nearest'}); }
      var first = document.querySelector('#rev-edit-type input, #rev-edit-type');
      if (first) { first.focus(); }
    } else { return; }
    ev.preventDefault();
  });
}());
