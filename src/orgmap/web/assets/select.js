/* orgmap Sources page: report a text selection to the app as UTF-16 offsets into the document.
   The document is rendered as text nodes only (never HTML), so the text of a Range from the
   document's start to the selection's start is exactly the stored text before it. */
(function () {
  function report(value) {
    if (window.dash_clientside && window.dash_clientside.set_props) {
      window.dash_clientside.set_props('src-selection', {data: value});
    }
  }
  function capture() {
    var root = document.querySelector('#src-text .doc');
    var sel = window.getSelection();
    if (!root || !sel || sel.rangeCount === 0) { return; }
    var range = sel.getRangeAt(0);
    if (range.collapsed || !root.contains(range.startContainer) || !root.contains(range.endContainer)) {
      report(null);
      return;
    }
    var before = document.createRange();
    before.setStart(root, 0);
    before.setEnd(range.startContainer, range.startOffset);
    var start = before.toString().length;
    var text = range.toString();
    var host = document.querySelector('.sources-page').getBoundingClientRect();
    var box = range.getBoundingClientRect();
    report({source: root.getAttribute('data-source'), start16: start, end16: start + text.length, text: text,
            x: Math.min(box.left - host.left, host.width - 380), y: box.bottom - host.top + 8});
  }
  document.addEventListener('mouseup', function (ev) {
    if (ev.target.closest && ev.target.closest('#src-text')) { setTimeout(capture, 0); }
  });
  document.addEventListener('keyup', function (ev) {
    if (ev.shiftKey && ev.target.closest && ev.target.closest('#src-text')) { capture(); }
  });
  document.addEventListener('click', function (ev) {
    if (ev.target.closest && ev.target.closest('#tie-close')) { report(null); }
  });
  document.addEventListener('keydown', function (ev) {
    var inMenu = document.activeElement && document.activeElement.closest &&
                 document.activeElement.closest('#tie-menu, [role="listbox"], [role="dialog"]');
    if (ev.key === 'Escape' && !inMenu && document.querySelector('#tie-menu:not([hidden])')) { report(null); }
  });
}());
