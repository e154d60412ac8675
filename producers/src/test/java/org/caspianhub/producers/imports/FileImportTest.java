package org.caspianhub.producers.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.caspianhub.avro.IndicatorType;
import org.caspianhub.avro.Severity;
import org.caspianhub.avro.Tlp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MISP events, CSV, text blocklists and format detection, read from real files. */
class FileImportTest {

    @TempDir
    Path dir;

    private List<ImportEntry> read(ImportReader reader, String content, ImportDefaults defaults) throws Exception {
        Path file = dir.resolve("input");
        Files.writeString(file, content);
        List<ImportEntry> entries = new ArrayList<>();
        reader.read(file, defaults, entries::add);
        return entries;
    }

    private static <T extends ImportEntry> List<T> only(List<ImportEntry> entries, Class<T> kind) {
        return entries.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    static final String MISP_EVENT = """
            {"Event": {
              "uuid": "5e6b7c1a-1111-4f00-9000-000000000001", "info": "Phishing wave", "threat_level_id": "1",
              "Attribute": [
                {"uuid": "a-1", "type": "ip-dst", "value": "203.0.113.10", "to_ids": true},
                {"uuid": "a-2", "type": "domain", "value": "evil.example", "to_ids": false},
                {"uuid": "a-3", "type": "filename|sha256", "value": "x.exe|e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "to_ids": true,
                 "Tag": [{"name": "tlp:red"}]},
                {"uuid": "a-4", "type": "regkey", "value": "HKLM\\\\x", "to_ids": true},
                {"uuid": "a-5", "type": "domain|ip", "value": "c2.example|198.51.100.7", "to_ids": true, "distribution": "0"}
              ],
              "Object": [{"name": "url", "uuid": "o-1", "Attribute": [
                {"uuid": "a-6", "type": "url", "value": "http://c2.example/gate.php", "to_ids": true},
                {"uuid": "a-7", "type": "hostname", "value": "c2.example", "to_ids": true}]}],
              "distribution": "1",
              "Tag": [{"name": "tlp:green"}, {"name": "apt-x"}]
            }}
            """;

    @Test
    void mispEventsKeepDetectionAttributesWithTheirTlpGroupsAndEventReference() throws Exception {
        List<ImportEntry> entries = read(new MispEventReader(), MISP_EVENT, ImportDefaults.tlp(Tlp.AMBER));
        List<ImportEntry.Candidate> c = only(entries, ImportEntry.Candidate.class);
        assertThat(c).extracting(e -> e.item().value()).containsExactly("203.0.113.10",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "c2.example", "198.51.100.7",
                "http://c2.example/gate.php", "c2.example");
        assertThat(c.get(0).item().tlp()).as("the event's tlp tag, read although it comes after the attributes")
                .isEqualTo(Tlp.GREEN);
        assertThat(c.get(1).item().tlp()).as("an attribute's own tag wins").isEqualTo(Tlp.RED);
        assertThat(c.get(1).item().type()).isEqualTo(IndicatorType.SHA256);
        assertThat(c.get(2).item().groupRef()).as("domain|ip gives two values of one group").isEqualTo("a-5");
        assertThat(c.get(3).item().groupRef()).isEqualTo("a-5");
        assertThat(c.get(4).item().groupRef()).as("a MISP object groups its attributes").isEqualTo("o-1");
        assertThat(c).allSatisfy(e -> {
            assertThat(e.item().references()).contains("misp-event:5e6b7c1a-1111-4f00-9000-000000000001");
            assertThat(e.item().tags()).contains("apt-x").doesNotContain("tlp:green");
            assertThat(e.item().severity()).isEqualTo(Severity.HIGH);
        });
        assertThat(only(entries, ImportEntry.Skipped.class)).extracting(ImportEntry::location).containsExactly("attribute a-2");
        assertThat(only(entries, ImportEntry.Refused.class)).singleElement()
                .satisfies(r -> assertThat(r.reasons().get(0).code()).isEqualTo("unsupported_attribute_type"));
    }

    @Test
    void mispDistributionGivesTheTlpWhenNoTagDoes() {
        assertThat(MispEventReader.distributionTlp(0)).contains(Tlp.RED);
        assertThat(MispEventReader.distributionTlp(1)).contains(Tlp.AMBER);
        assertThat(MispEventReader.distributionTlp(3)).contains(Tlp.CLEAR);
        assertThat(MispEventReader.distributionTlp(5)).isEmpty();
    }

    @Test
    void csvRowsAreReadByHeaderAndABadCellRefusesOnlyItsRow() throws Exception {
        List<ImportEntry> entries = read(new CsvImportReader(), """
                Indicator,Type,TLP,Confidence,Tags,Valid_Until,Notes
                203.0.113.20,ipv4,green,70,scanner;ssh,2999-01-01T00:00:00Z,ignored
                evil.example,domain,purple,50,,,
                d41d8cd98f00b204e9800998ecf8427e,md5,,abc,,,
                "hxxp://bad[.]example/a,b",url,red,90,"x|y",,
                """, new ImportDefaults(Tlp.AMBER, 40, List.of("feed"), List.of()));
        List<ImportEntry.Candidate> c = only(entries, ImportEntry.Candidate.class);
        assertThat(c).extracting(e -> e.item().value()).containsExactly("203.0.113.20", "hxxp://bad[.]example/a,b");
        assertThat(c.get(0).item().tlp()).isEqualTo(Tlp.GREEN);
        assertThat(c.get(0).item().confidence()).isEqualTo(70);
        assertThat(c.get(0).item().tags()).containsExactly("feed", "scanner", "ssh");
        assertThat(c.get(0).item().validUntil()).isNotNull();
        assertThat(c.get(1).item().tags()).containsExactly("feed", "x", "y");
        List<ImportEntry.Refused> r = only(entries, ImportEntry.Refused.class);
        assertThat(r).extracting(ImportEntry::location).containsExactly("line 3", "line 4");
        assertThat(r.get(0).reasons()).extracting(e -> e.code()).containsExactly("invalid_tlp");
        assertThat(r.get(1).reasons()).extracting(e -> e.code()).containsExactly("not_an_integer");
    }

    @Test
    void csvWithoutAValueColumnIsRefusedAsAWhole() {
        assertThatThrownBy(() -> read(new CsvImportReader(), "ip,port\n1.2.3.4,80\n", ImportDefaults.tlp(Tlp.AMBER)))
                .isInstanceOf(ImportFormatException.class).hasMessageContaining("'value' column");
    }

    @Test
    void textListsSkipCommentsAndTakeTheFirstWordOrTheHostsFileName() throws Exception {
        List<ImportEntry> entries = read(new TextListReader(), """
                # Feodo tracker style
                ; another comment style

                203.0.113.30
                198.51.100.0/24 ; SBL123
                0.0.0.0 ads.example
                evil.example # trailing comment
                http://x.example/#frag
                """, ImportDefaults.tlp(Tlp.CLEAR));
        assertThat(only(entries, ImportEntry.Candidate.class)).extracting(e -> e.item().value())
                .containsExactly("203.0.113.30", "198.51.100.0/24", "ads.example", "evil.example", "http://x.example/#frag");
        assertThat(only(entries, ImportEntry.Candidate.class)).extracting(ImportEntry::location)
                .startsWith("line 4");
        assertThat(only(entries, ImportEntry.Candidate.class)).allSatisfy(e -> assertThat(e.item().tlp()).isEqualTo(Tlp.CLEAR));
    }

    @Test
    void detectsEachFormatFromItsContent() throws Exception {
        assertThat(detect("{\"type\": \"bundle\", \"objects\": []}", null)).isEqualTo(ImportFormat.STIX);
        assertThat(detect(MISP_EVENT, null)).isEqualTo(ImportFormat.MISP);
        assertThat(detect("{\"5e6b7c1a-1111-4f00-9000-000000000001\": {\"info\": \"x\", \"timestamp\": \"1\"}}", null))
                .isEqualTo(ImportFormat.MISP_MANIFEST);
        assertThat(detect("# list\nvalue,type\n1.2.3.4,ipv4\n", null)).isEqualTo(ImportFormat.CSV);
        assertThat(detect("1.2.3.4\n5.6.7.8\n", null)).isEqualTo(ImportFormat.TEXT);
        assertThat(detect("1.2.3.4\n", "text/csv")).isEqualTo(ImportFormat.CSV);
        assertThatThrownBy(() -> detect("[1, 2]", null)).isInstanceOf(ImportFormatException.class);
        assertThatThrownBy(() -> detect("{\"hello\": 1}", null)).hasMessageContaining("neither a STIX");
        assertThatThrownBy(() -> detect("{\"type\": ", null)).hasMessageContaining("malformed");
    }

    private ImportFormat detect(String content, String contentType) throws Exception {
        Path file = dir.resolve("detect");
        Files.writeString(file, content);
        return FormatDetector.detect(file, contentType);
    }
}
