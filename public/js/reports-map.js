// Progressive enhancement of /map: the list of reports is the page; with this script (and
// Leaflet) the same reports also appear as pins, clustered where they crowd. The pins come from
// the same query, in the compact form of /map/pins.json (a row of values per pin, the names of
// statuses, categories and parishes given once). No inline styles: the CSP forbids them.
(function () {
  'use strict';

  var slot = document.getElementById('reports-map-slot');
  if (!slot || typeof L === 'undefined' || typeof L.markerClusterGroup !== 'function') return;
  var text = slot.dataset;
  // Rēzeknes novads as a whole, for when there is no pin to look at.
  var NOVADS = { lat: 56.45, lon: 27.2, zoom: 9 };

  var mapElement = document.createElement('div');
  mapElement.className = 'map map--reports';
  mapElement.id = 'reports-map';
  mapElement.setAttribute('role', 'region');
  mapElement.setAttribute('aria-label', text.label || '');
  mapElement.setAttribute('aria-describedby', 'reports-map-status');
  mapElement.setAttribute('data-qa', 'reports-map');
  var status = document.createElement('p');
  status.className = 'map-status';
  status.id = 'reports-map-status';
  status.setAttribute('role', 'status');
  status.setAttribute('data-qa', 'reports-map-status');
  slot.append(mapElement, status);
  slot.classList.add('map-slot--active');

  // Zoomed out no further than Latvia: the clusters are worked out for every zoom level the map
  // allows, and the levels from the whole world down to Latvia would only repeat one cluster.
  var map = L.map(mapElement, { scrollWheelZoom: false, zoomControl: false, minZoom: 7 });
  L.control.zoom({ zoomInTitle: text.zoomIn, zoomOutTitle: text.zoomOut }).addTo(map);
  L.tileLayer(text.tileUrl, {
    attribution: text.attribution,
    maxZoom: 19,
    referrerPolicy: 'strict-origin',
  }).addTo(map);
  map.setView([NOVADS.lat, NOVADS.lon], NOVADS.zoom);

  // A pin's row: latitude, longitude, ref, title, status, category, parish (pin-list.ts).
  function popup(row, data) {
    var box = document.createElement('div');
    var heading = document.createElement('p');
    var link = document.createElement('a');
    link.href = '/reports/' + encodeURIComponent(row[2]) + '?lang=' + encodeURIComponent(data.language);
    link.textContent = row[3];
    heading.append(link);
    var facts = document.createElement('p');
    facts.textContent = [row[2], data.statuses[row[4]], data.categories[row[5]], data.parishes[row[6]]].join(
      ' · ',
    );
    box.append(heading, facts);
    return box;
  }

  function pin(row, data) {
    var marker = L.marker([row[0], row[1]], { title: row[3], alt: row[3] });
    marker.bindPopup(function () {
      return popup(row, data);
    });
    return marker;
  }

  fetch(text.pins, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
    .then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    })
    .then(function (data) {
      // A few thousand pins: made in slices of a few milliseconds, with the browser free between
      // them, then clustered all at once by the cluster group in slices of its own
      // (chunkedLoading), so a slow phone stays responsive (a 50 ms slice is a long task there).
      // Given them in small batches instead, the group would work out every cluster's bounds and
      // icons again after each batch. Each pin's popup is made only when it is opened.
      var SLICE_MS = 5;
      var group = L.markerClusterGroup({
        showCoverageOnHover: false,
        chunkedLoading: true,
        chunkInterval: SLICE_MS,
      });
      var rows = data.pins;
      map.addLayer(group);
      if (rows.length > 0) {
        var bounds = L.latLngBounds(
          rows.map(function (row) {
            return [row[0], row[1]];
          }),
        );
        map.fitBounds(bounds, { maxZoom: 14, padding: [20, 20] });
      }
      var markers = [];
      function makeSlice() {
        var started = Date.now();
        while (markers.length < rows.length && Date.now() - started < SLICE_MS) {
          markers.push(pin(rows[markers.length], data));
        }
        if (markers.length < rows.length) window.setTimeout(makeSlice, 0);
        else group.addLayers(markers);
      }
      makeSlice();
      var words = (data.truncated ? text.truncated : text.shown) || '{{count}}';
      status.textContent = words.replace('{{count}}', String(rows.length));
    })
    .catch(function () {
      status.textContent = text.failed || '';
    });
})();
