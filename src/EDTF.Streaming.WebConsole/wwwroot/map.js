// The console's map: land, borders, port and high-risk areas, all served by the console itself (no tiles, no CDN).
'use strict';
var EdtfMap = (function () {
  var typeColours = {
    DarkPeriod: '#6a3d9a', ShipToShipTransfer: '#e31a1c', ShipToShipTransferOneSideDark: '#fb9a99',
    PortCall: '#ff7f00', IdentityChange: '#1f78b4', IdentityConflict: '#33a02c'
  };

  function colour(type) { return typeColours[type] || '#333'; }

  function create(elementId) {
    var map = L.map(elementId, { worldCopyJump: true, minZoom: 2, preferCanvas: false }).setView([40, 135], 4);
    map.attributionControl.addAttribution('Natural Earth via world-atlas');
    fetchJson('/static/vendor/world-atlas/land-110m.geojson').then(function (land) {
      L.geoJSON(land, { interactive: false, style: { color: '#8c8c7a', weight: 0.6, fillColor: '#f2efe6', fillOpacity: 1 } }).addTo(map).bringToBack();
    });
    fetchJson('/static/vendor/world-atlas/borders-110m.geojson').then(function (borders) {
      L.geoJSON(borders, { interactive: false, style: { color: '#b0a99a', weight: 0.6, dashArray: '3 3' } }).addTo(map);
    });
    fetchJson('/api/areas').then(function (areas) {
      L.geoJSON(areas, {
        style: function (f) {
          return f.properties && f.properties.kind === 'highRisk'
            ? { color: '#b3261e', weight: 1, dashArray: '6 4', fillOpacity: 0.05 }
            : { color: '#c77700', weight: 1, fillOpacity: 0.15 };
        },
        onEachFeature: function (f, layer) { if (f.properties) { layer.bindTooltip(f.properties.name + (f.properties.kind === 'highRisk' ? ' (high-risk area)' : '')); } }
      }).addTo(map);
    });
    return map;
  }

  function fetchJson(url) {
    return fetch(url, { credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) { throw new Error(url + ': ' + r.status); }
      return r.json();
    });
  }

  // Live updates: calls onUpdate(alertId) for every alert update the console takes in.
  function listen(onUpdate) {
    var live = document.getElementById('live');
    var source = new EventSource('/api/events');
    source.onopen = function () { live.textContent = 'live'; live.classList.add('on'); };
    source.onerror = function () { live.textContent = 'reconnecting'; live.classList.remove('on'); };
    source.addEventListener('alert', function (e) { onUpdate(JSON.parse(e.data)); });
    return source;
  }

  function text(value) { return value === null || value === undefined ? '-' : String(value); }

  return { create: create, colour: colour, fetchJson: fetchJson, listen: listen, text: text };
})();
