/* Một Cửa: the app's own scripts, served from assets/ (never a CDN). */
window.dash_clientside = window.dash_clientside || {};
window.dash_clientside.motcua = {
  /* Scroll to the element named by the URL fragment (/phuong-phap#methodology-on-time-rate).
     The browser looks for it when the URL loads, before Dash has drawn the page, so it is
     looked for again once the page content exists. */
  scrollToHash: function () {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (target) {
      target.scrollIntoView();
    }
    return window.dash_clientside.no_update;
  },
};
