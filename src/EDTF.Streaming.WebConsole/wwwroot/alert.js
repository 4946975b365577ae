// One alert: the map zoomed to it with its tracks, gap or port area; evidence, identity, watch list and history as tables.
'use strict';
(function () {
  var page = document.getElementById('alert-page');
  var alertId = page.getAttribute('data-alert-id');
  var map = EdtfMap.create('map');
  var layer = null;

  function rows(table, pairs) {
    table.textContent = '';
    pairs.forEach(function (p) {
      var tr = table.insertRow();
      tr.insertCell().textContent = p[0];
      tr.insertCell().textContent = EdtfMap.text(p[1]);
    });
  }

  function grid(table, header, lines) {
    table.textContent = '';
    var head = table.createTHead().insertRow();
    header.forEach(function (h) { var th = document.createElement('th'); th.textContent = h; head.appendChild(th); });
    var body = table.createTBody();
    lines.forEach(function (line) { var tr = body.insertRow(); line.forEach(function (v) { tr.insertCell().textContent = EdtfMap.text(v); }); });
  }

  // Nested evidence as readable rows: coverage.cellPositions, gaps[0].mmsi, ...
  function flatten(value, prefix, out) {
    if (value !== null && typeof value === 'object') {
      var keys = Object.keys(value);
      if (keys.length === 0) { out.push([prefix, Array.isArray(value) ? '[]' : '{}']); }
      keys.forEach(function (k) { flatten(value[k], Array.isArray(value) ? prefix + '[' + k + ']' : (prefix ? prefix + '.' + k : k), out); });
    } else {
      out.push([prefix, value]);
    }
    return out;
  }

  function identity(v) {
    return v ? [['MMSI', v.mmsi], ['IMO', v.imo], ['Name', v.name], ['Call sign', v.callsign], ['Ship type', v.shipType], ['Flag', v.flag]] : [['-', 'none']];
  }

  function style(feature) {
    var role = feature.properties && feature.properties.role;
    if (role === 'track') { return { color: feature.properties.index === 1 ? '#1f78b4' : '#e31a1c', weight: 3 }; }
    if (role === 'gap') { return { color: '#6a3d9a', weight: 2, dashArray: '6 6' }; }
    if (role === 'port') { return { color: '#c77700', weight: 2, fillOpacity: 0.25 }; }
    return { color: '#1b2733' };
  }

  function draw(data) {
    var a = data.alert;
    document.title = a.type + ' ' + a.alertId;
    document.getElementById('title').textContent = a.type + ': ' + ((a.vessel && a.vessel.name) || 'MMSI ' + (a.vessel && a.vessel.mmsi));
    document.getElementById('summary').textContent = a.status + ', ' + a.confidence + ' confidence, ' + a.start + ' to ' + (a.end || 'now') +
      (a.port ? ', port ' + a.port.name + ' (' + a.port.country + ')' : '') + '. Alert ' + a.alertId + '.';
    var download = document.getElementById('download');
    download.textContent = '';
    if (data.mayDownload) {
      var link = document.createElement('a');
      link.id = 'geojson-download';
      link.href = '/api/alerts/' + encodeURIComponent(a.alertId) + '/geojson';
      link.setAttribute('download', a.alertId + '.geojson');
      link.textContent = 'Download as GeoJSON';
      download.appendChild(link);
    }
    rows(document.getElementById('vessel'), identity(a.vessel));
    rows(document.getElementById('counterpart'), identity(a.counterpart));
    grid(document.getElementById('watchlist'), ['MMSI', 'List', 'Matched on', 'Entry'],
      (a.watchlist || []).map(function (w) { return [w.mmsi, w.list, w.matchedOn, w.entry]; }));
    rows(document.getElementById('evidence'), flatten(a.evidence || {}, '', []));
    grid(document.getElementById('history'), ['Detected at', 'Status', 'Confidence', 'Start', 'End'],
      data.history.slice().reverse().map(function (h) { return [h.detectedAt, h.status, h.confidence, h.start, h.end]; }));

    if (layer) { map.removeLayer(layer); }
    layer = L.geoJSON(data.geojson, {
      style: style,
      pointToLayer: function (f, latlng) {
        return L.circleMarker(latlng, { radius: f.properties.role === 'position' ? 8 : 5, color: f.properties.role === 'position' ? EdtfMap.colour(a.type) : '#1b2733', weight: 2, fillOpacity: 0.7 });
      },
      onEachFeature: function (f, l) { l.bindTooltip(f.properties.role + (f.properties.mmsi ? ' MMSI ' + f.properties.mmsi : '')); }
    }).addTo(map);
    var bounds = layer.getBounds();
    if (bounds.isValid()) { map.fitBounds(bounds.pad(0.5), { maxZoom: 10, animate: false }); }
    document.body.setAttribute('data-loaded', 'true');
  }

  function load() {
    fetch('/api/alerts/' + encodeURIComponent(alertId), { credentials: 'same-origin' }).then(function (r) {
      if (r.status === 404) { document.getElementById('summary').textContent = 'No alert ' + alertId + ' on the topic (yet).'; return null; }
      return r.json();
    }).then(function (data) { if (data) { draw(data); } });
  }

  EdtfMap.listen(function (update) { if (update.alertId === alertId) { load(); } });
  load();
})();
