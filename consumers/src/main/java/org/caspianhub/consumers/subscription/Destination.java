package org.caspianhub.consumers.subscription;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.caspianhub.runtime.Secret;

/** Where a subscription's alerts go. Each {@code toString} is safe to log: no credentials, no secrets. */
public sealed interface Destination permits Destination.Webhook, Destination.Syslog, Destination.Log {

    /** {@code webhook}, {@code syslog} or {@code log}: the metrics tag. */
    String kind();

    /** Where, without credentials: for logs, the banner, {@code /subscriptions} and dead-letter records. */
    String describe();

    /**
     * An HTTPS endpoint receiving signed POSTs (HTTP only to this machine, or where the
     * subscriptions file says {@code "insecure": true}).
     *
     * @param secret              the HMAC-SHA256 key signing each request
     * @param allowPrivateNetwork the operator allows a receiver on a loopback, link-local or private address
     *                            ({@code "allowPrivateNetwork": true}; see {@code OutboundDestinations})
     */
    record Webhook(URI url, WebhookFormat format, Secret secret, boolean allowPrivateNetwork) implements Destination {
        public Webhook {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(secret, "secret");
        }

        /** A receiver that must be on a public address. */
        public Webhook(URI url, WebhookFormat format, Secret secret) {
            this(url, format, secret, false);
        }

        @Override
        public String kind() {
            return "webhook";
        }

        @Override
        public String describe() {
            return redacted(url) + " (" + format.name().toLowerCase(java.util.Locale.ROOT) + ")";
        }

        /** A text (an error message) with this webhook's URL, or its path, replaced by the redacted form. */
        public String redact(String text) {
            if (text == null) {
                return null;
            }
            String safe = text.replace(url.toString(), redacted(url));
            String path = url.getRawPath();
            if (path != null && path.length() > 1 && !redactedPath(path).equals(path)) {
                safe = safe.replace(path, redactedPath(path));
            }
            String query = url.getRawQuery();
            return query == null || query.isEmpty() ? safe : safe.replace("?" + query, "?…");
        }

        @Override
        public String toString() {
            return "webhook " + describe();
        }
    }

    /**
     * A SIEM's syslog listener: CEF messages in RFC 5424 syslog over TCP or TLS, octet-counted (RFC 6587, RFC 5425).
     *
     * @param hostname the HOSTNAME field of each message (who sends)
     * @param facility the syslog facility number (16 = local0)
     */
    record Syslog(String host, int port, String hostname, int facility, String appName, Optional<Tls> tls)
            implements Destination {

        /** Plain TCP. */
        public Syslog(String host, int port, String hostname, int facility, String appName) {
            this(host, port, hostname, facility, appName, Optional.empty());
        }

        /**
         * Syslog over TLS (RFC 5425): the listener's certificate must chain to a certificate of
         * {@code caFile} (PEM), or to the JVM's trust store without one, and name {@code host}.
         */
        public record Tls(Optional<Path> caFile) {
        }

        @Override
        public String kind() {
            return "syslog";
        }

        @Override
        public String describe() {
            return (tls.isPresent() ? "syslog+tls://" : "syslog+tcp://") + host + ":" + port;
        }

        @Override
        public String toString() {
            return describe();
        }
    }

    /** The log of the dispatcher itself: what a local run delivers when nothing else is configured. */
    record Log() implements Destination {
        @Override
        public String kind() {
            return "log";
        }

        @Override
        public String describe() {
            return "log";
        }
    }

    /**
     * A URL as an operator may see it: scheme, host, port and the first path segment. The rest of
     * the path is cut ({@code https://hooks.slack.com/services/…}): Slack-style webhooks carry
     * their secret there. User info, query and fragment never appear.
     */
    static String redacted(URI url) {
        StringBuilder s = new StringBuilder().append(url.getScheme()).append("://").append(url.getHost());
        if (url.getPort() >= 0) {
            s.append(':').append(url.getPort());
        }
        String path = url.getRawPath();
        return s.append(path == null || path.isEmpty() ? "/" : redactedPath(path)).toString();
    }

    /** {@code /services/T0/B0/XYZ} becomes {@code /services/…}; {@code /hooks} and {@code /hooks/} stay. */
    private static String redactedPath(String path) {
        int second = path.indexOf('/', 1);
        if (second < 0 || second == path.length() - 1) {
            return path;
        }
        return path.substring(0, second + 1) + "…";
    }
}
