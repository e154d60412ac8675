package org.caspianhub.consumers.subscription;

import java.net.URI;
import java.util.Objects;
import org.caspianhub.runtime.Secret;

/** Where a subscription's alerts go. Each {@code toString} is safe to log: no credentials, no secrets. */
public sealed interface Destination permits Destination.Webhook, Destination.Syslog, Destination.Log {

    /** {@code webhook}, {@code syslog} or {@code log}: the metrics tag. */
    String kind();

    /** Where, without credentials: for logs, the banner and dead-letter records. */
    String describe();

    /**
     * An HTTPS (or, locally, HTTP) endpoint receiving signed POSTs.
     *
     * @param secret the HMAC-SHA256 key signing each request
     */
    record Webhook(URI url, WebhookFormat format, Secret secret) implements Destination {
        public Webhook {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public String kind() {
            return "webhook";
        }

        @Override
        public String describe() {
            return withoutCredentials(url) + " (" + format.name().toLowerCase(java.util.Locale.ROOT) + ")";
        }

        @Override
        public String toString() {
            return "webhook " + describe();
        }
    }

    /**
     * A SIEM's syslog listener: CEF messages in RFC 5424 syslog over TCP, octet-counted (RFC 6587).
     *
     * @param hostname the HOSTNAME field of each message (who sends)
     * @param facility the syslog facility number (16 = local0)
     */
    record Syslog(String host, int port, String hostname, int facility, String appName) implements Destination {
        @Override
        public String kind() {
            return "syslog";
        }

        @Override
        public String describe() {
            return "syslog+tcp://" + host + ":" + port;
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

    /** A URL without user info, query or fragment, which may carry tokens. */
    static String withoutCredentials(URI url) {
        StringBuilder s = new StringBuilder().append(url.getScheme()).append("://").append(url.getHost());
        if (url.getPort() >= 0) {
            s.append(':').append(url.getPort());
        }
        s.append(url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath());
        return s.toString();
    }
}
