// Progressive enhancement of /map: the list of reports is the page; with this script (and
// Leaflet) the same reports also appear on a map. It first asks how many of them lie in each
// parish (/map/parishes.json, a few hundred bytes): a few, and their pins are drawn at once; more,
// and each parish is a bubble with its count, whose pins (/map/pins.json with that parish, in a
// compact form: a row of values per pin, the names of statuses, categories and parishes given
// once) are fetched and clustered when someone opens it or zooms in on it. So a phone shows every
// report at once without fetching thousands of pins first. No inline styles: the CSP forbids them.
(function () {
  'use strict';

  var slot = document.getElementById('reports-map-slot');
  if (!slot || typeof L === 'undefined' || typeof L.markerClusterGroup !== 'function') return;
  var text = slot.dataset;
  // Rēzeknes novads as a whole, for when there is no pin to look at.
  var NOVADS = { lat: 56.45, lon: 27.2, zoom: 9 };
  // Up to this many reports are drawn as pins at once; more are shown as parishes first.
  var PINS_AT_ONCE = 500;
  // From this zoom on, the parishes in view open by themselves.
  var OPEN_ZOOM = 12;

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
  // Leaflet's own credit, its title in the page's language (Leaflet writes it in English).
  var credit = document.createElement('a');
  credit.href = 'https://leafletjs.com';
  credit.title = text.leaflet || '';
  credit.textContent = 'Leaflet';
  map.attributionControl.setPrefix(credit.outerHTML);
  L.tileLayer(text.tileUrl, {
    attribution: text.attribution,
    maxZoom: 19,
    referrerPolicy: 'strict-origin',
  }).addTo(map);
  map.setView([NOVADS.lat, NOVADS.lon], NOVADS.zoom);

  function getJson(url) {
    return fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' }).then(
      function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      },
    );
  }

  // Counts as the pages write them (src/i18n/numbers.ts): "5,000" in English, "5 000" in Latvian
  // and Russian; the catalogs' sentences name them `{{count, number}}`.
  var pageLanguage = document.documentElement.lang || 'lv';
  var numbers = new Intl.NumberFormat(pageLanguage === 'en' ? 'en-GB' : pageLanguage, {
    maximumFractionDigits: 1,
    useGrouping: 'always',
  });

  function fill(words, values) {
    return Object.keys(values).reduce(function (sentence, name) {
      var value = values[name];
      var shown = typeof value === 'number' ? numbers.format(value) : String(value);
      return sentence
        .split('{{' + name + ', number}}')
        .join(shown)
        .split('{{' + name + '}}')
        .join(shown);
    }, words || '');
  }

  function say(words, values) {
    status.textContent = fill(words, values);
  }

  function failed() {
    status.textContent = text.failed || '';
  }

  // A pin's row: latitude, longitude, ref, title, status, category, parish, the title's language
  // (pin-list.ts).
  function popup(row, data) {
    var box = document.createElement('div');
    var heading = document.createElement('p');
    var link = document.createElement('a');
    link.href = '/reports/' + encodeURIComponent(row[2]) + '?lang=' + encodeURIComponent(data.language);
    link.textContent = row[3];
    if (row[7] && row[7] !== data.language) link.lang = row[7];
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
    if (row[7] && row[7] !== data.language) {
      // The marker's name (its alt and title) is the title, in the language it was written in.
      marker.on('add', function () {
        if (marker._icon) marker._icon.lang = row[7];
      });
    }
    marker.bindPopup(function () {
      return popup(row, data);
    });
    return marker;
  }

  // One cluster group for every pin drawn, whichever parish it came with.
  var SLICE_MS = 5;
  var group = L.markerClusterGroup({
    showCoverageOnHover: false,
    chunkedLoading: true,
    chunkInterval: SLICE_MS,
    // markercluster's own icon, named in words for a screen reader (it said only the number).
    iconCreateFunction: function (cluster) {
      var count = cluster.getChildCount();
      var size = count < 10 ? 'small' : count < 100 ? 'medium' : 'large';
      var shown = document.createElement('span');
      shown.setAttribute('aria-hidden', 'true');
      shown.textContent = String(count);
      var said = document.createElement('span');
      said.className = 'visually-hidden';
      said.textContent = fill(text.cluster, { count: count });
      var box = document.createElement('div');
      box.append(shown, said);
      return new L.DivIcon({
        html: box,
        className: 'marker-cluster marker-cluster-' + size,
        iconSize: new L.Point(40, 40),
      });
    },
  });
  map.addLayer(group);
  var drawn = 0;
  var truncated = false;

  // A few thousand pins: made in slices of a few milliseconds, with the browser free between
  // them, then clustered all at once by the cluster group in slices of its own (chunkedLoading),
  // so a slow phone stays responsive (a 50 ms slice is a long task there). Given them in small
  // batches instead, the group would work out every cluster's bounds and icons again after each
  // batch. Each pin's popup is made only when it is opened.
  function drawPins(data, done) {
    var rows = data.pins;
    var markers = [];
    function makeSlice() {
      var started = Date.now();
      while (markers.length < rows.length && Date.now() - started < SLICE_MS) {
        markers.push(pin(rows[markers.length], data));
      }
      if (markers.length < rows.length) window.setTimeout(makeSlice, 0);
      else {
        group.addLayers(markers);
        done();
      }
    }
    drawn += rows.length;
    truncated = truncated || data.truncated;
    makeSlice();
  }

  function boundsOf(rows) {
    return L.latLngBounds(
      rows.map(function (row) {
        return [row[0], row[1]];
      }),
    );
  }

  // Every pin of the query at once, as when it finds few reports or lies in one parish.
  function drawAll() {
    getJson(text.pins)
      .then(function (data) {
        if (data.pins.length > 0) map.fitBounds(boundsOf(data.pins), { maxZoom: 14, padding: [20, 20] });
        drawPins(data, function () {});
        say(truncated ? text.truncated : text.shown, { count: drawn });
      })
      .catch(failed);
  }

  function withParish(url, code) {
    var address = new URL(url, window.location.href);
    address.searchParams.set('parish', code);
    return address.pathname + address.search;
  }

  // A parish's bubble, or several parishes' where they would overlap: the count on it, and what a
  // screen reader calls the button ("Audriņu pagasts: 1428 reports"), in the page's language.
  function bubbleIcon(reports, label) {
    var box = document.createElement('span');
    var count = document.createElement('span');
    count.setAttribute('aria-hidden', 'true');
    count.textContent = String(reports);
    var name = document.createElement('span');
    name.className = 'visually-hidden';
    name.textContent = label;
    box.append(count, name);
    // As wide as its count needs (about 9 pixels a digit at the bubble's 14 px), centred on its place.
    var width = Math.max(36, 16 + 9 * count.textContent.length);
    return L.divIcon({ className: 'map-parish', html: box, iconSize: [width, 36] });
  }

  // A bubble per parish, given in the order of the parishes' names; each is a button (Enter or
  // Space opens it). Where bubbles would overlap, as when the whole novads is in view, they join
  // into one that counts them all; opening it (a click, Enter or Space) zooms in on them.
  function drawParishes(counts) {
    var bubbles = L.markerClusterGroup({
      showCoverageOnHover: false,
      // Viļāni town and Viļāni parish share a centre: joined until zoomed in far enough to open.
      spiderfyOnMaxZoom: false,
      maxClusterRadius: 48,
      iconCreateFunction: function (cluster) {
        var parishes = cluster.getAllChildMarkers();
        var reports = parishes.reduce(function (sum, marker) {
          return sum + marker.options.reports;
        }, 0);
        var labels = parishes.map(function (marker) {
          return marker.options.title;
        });
        return bubbleIcon(reports, labels.join('; '));
      },
    });
    // The cluster group opens a joined bubble on Enter; Space is a button's key as well.
    bubbles.on('clusterkeypress', function (event) {
      if (event.originalEvent.key !== ' ') return;
      event.originalEvent.preventDefault();
      event.layer.zoomToBounds();
      mapElement.focus();
    });
    map.addLayer(bubbles);
    var markers = {};
    var open = {};

    function tell() {
      if (drawn === 0) say(text.byParish, { count: counts.total });
      else if (truncated) say(text.truncated, { count: drawn });
      else say(text.drawn, { total: counts.total, count: drawn });
    }

    function openParish(code, zoomTo) {
      if (open[code]) return;
      open[code] = true;
      getJson(withParish(text.pins, code))
        .then(function (data) {
          if (markers[code]) bubbles.removeLayer(markers[code]);
          if (zoomTo && data.pins.length > 0)
            map.fitBounds(boundsOf(data.pins), { maxZoom: 14, padding: [20, 20] });
          drawPins(data, tell);
        })
        .catch(function () {
          open[code] = false;
          failed();
        });
    }

    var all = [];
    counts.parishes.forEach(function (parish) {
      var marker = L.marker([parish.lat, parish.lon], {
        icon: bubbleIcon(parish.reports, parish.label),
        title: parish.label,
        reports: parish.reports,
        riseOnHover: true,
      });
      marker.on('click', function () {
        openParish(parish.code, true);
      });
      marker.on('keypress', function (event) {
        var key = event.originalEvent.key;
        if (key !== 'Enter' && key !== ' ') return;
        event.originalEvent.preventDefault();
        openParish(parish.code, true);
        // Its bubble goes once its pins come: the keyboard stays on the map, as after a cluster.
        mapElement.focus();
      });
      markers[parish.code] = marker;
      all.push(marker);
    });
    bubbles.addLayers(all);
    if (all.length > 0) map.fitBounds(bubbles.getBounds(), { maxZoom: 11, padding: [30, 30] });

    // Zoomed in far enough, the parishes whose bubbles are in view open by themselves.
    map.on('moveend', function () {
      if (map.getZoom() < OPEN_ZOOM) return;
      var view = map.getBounds();
      Object.keys(markers).forEach(function (code) {
        if (view.contains(markers[code].getLatLng())) openParish(code, false);
      });
    });
    tell();
  }

  getJson(text.parishes)
    .then(function (counts) {
      if (counts.total <= PINS_AT_ONCE || counts.parishes.length <= 1) drawAll();
      else drawParishes(counts);
    })
    .catch(failed);
})();
