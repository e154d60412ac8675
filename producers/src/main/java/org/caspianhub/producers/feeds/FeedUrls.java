package org.caspianhub.producers.feeds;

import java.net.URI;

/**
 * Feed URLs as they may be shown: in the start-up banner, logs, poll outcomes and error messages.
 * Feeds often carry their API key in the query ({@code ?auth-key=...}) or in the user info
 * ({@code https://user:pass@host/}), so both are left out.
 */
final class FeedUrls {

    private FeedUrls() {
    }

    /** {@code https://feeds.example/list.txt?…}: scheme, host, port and path; the query and user info redacted. */
    static String redacted(URI url) {
        StringBuilder out = new StringBuilder();
        if (url.getScheme() != null) {
            out.append(url.getScheme()).append("://");
        }
        if (url.getRawUserInfo() != null) {
            out.append("…@");
        }
        if (url.getHost() != null) {
            out.append(url.getHost());
        }
        if (url.getPort() >= 0) {
            out.append(':').append(url.getPort());
        }
        if (url.getRawPath() != null) {
            out.append(url.getRawPath());
        }
        if (url.getRawQuery() != null) {
            out.append("?…");
        }
        return out.toString();
    }

    /**
     * A message that may quote the URL (an exception from the HTTP client) with the URL's query and
     * user info cut out.
     */
    static String scrub(String message, URI url) {
        String out = message;
        for (String secret : new String[] {url.getRawQuery(), url.getQuery(), url.getRawUserInfo(), url.getUserInfo()}) {
            if (secret != null && !secret.isEmpty()) {
                out = out.replace(secret, "…");
            }
        }
        return out;
    }
}
