// Loads a map only where JavaScript runs: without it, nothing of Leaflet is fetched and the page
// is whole (the list, or the form's coordinate fields). Its own tag names, in data attributes, the
// style sheets and then the scripts to run in order (Leaflet, its plugins, our map code). The
// scripts download at once but run in that order (async = false); our map code, the last, is
// added only once the style sheets have arrived, so Leaflet never lays out an unstyled map.
// And only when the map's place on the page is within a screen of being seen: on a phone the
// report form's map is three screens down, and a resident who never gets there (or gives the
// place in words) should not pay for Leaflet and its tiles on a slow rural link.
(function () {
  'use strict';

  var self = document.currentScript;
  if (!self) return;
  var styles = (self.getAttribute('data-css') || '').split(' ').filter(Boolean);
  var scripts = (self.getAttribute('data-js') || '').split(' ').filter(Boolean);
  if (scripts.length === 0) return;
  var last = scripts.pop();

  function addScript(src) {
    var script = document.createElement('script');
    script.src = src;
    script.async = false;
    document.body.append(script);
  }

  var pending = styles.length;
  function styleDone() {
    pending -= 1;
    // A style sheet that failed still lets the map start: it would be plain, not missing.
    if (pending === 0) addScript(last);
  }

  function load() {
    styles.forEach(function (href) {
      var link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = href;
      link.addEventListener('load', styleDone);
      link.addEventListener('error', styleDone);
      document.head.append(link);
    });
    scripts.forEach(addScript);
    if (styles.length === 0) addScript(last);
  }

  var slot = document.querySelector('.map-slot');
  if (!slot || typeof IntersectionObserver !== 'function') {
    load();
    return;
  }
  var observer = new IntersectionObserver(
    function (entries) {
      var near = entries.some(function (entry) {
        return entry.isIntersecting;
      });
      if (!near) return;
      observer.disconnect();
      load();
    },
    { rootMargin: '100% 0px' },
  );
  observer.observe(slot);
})();
