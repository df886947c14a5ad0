# Healed behind Varnish 7 with vmod xkey (Debian: apt-get install varnish varnish-modules).
# Public pages and /img answers are kept as long as the app's s-maxage says and dropped by tag:
# the app sends each answer's tags in `xkey` and purges them with `PURGE` + `xkey-purge` (set
# CACHE_PURGE_URL on every app instance to this Varnish, e.g. http://127.0.0.1:6081/).
# Signed-in visitors and every write go straight to the app; nothing the app did not mark
# `public` is stored. Run: varnishd -a :6081 -f /etc/varnish/default.vcl -s malloc,1G
vcl 4.1;

import directors;
import xkey;

# One line per app instance; they share portfolios/, the database (and so the invalidations).
backend app1 { .host = "127.0.0.1"; .port = "4321"; }

# Who may purge: the app instances' addresses.
acl purgers { "127.0.0.1"; "::1"; }

sub vcl_init {
  new apps = directors.round_robin();
  apps.add_backend(app1);
}

sub vcl_recv {
  set req.backend_hint = apps.backend();
  if (req.method == "PURGE") {
    if (client.ip !~ purgers) { return (synth(403, "Purging is for the app instances only")); }
    if (!req.http.xkey-purge) { return (synth(400, "Missing xkey-purge: the space-separated tags to purge")); }
    set req.http.purged = xkey.purge(req.http.xkey-purge);
    return (synth(200, "Purged " + req.http.purged));
  }
  # Writes, and anything not a plain read, always reach the app.
  if (req.method != "GET" && req.method != "HEAD") { return (pass); }
  # A signed-in visitor's pages are rendered for them (the app marks them private, no-store).
  if (req.http.Cookie ~ "(^|;\s*)(__Host-)?healed-session=") { return (pass); }
  # No other cookie changes a public page: dropped, so the page can be shared.
  unset req.http.Cookie;
  # One stored variant per coding the app answers with (Brotli, else gzip, else none). Kept aside
  # because Varnish's own gzip support rewrites Accept-Encoding after this subroutine.
  if (req.http.Accept-Encoding ~ "(^|,)\s*br\s*(;\s*q=(1|0?\.[0-9]*[1-9]))?\s*(,|$)") { set req.http.X-Healed-Coding = "br"; }
  elsif (req.http.Accept-Encoding ~ "gzip") { set req.http.X-Healed-Coding = "gzip"; }
  else { set req.http.X-Healed-Coding = "identity"; }
  return (hash);
}

sub vcl_hash {
  hash_data(req.http.X-Healed-Coding);
}

sub vcl_backend_fetch {
  if (bereq.http.X-Healed-Coding) {
    set bereq.http.Accept-Encoding = bereq.http.X-Healed-Coding;
    unset bereq.http.X-Healed-Coding;
  }
}

sub vcl_backend_response {
  # Stored only when the app said so: public pages (s-maxage) and immutable files. Anything else,
  # an error without headers included, is passed through, never kept for a default TTL.
  if (!beresp.http.Cache-Control || beresp.http.Cache-Control !~ "(s-maxage|public)") {
    set beresp.uncacheable = true;
    set beresp.ttl = 0s;
    return (deliver);
  }
  # Static files (/_astro/*.js, .css) come uncompressed from the app's file server: gzip them here.
  if (!beresp.http.Content-Encoding && beresp.http.Content-Type ~ "^(text/|application/(javascript|json|xml)|image/svg\+xml)") {
    set beresp.do_gzip = true;
  }
}

sub vcl_deliver {
  if (obj.hits > 0) { set resp.http.X-Cache = "HIT"; } else { set resp.http.X-Cache = "MISS"; }
  # Tags are for Varnish; clients have no use for them.
  unset resp.http.xkey;
}
