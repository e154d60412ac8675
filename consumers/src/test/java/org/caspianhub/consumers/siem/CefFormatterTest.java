package org.caspianhub.consumers.siem;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Severity;
import org.caspianhub.avro.Tlp;
import org.caspianhub.consumers.subscription.Destination;
import org.caspianhub.consumers.testing.Alerts;
import org.junit.jupiter.api.Test;

class CefFormatterTest {

    private final Alert alert = Alerts.alert("ir", IndicatorType.URL, "http://evil.example/a?x=1|2")
            .setCreatedAt(Instant.parse("2026-03-01T10:00:00.123Z"))
            .setTlp(Tlp.AMBER)
            .setSummary("C2 | panel\\admin\nsecond line")
            .build();

    @Test
    void headerFieldsEscapePipesAndBackslashesAndLoseLineBreaks() {
        String cef = CefFormatter.format(alert);
        assertThat(cef).startsWith("CEF:0|Caspian Hub|caspian-hub|1|NEW_INDICATOR|C2 \\| panel\\\\admin second line|8|");
    }

    @Test
    void extensionValuesEscapeEqualsBackslashesAndNewlines() {
        String cef = CefFormatter.format(alert);
        String extensions = cef.substring(cef.indexOf("|8|") + 3);
        assertThat(extensions).contains("request=http://evil.example/a?x\\=1|2");
        assertThat(extensions).contains("msg=C2 | panel\\\\admin\\nsecond line");
        assertThat(extensions).contains("cs3Label=tlp cs3=TLP:AMBER");
        assertThat(extensions).contains("externalId=" + alert.getAlertId());
        assertThat(extensions).contains("rt=" + alert.getCreatedAt().toEpochMilli());
        assertThat(extensions).contains("cn1Label=score cn1=70");
        assertThat(extensions).doesNotContain("\n");
    }

    @Test
    void severityComesFromTheAlertOrItsScore() {
        assertThat(CefFormatter.severity(Alert.newBuilder(alert).setSeverity(Severity.CRITICAL).build())).isEqualTo(10);
        assertThat(CefFormatter.severity(Alert.newBuilder(alert).setSeverity(Severity.UNKNOWN).setScore(64).build())).isEqualTo(6);
    }

    @Test
    void syslogFramesCountBytesNotCharacters() {
        Alert cyrillic = Alert.newBuilder(alert).setSummary("сервер управления").build();
        Destination.Syslog syslog = new Destination.Syslog("siem", 514, "hub-1", 16, "caspian-hub");
        byte[] frame = SyslogMessage.frame(cyrillic, syslog);
        String text = new String(frame, StandardCharsets.UTF_8);
        int space = text.indexOf(' ');
        int declared = Integer.parseInt(text.substring(0, space));
        assertThat(declared).isEqualTo(frame.length - space - 1);
        String message = text.substring(space + 1);
        // <PRI>: local0 (16) * 8 + err (3) for HIGH severity
        assertThat(message).startsWith("<131>1 2026-03-01T10:00:00.123Z hub-1 caspian-hub - NEW_INDICATOR - CEF:0|");
        assertThat(declared).isGreaterThan(message.length()); // multi-byte characters
    }
}
