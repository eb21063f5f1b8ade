/* Một Cửa: the functions the tables (Dash AG Grid, ui/grid.py) name. Nothing is evaluated from
   strings the server sends, so the CSP needs no 'unsafe-eval'. */
var dagfuncs = (window.dashAgGridFunctions = window.dashAgGridFunctions || {});

function motcuaMissing(value) {
  return value === null || value === undefined || (typeof value === "number" && isNaN(value));
}

/* Vietnamese name order (the server's name_order), the tie-breaker of every column. */
function motcuaNameOrder(nodeA, nodeB) {
  var a = nodeA && nodeA.data ? nodeA.data.name_order : 0;
  var b = nodeB && nodeB.data ? nodeB.data.name_order : 0;
  return a < b ? -1 : a > b ? 1 : 0;
}

/* A row without a value sorts last whichever the direction, ties in name order. The grid
   reverses what this returns when sorting descending, so the sign undoes that for the rows
   the direction must not move. */
dagfuncs.motcuaMissingLast = function (a, b, nodeA, nodeB, isDescending) {
  var sign = isDescending ? -1 : 1;
  var missingA = motcuaMissing(a);
  var missingB = motcuaMissing(b);
  if (missingA || missingB) {
    if (missingA && missingB) {
      return sign * motcuaNameOrder(nodeA, nodeB);
    }
    return missingA ? sign : -sign;
  }
  if (a < b) {
    return -1;
  }
  if (a > b) {
    return 1;
  }
  return sign * motcuaNameOrder(nodeA, nodeB);
};

/* As motcuaMissingLast, the rows of the second tier (tier 1: a ward with few ratings) after
   those of the first whichever the direction: first the first tier's values, then the second
   tier's, then the second tier's rows without a value, then the first tier's. */
dagfuncs.motcuaTiered = function (a, b, nodeA, nodeB, isDescending) {
  var sign = isDescending ? -1 : 1;
  function group(value, node) {
    var tier = node && node.data && node.data.tier ? 1 : 0;
    return motcuaMissing(value) ? 3 - tier : tier;
  }
  var groupA = group(a, nodeA);
  var groupB = group(b, nodeB);
  if (groupA !== groupB) {
    return sign * (groupA - groupB);
  }
  return dagfuncs.motcuaMissingLast(a, b, nodeA, nodeB, isDescending);
};

/* The name column sorts in Vietnamese name order, not by code points. */
dagfuncs.motcuaByName = function (a, b, nodeA, nodeB) {
  return motcuaNameOrder(nodeA, nodeB);
};

/* A cell's classes: numbers to the right (the column type rightAligned, which a cellClass of
   the column's own would otherwise replace) and its colour against its target, the status the
   server wrote as <key>__status. */
dagfuncs.motcuaClass = function (params) {
  var classes = params.colDef.type === "rightAligned" ? ["ag-right-aligned-cell"] : [];
  var status = params.data && params.data[params.colDef.field + "__status"];
  if (status) {
    classes.push("mc-status-" + status);
  }
  return classes;
};
