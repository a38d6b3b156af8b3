// Progressive enhancement of /map: the list of reports is the page; with this script (and
// Leaflet) the same reports also appear as pins, clustered where they crowd. The pins come from
// the GeoJSON of the same query. No inline styles: the CSP forbids them.
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

  var map = L.map(mapElement, { scrollWheelZoom: false, zoomControl: false });
  L.control.zoom({ zoomInTitle: text.zoomIn, zoomOutTitle: text.zoomOut }).addTo(map);
  L.tileLayer(text.tileUrl, {
    attribution: text.attribution,
    maxZoom: 19,
    referrerPolicy: 'strict-origin',
  }).addTo(map);
  map.setView([NOVADS.lat, NOVADS.lon], NOVADS.zoom);

  function popup(properties) {
    var box = document.createElement('div');
    var heading = document.createElement('p');
    var link = document.createElement('a');
    link.href = properties.url;
    link.textContent = properties.title;
    heading.append(link);
    var facts = document.createElement('p');
    facts.textContent = [properties.ref, properties.statusText, properties.category, properties.parish].join(
      ' · ',
    );
    box.append(heading, facts);
    return box;
  }

  function pin(feature, place) {
    var marker = L.marker(place, {
      title: feature.properties.title,
      alt: feature.properties.title,
    });
    marker.bindPopup(function () {
      return popup(feature.properties);
    });
    return marker;
  }

  fetch(text.geojson, { headers: { Accept: 'application/geo+json' }, credentials: 'same-origin' })
    .then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    })
    .then(function (data) {
      // A few thousand pins go in a slice of under 10 ms at a time, made and clustered
      // (chunkedLoading), with the browser free between slices: a slow phone stays responsive
      // while they go in (a 50 ms slice is a long task there). Each pin's popup is made only
      // when it is opened.
      var SLICE_MS = 8;
      var group = L.markerClusterGroup({
        showCoverageOnHover: false,
        chunkedLoading: true,
        chunkInterval: SLICE_MS,
      });
      var features = data.features;
      var places = features.map(function (feature) {
        var at = feature.geometry.coordinates;
        return [at[1], at[0]];
      });
      map.addLayer(group);
      if (places.length > 0) map.fitBounds(L.latLngBounds(places), { maxZoom: 14, padding: [20, 20] });
      var next = 0;
      function addSlice() {
        var started = Date.now();
        var markers = [];
        while (next < features.length && Date.now() - started < SLICE_MS) {
          markers.push(pin(features[next], places[next]));
          next += 1;
        }
        group.addLayers(markers);
        if (next < features.length) window.setTimeout(addSlice, 0);
      }
      addSlice();
      var words = (data.truncated ? text.truncated : text.shown) || '{{count}}';
      status.textContent = words.replace('{{count}}', String(features.length));
    })
    .catch(function () {
      status.textContent = text.failed || '';
    });
})();
