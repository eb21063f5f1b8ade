/* Một Cửa: the cells of the tables (Dash AG Grid, ui/grid.py), drawn from what the server
   wrote in each row: <key>__text (the value written the reader's way, when it is not the value
   itself), <key>__words (what a screen reader says for a symbol) and <key>__status (the colour
   against the target, whose words the grid's context holds). */
var dagcomponentfuncs = (window.dashAgGridComponentFunctions =
  window.dashAgGridComponentFunctions || {});

dagcomponentfuncs.MotcuaCell = function (props) {
  var data = props.data || {};
  var field = props.colDef.field;
  var text = data[field + "__text"];
  var status = data[field + "__status"];
  var context = props.context || {};
  var words = data[field + "__words"] || (status && (context.status_words || {})[status]);
  var shown = text === undefined ? props.value : text;
  if (!words) {
    return React.createElement("span", null, shown);
  }
  return React.createElement("span", { title: words }, shown,
    React.createElement("span", { className: "visually-hidden" }, " (" + words + ")"));
};

/* The row's name, a link to its page that Dash follows without reloading (as dcc.Link does:
   push the URL, tell Dash's location, start at the top), and its badge if it has one (a ward
   with few ratings). */
dagcomponentfuncs.MotcuaLink = function (props) {
  var data = props.data || {};
  var href = data.href;
  var name = href ? motcuaLink(href, props.value) : React.createElement("span", null, props.value);
  if (!data.badge) {
    return name;
  }
  return React.createElement("span", null, name, " ", React.createElement("span", {
    className: "badge text-bg-light border mc-few",
    title: data.badge_title,
  }, data.badge));
};

function motcuaLink(href, text) {
  return React.createElement("a", {
    href: href,
    onClick: function (event) {
      if (event.metaKey || event.shiftKey || event.altKey || event.ctrlKey) {
        return;
      }
      event.preventDefault();
      window.history.pushState({}, "", href);
      window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
      window.scrollTo(0, 0);
    },
  }, text);
}
