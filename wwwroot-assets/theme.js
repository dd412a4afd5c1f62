// Light or dark (Components/UserTheme.cs): tells the server the system's prefers-color-scheme in a cookie before the page
// starts, so it draws the page in the right one from its first paint; when the page was drawn in the other one (the
// first visit of a dark system, or the system changed since), it is loaded once more. scTheme.choose keeps the reader's
// choice from the app bar in this browser. Account pages follow the system by CSS alone.
(function () {
  'use strict';
  var write = function (name, value) {
    document.cookie = name + '=' + value + '; path=/; max-age=31536000; samesite=lax' + (location.protocol === 'https:' ? '; secure' : '');
  };
  var read = function (name) {
    var match = document.cookie.match(new RegExp('(?:^|;\\s*)' + name + '=([^;]*)'));
    return match ? match[1] : null;
  };
  window.scTheme = { choose: function (choice) { write('sc-theme', choice); } };
  if (!window.matchMedia || !navigator.cookieEnabled) return;
  var query = window.matchMedia('(prefers-color-scheme: dark)');
  var scheme = function () { return query.matches ? 'dark' : 'light'; };
  if (query.addEventListener) query.addEventListener('change', function () { write('sc-system-scheme', scheme()); });
  var before = read('sc-system-scheme');
  var now = scheme();
  if (before === now) return;
  write('sc-system-scheme', now);
  var choice = read('sc-theme');
  var follows = !choice || choice === 'system';
  // The server drew dark only when it knew the system was dark; reload only when that was wrong, and the cookie took.
  var drewDark = before === 'dark';
  if (follows && drewDark !== (now === 'dark') && read('sc-system-scheme') === now && location.pathname.indexOf('/account/') !== 0) location.reload();
})();
