package org.caspianhub.consumers.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Severity;
import org.caspianhub.avro.Tlp;
import org.caspianhub.consumers.testing.TestCertificates;
import org.caspianhub.parties.Parties;
import org.caspianhub.parties.PartyId;
import org.caspianhub.runtime.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubscriptionsFileTest {

    private static final String SECRET = "s3cr3t-hmac-key-of-32-bytes-long!";
    private static final DeliveryPolicy DEFAULTS = new DeliveryPolicy(8, Duration.ofSeconds(1), Duration.ofMinutes(5),
            Duration.ofSeconds(10), 64, Duration.ofMinutes(15), "earliest", Duration.ofHours(24));
    private final Parties parties = Parties.defaults();
    private final Settings settings = Settings.of(Map.of("IR_SOC_SECRET", SECRET));

    @Test
    void readsWebhookSyslogAndLogSubscriptionsWithFiltersAndDeliveryOverrides(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("az.key"), "another-key-for-azerbaijan-soc\n");
        Path file = dir.resolve("subscriptions.json");
        Files.writeString(file, """
                {"subscriptions": [
                  {"id": "ir-soc", "party": "ir",
                   "destination": {"type": "webhook", "url": "https://soc.example.ir/hooks/cti?token=abc", "format": "stix",
                                   "secretEnv": "IR_SOC_SECRET"},
                   "filter": {"types": ["ipv4", "DOMAIN"], "minScore": 50, "minSeverity": "medium", "tags": ["APT"],
                              "kinds": ["NEW_INDICATOR"], "maxTlp": "TLP:AMBER+STRICT"},
                   "delivery": {"maxAttempts": 3, "initialBackoff": "250ms", "timeout": "2s", "maxInFlight": 4,
                                "maxAge": "6h"}},
                  {"id": "az-soc", "party": "az",
                   "destination": {"type": "webhook", "url": "http://127.0.0.1:9000/", "secretFile": "az.key",
                                   "allowPrivateNetwork": true}},
                  {"id": "ir-siem", "party": "ir", "destination": {"type": "syslog", "host": "siem.example.ir", "port": 514,
                                                                  "facility": "local4", "hostname": "hub-1", "insecure": true}},
                  {"id": "az-log", "party": "az", "destination": {"type": "log"}},
                  {"id": "off", "party": "az", "enabled": false, "destination": {"type": "log"}}
                ]}
                """);

        List<Subscription> subscriptions = SubscriptionsFile.load(file, parties, DEFAULTS, settings);

        assertThat(subscriptions).extracting(Subscription::id).containsExactly("ir-soc", "az-soc", "ir-siem", "az-log");
        Subscription irSoc = subscriptions.get(0);
        assertThat(irSoc.party()).isEqualTo(PartyId.of("ir"));
        Destination.Webhook webhook = (Destination.Webhook) irSoc.destination();
        assertThat(webhook.format()).isEqualTo(WebhookFormat.STIX);
        assertThat(webhook.secret().reveal()).isEqualTo(SECRET);
        assertThat(irSoc.filter().types()).containsExactlyInAnyOrder(IndicatorType.IPV4, IndicatorType.DOMAIN);
        assertThat(irSoc.filter().minScore()).isEqualTo(50);
        assertThat(irSoc.filter().minSeverity()).isEqualTo(Severity.MEDIUM);
        assertThat(irSoc.filter().maxTlp()).isEqualTo(Tlp.AMBER_STRICT);
        assertThat(irSoc.policy().maxAttempts()).isEqualTo(3);
        assertThat(irSoc.policy().initialBackoff()).isEqualTo(Duration.ofMillis(250));
        assertThat(irSoc.policy().maxBackoff()).isEqualTo(DEFAULTS.maxBackoff());
        assertThat(irSoc.policy().maxInFlight()).isEqualTo(4);
        assertThat(irSoc.policy().maxAge()).isEqualTo(Duration.ofHours(6));
        assertThat(((Destination.Webhook) subscriptions.get(1).destination()).secret().reveal())
                .isEqualTo("another-key-for-azerbaijan-soc");
        assertThat(subscriptions.get(1).policy()).isEqualTo(DEFAULTS);
        Destination.Syslog syslog = (Destination.Syslog) subscriptions.get(2).destination();
        assertThat(syslog.facility()).isEqualTo(20);
        assertThat(syslog.hostname()).isEqualTo("hub-1");
        assertThat(subscriptions.get(3).destination()).isInstanceOf(Destination.Log.class);
    }

    @Test
    void secretsAndUrlTokensNeverAppearInWhatGetsLogged() {
        List<Subscription> subscriptions = parse("""
                [{"id": "ir-soc", "party": "ir",
                  "destination": {"type": "webhook", "url": "https://soc.example.ir/hooks?token=abc#x", "secretEnv": "IR_SOC_SECRET"}}]
                """);
        Subscription s = subscriptions.get(0);
        assertThat(s.toString()).doesNotContain(SECRET).doesNotContain("token=abc");
        assertThat(s.describe()).isEqualTo("ir-soc (ir) -> https://soc.example.ir/hooks (json), filter all");
    }

    @Test
    void aFilterConditionWrittenAsNullIsRefusedNotReadAsNoCondition() {
        assertThatThrownBy(() -> parse("""
                {"subscriptions": [
                  {"id": "soc", "party": "ir", "destination": {"type": "log"},
                   "filter": {"types": null, "minScore": null, "tags": null}}
                ]}
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subscriptions[0] (soc).filter.types: is null; leave the field out for no condition")
                .hasMessageContaining("subscriptions[0] (soc).filter.minScore: is null")
                .hasMessageContaining("subscriptions[0] (soc).filter.tags: is null");
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsPath() {
        assertThatThrownBy(() -> parse("""
                {"subscriptions": [
                  {"id": "a", "party": "kz", "destination": {"type": "webhook", "url": "ftp://x", "secretEnv": "NOT_SET"}},
                  {"id": "a", "party": "ir", "destination": {"type": "carrier-pigeon"}},
                  {"id": "c", "party": "ir", "destination": {"type": "syslog", "host": "siem", "tls": true},
                   "filter": {"minScore": 150, "types": ["IPV5"], "maxTlp": "PURPLE", "minScor": 1},
                   "delivery": {"maxAttempts": -1, "timeout": "soon"}}
                ]}
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subscriptions[0] (a).party: 'kz' is not a configured party")
                .hasMessageContaining("subscriptions[0] (a).destination.url: must be an absolute http or https URL")
                .hasMessageContaining("subscriptions[0] (a).destination.secretEnv: the environment variable NOT_SET is not set")
                .hasMessageContaining("subscriptions[1] (a).id: 'a' is used by another subscription")
                .hasMessageContaining("subscriptions[1] (a).destination.type: must be webhook, syslog or log, got 'carrier-pigeon'")
                .hasMessageContaining("subscriptions[2] (c).destination.port: is required")
                .hasMessageContaining("subscriptions[2] (c).filter.minScore: must be from 0 to 100, got 150")
                .hasMessageContaining("subscriptions[2] (c).filter.types[0]: must be one of")
                .hasMessageContaining("subscriptions[2] (c).filter.maxTlp: TLP must be one of")
                .hasMessageContaining("subscriptions[2] (c).filter.minScor: is not a known field")
                .hasMessageContaining("subscriptions[2] (c).delivery.maxAttempts: must be from 0 to 100000, got -1")
                .hasMessageContaining("subscriptions[2] (c).delivery.timeout: must be a duration");
    }

    @Test
    void syslogGoesOverTlsTrustingItsCaFileAndPlainTcpLeavesThisMachineOnlyWhenSaidInsecure(@TempDir Path dir) throws Exception {
        TestCertificates certificates = TestCertificates.create(dir, "dns:siem.example.ir");
        Files.writeString(dir.resolve("not-a-certificate.pem"), "-----BEGIN CERTIFICATE-----\nnonsense\n-----END CERTIFICATE-----\n");
        // a relative caFile is found next to the subscriptions file, like a secretFile
        List<Subscription> subscriptions = SubscriptionsFile.parse("""
                [{"id": "tls", "party": "ir", "destination": {"type": "syslog", "host": "siem.example.ir", "port": 6514,
                                                              "tls": true, "caFile": "%s"}},
                 {"id": "local", "party": "ir", "destination": {"type": "syslog", "host": "127.0.0.1", "port": 514}}]
                """.formatted(certificates.caFile().getFileName()), "test", parties, DEFAULTS, settings, dir);
        Destination.Syslog tls = (Destination.Syslog) subscriptions.get(0).destination();
        assertThat(tls.tls()).contains(new Destination.Syslog.Tls(java.util.Optional.of(certificates.caFile())));
        assertThat(tls.describe()).isEqualTo("syslog+tls://siem.example.ir:6514");
        assertThat(((Destination.Syslog) subscriptions.get(1).destination()).tls()).isEmpty();

        assertThatThrownBy(() -> parse("""
                [{"id": "plain", "party": "ir", "destination": {"type": "syslog", "host": "siem.example.ir", "port": 514}},
                 {"id": "bad-ca", "party": "ir", "destination": {"type": "syslog", "host": "siem.example.ir", "port": 6514,
                                                                 "tls": true, "caFile": "%s"}},
                 {"id": "ca-without-tls", "party": "ir", "destination": {"type": "syslog", "host": "127.0.0.1", "port": 514,
                                                                         "caFile": "%s"}},
                 {"id": "tls-insecure", "party": "ir", "destination": {"type": "syslog", "host": "siem.example.ir", "port": 6514,
                                                                       "tls": true, "insecure": true}}]
                """.formatted(dir.resolve("not-a-certificate.pem"), certificates.caFile())))
                .hasMessageContaining("subscriptions[0] (plain).destination: plain TCP syslog to siem.example.ir would send "
                        + "alerts readable by anyone on the way; add \"tls\": true")
                .hasMessageContaining("subscriptions[1] (bad-ca).destination.caFile: cannot read certificates from "
                        + dir.resolve("not-a-certificate.pem"))
                .hasMessageContaining("subscriptions[2] (ca-without-tls).destination.caFile: only for \"tls\": true")
                .hasMessageContaining("subscriptions[3] (tls-insecure).destination.insecure: only for plain TCP");
    }

    @Test
    void aWebhookNeedsAStrongEnoughSecretAndNoCredentialsInItsUrl() {
        Settings weak = Settings.of(Map.of("SHORT", "tooshort"));
        assertThatThrownBy(() -> SubscriptionsFile.parse("""
                [{"id": "x", "party": "ir", "destination": {"type": "webhook", "url": "https://h/", "secretEnv": "SHORT"}}]
                """, "test", parties, DEFAULTS, weak, null))
                .hasMessageContaining("at least 16 bytes")
                .hasMessageNotContaining("tooshort");
        assertThatThrownBy(() -> parse("""
                [{"id": "x", "party": "ir", "destination": {"type": "webhook", "url": "https://user:pw@h/"}}]
                """))
                .hasMessageContaining("must not carry credentials")
                .hasMessageContaining("exactly one of secretEnv")
                .hasMessageNotContaining("pw@");
    }

    @Test
    void plainHttpIsAcceptedOnlyToThisMachineOrWhenTheEntrySaysInsecure() {
        assertThatThrownBy(() -> parse("""
                [{"id": "x", "party": "ir", "destination": {"type": "webhook", "url": "http://soc.example.ir/hooks",
                  "secretEnv": "IR_SOC_SECRET"}}]
                """))
                .hasMessageContaining("subscriptions[0] (x).destination.url: plain http to soc.example.ir")
                .hasMessageContaining("\"insecure\": true");
        for (String local : List.of("http://localhost:9000/h", "http://127.0.0.1:9000/h", "http://127.8.9.10/h", "http://[::1]:9000/h")) {
            assertThat(parse("""
                    [{"id": "x", "party": "ir", "destination": {"type": "webhook", "url": "%s", "secretEnv": "IR_SOC_SECRET",
                      "allowPrivateNetwork": true}}]
                    """.formatted(local))).as(local).hasSize(1);
        }
        List<Subscription> trusted = parse("""
                [{"id": "x", "party": "ir", "destination": {"type": "webhook", "url": "http://soc.internal.ir/hooks",
                  "secretEnv": "IR_SOC_SECRET", "insecure": true}}]
                """);
        assertThat(((Destination.Webhook) trusted.get(0).destination()).url().getHost()).isEqualTo("soc.internal.ir");
        assertThatThrownBy(() -> parse("""
                [{"id": "x", "party": "ir", "destination": {"type": "webhook", "url": "http://soc.internal.ir/hooks",
                  "secretEnv": "IR_SOC_SECRET", "insecure": "yes"}}]
                """)).hasMessageContaining("subscriptions[0] (x).destination.insecure: must be true or false");
    }

    @Test
    void aLoopbackLinkLocalOrPrivateAddressNeedsTheOperatorsAllowFlag() {
        for (String inside : List.of("https://127.0.0.1:9000/h", "https://169.254.169.254/latest/meta-data/", "https://10.1.2.3/h",
                "https://192.168.0.5/h", "https://[fd00::1]/h", "https://[::ffff:10.0.0.1]/h", "https://100.64.0.1/h")) {
            assertThatThrownBy(() -> parse("""
                    [{"id": "x", "party": "ir", "destination": {"type": "webhook", "url": "%s", "secretEnv": "IR_SOC_SECRET"}}]
                    """.formatted(inside))).as(inside)
                    .hasMessageContaining("subscriptions[0] (x).destination.url:")
                    .hasMessageContaining("\"allowPrivateNetwork\": true");
            Destination.Webhook allowed = (Destination.Webhook) parse("""
                    [{"id": "x", "party": "ir", "destination": {"type": "webhook", "url": "%s", "secretEnv": "IR_SOC_SECRET",
                      "allowPrivateNetwork": true}}]
                    """.formatted(inside)).get(0).destination();
            assertThat(allowed.allowPrivateNetwork()).as(inside).isTrue();
        }
        assertThat(((Destination.Webhook) parse("""
                [{"id": "x", "party": "ir", "destination": {"type": "webhook", "url": "https://198.51.100.7/h", "secretEnv": "IR_SOC_SECRET"}}]
                """).get(0).destination()).allowPrivateNetwork()).isFalse();
    }

    @Test
    void aWebhookIsShownWithItsFirstPathSegmentOnlySinceTheRestMayBeItsSecret() {
        assertThat(describe("https://hooks.slack.com/services/T0001/B0002/XXXXsecretXXXX")).isEqualTo("https://hooks.slack.com/services/… (json)");
        assertThat(describe("https://soc.example.ir:8443/hooks/cti?token=abc#frag")).isEqualTo("https://soc.example.ir:8443/hooks/… (json)");
        assertThat(describe("https://soc.example.ir/hooks?token=abc")).isEqualTo("https://soc.example.ir/hooks (json)");
        assertThat(describe("https://soc.example.ir/hooks/")).isEqualTo("https://soc.example.ir/hooks/ (json)");
        assertThat(describe("https://soc.example.ir")).isEqualTo("https://soc.example.ir/ (json)");
        Destination.Webhook slack = (Destination.Webhook) parse("""
                [{"id": "x", "party": "ir", "destination": {"type": "webhook",
                  "url": "https://hooks.slack.com/services/T0001/B0002/XXXXsecretXXXX?a=b", "secretEnv": "IR_SOC_SECRET"}}]
                """).get(0).destination();
        assertThat(slack.redact("HTTP 404: no hook at /services/T0001/B0002/XXXXsecretXXXX?a=b"))
                .isEqualTo("HTTP 404: no hook at /services/…?…");
        assertThat(slack.redact("I/O error: https://hooks.slack.com/services/T0001/B0002/XXXXsecretXXXX?a=b refused"))
                .isEqualTo("I/O error: https://hooks.slack.com/services/… refused");
    }

    private String describe(String url) {
        return parse("""
                [{"id": "x", "party": "ir", "destination": {"type": "webhook", "url": "%s", "secretEnv": "IR_SOC_SECRET"}}]
                """.formatted(url)).get(0).destination().describe();
    }

    @Test
    void malformedJsonSaysWhere() {
        assertThatThrownBy(() -> parse("{\"subscriptions\": [}"))
                .hasMessageContaining("is not valid JSON").hasMessageContaining("line 1");
    }

    private List<Subscription> parse(String json) {
        return SubscriptionsFile.parse(json, "test", parties, DEFAULTS, settings, null);
    }
}
