/* Một Cửa hall screen: rotates the slides and refreshes the figures, for weeks, untouched.
 *
 * Plain ES5 with XMLHttpRequest, so it runs in old smart-TV browsers. It never creates or removes
 * elements: a refresh only rewrites the text of the elements the server rendered, so memory stays
 * flat however long it runs. When the server cannot be reached, the last figures stay on screen
 * with an "offline" mark, and the next successful refresh clears it. When the server's build
 * changes (a new version was installed), the page reloads itself once the page itself answers.
 */
(function () {
  "use strict";

  var body = document.body;
  var config = JSON.parse(body.getAttribute("data-config"));
  var slides = document.querySelectorAll("[data-slide]");
  var dots = document.querySelectorAll("[data-dot]");
  var offlineMark = document.getElementById("screen-offline");
  var clock = document.getElementById("screen-clock");
  var current = 0;
  var clockOffset = 0; // server time - this machine's time, in ms (TV clocks are often wrong)
  var state = { boot: Date.now(), polls: 0, failures: 0, offline: false, reloading: false };
  window.motcuaScreen = state; // read by the browser tests

  function setText(el, value) {
    if (el.textContent !== value) {
      el.textContent = value;
    }
  }

  function show(index) {
    for (var i = 0; i < slides.length; i++) {
      var name = "slide slide-" + slides[i].getAttribute("data-slide");
      slides[i].hidden = i !== index;
      slides[i].className = i === index ? name + " is-entering" : name;
      dots[i].className = i === index ? "dot is-active" : "dot";
    }
    current = index;
  }

  function rotate() {
    if (slides.length > 1) {
      show((current + 1) % slides.length);
    }
  }

  function parseLocal(text) {
    // "2026-12-01T14:30:05", local Vietnamese time: kept as if UTC, read back with getUTC*.
    var p = text.split(/[-T:]/);
    return Date.UTC(+p[0], +p[1] - 1, +p[2], +p[3], +p[4], +p[5]);
  }

  function two(n) {
    return n < 10 ? "0" + n : "" + n;
  }

  function tick() {
    var now = new Date(Date.now() + clockOffset);
    setText(clock, two(now.getUTCHours()) + ":" + two(now.getUTCMinutes()));
  }

  function setOffline(offline) {
    state.offline = offline;
    offlineMark.hidden = !offline;
    if (offline) {
      setText(offlineMark, config.offline);
    }
  }

  function apply(data) {
    var i, el, key;
    var fields = document.querySelectorAll("[data-field]");
    for (i = 0; i < fields.length; i++) {
      el = fields[i];
      key = el.getAttribute("data-field");
      if (data.fields.hasOwnProperty(key)) {
        setText(el, data.fields[key]);
        var marker = data.markers.indexOf(key) >= 0;
        var cls = marker ? "tile-value is-marker" : "tile-value";
        if (el.className !== cls) {
          el.className = cls;
        }
      }
    }
    var texts = document.querySelectorAll("[data-text]");
    for (i = 0; i < texts.length; i++) {
      el = texts[i];
      key = el.getAttribute("data-text");
      if (data.texts.hasOwnProperty(key)) {
        setText(el, data.texts[key]);
        if (key === "notice") {
          el.hidden = !data.texts[key];
        }
        if (key === "stale") {
          el.hidden = !data.stale;
        }
      }
    }
    clockOffset = parseLocal(data.server_time) - Date.now();
    tick();
    if (data.build && data.build !== config.build) {
      reloadWhenServing();
    }
  }

  function request(url, onDone) {
    var xhr = new XMLHttpRequest();
    var finished = false;
    function done(status, text) {
      if (!finished) {
        finished = true;
        onDone(status, text);
      }
    }
    xhr.open("GET", url, true);
    xhr.timeout = Math.min(config.refresh, 20) * 1000;
    xhr.setRequestHeader("Accept", "application/json");
    xhr.onload = function () { done(xhr.status, xhr.responseText); };
    xhr.onerror = function () { done(0, ""); };
    xhr.ontimeout = function () { done(0, ""); };
    xhr.send();
  }

  function reloadWhenServing() {
    if (state.reloading) {
      return;
    }
    state.reloading = true;
    // Reload only once the page itself answers: a reload into an error page would never recover.
    request(window.location.href, function (status) {
      if (status === 200) {
        window.location.reload();
      } else {
        state.reloading = false;
      }
    });
  }

  function poll() {
    state.polls += 1;
    request(config.data_url, function (status, text) {
      var data = null;
      if (status === 200 || status === 404) {
        try {
          data = JSON.parse(text);
        } catch (e) {
          data = null;
        }
      }
      if (data && status === 200) {
        setOffline(false);
        apply(data);
      } else if (data && data.error) {
        setOffline(false); // the server answers, but not for this ward: say what it says
        var notice = document.querySelector("[data-text=notice]");
        setText(notice, data.error);
        notice.hidden = false;
      } else {
        state.failures += 1;
        setOffline(true);
      }
      window.setTimeout(poll, config.refresh * 1000);
    });
  }

  clockOffset = parseLocal(config.server_time) - Date.now();
  tick();
  window.setInterval(tick, 1000);
  window.setInterval(rotate, config.rotate * 1000);
  window.setTimeout(poll, config.refresh * 1000);
})();
