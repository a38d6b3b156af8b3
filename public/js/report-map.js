// Progressive enhancement of the report form: a Leaflet map whose pin fills the latitude and
// longitude fields and suggests the parish. Without this script (or without Leaflet) the
// coordinates stay plain text fields and nothing is lost. No inline styles: the CSP forbids them,
// so every look comes from classes in site.css and leaflet.css.
(function () {
  'use strict';

  var slot = document.getElementById('map-slot');
  var latInput = document.getElementById('field-lat');
  var lonInput = document.getElementById('field-lon');
  var parishSelect = document.getElementById('field-parish');
  if (!slot || !latInput || !lonInput || typeof L === 'undefined') return;

  var text = slot.dataset;
  // Rēzeknes novads as a whole, for when neither a pin nor a parish says where to look.
  var NOVADS = { lat: 56.45, lon: 27.2, zoom: 9 };

  var parishes = [];
  try {
    parishes = JSON.parse(text.parishes || '[]').filter(function (parish) {
      // Some parishes have no known centre; they are simply never suggested.
      return typeof parish.lat === 'number' && typeof parish.lon === 'number';
    });
  } catch {
    parishes = [];
  }

  var hint = document.createElement('p');
  hint.className = 'hint';
  hint.id = 'map-hint';
  hint.textContent = text.hint || '';
  var mapElement = document.createElement('div');
  mapElement.className = 'map';
  mapElement.id = 'report-map';
  mapElement.setAttribute('role', 'region');
  mapElement.setAttribute('aria-label', text.label || '');
  mapElement.setAttribute('aria-describedby', 'map-hint');
  mapElement.setAttribute('data-qa', 'map');
  // Announces the parish the pin chose, so a screen reader user hears what changed elsewhere.
  var status = document.createElement('p');
  status.className = 'map-status';
  status.setAttribute('role', 'status');
  status.setAttribute('data-qa', 'map-status');
  slot.append(hint, mapElement, status);
  slot.classList.add('map-slot--active');

  // The cross marks the map's centre, where Enter or Space drops the pin (CSS shows it on focus).
  var crosshair = document.createElement('div');
  crosshair.className = 'map__crosshair';
  crosshair.setAttribute('aria-hidden', 'true');

  var map = L.map(mapElement, { scrollWheelZoom: false, zoomControl: false });
  mapElement.append(crosshair);
  L.control.zoom({ zoomInTitle: text.zoomIn, zoomOutTitle: text.zoomOut }).addTo(map);
  // Leaflet's own credit, its title in the page's language (Leaflet writes it in English).
  var credit = document.createElement('a');
  credit.href = 'https://leafletjs.com';
  credit.title = text.leaflet || '';
  credit.textContent = 'Leaflet';
  map.attributionControl.setPrefix(credit.outerHTML);
  // The page sends no Referer anywhere, but tile servers (OpenStreetMap's among them) ask for one:
  // they get our origin only, never a path.
  L.tileLayer(text.tileUrl, {
    attribution: text.attribution,
    maxZoom: 19,
    referrerPolicy: 'strict-origin',
  }).addTo(map);

  var marker = null;
  // True while the parish shown was chosen by the pin, not by the resident: only then may a new
  // pin change it again.
  var parishFromPin = false;

  function read(input) {
    var value = input.value.trim().replace(',', '.');
    var number = Number(value);
    return value !== '' && Number.isFinite(number) ? number : null;
  }

  function place(lat, lon) {
    if (marker) marker.setLatLng([lat, lon]);
    else marker = L.marker([lat, lon], { alt: text.pin, keyboard: false }).addTo(map);
  }

  function nearestParish(lat, lon) {
    var best = null;
    var bestDistance = Infinity;
    var shrink = Math.cos((lat * Math.PI) / 180);
    parishes.forEach(function (parish) {
      var dLat = parish.lat - lat;
      var dLon = (parish.lon - lon) * shrink;
      var distance = dLat * dLat + dLon * dLon;
      if (distance < bestDistance) {
        best = parish;
        bestDistance = distance;
      }
    });
    return best;
  }

  function suggestParish(lat, lon) {
    if (!parishSelect || (parishSelect.value !== '' && !parishFromPin)) return;
    var nearest = nearestParish(lat, lon);
    if (!nearest) return;
    parishSelect.value = nearest.code;
    parishFromPin = true;
    var option = parishSelect.options[parishSelect.selectedIndex];
    var name = option ? option.textContent : nearest.code;
    status.textContent = (text.parishChosen || '{{parish}}').replace('{{parish}}', name);
  }

  function centreOnParish() {
    var code = parishSelect ? parishSelect.value : '';
    var parish = parishes.find(function (item) {
      return item.code === code;
    });
    if (parish) map.setView([parish.lat, parish.lon], 12);
    else map.setView([NOVADS.lat, NOVADS.lon], NOVADS.zoom);
  }

  function showTypedCoordinates() {
    var lat = read(latInput);
    var lon = read(lonInput);
    if (lat === null || lon === null) return false;
    place(lat, lon);
    map.setView([lat, lon], Math.max(map.getZoom() || 0, 14));
    return true;
  }

  // A pin dropped by a click, or by Enter or Space at the centre: the fields, the pin, the parish.
  function drop(latlng) {
    var lat = latlng.lat.toFixed(5);
    var lon = latlng.lng.toFixed(5);
    latInput.value = lat;
    lonInput.value = lon;
    place(Number(lat), Number(lon));
    status.textContent = (text.pinPlaced || '').replace('{{lat}}', lat).replace('{{lon}}', lon);
    suggestParish(Number(lat), Number(lon));
  }

  map.on('click', function (event) {
    drop(event.latlng);
  });

  // Leaflet's own keyboard handling moves the map with the arrow keys and zooms with + and −;
  // Enter and Space on the map itself (not on a zoom button inside it) drop the pin at the centre.
  mapElement.addEventListener('keydown', function (event) {
    if (event.target !== mapElement) return;
    if (event.key !== 'Enter' && event.key !== ' ' && event.key !== 'Spacebar') return;
    event.preventDefault();
    drop(map.getCenter());
  });

  // Typed coordinates move the pin and suggest the parish as a click would.
  function typedCoordinates() {
    if (showTypedCoordinates()) suggestParish(read(latInput), read(lonInput));
  }
  latInput.addEventListener('change', typedCoordinates);
  lonInput.addEventListener('change', typedCoordinates);
  if (parishSelect) {
    parishSelect.addEventListener('change', function () {
      parishFromPin = false;
      if (!marker) centreOnParish();
    });
  }

  // A form shown again after an error already carries the pin; otherwise start at the parish.
  if (!showTypedCoordinates()) centreOnParish();
})();
