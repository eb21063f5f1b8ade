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

/* The navbar's language and theme switches: remember the choice in a cookie for a year and
   reload, so the server draws the page (and every later callback answers) in that language
   and theme. A link <a data-motcua-set="lang=en"> sets motcua_lang=en. */
document.addEventListener("click", function (event) {
  var link = event.target.closest ? event.target.closest("[data-motcua-set]") : null;
  if (!link) {
    return;
  }
  event.preventDefault();
  var pair = link.getAttribute("data-motcua-set").split("=");
  document.cookie =
    "motcua_" + pair[0] + "=" + pair[1] + "; path=/; max-age=31536000; SameSite=Lax";
  window.location.reload();
});
