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
  var badge = data[field + "__badge"];
  var context = props.context || {};
  var noData = context.no_data || [];
  var shown = text === undefined ? props.value : text;
  if (shown === noData[0]) {
    /* the no-data dash, read as "no data" */
    return React.createElement("span", { title: noData[1] },
      React.createElement("span", { "aria-hidden": "true" }, shown),
      React.createElement("span", { className: "visually-hidden" }, noData[1]));
  }
  var words = data[field + "__words"] || (status && (context.status_words || {})[status]);
  var parts = [shown];
  if (badge) {
    parts.push(" ", React.createElement("span", { key: "b", className: "badge text-bg-danger" }, badge));
  }
  if (words) {
    parts.push(React.createElement("span", { key: "w", className: "visually-hidden" }, " (" + words + ")"));
  }
  return React.createElement.apply(null, ["span", words ? { title: words } : null].concat(parts));
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
