// Tells the server the browser's time zone (an IANA name such as "Europe/London") in a cookie, before the page starts,
// so times render in the reader's zone from the server's first paint. When the zone is new or has changed (a laptop
// that travelled), a page that shows times is loaded once more to render in it; account pages show none.
(function () {
    var name = "sc-browser-zone";
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
    if (!zone || !navigator.cookieEnabled) return;
    var match = document.cookie.match(/(?:^|;\s*)sc-browser-zone=([^;]*)/);
    var before = match ? decodeURIComponent(match[1]) : null;
    if (before === zone) return;
    document.cookie = name + "=" + encodeURIComponent(zone) + "; path=/; max-age=31536000; samesite=lax" +
        (location.protocol === "https:" ? "; secure" : "");
    // Only when the cookie really took (else this would reload forever).
    var taken = document.cookie.indexOf(name + "=" + encodeURIComponent(zone)) >= 0;
    if (taken && location.pathname.indexOf("/account/") !== 0) location.reload();
})();
