package org.caspianhub.consumers.siem;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.Severity;
import org.caspianhub.consumers.alert.Timestamps;
import org.caspianhub.consumers.subscription.Destination;

/**
 * One alert as an RFC 5424 syslog message carrying its CEF line, framed for TCP by octet
 * counting (RFC 6587 3.4.1): {@code <length> SP <PRI>1 TIMESTAMP HOSTNAME APP-NAME - MSGID - CEF:0|...},
 * where the length counts the bytes of the message after the space. Octet counting, unlike
 * newline framing, survives a CEF line that contains an escaped newline.
 *
 * <p>The MSG part is UTF-8 without a byte-order mark (RFC 5424's MSG-ANY), which is what CEF
 * receivers expect.
 */
public final class SyslogMessage {

    private SyslogMessage() {
    }

    /** The framed bytes to write to the TCP stream. */
    public static byte[] frame(Alert alert, Destination.Syslog syslog) {
        byte[] message = message(alert, syslog).getBytes(StandardCharsets.UTF_8);
        byte[] prefix = (message.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[prefix.length + message.length];
        System.arraycopy(prefix, 0, frame, 0, prefix.length);
        System.arraycopy(message, 0, frame, prefix.length, message.length);
        return frame;
    }

    /** The RFC 5424 message, unframed. */
    public static String message(Alert alert, Destination.Syslog syslog) {
        int pri = syslog.facility() * 8 + syslogSeverity(alert.getSeverity());
        return "<" + pri + ">1 " + timestamp(alert.getCreatedAt()) + ' ' + syslog.hostname() + ' ' + syslog.appName()
                + " - " + alert.getKind().name() + " - " + CefFormatter.format(alert);
    }

    /** RFC 5424 severity (0 emergency .. 7 debug) of an alert. */
    static int syslogSeverity(Severity severity) {
        return switch (severity == null ? Severity.UNKNOWN : severity) {
            case CRITICAL -> 2;
            case HIGH -> 3;
            case MEDIUM -> 4;
            case LOW, UNKNOWN -> 5;
            case INFO -> 6;
        };
    }

    private static String timestamp(Instant instant) {
        return Timestamps.millis(instant);
    }
}
