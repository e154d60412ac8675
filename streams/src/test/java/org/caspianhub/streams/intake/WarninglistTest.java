package org.caspianhub.streams.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caspianhub.streams.HubDriver.submission;

import java.util.List;
import org.caspianhub.avro.CorrelationKind;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Tlp;
import org.caspianhub.streams.HubDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stage 2: values on a MISP warninglist are kept and marked with the list's name, and never alerted. */
class WarninglistTest {

    private final HubDriver hub = new HubDriver();

    @AfterEach
    void close() {
        hub.close();
    }

    @Test
    void aPublicResolverIsKeptMarkedAndNeverAlerted() {
        hub.submit("ir", submission("8.8.8.8", Tlp.GREEN));
        hub.submit("az", submission("8.8.8.8", Tlp.GREEN));

        for (String party : List.of("ir", "az", "kz")) {
            assertThat(hub.alerts(party)).isEmpty();
        }
        var indicator = hub.state(IndicatorType.IPV4, "8.8.8.8").getIndicator();
        assertThat(indicator.getWarninglists()).isNotEmpty();
        assertThat(indicator.getContributions()).containsOnlyKeys("ir", "az");
        assertThat(hub.published()).last().satisfies(i -> assertThat(i.getWarninglists()).isNotEmpty());
        assertThat(hub.metrics.count("caspian.warninglisted", "list", indicator.getWarninglists().get(0)))
                .isEqualTo(2);
        // a match on a warninglisted value is not a cross-border match worth telling anyone
        assertThat(hub.correlations()).noneMatch(c -> c.getKind() == CorrelationKind.CROSS_PARTY_MATCH);
    }

    @Test
    void aWarninglistedDomainNeverRelatesToTheUrlsReportedOnIt() {
        hub.submit("ir", submission("10.1.2.3", Tlp.GREEN));
        hub.submit("ir", submission("google.com", Tlp.GREEN));
        // a page on a top domain may be malicious (an open redirect): it is not on a list itself
        hub.submit("ir", submission("https://www.google.com/url?q=https://caspian-phish.net", Tlp.GREEN));

        assertThat(hub.alerts("ir")).singleElement().satisfies(a -> {
            assertThat(a.getType()).isEqualTo(IndicatorType.URL);
            assertThat(a.getKind()).isEqualTo(org.caspianhub.avro.AlertKind.NEW_INDICATOR);
        });
        assertThat(hub.correlations()).isEmpty();
        assertThat(hub.state(IndicatorType.IPV4, "10.1.2.3").getIndicator().getWarninglists()).isNotEmpty();
    }
}
