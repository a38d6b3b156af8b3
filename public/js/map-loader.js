// Loads a map only where JavaScript runs: without it, nothing of Leaflet is fetched and the page
// is whole (the list, or the form's coordinate fields). Its own tag names, in data attributes, the
// style sheets and then the scripts to run in order (Leaflet, its plugins, our map code). The
// scripts download at once but run in that order (async = false); our map code, the last, is
// added only once the style sheets have arrived, so Leaflet never lays out an unstyled map.
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
})();
