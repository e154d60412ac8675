package org.caspianhub.producers.web;

import java.util.ArrayList;
import java.util.List;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.CorrelationKind;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Severity;
import org.caspianhub.avro.Tlp;
import org.caspianhub.parties.PartyId;
import org.caspianhub.producers.inbox.DemoAlerts;

/**
 * A realistic morning in Iran's inbox (documentation addresses and .example names): a C2 domain
 * both parties reported, its URLs, the address it resolved to and the payload's hash, as the
 * topology would alert them. Used by the browser tests and for the screenshots in docs/.
 */
final class DemoScenario {

    final String domain;
    final List<Alert> alerts = new ArrayList<>();

    private DemoScenario(String domain) {
        this.domain = domain;
    }

    /** Publishes the scenario's alerts to {@code ir}'s topic; {@code az} is the partner that reported it too. */
    static DemoScenario publish(DemoAlerts topic, PartyId ir, PartyId az, String domain) throws Exception {
        DemoScenario s = new DemoScenario(domain);
        List<String> both = List.of(az.value(), ir.value());
        java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Alert first = DemoAlerts.alert(ir, IndicatorType.DOMAIN, domain).setTlp(Tlp.AMBER).setScore(62)
                .setCreatedAt(now.minusSeconds(47 * 60)).setLastSeen(now.minusSeconds(47 * 60))
                .setTags(List.of("c2", "apt-caspian-fox")).setSummary("New domain " + domain
                        + " reported by " + ir.value() + ": command and control of the CASPIAN-FOX loader, score 62.").build();
        s.add(topic, DemoAlerts.alert(ir, IndicatorType.IPV4, "198.51.100.23").setKind(AlertKind.UPDATED).setScore(55)
                .setTlp(Tlp.GREEN).setSeverity(Severity.MEDIUM).setTags(List.of("scanner"))
                .setSummary("198.51.100.23 updated: a second sighting by a SOC of " + ir.value() + ", score 55.").build());
        s.add(topic, first);
        Alert match = Alert.newBuilder(first).setAlertId(first.getAlertId() + "-x").setKind(AlertKind.CROSS_BORDER_MATCH)
                .setScore(85).setParties(both).setCreatedAt(now.minusSeconds(12 * 60)).setLastSeen(now.minusSeconds(12 * 60))
                .setSummary(domain + " is now reported by " + az.value() + " as well: cross-border match, score 85.").build();
        s.add(topic, match);
        s.add(topic, DemoAlerts.related(match, CorrelationKind.URL_HOST, IndicatorType.URL, "http://" + domain + "/gate.php",
                null, "the URL's host").build());
        s.add(topic, DemoAlerts.related(match, CorrelationKind.URL_HOST, IndicatorType.URL, "https://" + domain + "/dl/kb5031.exe",
                null, "the URL's host").build());
        s.add(topic, DemoAlerts.related(match, CorrelationKind.SHARED_REFERENCE, IndicatorType.IPV4, "203.0.113.47",
                "incident:IR-2026-0042", "both in incident IR-2026-0042").build());
        s.add(topic, DemoAlerts.related(match, CorrelationKind.CO_SUBMITTED, IndicatorType.SHA256,
                "9f2b5c1e0d7a4b8c3e6f1a2d5b8c0e3f6a9d2c5b8e1f4a7d0c3b6e9f2a5d8c1b", null,
                "named together in one STIX pattern").build());
        s.add(topic, DemoAlerts.alert(ir, IndicatorType.URL, "https://login-portal.example/owa/auth.php")
                .setKind(AlertKind.NEW_INDICATOR).setTlp(Tlp.GREEN).setScore(74).setTags(List.of("phishing"))
                .setParties(List.of(az.value()))
                .setSummary("New url reported by " + az.value() + ": credential phishing against webmail, score 74.").build());
        s.add(topic, DemoAlerts.alert(ir, IndicatorType.IPV4, "192.0.2.200").setKind(AlertKind.REVOKED).setScore(20)
                .setTlp(Tlp.GREEN).setSummary("192.0.2.200 revoked by " + ir.value() + ": a sinkhole, not the C2.").build());
        return s;
    }

    private void add(DemoAlerts topic, Alert alert) throws Exception {
        alerts.add(topic.publish(alert));
    }
}
