// The map and list page: the newest update of each alert the filters keep, newest first, refreshed on every update.
'use strict';
(function () {
  var map = EdtfMap.create('map');
  var markers = L.layerGroup().addTo(map);
  var form = document.getElementById('filters');
  var list = document.getElementById('alerts');
  var fitted = false;
  var pending = null;

  // The filters live in the address bar too, so a filtered view can be shared.
  var params = new URLSearchParams(location.search);
  Array.prototype.forEach.call(form.elements, function (el) {
    if (el.name && params.has(el.name)) { el.value = el.name === 'from' || el.name === 'to' ? params.get(el.name).replace(/Z$/, '').slice(0, 16) : params.get(el.name); }
  });

  function query() {
    var q = new URLSearchParams();
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || !el.value) { return; }
      q.set(el.name, el.name === 'from' || el.name === 'to' ? el.value + ':00Z' : el.value);
    });
    return q.toString();
  }

  function item(a) {
    var li = document.createElement('li');
    li.setAttribute('data-alert-id', a.alertId);
    li.setAttribute('data-type', a.type);
    var vessel = a.vessel || {};
    var who = (vessel.name || 'MMSI ' + vessel.mmsi) + (a.counterpart ? ' + ' + (a.counterpart.name || 'MMSI ' + a.counterpart.mmsi) : '');
    var link = document.createElement('a');
    link.href = '/alerts/' + encodeURIComponent(a.alertId);
    link.textContent = a.type + ': ' + who;
    var tags = document.createElement('div');
    [a.status, a.confidence].forEach(function (t) { var s = document.createElement('span'); s.className = 'tag ' + t; s.textContent = t; tags.appendChild(s); });
    var meta = document.createElement('div');
    meta.className = 'meta';
    meta.textContent = a.start + ' to ' + (a.end || 'now') + (a.port ? ' · ' + a.port.name : '') +
      (a.watchlist && a.watchlist.length ? ' · ' + a.watchlist.map(function (w) { return w.list; }).join(', ') : '');
    li.appendChild(link); li.appendChild(tags); li.appendChild(meta);
    return li;
  }

  function draw(alerts) {
    list.textContent = '';
    markers.clearLayers();
    var programmes = {};
    alerts.forEach(function (a) {
      list.appendChild(item(a));
      (a.watchlist || []).forEach(function (w) { programmes[w.list] = true; });
      (a.tracks || []).forEach(function (t, i) {
        L.polyline(t.points.map(function (p) { return [p.lat, p.lon]; }),
          { color: i === 0 ? EdtfMap.colour(a.type) : '#1f78b4', weight: 2, opacity: 0.8, interactive: false }).addTo(markers);
      });
      if (a.position) {
        L.circleMarker([a.position.lat, a.position.lon], { radius: 6, color: EdtfMap.colour(a.type), weight: 2, fillOpacity: 0.6 })
          .bindTooltip(a.type + ' · ' + ((a.vessel && a.vessel.name) || (a.vessel && a.vessel.mmsi)))
          .on('click', function () { location.href = '/alerts/' + encodeURIComponent(a.alertId); })
          .addTo(markers);
      }
    });
    var datalist = document.getElementById('programmes');
    datalist.textContent = '';
    Object.keys(programmes).sort().forEach(function (p) { var o = document.createElement('option'); o.value = p; datalist.appendChild(o); });
    document.getElementById('count').textContent = alerts.length + ' alert' + (alerts.length === 1 ? '' : 's');
    var layers = markers.getLayers().filter(function (l) { return l instanceof L.CircleMarker; });
    if (!fitted && layers.length > 0) {
      map.fitBounds(L.featureGroup(layers).getBounds().pad(0.3), { maxZoom: 7, animate: false });
      fitted = true;
    }
    document.body.setAttribute('data-loaded', 'true');
  }

  function refresh() {
    pending = null;
    var q = query();
    history.replaceState(null, '', q ? '?' + q : location.pathname);
    EdtfMap.fetchJson('/api/alerts' + (q ? '?' + q : '')).then(draw);
    EdtfMap.fetchJson('/api/ledger').then(ledger);
    EdtfMap.fetchJson('/api/watchlist').then(watchlist);
  }

  // The watch list the alerts are judged by: its size by programme and when it last changed.
  function watchlist(w) {
    var programmes = Object.keys(w.programmes || {}).map(function (p) { return p + ' ' + w.programmes[p]; }).join(', ');
    document.getElementById('watchlist').textContent = 'Watch list: ' + w.entries + ' entries (' + programmes + ')' +
      (w.lastChange ? '; last changed ' + w.lastChange : '; unchanged since loaded');
  }

  // The year's deliveries to the DPRK against the UN caps (docs/ledger.md), from the alerts on the topic.
  function ledger(l) {
    var box = document.getElementById('ledger');
    var fmt = function (n) { return Math.round(n).toLocaleString('en-US'); };
    var lines = Object.keys(l.years || {}).sort().reverse().map(function (y) {
      var v = l.years[y];
      return y + ': refined ' + fmt(v.refinedBarrels.estimate) + ' bbl [' + fmt(v.refinedBarrels.low) + '-' + fmt(v.refinedBarrels.high) + '] = ' +
        (100 * v.refinedCapShare).toFixed(1) + ' % of the cap; crude ' + fmt(v.crudeBarrels.estimate) + ' bbl; coal exported ' + fmt(v.coalTonnes.estimate) + ' t';
    });
    box.textContent = lines.length ? 'Ledger ' + lines.join(' · ') : 'Ledger: no delivery to the DPRK and no coal exported in these alerts';
  }

  function soon() { if (!pending) { pending = setTimeout(refresh, 250); } }

  form.addEventListener('change', refresh);
  form.addEventListener('submit', function (e) { e.preventDefault(); refresh(); });
  EdtfMap.listen(soon);
  refresh();
})();
