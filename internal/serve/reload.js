// storygen serve: reloads the page after each good build and shows a failed
// build's error over the page. Served only by "storygen serve".
(function () {
  "use strict";
  var here = document.currentScript ? document.currentScript.src : location.href;
  var events = new URL("events", here).href;

  // The build this page came from, from the Server-Timing header, so that a
  // build finished between the page and the event stream still reloads.
  var page = null;
  try {
    var nav = performance.getEntriesByType("navigation")[0];
    (nav && nav.serverTiming || []).forEach(function (t) {
      if (t.name === "storygen" && t.description) page = t.description;
    });
  } catch (e) { /* older browsers: the first hello tells */ }

  var overlay = null, text = null;

  function show(msg) {
    if (!document.body) {
      document.addEventListener("DOMContentLoaded", function () { show(msg); });
      return;
    }
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "storygen-error";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:70vh;overflow:auto;z-index:2147483647;" +
        "margin:0;padding:1em 1.5em;background:#2b0b0b;color:#fff;border-top:4px solid #e5484d;" +
        "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;box-shadow:0 -4px 24px rgba(0,0,0,.4)";
      var head = document.createElement("div");
      head.style.cssText = "font-weight:bold;margin-bottom:.5em";
      head.textContent = "Build failed \u2014 still showing the last good site. Fix the file and save.";
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "\u00d7";
      close.setAttribute("aria-label", "Hide");
      close.style.cssText = "float:right;background:none;border:0;color:#fff;font-size:20px;cursor:pointer";
      close.onclick = hide;
      text = document.createElement("pre");
      text.style.cssText = "margin:0;white-space:pre-wrap;word-break:break-word";
      overlay.appendChild(close);
      overlay.appendChild(head);
      overlay.appendChild(text);
    }
    text.textContent = msg;
    if (!overlay.parentNode) document.body.appendChild(overlay);
  }

  function hide() {
    if (overlay && overlay.parentNode) overlay.parentNode.removeChild(overlay);
  }

  function parse(e) {
    try { return JSON.parse(e.data); } catch (x) { return {}; }
  }

  function connect() {
    var es = new EventSource(events);
    es.addEventListener("hello", function (e) {
      var d = parse(e);
      if (page === null || !d.build) {
        page = page || d.build || null;
      } else if (d.build !== page) {
        location.reload();
        return;
      }
      if (d.error) show(d.error); else hide();
    });
    es.addEventListener("reload", function (e) {
      var d = parse(e);
      if (d.build && d.build !== page) location.reload();
    });
    // The server's "error" event carries data; the browser's own error
    // event (connection lost) does not.
    es.addEventListener("error", function (e) {
      if (typeof e.data === "string") {
        show(parse(e).error || e.data);
        return;
      }
      if (es.readyState === EventSource.CLOSED) {
        es.close();
        setTimeout(connect, 1000);
      }
    });
  }
  connect();
})();
