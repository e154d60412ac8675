package org.caspianhub.streams.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caspianhub.streams.HubDriver.submission;

import java.util.ArrayList;
import java.util.List;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.AlertKind;
import org.caspianhub.avro.IndicatorSubmission;
import org.caspianhub.avro.Severity;
import org.caspianhub.avro.Tlp;
import org.caspianhub.streams.HubDriver;
import org.junit.jupiter.api.Test;

/** Alert ids are the idempotency key downstream: the same change to the same recipient has the same id. */
class AlertIdsTest {

    private static List<IndicatorSubmission> story() {
        return List.of(
                submission("same-story.net", Tlp.GREEN),
                submission("same-story.net", Tlp.AMBER),
                submission("same-story.net").setSeverity(Severity.CRITICAL).build(),
                submission("https://same-story.net/x", Tlp.GREEN));
    }

    private static List<Alert> replay(List<IndicatorSubmission> submissions) {
        try (HubDriver hub = new HubDriver()) {
            hub.submit("ir", submissions.get(0));
            hub.submit("az", submissions.get(1));
            hub.submit("ir", submissions.get(2));
            hub.submit("az", submissions.get(3));
            List<Alert> all = new ArrayList<>();
            for (String party : List.of("ir", "az", "kz")) {
                all.addAll(hub.alerts(party));
            }
            return all;
        }
    }

    @Test
    void replayingTheSameSubmissionsGivesTheSameAlertIds() {
        List<IndicatorSubmission> submissions = story();

        List<Alert> first = replay(submissions);
        List<Alert> second = replay(submissions);

        assertThat(first).hasSizeGreaterThan(5);
        assertThat(second).extracting(Alert::getAlertId).containsExactlyElementsOf(
                first.stream().map(Alert::getAlertId).toList());
        assertThat(first).extracting(Alert::getAlertId).doesNotHaveDuplicates();
    }

    @Test
    void idsDifferPerRecipientChangeAndKindAndAreUuids() {
        String a = AlertIds.forChange("ir", "domain:x.net", 1, AlertKind.NEW_INDICATOR);
        assertThat(AlertIds.forChange("ir", "domain:x.net", 1, AlertKind.NEW_INDICATOR)).isEqualTo(a);
        assertThat(AlertIds.forChange("az", "domain:x.net", 1, AlertKind.NEW_INDICATOR)).isNotEqualTo(a);
        assertThat(AlertIds.forChange("ir", "domain:x.net", 2, AlertKind.NEW_INDICATOR)).isNotEqualTo(a);
        assertThat(AlertIds.forChange("ir", "domain:x.net", 1, AlertKind.UPDATED)).isNotEqualTo(a);
        assertThat(AlertIds.forRelation("ir", "c-1")).isNotEqualTo(AlertIds.forRelation("az", "c-1"));
        assertThat(java.util.UUID.fromString(a).toString()).isEqualTo(a);
    }
}
