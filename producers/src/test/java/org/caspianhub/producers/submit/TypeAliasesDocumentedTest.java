package org.caspianhub.producers.submit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caspianhub.avro.IndicatorType;
import org.junit.jupiter.api.Test;

/**
 * docs/api.md lists every spelling of {@code type} the gateway accepts ("hostname" for domain was
 * accepted and documented nowhere): each documented alias is read as its row's type, and every
 * alias the code knows is documented.
 */
class TypeAliasesDocumentedTest {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private record Row(List<String> canonical, List<String> aliases) {
    }

    private static List<Row> typeRows() throws Exception {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("..", "docs", "api.md"))) {
            String[] cells = line.split("\\|");
            // the alias table's rows; the field table's row says "optional" where the canonical names are
            if (line.startsWith("| `type` | ") && !cells[2].trim().equals("optional")) {
                rows.add(new Row(codes(cells[2]), codes(cells[3])));
            }
        }
        return rows;
    }

    private static List<String> codes(String cell) {
        List<String> out = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void everyDocumentedAliasIsReadAsItsRowsType() throws Exception {
        List<Row> rows = typeRows();
        assertThat(rows).isNotEmpty();
        for (Row row : rows) {
            Set<IndicatorType> types = new java.util.HashSet<>();
            for (String canonical : row.canonical()) {
                IndicatorType type = IndicatorType.valueOf(canonical.toUpperCase(Locale.ROOT));
                assertThat(Labels.type(canonical)).contains(type);
                types.add(type);
            }
            for (String alias : row.aliases()) {
                assertThat(Labels.type(alias)).as(alias).isPresent();
                assertThat(types).as(alias).contains(Labels.type(alias).get());
            }
        }
    }

    @Test
    void everyAliasTheGatewayAcceptsIsDocumented() throws Exception {
        Set<String> documented = new java.util.HashSet<>();
        for (Row row : typeRows()) {
            row.canonical().forEach(c -> documented.add(c.toLowerCase(Locale.ROOT).replace('-', '_')));
            row.aliases().forEach(a -> documented.add(a.toLowerCase(Locale.ROOT).replace('-', '_')));
        }
        List<String> candidates = List.of("ip", "ipv4_addr", "ipv4addr", "ipv6_addr", "ipv6addr", "domain_name", "hostname",
                "host", "fqdn", "email_addr", "email_address", "mail", "sha_1", "sha_256", "sha_512", "sha_224", "network", "prefix",
                "subnet", "ip_address", "uri", "link", "hash", "vulnerability", "as", "autonomous_system", "unknown");
        List<String> acceptedButUndocumented = candidates.stream()
                .filter(c -> Labels.type(c).isPresent() && !documented.contains(c)).toList();
        assertThat(acceptedButUndocumented).isEmpty();
        for (IndicatorType type : IndicatorType.values()) {
            if (type != IndicatorType.UNKNOWN) {
                assertThat(documented).contains(type.name().toLowerCase(Locale.ROOT));
            }
        }
    }
}
